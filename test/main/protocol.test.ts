import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { contentTypeFor, createAppProtocolHandler, nodeFileReader, resolveUnderRoot } from '../../main/protocol.js';
import { CONTENT_SECURITY_POLICY } from '../../main/security.js';

const ROOT = '/app/out/renderer';
const enc = new TextEncoder();
const tree: Record<string, string> = {
  [`${ROOT}/index.html`]: '<!doctype html><title>fleetlab</title>',
  [`${ROOT}/assets/index-abc.js`]: 'console.log(1)',
  [`${ROOT}/assets/index-abc.css`]: 'body{}',
  [`${ROOT}/assets/worker.mjs`]: 'self.x=1',
  [`${ROOT}/assets/logo.svg`]: '<svg/>',
  [`${ROOT}/assets/a b.png`]: 'PNG',
  [`${ROOT}/assets/engine.wasm`]: 'WASM',
  [`${ROOT}/assets/font.woff2`]: 'WOFF2',
  [`${ROOT}/data.bin`]: 'BIN',
  '/etc/passwd': 'root:x:0:0',
  '/app/out/secret.txt': 'secret',
};

function setup() {
  const readFile = vi.fn(async (p: string) => (p in tree ? enc.encode(tree[p]!) : null));
  const handler = createAppProtocolHandler({ root: ROOT, readFile, pathModule: path.posix });
  return { handler, readFile };
}

// A plain object: `new Request()` refuses URLs with credentials, Electron's requests need not.
const get = (url: string, method = 'GET') => ({ url, method });

describe('app:// protocol handler', () => {
  it.each([
    ['app://fleetlab/', 'index.html', 'text/html; charset=utf-8'],
    ['app://fleetlab/index.html', 'index.html', 'text/html; charset=utf-8'],
    ['app://fleetlab/assets/index-abc.js', 'assets/index-abc.js', 'text/javascript; charset=utf-8'],
    ['app://fleetlab/assets/index-abc.css', 'assets/index-abc.css', 'text/css; charset=utf-8'],
    ['app://fleetlab/assets/worker.mjs?v=1#x', 'assets/worker.mjs', 'text/javascript; charset=utf-8'],
    ['app://fleetlab/assets/logo.svg', 'assets/logo.svg', 'image/svg+xml'],
    ['app://fleetlab/assets/a%20b.png', 'assets/a b.png', 'image/png'],
    ['app://fleetlab/assets/engine.wasm', 'assets/engine.wasm', 'application/wasm'],
    ['app://fleetlab/assets/font.woff2', 'assets/font.woff2', 'font/woff2'],
    ['app://fleetlab/data.bin', 'data.bin', 'application/octet-stream'],
  ])('serves %s', async (url, rel, type) => {
    const { handler } = setup();
    const res = await handler(get(url));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(type);
    expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await res.text()).toBe(tree[`${ROOT}/${rel}`]);
    expect(res.headers.get('content-length')).toBe(String(enc.encode(tree[`${ROOT}/${rel}`]!).byteLength));
  });

  it('accepts a real fetch Request', async () => {
    const { handler } = setup();
    const res = await handler(new Request('app://fleetlab/assets/index-abc.js'));
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('console.log(1)');
  });

  it('answers HEAD with headers and no body', async () => {
    const { handler } = setup();
    const res = await handler(get('app://fleetlab/index.html', 'HEAD'));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(await res.text()).toBe('');
  });

  it.each(['POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'])('%s → 405 with Allow and CSP', async (method) => {
    const { handler, readFile } = setup();
    const res = await handler(get('app://fleetlab/index.html', method));
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('GET, HEAD');
    expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(readFile).not.toHaveBeenCalled();
  });

  it.each([
    'app://evil/index.html',
    'app://fleetlab.evil/index.html',
    'app://fleetlab:8080/index.html',
    'app://user@fleetlab/index.html',
    'app://user:pw@fleetlab/index.html',
    'https://fleetlab/index.html',
  ])('wrong host or scheme %s → 404', async (url) => {
    const { handler, readFile } = setup();
    const res = await handler(get(url));
    expect(res.status).toBe(404);
    expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(readFile).not.toHaveBeenCalled();
  });

  it.each([
    'app://fleetlab/../etc/passwd',
    'app://fleetlab/../../../../etc/passwd',
    'app://fleetlab/assets/../../secret.txt',
    'app://fleetlab/%2e%2e/%2e%2e/%2e%2e/etc/passwd',
    'app://fleetlab/%2e%2e%2f%2e%2e%2f%2e%2e%2fetc%2fpasswd',
    'app://fleetlab/%2E%2E%2Fsecret.txt',
    'app://fleetlab/..%2fsecret.txt',
    'app://fleetlab/..%5csecret.txt',
    'app://fleetlab/..%5c..%5cetc%5cpasswd',
    'app://fleetlab/assets\\..\\..\\secret.txt',
    'app://fleetlab/index.html%00.png',
    'app://fleetlab/%00',
    'app://fleetlab/assets/%zz.js',
    'app://fleetlab//etc/passwd',
    'app://fleetlab/%2fetc%2fpasswd',
    'app://fleetlab/C:%5cWindows%5cwin.ini',
    'app://fleetlab/%252e%252e%252fsecret.txt',
  ])('never serves outside the root: %s', async (url) => {
    const { handler, readFile } = setup();
    const res = await handler(get(url));
    expect([403, 404]).toContain(res.status);
    expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    const body = await res.text();
    expect(body).not.toContain('root:x');
    expect(body).not.toContain('secret');
    for (const [p] of readFile.mock.calls) expect(p.startsWith(`${ROOT}/`)).toBe(true);
  });

  it('missing files → 404, reader failure → 500', async () => {
    const { handler } = setup();
    expect((await handler(get('app://fleetlab/nope.js'))).status).toBe(404);
    const failing = createAppProtocolHandler({
      root: ROOT,
      readFile: async () => {
        throw new Error('EIO');
      },
      pathModule: path.posix,
    });
    const res = await failing(get('app://fleetlab/index.html'));
    expect(res.status).toBe(500);
    expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
  });
});

describe('resolveUnderRoot', () => {
  it('resolves plain paths and directories to index.html', () => {
    expect(resolveUnderRoot(ROOT, '/', path.posix)).toBe(`${ROOT}/index.html`);
    expect(resolveUnderRoot(ROOT, '/assets/', path.posix)).toBe(`${ROOT}/assets/index.html`);
    expect(resolveUnderRoot(ROOT, '/assets/x.js', path.posix)).toBe(`${ROOT}/assets/x.js`);
  });
  it('refuses Windows escapes with win32 paths', () => {
    const root = 'C:\\app\\out\\renderer';
    expect(resolveUnderRoot(root, '/assets/x.js', path.win32)).toBe('C:\\app\\out\\renderer\\assets\\x.js');
    expect(resolveUnderRoot(root, '/..%5c..%5csecret', path.win32)).toBeNull();
    expect(resolveUnderRoot(root, '/D:%5csecret', path.win32)).toBeNull();
    expect(resolveUnderRoot(root, '/D:', path.win32)).toBeNull();
    expect(resolveUnderRoot(root, '/%5c%5cserver%5cshare', path.win32)).toBeNull();
  });
  it('refuses relative paths', () => {
    expect(resolveUnderRoot(ROOT, 'index.html', path.posix)).toBeNull();
  });
});

describe('contentTypeFor and nodeFileReader', () => {
  it('is case-insensitive on extensions', () => {
    expect(contentTypeFor('/x/INDEX.HTML')).toBe('text/html; charset=utf-8');
    expect(contentTypeFor('/x/noext')).toBe('application/octet-stream');
  });
  it('maps missing files and directories to null and rethrows other errors', async () => {
    const err = (code: string) => Object.assign(new Error(code), { code });
    const reader = nodeFileReader({
      readFile: async (p) => {
        if (p === '/ok') return enc.encode('ok');
        if (p === '/dir') throw err('EISDIR');
        if (p === '/eacces') throw err('EACCES');
        throw err('ENOENT');
      },
    });
    expect(await reader('/ok')).toEqual(enc.encode('ok'));
    expect(await reader('/missing')).toBeNull();
    expect(await reader('/dir')).toBeNull();
    await expect(reader('/eacces')).rejects.toThrow('EACCES');
  });
});
