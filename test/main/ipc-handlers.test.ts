import { describe, expect, it, vi } from 'vitest';
import { CHANNELS, MAX_SCENARIO_BYTES, MAX_TRACE_BYTES, SCHEMAS, type ChannelKey } from '../../main/ipc/contract.js';
import { FleetlabIpcError, readCapped, READ_FLAGS, registerIpcHandlers, senderProblem, serializeError, type DialogLike } from '../../main/ipc/handlers.js';
import { createRecentFiles } from '../../main/recent-files.js';
import { fakeIpcMain, memFs, type MemFs } from './fakes.js';

const APP = 'app://fleetlab/index.html';
const WINDOW = { id: 1 } as never;

function setup(opts: { files?: Record<string, string | Uint8Array>; allowedOrigins?: string[]; window?: unknown; gesture?: () => boolean } = {}) {
  const ipcMain = fakeIpcMain();
  const fs: MemFs = memFs(opts.files ?? {});
  const openResults: { canceled: boolean; filePaths: string[] }[] = [];
  const saveResults: { canceled: boolean; filePath: string }[] = [];
  /** Answers of the overwrite question: 0 Replace, 1 Cancel (the default). */
  const messageResults: { response: number }[] = [];
  const dialog = {
    showOpenDialog: vi.fn(async () => openResults.shift() ?? { canceled: true, filePaths: [] }),
    showSaveDialog: vi.fn(async () => saveResults.shift() ?? { canceled: true, filePath: '' }),
    showMessageBox: vi.fn(async (_win: unknown, _options: { message: string; buttons: string[] }) => ({ checkboxChecked: false, ...(messageResults.shift() ?? { response: 1 }) })),
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
    hasUserGesture: opts.gesture ?? (() => true),
    ...(opts.allowedOrigins ? { allowedOrigins: opts.allowedOrigins } : {}),
  });
  const call = (channel: string, ...args: unknown[]) => ipcMain.invoke(channel, APP, ...args);
  return { ipcMain, fs, dialog, shell, recentFiles, dispose, call, openResults, saveResults, messageResults };
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

/** Every handle the fake opens reports `size` (the file's own bytes stay what they are). */
function withHandleSize(fs: MemFs, size: number): void {
  const open = fs.open.bind(fs);
  fs.open = async (p, flags) => {
    const handle = await open(p, flags);
    return { ...handle, stat: async () => ({ size, isFile: () => true }) };
  };
}

describe('readCapped: one handle, regular files only, the cap enforced while reading', () => {
  it('never looks at the path again after opening it (no stat-then-read race)', async () => {
    const fs = memFs({ '/s/a.yaml': 'name: a' });
    const opened: number[] = [];
    const open = fs.open.bind(fs);
    fs.open = async (p, flags) => (opened.push(flags), open(p, flags));
    expect(new TextDecoder().decode(await readCapped(fs, '/s/a.yaml', 100, 'scenario file'))).toBe('name: a');
    expect(fs.ops).toEqual(['open /s/a.yaml']);
    expect(opened).toEqual([READ_FLAGS]);
    expect(fs.openHandles).toBe(0);
  });
  it('a path swapped for a symlink to /dev/zero after it was picked is refused unread', async () => {
    const h = setup();
    h.fs.specials.set('/t/trace.csv', 'zero');
    h.openResults.push({ canceled: false, filePaths: ['/t/trace.csv'] });
    const result = await h.call(CHANNELS.openTrace);
    expect(result.error).toEqual({ name: 'FleetlabIpcError', code: 'not-a-file', message: 'trace file is not a regular file (got /t/trace.csv)' });
    expect(h.fs.bytesRead).toBe(0);
    expect(h.fs.openHandles).toBe(0);
  });
  it('a file that grows past the cap while read is cut off at cap + 1 bytes and refused', async () => {
    const fs = memFs();
    fs.specials.set('/t/growing.csv', 'growing');
    await expect(readCapped(fs, '/t/growing.csv', 100_000, 'trace file')).rejects.toMatchObject({ code: 'file-too-large', message: 'trace file is too large: over 0.1 MiB, the limit is 0.1 MiB (got /t/growing.csv)' });
    expect(fs.bytesRead).toBe(100_001);
    expect(fs.openHandles).toBe(0);
  });
  it('reads a file of exactly the cap', async () => {
    const fs = memFs({ '/t/x': new Uint8Array(4096).fill(7) });
    expect((await readCapped(fs, '/t/x', 4096, 'trace file')).byteLength).toBe(4096);
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
    withHandleSize(h.fs, MAX_SCENARIO_BYTES + 1);
    h.openResults.push({ canceled: false, filePaths: ['/s/huge.yaml'] });
    const result = await h.call(CHANNELS.openScenario);
    expect(result.ok).toBe(false);
    expect(result.error.code).toBe('file-too-large');
    expect(result.error.message).toMatch(/limit is 16\.0 MiB \(got \/s\/huge\.yaml\)$/);
    expect(h.fs.bytesRead).toBe(0);
    expect(h.fs.openHandles).toBe(0);
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
    const h = setup({ files: { '/t/borg.csv': '' } });
    withHandleSize(h.fs, MAX_TRACE_BYTES + 1024 * 1024);
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
    expect(h.fs.ops.filter((o) => o.endsWith(' /etc/passwd'))).toEqual([]);
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
  it('a path from the persisted recent list is not enough: reopened from it, the first save asks', async () => {
    const h = setup({ files: { '/s/a.yaml': 'old' } });
    await h.recentFiles.add('/s/a.yaml'); // an earlier session
    expect((await h.call(CHANNELS.openRecent, { path: '/s/a.yaml' })).ok).toBe(true);
    expect(await h.call(CHANNELS.saveScenario, { suggestedName: 'a.yaml', text: 'evil', path: '/s/a.yaml' })).toEqual({ ok: true, value: null });
    expect(h.dialog.showSaveDialog).toHaveBeenCalledWith(WINDOW, expect.objectContaining({ defaultPath: '/s/a.yaml' }));
    expect(h.fs.text('/s/a.yaml')).toBe('old');
    // Chosen in the dialog: from now on this session saves there silently.
    h.saveResults.push({ canceled: false, filePath: '/s/a.yaml' });
    expect((await h.call(CHANNELS.saveScenario, { suggestedName: 'a.yaml', text: 'v2', path: '/s/a.yaml' })).value).toEqual({ path: '/s/a.yaml' });
    expect((await h.call(CHANNELS.saveScenario, { suggestedName: 'a.yaml', text: 'v3', path: '/s/a.yaml' })).value).toEqual({ path: '/s/a.yaml' });
    expect(h.dialog.showSaveDialog).toHaveBeenCalledTimes(2);
    expect(h.fs.text('/s/a.yaml')).toBe('v3');
  });
  it('a recent-list path planted in recent-files.json is never written silently', async () => {
    const h = setup({ files: { '/home/u/.bashrc': 'safe', '/user/recent-files.json': JSON.stringify({ version: 1, paths: ['/home/u/.bashrc'] }) } });
    expect(await h.recentFiles.has('/home/u/.bashrc')).toBe(true);
    expect(await h.call(CHANNELS.saveScenario, { suggestedName: 'a.yaml', text: 'evil', path: '/home/u/.bashrc' })).toEqual({ ok: true, value: null });
    expect(h.dialog.showSaveDialog).toHaveBeenCalledTimes(1);
    expect(h.fs.text('/home/u/.bashrc')).toBe('safe');
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
  it('no file in the way: no question', async () => {
    const h = setup();
    h.openResults.push({ canceled: false, filePaths: ['/out/run1'] });
    expect((await h.call(CHANNELS.exportResults, { files })).ok).toBe(true);
    expect(h.dialog.showMessageBox).not.toHaveBeenCalled();
  });
  it('asks before replacing existing files; Cancel writes nothing', async () => {
    const h = setup({ files: { '/out/results.json': 'previous', '/out/jobs.csv': 'old jobs' } });
    h.openResults.push({ canceled: false, filePaths: ['/out'] });
    expect(await h.call(CHANNELS.exportResults, { files })).toEqual({ ok: true, value: null });
    expect(h.dialog.showMessageBox).toHaveBeenCalledTimes(1);
    const [win, question] = h.dialog.showMessageBox.mock.calls[0]!;
    expect(win).toBe(WINDOW);
    expect(question).toMatchObject({ message: '2 files already exist in /out. Replace them?', detail: 'results.json\njobs.csv', buttons: ['Replace', 'Cancel'], defaultId: 1, cancelId: 1 });
    expect(h.fs.text('/out/results.json')).toBe('previous');
    expect(h.fs.ops.filter((o) => o.startsWith('writeFile') || o.startsWith('rename'))).toEqual([]);
  });
  it('Replace writes the set', async () => {
    const h = setup({ files: { '/out/results.json': 'previous' } });
    h.openResults.push({ canceled: false, filePaths: ['/out'] });
    h.messageResults.push({ response: 0 });
    expect(await h.call(CHANNELS.exportResults, { files })).toEqual({ ok: true, value: { dir: '/out' } });
    expect(h.dialog.showMessageBox.mock.calls[0]![1].message).toBe('results.json already exists in /out. Replace it?');
    expect(h.fs.text('/out/results.json')).toBe('{"runs":[]}');
  });
  it('a failed write leaves previous exports intact and reports io-error', async () => {
    const h = setup({ files: { '/out/results.json': 'previous' } });
    h.fs.failOn = (op, p) => op === 'writeFile' && p.includes('jobs.csv');
    h.openResults.push({ canceled: false, filePaths: ['/out'] });
    h.messageResults.push({ response: 0 });
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
  it('openExternal needs a user gesture main saw; an unsafe URL does not use one up', async () => {
    const gestures = [false, true];
    const gesture = vi.fn(() => gestures.shift() ?? false);
    const h = setup({ gesture });
    expect(await h.call(CHANNELS.openExternal, { url: 'file:///etc/passwd' })).toEqual({ ok: true, value: false });
    expect(gesture).not.toHaveBeenCalled();
    expect(await h.call(CHANNELS.openExternal, { url: 'https://example.com/docs' })).toEqual({ ok: true, value: false });
    expect(await h.call(CHANNELS.openExternal, { url: 'https://example.com/docs' })).toEqual({ ok: true, value: true });
    expect(await h.call(CHANNELS.openExternal, { url: 'https://example.com/docs' })).toEqual({ ok: true, value: false });
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
