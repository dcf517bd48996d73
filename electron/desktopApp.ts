/**
 * The desktop app, thin: start the studio server in-process on 127.0.0.1 with a per-launch secret, open a
 * window on it, own the native menus and file dialogs. Everything Electron is passed in (`electron`), so
 * tests run this with a fake Electron (test/unit/electron/desktopApp.test.ts).
 *
 * Security: contextIsolation, sandbox, no nodeIntegration (security.ts); the server's Content-Security-
 * Policy; navigation away from the studio origin and new windows are blocked (https links go to the system
 * browser, nothing else); webviews refused; permission requests denied; IPC answered only for the studio's
 * top frame; the preload exposes four functions, never ipcRenderer.
 */
import { readFile, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { BrowserWindow as BrowserWindowT, MenuItemConstructorOptions } from 'electron';
import { StudioError } from '../runtime/studio/flowStore';
import type { StudioServer, StudioServerOptions } from '../runtime/studio/startStudioServer';
import { writeFileAtomic } from '../runtime/studio/writeFileAtomic';
import { ipcChannels, type MenuCommand } from './ipcChannels';
import { buildMenuTemplate } from './menu';
import { isAppUrl, isSafeExternalUrl, isTrustedSender, secureWebPreferences } from './security';

/** The parts of Electron the app uses (the real module satisfies it; tests pass a fake). */
export interface ElectronLike {
  app: {
    getPath(name: 'userData'): string;
    getAppPath(): string;
    getName(): string;
    isPackaged: boolean;
    on(event: string, listener: (...args: any[]) => void): unknown;
    quit(): void;
    addRecentDocument?(path: string): void;
    clearRecentDocuments?(): void;
  };
  BrowserWindow: new (options: Record<string, unknown>) => BrowserWindowT;
  Menu: { buildFromTemplate(template: MenuItemConstructorOptions[]): unknown; setApplicationMenu(menu: unknown): void };
  ipcMain: {
    handle(channel: string, listener: (event: any, ...args: any[]) => unknown): void;
    on(channel: string, listener: (event: any, ...args: any[]) => void): void;
  };
  dialog: {
    showOpenDialog(win: unknown, options: Record<string, unknown>): Promise<{ canceled: boolean; filePaths: string[] }>;
    showSaveDialog(win: unknown, options: Record<string, unknown>): Promise<{ canceled: boolean; filePath?: string }>;
    showMessageBox(win: unknown, options: Record<string, unknown>): Promise<unknown>;
  };
  shell: { openExternal(url: string): Promise<void> };
  session: { defaultSession: { setPermissionRequestHandler(handler: (wc: unknown, permission: string, callback: (ok: boolean) => void) => void): void } };
}

export interface DesktopOptions {
  /** Folder with dist/renderer, dist/electron and flows/ (app.getAppPath()). */
  appPath: string;
  /** Where the studio keeps its flows (default: userData/studio). */
  home?: string;
  /** A flow file given on the command line. */
  openFile?: string;
  preloadPath: string;
  startServer(options: StudioServerOptions): Promise<StudioServer>;
  platform?: NodeJS.Platform;
}

export interface DesktopApp {
  studio: StudioServer;
  window: BrowserWindowT;
  refreshMenu(): void;
  openPath(path: string): Promise<void>;
  close(): Promise<void>;
}

const MAX_FLOW_FILE = 30 * 1024 * 1024;

export async function startDesktopApp(electron: ElectronLike, opts: DesktopOptions): Promise<DesktopApp> {
  const { app, BrowserWindow, Menu, ipcMain, dialog, shell, session } = electron;
  const platform = opts.platform ?? process.platform;
  const studio = await opts.startServer({
    home: opts.home ?? join(app.getPath('userData'), 'studio'),
    port: 0,
    host: '127.0.0.1',
    rendererDir: join(opts.appPath, 'dist', 'renderer'),
    templatesDir: join(opts.appPath, 'flows'),
  });
  const origin = studio.origin;

  // No page may ask for the camera, notifications, etc.
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));

  // Every web contents (the window, anything it might create): stay on the studio, never open windows.
  app.on('web-contents-created', (_event: unknown, contents: any) => {
    contents.on('will-navigate', (event: { preventDefault(): void }, url: string) => {
      if (isAppUrl(url, origin)) return;
      event.preventDefault();
      if (isSafeExternalUrl(url)) void shell.openExternal(url);
    });
    contents.on('will-redirect', (event: { preventDefault(): void }, url: string) => {
      if (!isAppUrl(url, origin)) event.preventDefault();
    });
    contents.on('will-attach-webview', (event: { preventDefault(): void }) => event.preventDefault());
    contents.setWindowOpenHandler(({ url }: { url: string }) => {
      if (isSafeExternalUrl(url)) void shell.openExternal(url);
      return { action: 'deny' };
    });
  });

  const win = new BrowserWindow({
    width: 1440,
    height: 900,
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: 'Baton Studio',
    backgroundColor: '#f6f7f9',
    webPreferences: secureWebPreferences(opts.preloadPath),
  });
  win.once('ready-to-show', () => win.show());

  const send = (command: MenuCommand) => win.webContents.send(ipcChannels.menuCommand, command);

  const showProblem = (err: unknown) =>
    dialog.showMessageBox(win, {
      type: 'error',
      message: err instanceof StudioError ? err.message : 'The file could not be opened.',
      detail:
        err instanceof StudioError
          ? [err.hint, ...err.problems.slice(0, 8).map((p) => `• ${p.line !== undefined ? `line ${p.line}` : p.path}${p.blockId ? ` [${p.blockId}]` : ''}: ${p.message}`)].join('\n')
          : String(err),
    });

  const openPath = async (path: string) => {
    try {
      const { key } = await studio.store.openPath(path);
      app.addRecentDocument?.(path);
      await win.loadURL(studio.flowUrl(key));
      refreshMenu();
    } catch (err) {
      await showProblem(err);
    }
  };

  const openFileDialog = async () => {
    const r = await dialog.showOpenDialog(win, { title: 'Open a flow', properties: ['openFile'], filters: [{ name: 'Baton flow', extensions: ['json'] }] });
    if (!r.canceled && r.filePaths[0]) await openPath(r.filePaths[0]);
  };

  function refreshMenu() {
    const template = buildMenuTemplate({
      platform,
      appName: app.getName(),
      recent: studio.store.recent(),
      isDev: !app.isPackaged,
      actions: {
        command: send,
        openFile: () => void openFileDialog(),
        openRecent: (key) => void win.loadURL(studio.flowUrl(key)),
        clearRecent: () => {
          app.clearRecentDocuments?.();
          void studio.store.clearRecent().then(refreshMenu);
        },
      },
    });
    Menu.setApplicationMenu(Menu.buildFromTemplate(template));
  }

  /* ------------------------------------------------------------ IPC: only from the studio page */
  const guard = (event: unknown) => {
    if (!isTrustedSender(event as { senderFrame?: { url: string; parent?: unknown } }, origin)) {
      throw new Error('Refused: this request did not come from the Baton Studio page.');
    }
  };

  ipcMain.handle(ipcChannels.pickFlowFile, async (event) => {
    guard(event);
    const r = await dialog.showOpenDialog(win, { title: 'Import a flow', properties: ['openFile'], filters: [{ name: 'Baton flow', extensions: ['json'] }] });
    if (r.canceled || !r.filePaths[0]) return null;
    const path = r.filePaths[0];
    const info = await stat(path);
    if (info.size > MAX_FLOW_FILE) throw new Error(`${basename(path)} is too large to be a flow (${Math.round(info.size / 1e6)} MB).`);
    return { fileName: basename(path), text: await readFile(path, 'utf8') };
  });

  ipcMain.handle(ipcChannels.saveFile, async (event, suggestedName: unknown, text: unknown) => {
    guard(event);
    if (typeof suggestedName !== 'string' || typeof text !== 'string' || text.length > MAX_FLOW_FILE) throw new Error('Refused: a save needs a file name and the text to write.');
    const r = await dialog.showSaveDialog(win, { title: 'Export flow', defaultPath: basename(suggestedName), filters: [{ name: 'Baton flow', extensions: ['json'] }] });
    if (r.canceled || !r.filePath) return false;
    await writeFileAtomic(r.filePath, text);
    return true;
  });

  ipcMain.on(ipcChannels.setOpenFlow, (event, info: unknown) => {
    if (!isTrustedSender(event, origin)) return;
    const i = info as { key?: unknown; name?: unknown } | null;
    win.setTitle(i && typeof i.name === 'string' ? `${i.name.slice(0, 120)} — Baton Studio` : 'Baton Studio');
    refreshMenu();
  });

  refreshMenu();
  if (opts.openFile) {
    try {
      const { key } = await studio.store.openPath(opts.openFile);
      await win.loadURL(studio.flowUrl(key));
    } catch (err) {
      await win.loadURL(studio.url);
      await showProblem(err);
    }
  } else {
    await win.loadURL(studio.url);
  }

  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await studio.close();
  };
  app.on('window-all-closed', () => {
    void close().then(() => app.quit());
  });
  app.on('before-quit', () => void close());

  return { studio, window: win, refreshMenu, openPath, close };
}
