#!/usr/bin/env node
// Web mode: build the renderer (vite build → out/renderer) and serve it on
// http://127.0.0.1:$PORT (default 5180) with the app's Content-Security-Policy.
//
//   node scripts/web.js              build, then serve
//   node scripts/web.js --no-build   serve the existing out/renderer
//   PORT=0 node scripts/web.js       any free port (the URL line says which)
//   node scripts/web.js --dir=DIR    serve the built app in DIR instead (no build)
//
// Files are served as they are on disk: a `.gz` trace is sent as application/gzip
// without Content-Encoding, so the browser hands the app the compressed bytes.
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CONTENT_SECURITY_POLICY } from '../main/csp.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const dirArg = args.find((a) => a.startsWith('--dir='))?.slice(6);
const outDir = dirArg ? path.resolve(dirArg) : path.join(root, 'out', 'renderer');
const portArg = args.find((a) => a.startsWith('--port='))?.slice(7);
const port = Number(portArg ?? process.env.PORT ?? 5180);
const host = process.env.HOST ?? '127.0.0.1';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.yaml': 'text/yaml; charset=utf-8',
  '.yml': 'text/yaml; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.gz': 'application/gzip',
  '.wasm': 'application/wasm',
};

async function buildRenderer() {
  const { build } = await import('vite');
  const started = Date.now();
  await build({ configFile: path.join(root, 'vite.config.ts'), logLevel: 'warn' });
  console.log(`fleetlab web: built out/renderer in ${((Date.now() - started) / 1000).toFixed(1)}s`);
}

function resolveFile(urlPath) {
  let rel;
  try {
    rel = decodeURIComponent(urlPath.split('?')[0].split('#')[0]);
  } catch {
    return null;
  }
  if (rel.includes('\0')) return null;
  const file = path.resolve(outDir, `.${path.posix.normalize(rel)}`);
  if (file !== outDir && !file.startsWith(outDir + path.sep)) return null;
  if (existsSync(file) && statSync(file).isDirectory()) return path.join(file, 'index.html');
  return file;
}

function serve() {
  if (!existsSync(path.join(outDir, 'index.html'))) {
    console.error(`fleetlab web: ${path.join(outDir, 'index.html')} is missing — ${dirArg ? 'build into that directory first' : 'run without --no-build first'}.`);
    process.exit(1);
  }
  const server = createServer((req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD' }).end();
      return;
    }
    let file = resolveFile(req.url ?? '/');
    if (!file) {
      res.writeHead(400).end('bad path');
      return;
    }
    if (!existsSync(file)) {
      // Unknown routes get the app (single page); unknown assets a 404.
      if (path.extname(file)) {
        res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('not found');
        return;
      }
      file = path.join(outDir, 'index.html');
    }
    const ext = path.extname(file).toLowerCase();
    const headers = {
      'Content-Type': TYPES[ext] ?? 'application/octet-stream',
      'Content-Length': statSync(file).size,
      'Content-Security-Policy': CONTENT_SECURITY_POLICY,
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      'Cache-Control': ext === '.html' ? 'no-cache' : 'public, max-age=3600',
    };
    res.writeHead(200, headers);
    if (req.method === 'HEAD') res.end();
    else createReadStream(file).pipe(res);
  });
  server.on('error', (e) => {
    console.error(`fleetlab web: cannot listen on ${host}:${port}: ${e.message}${e.code === 'EADDRINUSE' ? ' (set PORT to another port)' : ''}`);
    process.exit(1);
  });
  server.listen(port, host, () => {
    const addr = server.address();
    console.log(`fleetlab web: http://${host}:${typeof addr === 'object' && addr ? addr.port : port}/`);
  });
  const stop = () => server.close(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

try {
  if (!args.includes('--no-build') && !dirArg) await buildRenderer();
  serve();
} catch (e) {
  console.error(`fleetlab web: build failed: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
}
