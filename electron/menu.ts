/**
 * The native menus (File, Edit, View, Help; recent files) as a plain template, built by a pure function so
 * it is unit-tested without Electron. Commands go to the page (menu-command IPC); Undo/Redo show their
 * shortcut but do not grab it (`registerAccelerator: false`), so the canvas's own keys and the text
 * fields' native undo keep working.
 */
import type { MenuItemConstructorOptions } from 'electron';
import type { MenuCommand } from './ipcChannels';

export interface MenuActions {
  command(command: MenuCommand): void;
  openFile(): void;
  openRecent(key: string): void;
  clearRecent(): void;
}

export interface MenuOptions {
  platform: NodeJS.Platform;
  appName: string;
  recent: { key: string; name: string; path: string }[];
  isDev: boolean;
  actions: MenuActions;
}

export function buildMenuTemplate({ platform, appName, recent, isDev, actions }: MenuOptions): MenuItemConstructorOptions[] {
  const mac = platform === 'darwin';
  const cmd = (label: string, command: MenuCommand, accelerator?: string, extra: Partial<MenuItemConstructorOptions> = {}): MenuItemConstructorOptions => ({
    label,
    ...(accelerator ? { accelerator } : {}),
    click: () => actions.command(command),
    ...extra,
  });
  const recentItems: MenuItemConstructorOptions[] =
    recent.length === 0
      ? [{ label: 'No recent flows', enabled: false }]
      : [
          ...recent.slice(0, 10).map((r) => ({ label: r.name, sublabel: r.path, click: () => actions.openRecent(r.key) })),
          { type: 'separator' as const },
          { label: 'Clear Recent', click: () => actions.clearRecent() },
        ];

  const template: MenuItemConstructorOptions[] = [];
  if (mac) {
    template.push({
      label: appName,
      submenu: [{ role: 'about' }, { type: 'separator' }, { role: 'hide' }, { role: 'hideOthers' }, { role: 'unhide' }, { type: 'separator' }, { role: 'quit' }],
    });
  }
  template.push({
    label: 'File',
    submenu: [
      cmd('New Flow', 'new-flow', 'CmdOrCtrl+N'),
      { label: 'Open…', accelerator: 'CmdOrCtrl+O', click: () => actions.openFile() },
      { label: 'Open Recent', submenu: recentItems },
      { type: 'separator' },
      cmd('Import…', 'import', 'CmdOrCtrl+I'),
      cmd('Export…', 'export', 'CmdOrCtrl+E'),
      { type: 'separator' },
      cmd('Version History', 'history', 'CmdOrCtrl+Shift+H'),
      cmd('All Flows', 'home', 'CmdOrCtrl+Shift+O'),
      { type: 'separator' },
      mac ? { role: 'close' } : { role: 'quit' },
    ],
  });
  template.push({
    label: 'Edit',
    submenu: [
      cmd('Undo', 'undo', 'CmdOrCtrl+Z', { registerAccelerator: false }),
      cmd('Redo', 'redo', mac ? 'Cmd+Shift+Z' : 'Ctrl+Y', { registerAccelerator: false }),
      { type: 'separator' },
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      { role: 'selectAll' },
      { type: 'separator' },
      cmd('Find Block…', 'find', 'CmdOrCtrl+F', { registerAccelerator: false }),
    ],
  });
  template.push({
    label: 'View',
    submenu: [
      cmd('Fit View', 'fit-view', 'Shift+1', { registerAccelerator: false }),
      cmd('Zoom In', 'zoom-in', 'CmdOrCtrl+=', { registerAccelerator: false }),
      cmd('Zoom Out', 'zoom-out', 'CmdOrCtrl+-', { registerAccelerator: false }),
      { type: 'separator' },
      cmd('Toggle Dark Mode', 'toggle-theme'),
      { type: 'separator' },
      { role: 'reload' },
      ...(isDev ? [{ role: 'toggleDevTools' as const }] : []),
      { role: 'togglefullscreen' },
    ],
  });
  template.push({
    label: 'Help',
    submenu: [cmd('Keyboard Shortcuts', 'shortcuts', 'CmdOrCtrl+/', { registerAccelerator: false }), ...(mac ? [] : [{ type: 'separator' as const }, { role: 'about' as const }])],
  });
  return template;
}
