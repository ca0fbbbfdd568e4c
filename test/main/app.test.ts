import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { APP_SCHEME_PRIVILEGES, devServerUrl, startApp, type ElectronLike, type WindowLike } from '../../main/app.js';
import { CHANNELS, EVENTS } from '../../main/ipc/contract.js';
import { CONTENT_SECURITY_POLICY, webPreferencesFor } from '../../main/security.js';
import { fakeIpcMain, memFs } from './fakes.js';

function fakeElectron(opts: { lock?: boolean; isPackaged?: boolean } = {}) {
  const calls: string[] = [];
  const appListeners = new Map<string, ((...args: any[]) => void)[]>();
  let resolveReady!: () => void;
  const whenReady = new Promise<void>((r) => (resolveReady = r));
  const windows: (WindowLike & { options: any; loaded: string[]; sent: unknown[][]; shown: boolean; emit(e: string): void })[] = [];
  let protocolHandler: ((req: { url: string; method: string }) => Promise<Response>) | null = null;
  const menus: MenuItemConstructorOptions[][] = [];
  const session = { setPermissionRequestHandler: vi.fn(), setPermissionCheckHandler: vi.fn() };
  const ipcMain = fakeIpcMain();

  class FakeWindow {
    options: any;
    loaded: string[] = [];
    sent: unknown[][] = [];
    shown = false;
    private listeners = new Map<string, () => void>();
    webContents = { send: (...args: unknown[]) => void this.sent.push(args) };
    constructor(options: any) {
      calls.push('new BrowserWindow');
      this.options = options;
      windows.push(this as any);
    }
    async loadURL(url: string) {
      this.loaded.push(url);
    }
    once(e: string, l: () => void) {
      this.listeners.set(e, l);
    }
    on(e: string, l: () => void) {
      this.listeners.set(e, l);
    }
    emit(e: string) {
      this.listeners.get(e)?.();
    }
    show() {
      this.shown = true;
    }
    focus = vi.fn();
    restore = vi.fn();
    isMinimized = () => true;
    static getAllWindows = () => windows;
  }

  const electron = {
    app: {
      isPackaged: opts.isPackaged ?? true,
      requestSingleInstanceLock: () => (calls.push('requestSingleInstanceLock'), opts.lock ?? true),
      quit: vi.fn(() => void calls.push('quit')),
      enableSandbox: () => void calls.push('enableSandbox'),
      whenReady: () => whenReady,
      getPath: () => '/home/u/.config/fleetlab',
      getVersion: () => '0.1.0',
      getName: () => 'fleetlab',
      on: (event: string, listener: (...args: any[]) => void) => {
        appListeners.set(event, [...(appListeners.get(event) ?? []), listener]);
      },
    },
    BrowserWindow: FakeWindow,
    Menu: {
      buildFromTemplate: (t: MenuItemConstructorOptions[]) => t,
      setApplicationMenu: (m: MenuItemConstructorOptions[]) => void menus.push(m),
    },
    protocol: {
      registerSchemesAsPrivileged: vi.fn(() => void calls.push('registerSchemesAsPrivileged')),
      handle: vi.fn((scheme: string, h: any) => {
        calls.push(`protocol.handle ${scheme}`);
        protocolHandler = h;
      }),
    },
    session: { defaultSession: session },
    ipcMain,
    dialog: { showOpenDialog: vi.fn(), showSaveDialog: vi.fn() },
    shell: { openExternal: vi.fn(async () => undefined) },
  };
  return {
    electron: electron as unknown as ElectronLike,
    raw: electron,
    calls,
    appListeners,
    resolveReady,
    windows,
    menus,
    session,
    ipcMain,
    serve: (url: string, method = 'GET') => protocolHandler!({ url, method }),
  };
}

const options = (fs = memFs({ '/app/out/renderer/index.html': '<!doctype html>' })) => ({
  mainDir: '/app/out/main',
  env: {},
  platform: 'linux',
  fs,
});

describe('startApp', () => {
  it('registers app:// as privileged before ready, then quits if another instance holds the lock', () => {
    const f = fakeElectron({ lock: false });
    expect(startApp(f.electron, options())).toBeNull();
    expect(f.calls).toEqual(['registerSchemesAsPrivileged', 'requestSingleInstanceLock', 'quit']);
    expect(f.raw.protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([
      { scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) },
    ]);
    expect(APP_SCHEME_PRIVILEGES).toMatchObject({ standard: true, secure: true });
  });

  it('on ready: protocol, permissions, IPC, menu, then one hardened window loading app://fleetlab', async () => {
    const f = fakeElectron();
    const handle = startApp(f.electron, options())!;
    expect(f.calls).toEqual(['registerSchemesAsPrivileged', 'requestSingleInstanceLock', 'enableSandbox']);
    expect(f.windows).toHaveLength(0);
    f.resolveReady();
    await handle.ready;

    expect(f.calls.slice(3)).toEqual(['protocol.handle app', 'new BrowserWindow']);
    expect(f.session.setPermissionRequestHandler).toHaveBeenCalledTimes(1);
    expect(f.session.setPermissionCheckHandler).toHaveBeenCalledTimes(1);
    expect([...f.ipcMain.handlers.keys()].sort()).toEqual(Object.values(CHANNELS).sort());
    expect(f.menus.length).toBeGreaterThanOrEqual(1);

    const [win] = f.windows;
    expect(win!.options.webPreferences).toStrictEqual(webPreferencesFor('/app/out/preload/index.cjs', { devTools: false }));
    expect(win!.options.webPreferences!.devTools).toBe(false);
    expect(win!.options.show).toBe(false);
    expect(win!.loaded).toEqual(['app://fleetlab/index.html']);
    win!.emit('ready-to-show');
    expect(win!.shown).toBe(true);
    expect(handle.getMainWindow()).toBe(win);
    expect(handle.allowedOrigins).toEqual(['app://fleetlab']);
  });

  it('serves the renderer directory next to out/main with the CSP', async () => {
    const f = fakeElectron();
    const handle = startApp(f.electron, options())!;
    f.resolveReady();
    await handle.ready;
    const res = await f.serve('app://fleetlab/index.html');
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('<!doctype html>');
    expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
  });

  it('hardens every web contents created', () => {
    const f = fakeElectron();
    startApp(f.electron, options());
    const contents = { on: vi.fn(), setWindowOpenHandler: vi.fn() };
    for (const l of f.appListeners.get('web-contents-created')!) l({}, contents);
    expect(contents.setWindowOpenHandler).toHaveBeenCalledTimes(1);
    expect(contents.on.mock.calls.map((c) => c[0])).toEqual(
      expect.arrayContaining(['will-navigate', 'will-redirect', 'will-attach-webview', 'input-event']),
    );
  });

  it('openExternal over IPC opens a link only after a click the window received', async () => {
    const f = fakeElectron();
    const handle = startApp(f.electron, options())!;
    f.resolveReady();
    await handle.ready;
    const listeners = new Map<string, (...args: any[]) => void>();
    const contents = { on: (name: string, l: (...args: any[]) => void) => void listeners.set(name, l), setWindowOpenHandler: vi.fn() };
    for (const l of f.appListeners.get('web-contents-created')!) l({}, contents);
    const open = () => f.ipcMain.invoke(CHANNELS.openExternal, 'app://fleetlab/index.html', { url: 'https://example.com/docs' });
    expect(await open()).toEqual({ ok: true, value: false });
    listeners.get('input-event')!({}, { type: 'mouseUp' });
    expect(await open()).toEqual({ ok: true, value: true });
    expect(await open()).toEqual({ ok: true, value: false });
    expect(f.raw.shell.openExternal).toHaveBeenCalledTimes(1);
  });

  it('menu commands reach the window on the menu channel; recent files rebuild the menu', async () => {
    const fs = memFs({ '/app/out/renderer/index.html': 'x', '/s/a.yaml': 'name: a' });
    const f = fakeElectron();
    const handle = startApp(f.electron, options(fs))!;
    f.resolveReady();
    await handle.ready;
    const menu = f.menus.at(-1)!;
    const run = (menu.find((m) => m.label === 'Run')!.submenu as MenuItemConstructorOptions[])[0]!;
    (run.click as () => void)();
    expect(f.windows[0]!.sent).toEqual([[EVENTS.menuCommand, 'run-all']]);

    f.raw.dialog.showOpenDialog.mockResolvedValueOnce({ canceled: false, filePaths: ['/s/a.yaml'] });
    const opened = await f.ipcMain.invoke(CHANNELS.openScenario, 'app://fleetlab/index.html');
    expect(opened.ok).toBe(true);
    const file = f.menus.at(-1)!.find((m) => m.label === 'File')!.submenu as MenuItemConstructorOptions[];
    const recent = file.find((i) => i.label === 'Open Recent')!.submenu as MenuItemConstructorOptions[];
    expect(recent[0]!.label).toBe('a.yaml');
    (recent[0]!.click as () => void)();
    expect(f.windows[0]!.sent.at(-1)).toEqual([EVENTS.openRecent, { path: '/s/a.yaml' }]);
    expect(JSON.parse(fs.text('/home/u/.config/fleetlab/recent-files.json')!).paths).toEqual(['/s/a.yaml']);
  });

  it('second instance focuses the window; all windows closed quits except on macOS', async () => {
    const f = fakeElectron();
    const handle = startApp(f.electron, options())!;
    f.resolveReady();
    await handle.ready;
    f.appListeners.get('second-instance')![0]!();
    expect(f.windows[0]!.restore).toHaveBeenCalled();
    expect(f.windows[0]!.focus).toHaveBeenCalled();
    f.appListeners.get('window-all-closed')![0]!();
    expect(f.raw.app.quit).toHaveBeenCalled();

    const mac = fakeElectron();
    startApp(mac.electron, { ...options(), platform: 'darwin' });
    mac.appListeners.get('window-all-closed')![0]!();
    expect(mac.raw.app.quit).not.toHaveBeenCalled();
  });

  it('uses the dev server only when unpackaged, and allows its origin', async () => {
    const f = fakeElectron({ isPackaged: false });
    const handle = startApp(f.electron, { ...options(), env: { ELECTRON_RENDERER_URL: 'http://localhost:5173' } })!;
    f.resolveReady();
    await handle.ready;
    expect(f.windows[0]!.loaded).toEqual(['http://localhost:5173/']);
    expect(handle.allowedOrigins).toEqual(['app://fleetlab', 'http://localhost:5173']);
    const view = f.menus.at(-1)!.find((m) => m.label === 'View')!.submenu as MenuItemConstructorOptions[];
    expect(view.map((i) => i.role)).toContain('toggleDevTools');
    expect(f.windows[0]!.options.webPreferences!.devTools).toBe(true);

    const packaged = fakeElectron({ isPackaged: true });
    const h2 = startApp(packaged.electron, { ...options(), env: { ELECTRON_RENDERER_URL: 'http://localhost:5173' } })!;
    packaged.resolveReady();
    await h2.ready;
    expect(packaged.windows[0]!.loaded).toEqual(['app://fleetlab/index.html']);
    expect(h2.allowedOrigins).toEqual(['app://fleetlab']);
  });
});

describe('devServerUrl', () => {
  it.each([
    [false, 'http://localhost:5173', 'http://localhost:5173/'],
    [false, 'http://127.0.0.1:5173/', 'http://127.0.0.1:5173/'],
    [true, 'http://localhost:5173', null],
    [false, undefined, null],
    [false, 'https://evil.com', null],
    [false, 'http://localhost.evil.com:5173', null],
    [false, 'http://user:pw@localhost:5173', null],
    [false, 'file:///tmp/index.html', null],
    [false, 'not a url', null],
  ])('isPackaged=%s %s → %s', (packaged, raw, expected) => {
    expect(devServerUrl(packaged, raw)).toBe(expected);
  });
});
