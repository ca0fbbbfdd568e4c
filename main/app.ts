// Wires the Electron shell together. `startApp` takes the electron module object (and the
// filesystem) as parameters, so tests drive it with fakes; main/index.ts passes the real ones.
import path from 'node:path';
import type { BaseWindow, BrowserWindowConstructorOptions, MenuItemConstructorOptions, Privileges } from 'electron';
import { APP_ORIGIN, APP_SCHEME, EVENTS, type MenuCommand } from './ipc/contract.js';
import { registerIpcHandlers, type DialogLike, type IpcMainLike } from './ipc/handlers.js';
import type { FsLike } from './atomic-write.js';
import { buildMenuTemplate, DOCS_URL } from './menu.js';
import { createAppProtocolHandler, nodeFileReader, type ProtocolRequest } from './protocol.js';
import { createRecentFiles } from './recent-files.js';
import {
  createUserGestures,
  denyAllPermissions,
  hardenWebContents,
  openExternalGuarded,
  originOf,
  webPreferencesFor,
  type SessionLike,
  type ShellLike,
  type WebContentsLike,
} from './security.js';

export interface WindowLike {
  webContents: { send(channel: string, ...args: unknown[]): void };
  loadURL(url: string): Promise<void>;
  once(event: 'ready-to-show', listener: () => void): unknown;
  on(event: 'closed', listener: () => void): unknown;
  show(): void;
  focus(): void;
  restore(): void;
  isMinimized(): boolean;
}

/** The subset of the electron module that startApp uses. */
export interface ElectronLike {
  app: {
    isPackaged: boolean;
    requestSingleInstanceLock(): boolean;
    quit(): void;
    enableSandbox(): void;
    whenReady(): Promise<void>;
    getPath(name: 'userData'): string;
    getVersion(): string;
    getName(): string;
    on(event: 'second-instance' | 'window-all-closed' | 'activate', listener: () => void): unknown;
    on(event: 'web-contents-created', listener: (event: unknown, contents: WebContentsLike) => void): unknown;
  };
  BrowserWindow: {
    new (options: BrowserWindowConstructorOptions): WindowLike;
    getAllWindows(): unknown[];
  };
  Menu: {
    buildFromTemplate(template: MenuItemConstructorOptions[]): unknown;
    setApplicationMenu(menu: any): void;
  };
  protocol: {
    registerSchemesAsPrivileged(schemes: { scheme: string; privileges?: Privileges }[]): void;
    handle(scheme: string, handler: (request: ProtocolRequest & Request) => Promise<Response>): void;
  };
  session: { defaultSession: SessionLike };
  ipcMain: IpcMainLike;
  dialog: DialogLike;
  shell: ShellLike;
}

export interface StartOptions {
  /** Directory of the compiled main entry (out/main); preload and renderer are its siblings. */
  mainDir: string;
  env: Readonly<Record<string, string | undefined>>;
  platform: string;
  fs: FsLike;
}

export interface AppHandle {
  /** Resolves once the window has been created. */
  ready: Promise<void>;
  getMainWindow(): WindowLike | null;
  allowedOrigins: readonly string[];
}

/** Privileges of the app:// scheme: standard (relative URLs, origin) and secure (like https). */
export const APP_SCHEME_PRIVILEGES: Privileges = { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true, codeCache: true };

/**
 * The renderer dev-server URL (electron-vite's ELECTRON_RENDERER_URL), honoured only in an
 * unpackaged app and only for a loopback http(s) address; null otherwise.
 */
export function devServerUrl(isPackaged: boolean, raw: string | undefined): string | null {
  if (isPackaged || !raw) return null;
  try {
    const u = new URL(raw);
    const loopback = u.hostname === 'localhost' || u.hostname === '127.0.0.1' || u.hostname === '[::1]';
    if ((u.protocol === 'http:' || u.protocol === 'https:') && loopback && u.username === '' && u.password === '') return u.href;
  } catch {
    // fall through
  }
  return null;
}

export function startApp(electron: ElectronLike, options: StartOptions): AppHandle | null {
  const { app, protocol, BrowserWindow, Menu, ipcMain, dialog, shell } = electron;

  // Must happen before `ready`.
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: APP_SCHEME_PRIVILEGES }]);

  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return null;
  }
  app.enableSandbox();

  const devUrl = devServerUrl(app.isPackaged, options.env.ELECTRON_RENDERER_URL);
  const devOrigin = devUrl ? originOf(devUrl) : null;
  const allowedOrigins = devOrigin ? [APP_ORIGIN, devOrigin] : [APP_ORIGIN];
  const preloadPath = path.join(options.mainDir, '..', 'preload', 'index.cjs');
  const rendererDir = path.join(options.mainDir, '..', 'renderer');

  let mainWindow: WindowLike | null = null;
  const getMainWindow = (): WindowLike | null => mainWindow;

  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  // Every WebContents (windows, and anything a bug might create) is hardened at creation; the
  // user gestures they receive are what lets the app open one external link each.
  const gestures = createUserGestures();
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, shell, allowedOrigins, gestures));
  app.on('window-all-closed', () => {
    if (options.platform !== 'darwin') app.quit();
  });

  const send = (command: MenuCommand): void => mainWindow?.webContents.send(EVENTS.menuCommand, command);

  const createWindow = (): WindowLike => {
    const win = new BrowserWindow({
      width: 1440,
      height: 900,
      minWidth: 960,
      minHeight: 600,
      show: false,
      title: 'fleetlab',
      webPreferences: webPreferencesFor(preloadPath, { devTools: !app.isPackaged }),
    });
    mainWindow = win;
    win.once('ready-to-show', () => win.show());
    win.on('closed', () => {
      if (mainWindow === win) mainWindow = null;
    });
    void win.loadURL(devUrl ?? `${APP_ORIGIN}/index.html`);
    return win;
  };

  const ready = app.whenReady().then(() => {
    const readFile = nodeFileReader(options.fs);
    const serve = createAppProtocolHandler({ root: rendererDir, readFile });
    protocol.handle(APP_SCHEME, serve);
    denyAllPermissions(electron.session.defaultSession);

    const setMenu = (recent: readonly string[]): void => {
      const template = buildMenuTemplate({
        send,
        openRecent: (filePath) => mainWindow?.webContents.send(EVENTS.openRecent, { path: filePath }),
        clearRecent: () => void recentFiles.clear().catch(() => undefined),
        openDocs: () => void openExternalGuarded(shell, DOCS_URL).catch(() => undefined),
        recent,
        platform: options.platform,
        isDev: !app.isPackaged,
        appName: app.getName(),
      });
      Menu.setApplicationMenu(Menu.buildFromTemplate(template));
    };
    const recentFiles = createRecentFiles({
      fs: options.fs,
      file: path.join(app.getPath('userData'), 'recent-files.json'),
      onChange: setMenu,
    });

    registerIpcHandlers({
      ipcMain,
      dialog,
      shell,
      fs: options.fs,
      app,
      platform: options.platform,
      // The real window is a BrowserWindow (a BaseWindow); WindowLike is what startApp itself touches.
      getMainWindow: () => mainWindow as unknown as BaseWindow | null,
      recentFiles,
      allowedOrigins,
      hasUserGesture: () => gestures.consume(),
    });

    setMenu([]);
    void recentFiles.list().then(setMenu, () => undefined);
    createWindow();
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) createWindow();
    });
  });

  return { ready, getMainWindow, allowedOrigins };
}
