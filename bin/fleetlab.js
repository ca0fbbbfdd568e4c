#!/usr/bin/env node
// Thin launcher. `npm install` (the `prepare` script, i.e. `npm run build:cli`) compiles the CLI
// to dist/ with tsc and bundles that into dist/sim-engine/cli-bundle/ with esbuild
// (scripts/bundle-cli.mjs). The bundle is used when present and not older than the tsc build
// (a bare `tsc` after it wins) and FLEETLAB_UNBUNDLED is unset; else the tsc build.
// `fleetlab --version` is answered here, from package.json, without loading the CLI.
import { existsSync, readFileSync, statSync } from 'node:fs';
const argv = process.argv.slice(2);
if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V')) {
  process.stdout.write(`${JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).version}\n`);
} else {
  const bundle = new URL('../dist/sim-engine/cli-bundle/main.mjs', import.meta.url);
  const entry = new URL('../dist/sim-engine/cli/main.js', import.meta.url);
  const mtime = (u) => statSync(u, { throwIfNoEntry: false })?.mtimeMs;
  const bundled = !process.env['FLEETLAB_UNBUNDLED'] && (mtime(bundle) ?? -1) >= (mtime(entry) ?? 0);
  if (!bundled && !existsSync(entry)) {
    process.stderr.write('fleetlab: the CLI is not built yet; run `npm install` (or `npm run build:cli`) first.\n');
    process.exit(1);
  }
  const { main } = await import((bundled ? bundle : entry).href);
  process.exitCode = await main(argv);
}
