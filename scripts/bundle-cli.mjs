// Bundles the compiled CLI (dist/sim-engine/cli/main.js, from tsc) with its dependencies into
// dist/sim-engine/cli-bundle/ with esbuild, so `fleetlab` resolves and reads a few files instead of
// ~150. Code splitting keeps each command's lazy `import()` lazy: the entry holds commander and
// the command table; `run`, `inspect`, Parquet, … are chunks loaded when needed. Run by
// `npm run build:cli` (and so by `prepare` on install). bin/fleetlab.js uses the bundle when it
// exists, else the tsc build; without esbuild (e.g. dev dependencies omitted) this says so and
// leaves the tsc build in use.
import { existsSync, rmSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const entry = `${root}dist/sim-engine/cli/main.js`;
// The same depth as dist/sim-engine/cli/, so cli/common.ts finds scenarios/ at ../../../scenarios.
const outdir = `${root}dist/sim-engine/cli-bundle`;

let esbuild;
try {
  esbuild = await import('esbuild');
} catch {
  rmSync(outdir, { recursive: true, force: true }); // never leave a stale bundle in front of a fresh tsc build
  console.log('bundle-cli: esbuild is not installed; the CLI runs from the tsc build in dist/ (slower start-up)');
  process.exit(0);
}
if (!existsSync(entry)) {
  console.error(`bundle-cli: ${entry} is missing; run tsc -p sim-engine/tsconfig.cli.json first`);
  process.exit(1);
}

/**
 * zod's `z.locales` / `z.core.locales` namespaces pull in the error messages of ~50 languages
 * (~290 kB of the bundle, ~5–10 ms of parsing per `fleetlab run`). fleetlab words every issue
 * itself (scenario/messages.ts) and never switches zod's locale, so the bundle keeps English only.
 */
const zodEnglishOnly = {
  name: 'zod-english-only',
  setup(build) {
    build.onResolve({ filter: /\/locales\/index\.js$/ }, (args) =>
      /[\\/]node_modules[\\/]zod[\\/]/.test(args.importer) ? { path: fileURLToPath(new URL('../locales/en.js', pathToFileURL(args.importer))), namespace: 'zod-locales' } : undefined);
    build.onLoad({ filter: /.*/, namespace: 'zod-locales' }, (args) => ({ contents: `export { default as en } from ${JSON.stringify(args.path)};`, resolveDir: root }));
  },
};

rmSync(outdir, { recursive: true, force: true });
await esbuild.build({
  entryPoints: { main: entry },
  outdir,
  outExtension: { '.js': '.mjs' },
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // Identifiers and whitespace only: names stay readable in stack traces (FLEETLAB_DEBUG=1).
  minifyWhitespace: true,
  minifySyntax: true,
  legalComments: 'none',
  logLevel: 'warning',
  plugins: [zodEnglishOnly],
  // CommonJS dependencies (commander, cli-table3, papaparse) `require` Node built-ins.
  banner: { js: "import { createRequire as __fleetlabCreateRequire } from 'node:module'; const require = __fleetlabCreateRequire(import.meta.url);" },
});
