import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { buildMenuTemplate, DOCS_URL, type MenuOptions } from '../../main/menu.js';
import { MENU_COMMANDS } from '../../main/ipc/contract.js';
import { isSafeExternalUrl } from '../../main/security.js';

function build(over: Partial<MenuOptions> = {}) {
  const send = vi.fn<(command: string) => void>();
  const opts = {
    send,
    openRecent: vi.fn(),
    clearRecent: vi.fn(),
    openDocs: vi.fn(),
    recent: [] as string[],
    platform: 'linux',
    isDev: false,
    ...over,
  };
  return { opts: { ...opts, send }, template: buildMenuTemplate(opts) };
}

const sub = (item: MenuItemConstructorOptions | undefined) => (item?.submenu ?? []) as MenuItemConstructorOptions[];
const top = (t: MenuItemConstructorOptions[], label: string) => t.find((i) => i.label === label || (label === 'Help' && i.role === 'help'));
const item = (t: MenuItemConstructorOptions[], menu: string, label: string) => sub(top(t, menu)).find((i) => i.label === label);
const click = (i: MenuItemConstructorOptions | undefined) => (i!.click as () => void)();

describe('application menu', () => {
  it('has File, Edit, Run, View, Help on Linux/Windows', () => {
    const { template } = build();
    expect(template.map((i) => i.label ?? i.role)).toEqual(['File', 'Edit', 'Run', 'View', 'help']);
  });

  it.each([
    ['File', 'Open Scenario…', 'CmdOrCtrl+O', 'open-scenario'],
    ['File', 'Open Trace…', 'CmdOrCtrl+Shift+O', 'open-trace'],
    ['File', 'Save Scenario', 'CmdOrCtrl+S', 'save-scenario'],
    ['File', 'Export Results…', 'CmdOrCtrl+E', 'export-results'],
    ['Edit', 'Undo', 'CmdOrCtrl+Z', 'undo'],
    ['Edit', 'Redo', 'Ctrl+Y', 'redo'],
    ['Run', 'Run All', 'CmdOrCtrl+Enter', 'run-all'],
    ['Run', 'Cancel Run', 'Escape', 'cancel-run'],
    ['View', 'Toggle Theme', 'CmdOrCtrl+Shift+L', 'toggle-theme'],
  ])('%s ▸ %s has %s and sends %s', (menu, label, accelerator, command) => {
    const { template, opts } = build();
    const i = item(template, menu, label);
    expect(i?.accelerator).toBe(accelerator);
    click(i);
    expect(opts.send).toHaveBeenCalledWith(command);
  });

  it('every menu command is reachable from the menu', () => {
    const { template, opts } = build();
    const walk = (items: MenuItemConstructorOptions[]): void =>
      items.forEach((i) => {
        if (typeof i.click === 'function' && i.label !== 'fleetlab Documentation') (i.click as () => void)();
        walk(sub(i));
      });
    walk(template);
    expect(new Set(opts.send.mock.calls.map((c) => c[0]))).toEqual(new Set(MENU_COMMANDS));
  });

  it('accelerators are unique', () => {
    const { template } = build();
    const accels: string[] = [];
    const walk = (items: MenuItemConstructorOptions[]): void =>
      items.forEach((i) => {
        if (i.accelerator) accels.push(String(i.accelerator));
        walk(sub(i));
      });
    walk(template);
    expect(new Set(accels).size).toBe(accels.length);
  });

  it('Recent lists the files, opens them and can be cleared', () => {
    const { template, opts } = build({ recent: ['/s/a.yaml', '/s/b.yaml'] });
    const recent = sub(item(template, 'File', 'Open Recent'));
    expect(recent.map((i) => i.label ?? i.type)).toEqual(['a.yaml', 'b.yaml', 'separator', 'Clear Recent']);
    click(recent[1]);
    expect(opts.openRecent).toHaveBeenCalledWith('/s/b.yaml');
    click(recent[3]);
    expect(opts.clearRecent).toHaveBeenCalled();
  });

  it('empty Recent shows a disabled placeholder', () => {
    const { template } = build();
    expect(sub(item(template, 'File', 'Open Recent'))).toEqual([{ label: 'No Recent Scenarios', enabled: false }]);
  });

  it('reload and devtools only in dev', () => {
    const roles = (t: MenuItemConstructorOptions[]) => sub(top(t, 'View')).map((i) => i.role);
    expect(roles(build().template)).not.toContain('toggleDevTools');
    expect(roles(build().template)).not.toContain('reload');
    expect(roles(build({ isDev: true }).template)).toEqual(expect.arrayContaining(['reload', 'forceReload', 'toggleDevTools']));
  });

  it('Help opens the documentation through the guarded opener', () => {
    const { template, opts } = build();
    click(sub(top(template, 'Help')).find((i) => i.label === 'fleetlab Documentation'));
    expect(opts.openDocs).toHaveBeenCalled();
    expect(isSafeExternalUrl(DOCS_URL)).toBe(true);
  });

  it('macOS gets the app menu and window menu, and Cmd+Shift+Z for redo', () => {
    const { template } = build({ platform: 'darwin' });
    expect(template[0]!.role).toBe('appMenu');
    expect(template.map((i) => i.role).filter(Boolean)).toEqual(['appMenu', 'windowMenu', 'help']);
    expect(item(template, 'Edit', 'Redo')?.accelerator).toBe('Cmd+Shift+Z');
    expect(sub(top(template, 'File')).at(-1)).toEqual({ role: 'close' });
  });
});
