import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { rendererConfig } from '../../vite.config.js';

const config = parse(readFileSync('electron-builder.yml', 'utf8'));

describe('electron-builder.yml', () => {
  it('identifies the app and packs an allow-list into asar', () => {
    expect(config.appId).toBe('dev.fleetlab.app');
    expect(config.productName).toBe('fleetlab');
    expect(config.asar).toBe(true);
    expect(config.files).toEqual(expect.arrayContaining(['out/**', 'package.json', 'scenarios/**']));
    expect(config.files.filter((f: string) => !f.startsWith('!'))).toEqual(['out/**', 'package.json', 'scenarios/**']);
    expect(config.extraMetadata.main).toBe('out/main/index.js');
  });

  it('targets AppImage + deb, dmg and nsis, with the icon from build/', () => {
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.mac.target).toEqual(['dmg']);
    expect(config.win.target).toEqual(['nsis']);
    for (const os of ['linux', 'mac', 'win']) expect(config[os].icon).toBe('build/icon.png');
    expect(config.directories.buildResources).toBe('build');
  });

  it('turns off run-as-node and Node options fuses', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
    });
  });

  it('matches electron-builder’s own JSON schema', () => {
    const require = createRequire(import.meta.url);
    let Ajv: any;
    try {
      Ajv = require('ajv');
    } catch {
      return; // ajv is only a transitive dependency; the field checks above still run
    }
    const schema = JSON.parse(readFileSync('node_modules/app-builder-lib/scheme.json', 'utf8'));
    const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
    expect(validate(config), JSON.stringify(validate.errors)).toBe(true);
  });
});

describe('build/icon.png', () => {
  it('is a 512×512 RGBA PNG', () => {
    const png = readFileSync('build/icon.png');
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(png.subarray(12, 16).toString('ascii')).toBe('IHDR');
    expect(png.readUInt32BE(16)).toBe(512);
    expect(png.readUInt32BE(20)).toBe(512);
    expect(png[25]).toBe(6); // colour type RGBA
  });
});

/** The commands `npm run NAME` runs, with every `npm run X` expanded (in order). */
function expandScript(scripts: Record<string, string>, name: string, seen: string[] = []): string[] {
  if (seen.includes(name)) throw new Error(`script cycle: ${[...seen, name].join(' → ')}`);
  const body = scripts[name];
  if (body === undefined) throw new Error(`no script ${name}`);
  return body.split('&&').flatMap((part) => {
    const cmd = part.trim();
    const m = /^npm run ([\w:-]+)$/.exec(cmd);
    return m ? expandScript(scripts, m[1]!, [...seen, name]) : [cmd];
  });
}

/** Whether electron-builder's `files` (positive globs, then `!` exclusions) take `file`. */
function packaged(file: string): boolean {
  const require = createRequire(import.meta.url);
  const { minimatch } = require('minimatch') as { minimatch: (p: string, g: string, o?: object) => boolean };
  const globs: string[] = config.files;
  const inc = globs.filter((g) => !g.startsWith('!')).some((g) => minimatch(file, g, { dot: true }));
  const exc = globs.filter((g) => g.startsWith('!')).some((g) => minimatch(file, g.slice(1), { dot: true }));
  return inc && !exc;
}

describe('npm run dist packages a complete app', () => {
  const scripts = JSON.parse(readFileSync('package.json', 'utf8')).scripts as Record<string, string>;

  it('builds main, the preload and the renderer (with the worker) before electron-builder', () => {
    const steps = expandScript(scripts, 'dist');
    const at = (re: RegExp) => steps.findIndex((s) => re.test(s));
    const builder = at(/^electron-builder\b/);
    expect(builder, steps.join(' && ')).toBe(steps.length - 1);
    for (const re of [/^tsc -p main\/tsconfig\.json$/, /^node main\/build-preload\.mjs$/, /^vite build$/]) {
      expect(at(re), `${re} in ${steps.join(' && ')}`).toBeGreaterThanOrEqual(0);
      expect(at(re)).toBeLessThan(builder);
    }
  });

  it('the renderer build writes index.html and the engine worker bundle where main serves them, and electron-builder packs them', () => {
    const dir = mkdtempSync(join(tmpdir(), 'fleetlab-renderer-'));
    // The same `vite build` as build:renderer (vite.config.ts), into a temporary folder.
    const r = spawnSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--outDir', dir, '--emptyOutDir', '--logLevel', 'error'], { encoding: 'utf8', timeout: 120_000 });
    expect(r.status, r.stderr).toBe(0);
    const assets = readdirSync(join(dir, 'assets'));
    const worker = assets.find((f) => /^engine-worker-[\w-]+\.js$/.test(f));
    expect(worker, assets.join(', ')).toBeDefined();
    const html = readFileSync(join(dir, 'index.html'), 'utf8');
    const entry = /src="\.\/assets\/(index-[\w-]+\.js)"/.exec(html)?.[1];
    expect(entry, html).toBeDefined();
    expect(readFileSync(join(dir, 'assets', entry!), 'utf8')).toContain(worker);

    // Where they land in a real build: vite's outDir is out/renderer, main (out/main) serves ../renderer.
    expect(relative(process.cwd(), rendererConfig().build!.outDir!)).toBe(join('out', 'renderer'));
    expect(JSON.parse(readFileSync('main/tsconfig.json', 'utf8')).compilerOptions.outDir).toBe('../out/main');
    expect(readFileSync('main/app.ts', 'utf8')).toContain("path.join(options.mainDir, '..', 'renderer')");
    for (const file of ['out/renderer/index.html', `out/renderer/assets/${worker}`, `out/renderer/assets/${entry}`, 'out/main/index.js', 'out/preload/index.cjs', 'package.json']) {
      expect(packaged(file), file).toBe(true);
    }
    expect(packaged('out/renderer/assets/x.js.map')).toBe(false);
  }, 120_000);
});
