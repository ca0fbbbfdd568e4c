// The `app://fleetlab/...` protocol: serves the built renderer directory to the window.
// Registered with protocol.handle('app', handler) in main/app.ts; the file reader is a
// parameter, so tests serve an in-memory tree.
import path from 'node:path';
import { APP_HOST, APP_SCHEME } from './ipc/contract.js';
import { CONTENT_SECURITY_POLICY } from './security.js';

/** Reads a file by absolute path; resolves to null when it does not exist (or is a directory). */
export type FileReader = (absolutePath: string) => Promise<Uint8Array | null>;

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.cjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.yaml': 'application/yaml; charset=utf-8',
  '.yml': 'application/yaml; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.wasm': 'application/wasm',
};

export function contentTypeFor(filePath: string): string {
  return CONTENT_TYPES[path.extname(filePath).toLowerCase()] ?? 'application/octet-stream';
}

export interface AppProtocolOptions {
  /** Absolute path of the built renderer directory (e.g. out/renderer). */
  root: string;
  readFile: FileReader;
  /** Defaults to CONTENT_SECURITY_POLICY. */
  contentSecurityPolicy?: string;
  /** Path module to resolve with (tests may pass path.posix / path.win32). */
  pathModule?: path.PlatformPath;
}

/**
 * Maps a URL path (`/assets/a%20b.js`) to a file under `root`, or null if the path is not
 * acceptable: undecodable escapes, NUL, backslashes, encoded slashes, `.`/`..` segments
 * (literal or percent-encoded), drive letters, or anything resolving outside `root`.
 */
export function resolveUnderRoot(root: string, urlPath: string, p: path.PlatformPath = path): string | null {
  if (!urlPath.startsWith('/')) return null;
  const segments: string[] = [];
  const raw = urlPath.slice(1).split('/');
  for (let i = 0; i < raw.length; i++) {
    const encoded = raw[i]!;
    let segment: string;
    try {
      segment = decodeURIComponent(encoded);
    } catch {
      return null;
    }
    if (segment === '') {
      if (i === raw.length - 1) continue; // trailing slash: directory → index.html below
      return null; // `//` in the middle
    }
    if (segment === '.' || segment === '..' || /[/\\\0:]/.test(segment)) return null;
    // eslint-disable-next-line no-control-regex
    if (/[\x00-\x1f\x7f]/.test(segment)) return null;
    segments.push(segment);
  }
  if (segments.length === 0 || urlPath.endsWith('/')) segments.push('index.html');
  const resolvedRoot = p.resolve(root);
  const full = p.resolve(resolvedRoot, ...segments);
  const rel = p.relative(resolvedRoot, full);
  if (rel === '' || rel.startsWith('..') || p.isAbsolute(rel)) return null;
  return full;
}

/** What the handler reads from a request (Electron passes a full GlobalRequest). */
export type ProtocolRequest = Pick<Request, 'url' | 'method'>;

/** A protocol handler (Request → Response) for `app://fleetlab/...`. */
export function createAppProtocolHandler(options: AppProtocolOptions): (request: ProtocolRequest) => Promise<Response> {
  const csp = options.contentSecurityPolicy ?? CONTENT_SECURITY_POLICY;
  const p = options.pathModule ?? path;
  const baseHeaders = (): Headers =>
    new Headers({
      'Content-Security-Policy': csp,
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'no-cache',
    });
  const plain = (status: number, text: string, extra: Record<string, string> = {}, head = false): Response => {
    const headers = baseHeaders();
    headers.set('Content-Type', 'text/plain; charset=utf-8');
    for (const [k, v] of Object.entries(extra)) headers.set(k, v);
    return new Response(head ? null : text, { status, headers });
  };

  return async (request: ProtocolRequest): Promise<Response> => {
    const method = request.method.toUpperCase();
    if (method !== 'GET' && method !== 'HEAD') return plain(405, 'Method Not Allowed', { Allow: 'GET, HEAD' });
    const head = method === 'HEAD';
    let url: URL;
    try {
      url = new URL(request.url);
    } catch {
      return plain(400, 'Bad Request', {}, head);
    }
    if (url.protocol !== `${APP_SCHEME}:` || url.host.toLowerCase() !== APP_HOST || url.username !== '' || url.password !== '') {
      return plain(404, 'Not Found', {}, head);
    }
    const file = resolveUnderRoot(options.root, url.pathname, p);
    if (file === null) return plain(403, 'Forbidden', {}, head);
    let bytes: Uint8Array | null;
    try {
      bytes = await options.readFile(file);
    } catch {
      return plain(500, 'Internal Server Error', {}, head);
    }
    if (bytes === null) return plain(404, 'Not Found', {}, head);
    const headers = baseHeaders();
    headers.set('Content-Type', contentTypeFor(file));
    headers.set('Content-Length', String(bytes.byteLength));
    return new Response(head ? null : (bytes as Uint8Array<ArrayBuffer>), { status: 200, headers });
  };
}

interface ReadFileFs {
  readFile(path: string): Promise<Uint8Array>;
}

/** A FileReader over node:fs/promises: missing files and directories read as null. */
export function nodeFileReader(fs: ReadFileFs): FileReader {
  return async (absolutePath) => {
    try {
      return await fs.readFile(absolutePath);
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      if (code === 'ENOENT' || code === 'EISDIR' || code === 'ENOTDIR') return null;
      throw error;
    }
  };
}
