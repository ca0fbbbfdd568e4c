#!/usr/bin/env node
// Thin launcher. `npm install` (the `prepare` script, i.e. `npm run build:cli`) compiles the CLI
// to dist/ with tsc and bundles it into dist/sim-engine/cli-bundle/ with esbuild
// (scripts/bundle-cli.mjs): code-split ES modules (main.mjs), and one CommonJS file with a V8
// code cache (cli.cjs + cli.cjs.cache) for the commands.
// A bundle is used when it is not older than the tsc build (a bare `tsc` after it wins) and
// FLEETLAB_UNBUNDLED is unset; else the tsc build. `--version` is answered here, from package.json.
import { existsSync, readFileSync, statSync } from 'node:fs';
const argv = process.argv.slice(2);
const mtime = (u) => statSync(u, { throwIfNoEntry: false })?.mtimeMs ?? -1;
if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V')) {
  process.stdout.write(`${JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).version}\n`);
} else {
  const entry = new URL('../dist/sim-engine/cli/main.js', import.meta.url);
  const esm = new URL('../dist/sim-engine/cli-bundle/main.mjs', import.meta.url);
  const cjs = new URL('../dist/sim-engine/cli-bundle/cli.cjs', import.meta.url);
  const fresh = (u) => !process.env['FLEETLAB_UNBUNDLED'] && mtime(u) >= mtime(entry);
  let main;
  // The commands start faster from the code cache; help (commander and the command table only) from main.mjs.
  if (['run', 'inspect', 'catalog', 'policies', 'schema'].includes(argv[0]) && fresh(cjs)) main = await loadCached(cjs);
  else if (fresh(esm)) main = (await import(esm.href)).main;
  else if (existsSync(entry)) main = (await import(entry.href)).main;
  else {
    process.stderr.write('fleetlab: the CLI is not built yet; run `npm install` (or `npm run build:cli`) first.\n');
    process.exit(1);
  }
  process.exitCode = await main(argv);
}

/** cli.cjs's `main`, compiled with its code cache when the cache is at least as new as it. */
async function loadCached(url) {
  const [{ default: Module }, { Script }, { fileURLToPath }, { dirname }] = await Promise.all([import('node:module'), import('node:vm'), import('node:url'), import('node:path')]);
  const file = fileURLToPath(url);
  const cache = new URL(`${url.href}.cache`);
  const cachedData = mtime(cache) >= mtime(url) ? readFileSync(cache) : undefined;
  const script = new Script(Module.wrap(readFileSync(file, 'utf8')), { filename: file, cachedData });
  const mod = { exports: {} };
  script.runInThisContext()(mod.exports, Module.createRequire(file), mod, file, dirname(file));
  return mod.exports.main;
}
