// Bundles the preload into one CommonJS file, out/preload/index.cjs.
// A sandboxed preload can only `require('electron')` (and a few Node built-ins), so the
// contract and zod must be inlined, and it cannot be ESM (package.json has "type": "module").
// Usage: node main/build-preload.mjs [OUT_DIR]   (default out/preload)
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const root = fileURLToPath(new URL('..', import.meta.url));
const outDir = path.resolve(process.argv[2] ?? path.join(root, 'out/preload'));

await build({
  configFile: false,
  root,
  logLevel: 'warn',
  build: {
    outDir,
    emptyOutDir: true,
    minify: false,
    sourcemap: false,
    target: 'es2022',
    reportCompressedSize: false,
    copyPublicDir: false,
    lib: {
      entry: 'main/preload/index.ts',
      formats: ['cjs'],
      fileName: () => 'index.cjs',
    },
    rolldownOptions: {
      external: ['electron'],
    },
  },
});
