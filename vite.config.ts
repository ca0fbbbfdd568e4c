// The renderer build (web mode and the Electron renderer share it): root renderer/, output out/renderer.
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin, type UserConfig } from 'vite';

const here = fileURLToPath(new URL('.', import.meta.url));

/** The Content-Security-Policy of the built app: no inline scripts, no eval. */
export const RENDERER_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "worker-src 'self' blob:",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

/** Adds the CSP meta tag to the built index.html only (the dev server's React refresh preamble is inline). */
function cspMeta(): Plugin {
  return {
    name: 'fleetlab-csp-meta',
    apply: 'build',
    transformIndexHtml: () => [{ tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: RENDERER_CSP }, injectTo: 'head-prepend' }],
  };
}

export function rendererConfig(): UserConfig {
  return {
    root: `${here}renderer`,
    base: './',
    plugins: [react(), cspMeta()],
    publicDir: false,
    build: {
      outDir: `${here}out/renderer`,
      emptyOutDir: true,
      minify: true,
      target: 'es2022',
      sourcemap: false,
      reportCompressedSize: false,
      chunkSizeWarningLimit: 2000,
      // Keep data files as separate assets (a CSP-safe fetch), never inlined as data: URLs.
      assetsInlineLimit: 0,
    },
    worker: { format: 'es' },
    server: { host: '127.0.0.1', port: 5180, fs: { allow: [here] } },
    preview: { host: '127.0.0.1', port: 5180 },
  };
}

export default defineConfig(rendererConfig());
