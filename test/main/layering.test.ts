import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';

const MAIN = path.resolve('main');
const tsFiles = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? tsFiles(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : [],
  );
const rel = (f: string) => path.relative(MAIN, f).split(path.sep).join('/');

describe('electron stays at the edges', () => {
  it('only the two entry files import electron at runtime (everything else: type-only)', () => {
    const runtime = tsFiles(MAIN)
      .filter((f) => /^import\s+(?!type\b)[^;]*from\s+['"]electron['"]/m.test(readFileSync(f, 'utf8')))
      .map(rel)
      .sort();
    expect(runtime).toEqual(['index.ts', 'preload/index.ts']);
  });

  it('the contract and the preload API factory never mention electron', () => {
    for (const f of ['ipc/contract.ts', 'preload/api.ts']) {
      expect(readFileSync(path.join(MAIN, f), 'utf8')).not.toMatch(/from\s+['"]electron['"]/);
    }
  });

  it('main/index.ts hands the real electron objects to startApp', async () => {
    const fakeElectron = {
      app: { id: 'app' },
      BrowserWindow: { id: 'BrowserWindow' },
      dialog: {},
      ipcMain: {},
      Menu: {},
      protocol: {},
      session: {},
      shell: {},
    };
    const startApp = vi.fn();
    vi.doMock('electron', () => fakeElectron);
    vi.doMock('../../main/app.js', () => ({ startApp }));
    await import('../../main/index.js');
    expect(startApp).toHaveBeenCalledTimes(1);
    const [electron, options] = startApp.mock.calls[0]!;
    expect(Object.keys(electron).sort()).toEqual(Object.keys(fakeElectron).sort());
    expect(electron.app).toBe(fakeElectron.app);
    expect(options.mainDir).toBe(MAIN);
    expect(options.platform).toBe(process.platform);
    expect(typeof options.fs.readFile).toBe('function');
    vi.doUnmock('electron');
    vi.doUnmock('../../main/app.js');
  });
});
