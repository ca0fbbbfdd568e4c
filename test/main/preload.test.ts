import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import vm from 'node:vm';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { CHANNELS, EVENTS } from '../../main/ipc/contract.js';
import { createFleetlabApi, type IpcRendererLike } from '../../main/preload/api.js';

const API_KEYS = [
  'appInfo',
  'exportResults',
  'onMenuCommand',
  'onOpenRecent',
  'openExternal',
  'openRecent',
  'openScenario',
  'openTrace',
  'recentFiles',
  'saveScenario',
].sort();

function fakeIpcRenderer(reply: (channel: string, args: unknown[]) => unknown = () => ({ ok: true, value: null })) {
  const listeners = new Map<string, Set<(event: unknown, ...args: unknown[]) => void>>();
  const ipc = {
    invoke: vi.fn(async (channel: string, ...args: unknown[]) => reply(channel, args)),
    on: vi.fn((channel: string, l: (event: unknown, ...args: unknown[]) => void) => {
      if (!listeners.has(channel)) listeners.set(channel, new Set());
      listeners.get(channel)!.add(l);
    }),
    removeListener: vi.fn((channel: string, l: (event: unknown, ...args: unknown[]) => void) => {
      listeners.get(channel)?.delete(l);
    }),
  };
  const emit = (channel: string, payload: unknown) => {
    const event = { sender: { send: () => 'leaked' }, senderFrame: null };
    for (const l of listeners.get(channel) ?? []) l(event, payload);
  };
  return { ipc: ipc as unknown as IpcRendererLike & typeof ipc, emit, listeners };
}

describe('createFleetlabApi', () => {
  it('exposes only the named functions, frozen, and no generic bridge', () => {
    const api = createFleetlabApi(fakeIpcRenderer().ipc);
    expect(Object.keys(api).sort()).toEqual(API_KEYS);
    for (const key of API_KEYS) expect(typeof (api as any)[key]).toBe('function');
    for (const generic of ['invoke', 'send', 'sendSync', 'on', 'once', 'removeListener', 'ipcRenderer', 'postMessage']) {
      expect(generic in api).toBe(false);
    }
    expect(Object.isFrozen(api)).toBe(true);
  });

  it.each([
    ['openScenario', [], CHANNELS.openScenario, []],
    ['openTrace', [], CHANNELS.openTrace, []],
    ['openRecent', ['/s/a.yaml'], CHANNELS.openRecent, [{ path: '/s/a.yaml' }]],
    ['saveScenario', [{ suggestedName: 'a.yaml', text: 'x' }], CHANNELS.saveScenario, [{ suggestedName: 'a.yaml', text: 'x' }]],
    [
      'exportResults',
      [{ files: [{ name: 'results.json', text: '{}' }] }],
      CHANNELS.exportResults,
      [{ files: [{ name: 'results.json', text: '{}' }] }],
    ],
    ['recentFiles', [], CHANNELS.recentList, []],
    ['openExternal', ['https://example.com'], CHANNELS.openExternal, [{ url: 'https://example.com' }]],
    ['appInfo', [], CHANNELS.appInfo, []],
  ])('%s invokes its channel', async (method, args, channel, sent) => {
    const { ipc } = fakeIpcRenderer(() => ({ ok: true, value: 'the value' }));
    await expect((createFleetlabApi(ipc) as any)[method](...args)).resolves.toBe('the value');
    expect(ipc.invoke).toHaveBeenCalledTimes(1);
    expect(ipc.invoke).toHaveBeenCalledWith(channel, ...sent);
  });

  it('a failed envelope rejects with the plain { name, code, message }', async () => {
    const error = { name: 'FleetlabIpcError', code: 'forbidden-sender', message: 'nope' };
    const { ipc } = fakeIpcRenderer(() => ({ ok: false, error }));
    const reason = await createFleetlabApi(ipc).openScenario().catch((e: unknown) => e);
    expect(reason).toEqual(error);
    expect(reason).not.toBeInstanceOf(Error);
  });

  it('a malformed reply or a transport error rejects with a coded error', async () => {
    const bad = fakeIpcRenderer(() => 'garbage');
    await expect(createFleetlabApi(bad.ipc).appInfo()).rejects.toMatchObject({ code: 'invalid-response' });
    const { ipc } = fakeIpcRenderer(() => {
      throw new Error('no handler');
    });
    await expect(createFleetlabApi(ipc).appInfo()).rejects.toMatchObject({ code: 'internal', message: expect.stringContaining('no handler') });
  });

  it('onMenuCommand delivers valid commands only, never the event, and unsubscribes', () => {
    const { ipc, emit, listeners } = fakeIpcRenderer();
    const api = createFleetlabApi(ipc);
    const cb = vi.fn();
    const off = api.onMenuCommand(cb);
    expect(ipc.on).toHaveBeenCalledWith(EVENTS.menuCommand, expect.any(Function));
    emit(EVENTS.menuCommand, 'run-all');
    emit(EVENTS.menuCommand, 'rm -rf');
    emit(EVENTS.menuCommand, { command: 'run-all' });
    expect(cb.mock.calls).toEqual([['run-all']]);
    off();
    off();
    expect(ipc.removeListener).toHaveBeenCalledTimes(1);
    expect(listeners.get(EVENTS.menuCommand)?.size).toBe(0);
    emit(EVENTS.menuCommand, 'undo');
    expect(cb).toHaveBeenCalledTimes(1);
  });

  it('onOpenRecent delivers the path only', () => {
    const { ipc, emit } = fakeIpcRenderer();
    const cb = vi.fn();
    createFleetlabApi(ipc).onOpenRecent(cb);
    emit(EVENTS.openRecent, { path: '/s/a.yaml' });
    emit(EVENTS.openRecent, '/s/b.yaml');
    expect(cb.mock.calls).toEqual([['/s/a.yaml']]);
  });
});

describe('preload entry', () => {
  it('exposes the API as window.fleetlab through the context bridge', async () => {
    const exposeInMainWorld = vi.fn();
    const { ipc } = fakeIpcRenderer();
    vi.doMock('electron', () => ({ contextBridge: { exposeInMainWorld }, ipcRenderer: ipc }));
    await import('../../main/preload/index.js');
    expect(exposeInMainWorld).toHaveBeenCalledTimes(1);
    const [key, api] = exposeInMainWorld.mock.calls[0]!;
    expect(key).toBe('fleetlab');
    expect(Object.keys(api).sort()).toEqual(API_KEYS);
    vi.doUnmock('electron');
  });
});

describe('preload bundle', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'fleetlab-preload-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('is one CommonJS file that requires nothing but electron (sandbox-loadable)', () => {
    execFileSync(process.execPath, [path.resolve('main/build-preload.mjs'), dir], { stdio: 'pipe' });
    const code = readFileSync(path.join(dir, 'index.cjs'), 'utf8');
    expect(code).not.toMatch(/^\s*(import|export)\s/m);
    const required: string[] = [];
    const exposeInMainWorld = vi.fn();
    const { ipc } = fakeIpcRenderer();
    const sandboxRequire = (id: string) => {
      required.push(id);
      if (id !== 'electron') throw new Error(`module not found in sandbox: ${id}`);
      return { contextBridge: { exposeInMainWorld }, ipcRenderer: ipc };
    };
    const module = { exports: {} };
    vm.runInNewContext(code, { require: sandboxRequire, module, exports: module.exports, console }, { filename: 'index.cjs' });
    expect(required).toEqual(['electron']);
    expect(exposeInMainWorld).toHaveBeenCalledWith('fleetlab', expect.any(Object));
    expect(Object.keys(exposeInMainWorld.mock.calls[0]![1]).sort()).toEqual(API_KEYS);
  }, 60_000);
});
