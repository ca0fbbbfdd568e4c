import { describe, expect, it, vi } from 'vitest';
import { CHANNELS, MAX_SCENARIO_BYTES, MAX_TRACE_BYTES, SCHEMAS, type ChannelKey } from '../../main/ipc/contract.js';
import { FleetlabIpcError, registerIpcHandlers, senderProblem, serializeError, type DialogLike } from '../../main/ipc/handlers.js';
import { createRecentFiles } from '../../main/recent-files.js';
import { fakeIpcMain, memFs, type MemFs } from './fakes.js';

const APP = 'app://fleetlab/index.html';
const WINDOW = { id: 1 } as never;

function setup(opts: { files?: Record<string, string | Uint8Array>; allowedOrigins?: string[]; window?: unknown } = {}) {
  const ipcMain = fakeIpcMain();
  const fs: MemFs = memFs(opts.files ?? {});
  const openResults: { canceled: boolean; filePaths: string[] }[] = [];
  const saveResults: { canceled: boolean; filePath: string }[] = [];
  const dialog = {
    showOpenDialog: vi.fn(async () => openResults.shift() ?? { canceled: true, filePaths: [] }),
    showSaveDialog: vi.fn(async () => saveResults.shift() ?? { canceled: true, filePath: '' }),
  };
  const shell = { openExternal: vi.fn(async () => undefined) };
  const recentFiles = createRecentFiles({ fs, file: '/user/recent-files.json' });
  const dispose = registerIpcHandlers({
    ipcMain,
    dialog: dialog as unknown as DialogLike,
    shell,
    fs,
    app: { getVersion: () => '0.1.0' },
    platform: 'linux',
    getMainWindow: () => ('window' in opts ? (opts.window as never) : WINDOW),
    recentFiles,
    ...(opts.allowedOrigins ? { allowedOrigins: opts.allowedOrigins } : {}),
  });
  const call = (channel: string, ...args: unknown[]) => ipcMain.invoke(channel, APP, ...args);
  return { ipcMain, fs, dialog, shell, recentFiles, dispose, call, openResults, saveResults };
}

const oneValidPayload: Record<ChannelKey, unknown[]> = {
  openScenario: [],
  openTrace: [],
  openRecent: [{ path: '/s/a.yaml' }],
  saveScenario: [{ suggestedName: 'a.yaml', text: 'name: a' }],
  exportResults: [{ files: [{ name: 'results.json', text: '{}' }] }],
  recentList: [],
  openExternal: [{ url: 'https://example.com' }],
  appInfo: [],
};

describe('registration', () => {
  it('registers exactly the contract channels and removes them on dispose', () => {
    const { ipcMain, dispose } = setup();
    expect([...ipcMain.handlers.keys()].sort()).toEqual(Object.values(CHANNELS).sort());
    for (const ch of ipcMain.handlers.keys()) expect(ch).toMatch(/^fleetlab:[a-z]+\/[a-z]+(-[a-z]+)*$/);
    dispose();
    expect(ipcMain.handlers.size).toBe(0);
  });
  it('has request and response schemas for every channel', () => {
    expect(Object.keys(SCHEMAS).sort()).toEqual(Object.keys(CHANNELS).sort());
  });
});

describe('sender check', () => {
  const bad: [string, { senderFrame: { url: string; parent?: unknown } | null }][] = [
    ['no frame', { senderFrame: null }],
    ['https page', { senderFrame: { url: 'https://evil.com/', parent: null } }],
    ['file page', { senderFrame: { url: 'file:///app/index.html', parent: null } }],
    ['other app host', { senderFrame: { url: 'app://evil/index.html', parent: null } }],
    ['lookalike host', { senderFrame: { url: 'app://fleetlab.evil.com/index.html', parent: null } }],
    ['dev server when not allowed', { senderFrame: { url: 'http://localhost:5173/', parent: null } }],
    ['about:blank', { senderFrame: { url: 'about:blank', parent: null } }],
    ['app subframe', { senderFrame: { url: APP, parent: { url: APP } } }],
  ];
  it.each(bad)('refuses %s, handler not run', async (_label, event) => {
    const { ipcMain, dialog, shell } = setup();
    for (const [key, channel] of Object.entries(CHANNELS) as [ChannelKey, string][]) {
      const result = (await ipcMain.handlers.get(channel)!(event, ...oneValidPayload[key])) as any;
      expect(result.ok).toBe(false);
      expect(result.error.code).toBe('forbidden-sender');
      expect(result.error.message).toContain(channel);
    }
    expect(dialog.showOpenDialog).not.toHaveBeenCalled();
    expect(dialog.showSaveDialog).not.toHaveBeenCalled();
    expect(shell.openExternal).not.toHaveBeenCalled();
  });
  it('accepts an explicitly allowed dev origin', async () => {
    const { ipcMain } = setup({ allowedOrigins: ['app://fleetlab', 'http://localhost:5173'] });
    const result = await ipcMain.invoke(CHANNELS.appInfo, 'http://localhost:5173/index.html');
    expect(result).toEqual({ ok: true, value: { version: '0.1.0', platform: 'linux' } });
  });
  it('senderProblem explains itself', () => {
    expect(senderProblem({ senderFrame: { url: APP, parent: null } }, ['app://fleetlab'])).toBeNull();
    expect(senderProblem({ senderFrame: { url: 'https://x.example/' } }, ['app://fleetlab'])).toContain('https://x.example/');
  });
});

describe('payload validation', () => {
  const malformed: [ChannelKey, unknown[]][] = [
    ['openScenario', [{ path: '/etc/passwd' }]],
    ['openTrace', ['x']],
    ['appInfo', [1]],
    ['recentList', [null]],
    ['openRecent', []],
    ['openRecent', [{ path: 42 }]],
    ['openRecent', [{ path: '' }]],
    ['openRecent', [{ path: '/a\0b' }]],
    ['saveScenario', [{ text: 'x' }]],
    ['saveScenario', [{ suggestedName: '../evil.yaml', text: 'x' }]],
    ['saveScenario', [{ suggestedName: 'a/b.yaml', text: 'x' }]],
    ['saveScenario', [{ suggestedName: 'a.yaml', text: 'x', extra: true }]],
    ['saveScenario', [{ suggestedName: 'a.yaml', text: 'x', path: 7 }]],
    ['saveScenario', [{ suggestedName: 'a.yaml', text: 'x' }, 'second arg']],
    ['exportResults', [{ files: [] }]],
    ['exportResults', [{ files: [{ name: '../../.bashrc', text: 'x' }] }]],
    ['exportResults', [{ files: [{ name: 'results.json', text: 1 }] }]],
    ['exportResults', [{ files: [{ name: 'results.json', text: 'a' }, { name: 'results.json', text: 'b' }] }]],
    ['exportResults', [{ files: [{ name: 'jobs.csv', text: 'x' }], suggestedDir: 3 }]],
    ['openExternal', ['https://example.com']],
    ['openExternal', [{ url: '' }]],
    ['openExternal', [{ url: `https://example.com/${'a'.repeat(5000)}` }]],
    ['openExternal', [{ url: 'https://example.com', x: 1 }]],
  ];
  it.each(malformed)('%s rejects %j, handler not run', async (key, args) => {
    const { call, dialog, shell, fs } = setup();
    const result = await call(CHANNELS[key], ...args);
    expect(result.ok).toBe(false);
    expect(result.error).toMatchObject({ name: 'FleetlabIpcError', code: 'invalid-payload' });
    expect(result.error.message).toContain(CHANNELS[key]);
    expect(Object.keys(result.error).sort()).toEqual(['code', 'message', 'name']);
    expect(dialog.showOpenDialog).not.toHaveBeenCalled();
    expect(dialog.showSaveDialog).not.toHaveBeenCalled();
    expect(shell.openExternal).not.toHaveBeenCalled();
    expect(fs.ops.filter((o) => !o.startsWith('readFile /user/recent'))).toEqual([]);
  });
});

describe('openScenario', () => {
  it('returns path, name and text, and adds the file to the recent list', async () => {
    const h = setup({ files: { '/s/week.yaml': 'name: week\n' } });
    h.openResults.push({ canceled: false, filePaths: ['/s/week.yaml'] });
    const result = await h.call(CHANNELS.openScenario);
    expect(result).toEqual({ ok: true, value: { path: '/s/week.yaml', name: 'week.yaml', text: 'name: week\n' } });
    expect(h.dialog.showOpenDialog).toHaveBeenCalledWith(WINDOW, expect.objectContaining({ properties: ['openFile'] }));
    expect(await h.recentFiles.list()).toEqual(['/s/week.yaml']);
  });
  it('cancel → null', async () => {
    const h = setup();
    expect(await h.call(CHANNELS.openScenario)).toEqual({ ok: true, value: null });
  });
  it('too large → file-too-large naming the limit and the file', async () => {
    const h = setup();
    h.fs.files.set('/s/huge.yaml', new Uint8Array(0));
    const stat = h.fs.stat;
    h.fs.stat = async (p) => (p === '/s/huge.yaml' ? { size: MAX_SCENARIO_BYTES + 1, isFile: () => true } : stat(p));
    h.openResults.push({ canceled: false, filePaths: ['/s/huge.yaml'] });
    const result = await h.call(CHANNELS.openScenario);
    expect(result.ok).toBe(false);
    expect(result.error.code).toBe('file-too-large');
    expect(result.error.message).toMatch(/limit is 16\.0 MiB \(got \/s\/huge\.yaml\)$/);
    expect(h.fs.ops).not.toContain('readFile /s/huge.yaml');
  });
  it('invalid UTF-8 → invalid-text; missing → file-not-found', async () => {
    const h = setup({ files: { '/s/bin.yaml': new Uint8Array([0xff, 0xfe, 0x00]) } });
    h.openResults.push({ canceled: false, filePaths: ['/s/bin.yaml'] }, { canceled: false, filePaths: ['/s/gone.yaml'] });
    expect((await h.call(CHANNELS.openScenario)).error.code).toBe('invalid-text');
    expect((await h.call(CHANNELS.openScenario)).error.code).toBe('file-not-found');
  });
  it('no window → no-window error, no dialog', async () => {
    const h = setup({ window: null });
    expect((await h.call(CHANNELS.openScenario)).error.code).toBe('no-window');
    expect(h.dialog.showOpenDialog).not.toHaveBeenCalled();
  });
});

describe('openTrace', () => {
  it('hands the bytes over as a Uint8Array', async () => {
    const h = setup({ files: { '/t/philly.csv.gz': new Uint8Array([0x1f, 0x8b, 8]) } });
    h.openResults.push({ canceled: false, filePaths: ['/t/philly.csv.gz'] });
    const result = await h.call(CHANNELS.openTrace);
    expect(result.ok).toBe(true);
    expect(result.value.name).toBe('philly.csv.gz');
    expect(result.value.bytes).toBeInstanceOf(Uint8Array);
    expect([...result.value.bytes]).toEqual([0x1f, 0x8b, 8]);
  });
  it('is capped at 512 MiB with a clear error', async () => {
    const h = setup();
    h.fs.stat = async () => ({ size: MAX_TRACE_BYTES + 1024 * 1024, isFile: () => true });
    h.openResults.push({ canceled: false, filePaths: ['/t/borg.csv'] });
    const result = await h.call(CHANNELS.openTrace);
    expect(result.error).toEqual({
      name: 'FleetlabIpcError',
      code: 'file-too-large',
      message: 'trace file is too large: 513.0 MiB, the limit is 512.0 MiB (got /t/borg.csv)',
    });
  });
  it('refuses directories', async () => {
    const h = setup({ files: { '/t/dir/x': 'x' } });
    h.openResults.push({ canceled: false, filePaths: ['/t/dir'] });
    expect((await h.call(CHANNELS.openTrace)).error.code).toBe('not-a-file');
  });
});

describe('openRecent', () => {
  it('opens only paths in the recent list', async () => {
    const h = setup({ files: { '/s/a.yaml': 'a', '/etc/passwd': 'root' } });
    await h.recentFiles.add('/s/a.yaml');
    expect((await h.call(CHANNELS.openRecent, { path: '/s/a.yaml' })).value.text).toBe('a');
    const refused = await h.call(CHANNELS.openRecent, { path: '/etc/passwd' });
    expect(refused.error.code).toBe('not-allowed');
    expect(h.fs.ops).not.toContain('readFile /etc/passwd');
  });
  it('drops a vanished file from the list', async () => {
    const h = setup();
    await h.recentFiles.add('/s/gone.yaml');
    expect((await h.call(CHANNELS.openRecent, { path: '/s/gone.yaml' })).error.code).toBe('file-not-found');
    expect(await h.recentFiles.list()).toEqual([]);
  });
});

describe('saveScenario', () => {
  it('asks with a save dialog, writes atomically, remembers the file', async () => {
    const h = setup();
    h.fs.dirs.add('/s');
    h.saveResults.push({ canceled: false, filePath: '/s/new.yaml' });
    const result = await h.call(CHANNELS.saveScenario, { suggestedName: 'new.yaml', text: 'name: new' });
    expect(result).toEqual({ ok: true, value: { path: '/s/new.yaml' } });
    expect(h.dialog.showSaveDialog).toHaveBeenCalledWith(WINDOW, expect.objectContaining({ defaultPath: 'new.yaml' }));
    expect(h.fs.text('/s/new.yaml')).toBe('name: new');
    expect(h.fs.ops.some((o) => /^rename \/s\/\.new\.yaml\..+\.tmp -> \/s\/new\.yaml$/.test(o))).toBe(true);
    expect(await h.recentFiles.list()).toEqual(['/s/new.yaml']);
  });
  it('saves straight to a path the user opened, without a dialog', async () => {
    const h = setup({ files: { '/s/a.yaml': 'old' } });
    h.openResults.push({ canceled: false, filePaths: ['/s/a.yaml'] });
    await h.call(CHANNELS.openScenario);
    const result = await h.call(CHANNELS.saveScenario, { suggestedName: 'a.yaml', text: 'new', path: '/s/a.yaml' });
    expect(result.value).toEqual({ path: '/s/a.yaml' });
    expect(h.dialog.showSaveDialog).not.toHaveBeenCalled();
    expect(h.fs.text('/s/a.yaml')).toBe('new');
  });
  it('never writes to a path the user did not choose: falls back to the dialog', async () => {
    const h = setup({ files: { '/home/u/.bashrc': 'safe' } });
    const result = await h.call(CHANNELS.saveScenario, { suggestedName: 'a.yaml', text: 'evil', path: '/home/u/.bashrc' });
    expect(result).toEqual({ ok: true, value: null });
    expect(h.dialog.showSaveDialog).toHaveBeenCalledWith(WINDOW, expect.objectContaining({ defaultPath: '/home/u/.bashrc' }));
    expect(h.fs.text('/home/u/.bashrc')).toBe('safe');
  });
  it('cancel → null, nothing written', async () => {
    const h = setup();
    expect(await h.call(CHANNELS.saveScenario, { suggestedName: 'a.yaml', text: 'x' })).toEqual({ ok: true, value: null });
    expect(h.fs.ops.filter((o) => o.startsWith('writeFile'))).toEqual([]);
  });
});

describe('exportResults', () => {
  const files = [
    { name: 'results.json', text: '{"runs":[]}' },
    { name: 'series.csv', text: 'policy,time_s\n' },
    { name: 'jobs.csv', text: 'policy,job\n' },
  ];
  it('writes every file atomically into the chosen directory', async () => {
    const h = setup();
    h.openResults.push({ canceled: false, filePaths: ['/out/run1'] });
    const result = await h.call(CHANNELS.exportResults, { suggestedDir: '/out', files });
    expect(result).toEqual({ ok: true, value: { dir: '/out/run1' } });
    expect(h.dialog.showOpenDialog).toHaveBeenCalledWith(
      WINDOW,
      expect.objectContaining({ defaultPath: '/out', properties: expect.arrayContaining(['openDirectory', 'createDirectory']) }),
    );
    for (const f of files) expect(h.fs.text(`/out/run1/${f.name}`)).toBe(f.text);
    const kinds = h.fs.ops.filter((o) => o.startsWith('writeFile') || o.startsWith('rename')).map((o) => o.split(' ')[0]);
    expect(kinds).toEqual(['writeFile', 'writeFile', 'writeFile', 'rename', 'rename', 'rename']);
    expect([...h.fs.files.keys()].filter((p) => p.endsWith('.tmp'))).toEqual([]);
  });
  it('a failed write leaves previous exports intact and reports io-error', async () => {
    const h = setup({ files: { '/out/results.json': 'previous' } });
    h.fs.failOn = (op, p) => op === 'writeFile' && p.includes('jobs.csv');
    h.openResults.push({ canceled: false, filePaths: ['/out'] });
    const result = await h.call(CHANNELS.exportResults, { files });
    expect(result.ok).toBe(false);
    expect(result.error.code).toBe('io-error');
    expect(h.fs.text('/out/results.json')).toBe('previous');
    expect([...h.fs.files.keys()]).toEqual(['/out/results.json']);
  });
  it('cancel → null', async () => {
    const h = setup();
    expect(await h.call(CHANNELS.exportResults, { files })).toEqual({ ok: true, value: null });
  });
});

describe('small channels', () => {
  it('recentList, appInfo', async () => {
    const h = setup();
    await h.recentFiles.add('/s/a.yaml');
    expect(await h.call(CHANNELS.recentList)).toEqual({ ok: true, value: ['/s/a.yaml'] });
    expect(await h.call(CHANNELS.appInfo)).toEqual({ ok: true, value: { version: '0.1.0', platform: 'linux' } });
  });
  it('openExternal opens only safe URLs', async () => {
    const h = setup();
    expect(await h.call(CHANNELS.openExternal, { url: 'https://example.com/docs' })).toEqual({ ok: true, value: true });
    expect(await h.call(CHANNELS.openExternal, { url: 'file:///etc/passwd' })).toEqual({ ok: true, value: false });
    expect(await h.call(CHANNELS.openExternal, { url: 'https://user:pw@evil.com' })).toEqual({ ok: true, value: false });
    expect(h.shell.openExternal).toHaveBeenCalledTimes(1);
  });
});

describe('serializeError', () => {
  it('produces plain { name, code, message }', () => {
    expect(serializeError(new FleetlabIpcError('not-allowed', 'no'))).toEqual({ name: 'FleetlabIpcError', code: 'not-allowed', message: 'no' });
    expect(serializeError(Object.assign(new Error('gone'), { code: 'ENOENT' }))).toEqual({ name: 'Error', code: 'file-not-found', message: 'gone' });
    expect(serializeError(Object.assign(new Error('denied'), { code: 'EACCES' }))).toEqual({ name: 'Error', code: 'io-error', message: 'denied' });
    expect(serializeError(new TypeError('bug'))).toEqual({ name: 'TypeError', code: 'internal', message: 'bug' });
    expect(serializeError('weird')).toEqual({ name: 'Error', code: 'internal', message: 'weird' });
  });
});
