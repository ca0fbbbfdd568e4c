import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

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
