#!/usr/bin/env node
// Start the desktop app when the Electron binary is installed; otherwise say so
// in one line and start web mode. The binary is detected on disk, WITHOUT
// importing `electron` (from Electron 42 on, importing it downloads the binary).
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The Electron executable from node_modules/electron (path.txt names it inside dist/), or null. */
export function electronBinary(dir = root) {
  const pkg = path.join(dir, 'node_modules', 'electron');
  const pathTxt = path.join(pkg, 'path.txt');
  if (!existsSync(pathTxt)) return null;
  const rel = readFileSync(pathTxt, 'utf8').trim();
  if (!rel) return null;
  const bin = path.join(pkg, 'dist', rel);
  return existsSync(bin) ? bin : null;
}

function run(cmd, args) {
  const child = spawn(cmd, args, { cwd: root, stdio: 'inherit' });
  child.on('exit', (code, signal) => process.exit(signal ? 1 : (code ?? 0)));
  for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  if (electronBinary()) {
    // electron-vite builds main, preload and renderer, then launches the binary.
    run(process.execPath, [path.join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'preview']);
  } else {
    console.log('fleetlab: the Electron binary is missing (node_modules/electron/dist; install without ELECTRON_SKIP_BINARY_DOWNLOAD to get it) — starting web mode instead.');
    run(process.execPath, [path.join(root, 'scripts', 'web.js'), ...process.argv.slice(2)]);
  }
}
