// Bundles the compiled CLI (dist/sim-engine/cli/main.js, from tsc) with its dependencies into
// dist/sim-engine/cli-bundle/ with esbuild, so `fleetlab` reads a few files instead of ~150:
//
// - main.mjs + chunks: ES modules, code-split, so each command's lazy `import()` stays lazy —
//   the entry holds commander and the command table (what `--help` needs), `run`, `inspect`,
//   Parquet, … are chunks loaded when needed;
// - cli.cjs + cli.cjs.cache: the whole CLI as one CommonJS file and a V8 code cache of it
//   (bytecode of every function the warm-up below ran), for the commands that load the engine
//   or the importers: compiling that code is a fifth of a short `fleetlab run`. Node 20 has no
//   compile cache for ES modules (`module.enableCompileCache` is Node ≥ 22.1), hence CommonJS.
//
// Run by `npm run build:cli` (and so by `prepare` on install). bin/fleetlab.js picks one of
// them, or the tsc build when the bundle is missing or older than it. Without esbuild (dev
// dependencies omitted) this says so and leaves the tsc build in use.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Script } from 'node:vm';

const root = fileURLToPath(new URL('..', import.meta.url));
const entry = join(root, 'dist/sim-engine/cli/main.js');
// The same depth as dist/sim-engine/cli/, so cli/common.ts finds scenarios/ at ../../../scenarios.
const outdir = join(root, 'dist/sim-engine/cli-bundle');
const cjsFile = join(outdir, 'cli.cjs');

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

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  // Whitespace and syntax only: identifiers keep their names in stack traces (FLEETLAB_DEBUG=1).
  minifyWhitespace: true,
  minifySyntax: true,
  legalComments: 'none',
  logLevel: 'warning',
  plugins: [zodEnglishOnly],
};

rmSync(outdir, { recursive: true, force: true });
await esbuild.build({
  ...common,
  entryPoints: { main: entry },
  outdir,
  outExtension: { '.js': '.mjs' },
  splitting: true,
  format: 'esm',
  // CommonJS dependencies (commander, cli-table3, papaparse) `require` Node built-ins.
  banner: { js: "import { createRequire as __fleetlabCreateRequire } from 'node:module'; const require = __fleetlabCreateRequire(import.meta.url);" },
});
await esbuild.build({
  ...common,
  entryPoints: [entry],
  outfile: cjsFile,
  format: 'cjs',
  // cli/common.ts locates scenarios/ from its own URL: here, the bundle file's.
  define: { 'import.meta.url': '__fleetlabUrl' },
  banner: { js: "const __fleetlabUrl = require('node:url').pathToFileURL(__filename).href;" },
});

// The code cache: load cli.cjs as bin/fleetlab.js does, run every command once (output
// discarded), then serialize the bytecode V8 compiled. V8 rejects the cache for another Node
// version or other flags (the CLI then compiles as usual); bin/fleetlab.js ignores a cache older
// than cli.cjs.
const cjsSource = readFileSync(cjsFile, 'utf8');
// vm.Script runs it without a dynamic-import callback: every import() must have become a require.
if (/\bimport\(/.test(cjsSource)) throw new Error('bundle-cli: cli.cjs still contains import(); bundle that module or load it another way');
const script = new Script(Module.wrap(cjsSource), { filename: cjsFile });
const mod = { exports: {} };
script.runInThisContext()(mod.exports, createRequire(cjsFile), mod, cjsFile, dirname(cjsFile));
const tmp = mkdtempSync(join(tmpdir(), 'fleetlab-bundle-'));
try {
  const oneDay = join(tmp, 'one-day.yaml');
  writeFileSync(oneDay, readFileSync(join(root, 'scenarios/default.yaml'), 'utf8').replace(/^horizon: .*$/m, 'horizon: 1d').replace(/^warmup: .*\n/m, ''));
  const sink = { stdout() {}, stderr() {} };
  for (const args of [
    ['--help'], ['run', '--help'],
    ['run', oneDay, '--quiet'], ['run', 'mmc', '--quiet', '--json', '--out', join(tmp, 'out')], ['run', 'philly', '--quiet'],
    ['inspect', join(root, 'scenarios/traces/philly-2017-10-02-week.csv')], ['inspect', join(root, 'scenarios/traces/NASA-iPSC-1993-3.1-cln.swf.gz'), '--json'],
    ['catalog'], ['policies'], ['schema'],
  ]) {
    const code = await mod.exports.main(args, sink);
    if (code !== 0) throw new Error(`bundle-cli: warm-up \`fleetlab ${args.join(' ')}\` exited ${code}`);
  }
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
writeFileSync(`${cjsFile}.cache`, script.createCachedData());
