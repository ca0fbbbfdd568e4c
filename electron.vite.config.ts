// electron-vite: one config for the Electron main process, the preload and the renderer.
// Output layout (what main/app.ts expects): out/main/index.js (ESM), out/preload/index.cjs
// (CommonJS: a sandboxed preload cannot load ESM; zod and the contract are bundled in),
// out/renderer/ (the same build as web mode, from vite.config.ts).
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'electron-vite';
import { rendererConfig } from './vite.config';

const here = fileURLToPath(new URL('.', import.meta.url));
const renderer = rendererConfig();

export default defineConfig({
  main: {
    build: {
      outDir: resolve(here, 'out/main'),
      target: 'node20',
      rollupOptions: { input: { index: resolve(here, 'main/index.ts') }, output: { format: 'es', entryFileNames: '[name].js' } },
    },
  },
  preload: {
    build: {
      outDir: resolve(here, 'out/preload'),
      externalizeDeps: false,
      rollupOptions: { input: { index: resolve(here, 'main/preload/index.ts') }, external: ['electron'], output: { format: 'cjs', entryFileNames: '[name].cjs' } },
    },
  },
  renderer: {
    ...renderer,
    build: { ...renderer.build, rollupOptions: { input: resolve(here, 'renderer/index.html') } },
  },
});
