// The application menu, as a pure template builder. Items that belong to the app send a
// MenuCommand to the renderer (main/app.ts passes `send`); items that belong to the OS or
// the window use Electron roles.
import path from 'node:path';
import type { MenuItemConstructorOptions } from 'electron';
import type { MenuCommand } from './ipc/contract.js';

/** Where Help ▸ Documentation points (opened through the guarded openExternal). */
export const DOCS_URL = 'https://github.com/fleetlab/fleetlab#readme';

export interface MenuOptions {
  /** Sends a command to the renderer (EVENTS.menuCommand). */
  send(command: MenuCommand): void;
  /** File ▸ Recent ▸ <path> (EVENTS.openRecent). */
  openRecent(filePath: string): void;
  clearRecent(): void;
  /** Help ▸ Documentation: must go through openExternalGuarded. */
  openDocs(): void;
  /** Recent scenario paths, most recent first. */
  recent: readonly string[];
  platform: string;
  /** Adds Reload / Toggle Developer Tools. Never true in a packaged app. */
  isDev: boolean;
  appName?: string;
}

export function buildMenuTemplate(options: MenuOptions): MenuItemConstructorOptions[] {
  const isMac = options.platform === 'darwin';
  const cmd = (label: string, command: MenuCommand, accelerator?: string): MenuItemConstructorOptions => ({
    label,
    ...(accelerator ? { accelerator } : {}),
    click: () => options.send(command),
  });

  const recentItems: MenuItemConstructorOptions[] =
    options.recent.length === 0
      ? [{ label: 'No Recent Scenarios', enabled: false }]
      : [
          ...options.recent.map(
            (p): MenuItemConstructorOptions => ({ label: path.basename(p), sublabel: p, toolTip: p, click: () => options.openRecent(p) }),
          ),
          { type: 'separator' },
          { label: 'Clear Recent', click: () => options.clearRecent() },
        ];

  const file: MenuItemConstructorOptions = {
    label: 'File',
    submenu: [
      cmd('Open Scenario…', 'open-scenario', 'CmdOrCtrl+O'),
      cmd('Open Trace…', 'open-trace', 'CmdOrCtrl+Shift+O'),
      { label: 'Open Recent', submenu: recentItems },
      { type: 'separator' },
      cmd('Save Scenario', 'save-scenario', 'CmdOrCtrl+S'),
      cmd('Export Results…', 'export-results', 'CmdOrCtrl+E'),
      { type: 'separator' },
      isMac ? { role: 'close' } : { role: 'quit' },
    ],
  };

  // Undo/redo go to the renderer, which applies native text undo inside editable fields
  // and its own scenario undo elsewhere; cut/copy/paste stay native (needed on macOS).
  const edit: MenuItemConstructorOptions = {
    label: 'Edit',
    submenu: [
      cmd('Undo', 'undo', 'CmdOrCtrl+Z'),
      cmd('Redo', 'redo', isMac ? 'Cmd+Shift+Z' : 'Ctrl+Y'),
      { type: 'separator' },
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      { role: 'selectAll' },
    ],
  };

  const run: MenuItemConstructorOptions = {
    label: 'Run',
    submenu: [cmd('Run All', 'run-all', 'CmdOrCtrl+Enter'), cmd('Cancel Run', 'cancel-run', 'Escape')],
  };

  const view: MenuItemConstructorOptions = {
    label: 'View',
    submenu: [
      cmd('Toggle Theme', 'toggle-theme', 'CmdOrCtrl+Shift+L'),
      { type: 'separator' },
      ...(options.isDev
        ? ([{ role: 'reload' }, { role: 'forceReload' }, { role: 'toggleDevTools' }, { type: 'separator' }] as MenuItemConstructorOptions[])
        : []),
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { type: 'separator' },
      { role: 'togglefullscreen' },
    ],
  };

  const help: MenuItemConstructorOptions = {
    role: 'help',
    submenu: [{ label: 'fleetlab Documentation', click: () => options.openDocs() }, ...(isMac ? [] : [{ role: 'about' } as MenuItemConstructorOptions])],
  };

  const template: MenuItemConstructorOptions[] = [file, edit, run, view];
  if (isMac) {
    template.unshift({ label: options.appName ?? 'fleetlab', role: 'appMenu' });
    template.push({ role: 'windowMenu' });
  }
  template.push(help);
  return template;
}
