// The renderer build (web mode and the Electron renderer share it): root renderer/, output out/renderer.
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin, type UserConfig } from 'vite';
import { CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY_META } from './main/csp.js';

const here = fileURLToPath(new URL('.', import.meta.url));

/** Adds the app's CSP (main/csp.js) as a meta tag to the built index.html only — `vite preview`
 *  also sends it as a header; the dev server sends none (its React refresh preamble is inline). */
function cspMeta(): Plugin {
  return {
    name: 'fleetlab-csp-meta',
    apply: 'build',
    transformIndexHtml: () => [{ tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: CONTENT_SECURITY_POLICY_META }, injectTo: 'head-prepend' }],
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
    preview: { host: '127.0.0.1', port: 5180, headers: { 'Content-Security-Policy': CONTENT_SECURITY_POLICY } },
  };
}

export default defineConfig(rendererConfig());
