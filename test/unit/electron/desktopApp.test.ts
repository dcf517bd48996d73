/**
 * The Electron main process with Electron replaced by a fake (the binary cannot be downloaded here, and unit
 * tests should not need it): the secure window, navigation and new-window guards, IPC sender checks, the
 * native menus with recent files, the file dialogs, and the in-process studio server.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startDesktopApp, type DesktopApp, type ElectronLike } from '../../../electron/desktopApp';
import { ipcChannels } from '../../../electron/ipcChannels';
import { buildMenuTemplate } from '../../../electron/menu';
import { isAppUrl, isSafeExternalUrl, isTrustedSender } from '../../../electron/security';
import { repoRoot, startStudioServer } from '../../../runtime/studio/startStudioServer';

type Listener = (...args: any[]) => any;

function fakeElectron(dir: string) {
  const appListeners = new Map<string, Listener[]>();
  const handlers = new Map<string, Listener>();
  const onHandlers = new Map<string, Listener>();
  const windows: any[] = [];
  let menuTemplate: any[] = [];
  const dialog = {
    showOpenDialog: vi.fn(async () => ({ canceled: true, filePaths: [] as string[] })),
    showSaveDialog: vi.fn(async () => ({ canceled: true, filePath: undefined as string | undefined })),
    showMessageBox: vi.fn(async () => ({})),
  };
  const shell = { openExternal: vi.fn(async () => {}) };
  const permission = { handler: null as null | Listener };
  class BrowserWindow {
    options: any;
    loaded: string[] = [];
    title = '';
    contentsListeners = new Map<string, Listener>();
    openHandler: Listener | null = null;
    sent: any[] = [];
    webContents = {
      send: (channel: string, ...args: any[]) => this.sent.push([channel, ...args]),
      on: (event: string, l: Listener) => this.contentsListeners.set(event, l),
      setWindowOpenHandler: (h: Listener) => (this.openHandler = h),
    };
    constructor(options: any) {
      this.options = options;
      windows.push(this);
      // Electron fires web-contents-created for every new web contents
      for (const l of appListeners.get('web-contents-created') ?? []) l({}, this.webContents);
    }
    once() {}
    show() {}
    async loadURL(url: string) {
      this.loaded.push(url);
    }
    setTitle(t: string) {
      this.title = t;
    }
    isMinimized() {
      return false;
    }
    restore() {}
    focus() {}
  }
  const electron: ElectronLike = {
    app: {
      getPath: () => join(dir, 'userData'),
      getAppPath: () => repoRoot,
      getName: () => 'Baton',
      isPackaged: false,
      on: (event: string, l: Listener) => appListeners.set(event, [...(appListeners.get(event) ?? []), l]),
      quit: vi.fn(),
      addRecentDocument: vi.fn(),
    },
    BrowserWindow: BrowserWindow as any,
    Menu: { buildFromTemplate: (t: any[]) => ((menuTemplate = t), t), setApplicationMenu: () => {} },
    ipcMain: { handle: (c: string, l: Listener) => handlers.set(c, l), on: (c: string, l: Listener) => onHandlers.set(c, l) },
    dialog,
    shell,
    session: { defaultSession: { setPermissionRequestHandler: (h: Listener) => (permission.handler = h) } },
  };
  return { electron, handlers, onHandlers, windows, dialog, shell, permission, appListeners, menu: () => menuTemplate };
}

let dir: string;
let fake: ReturnType<typeof fakeElectron>;
let desktop: DesktopApp;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'baton-desktop-'));
  fake = fakeElectron(dir);
  desktop = await startDesktopApp(fake.electron, { appPath: repoRoot, preloadPath: '/app/preload.cjs', startServer: startStudioServer, platform: 'linux' });
});
afterEach(async () => {
  await desktop?.close();
  await rm(dir, { recursive: true, force: true });
});

const trusted = () => ({ senderFrame: { url: `${desktop.studio.origin}/studio/`, parent: null } });

describe('desktop window', () => {
  it('starts the studio server in-process on 127.0.0.1 and opens a secure window on its secret link', () => {
    const win = fake.windows[0];
    expect(desktop.studio.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(win.loaded).toEqual([desktop.studio.url]);
    expect(win.options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, webviewTag: false, preload: '/app/preload.cjs' });
    // the studio home is the app's userData
    expect(desktop.studio.store.home).toBe(join(dir, 'userData', 'studio'));
  });

  it('blocks navigation away from the studio and new windows; only https and loopback links go to the system browser', () => {
    const win = fake.windows[0];
    const navigate = win.contentsListeners.get('will-navigate')!;
    const event = () => ({ preventDefault: vi.fn() });
    const inside = event();
    navigate(inside, `${desktop.studio.origin}/studio/#/flow/x`);
    expect(inside.preventDefault).not.toHaveBeenCalled();
    const web = event();
    navigate(web, 'https://example.com/docs');
    expect(web.preventDefault).toHaveBeenCalled();
    expect(fake.shell.openExternal).toHaveBeenCalledWith('https://example.com/docs');
    const file = event();
    navigate(file, 'file:///etc/passwd');
    expect(file.preventDefault).toHaveBeenCalled();
    const plain = event();
    navigate(plain, 'http://example.com/insecure');
    expect(plain.preventDefault).toHaveBeenCalled();
    expect(fake.shell.openExternal).toHaveBeenCalledTimes(1);
    // another server on this machine (the Run button's runtime) opens in the system browser, not in the window
    const run = event();
    navigate(run, 'http://127.0.0.1:9/inbox');
    expect(run.preventDefault).toHaveBeenCalled();
    expect(fake.shell.openExternal).toHaveBeenLastCalledWith('http://127.0.0.1:9/inbox');

    expect(win.openHandler!({ url: 'https://example.com' })).toEqual({ action: 'deny' });
    expect(win.openHandler!({ url: 'javascript:alert(1)' })).toEqual({ action: 'deny' });
    // the Run button's window.open of the runtime's inbox: denied as a window, opened in the system browser
    expect(win.openHandler!({ url: 'http://127.0.0.1:4100/inbox' })).toEqual({ action: 'deny' });
    expect(fake.shell.openExternal).toHaveBeenLastCalledWith('http://127.0.0.1:4100/inbox');
    expect(fake.shell.openExternal).toHaveBeenCalledTimes(4);
    const webview = event();
    win.contentsListeners.get('will-attach-webview')!(webview);
    expect(webview.preventDefault).toHaveBeenCalled();
    const granted = vi.fn();
    fake.permission.handler!({}, 'media', granted);
    expect(granted).toHaveBeenCalledWith(false);
  });
});

describe('IPC', () => {
  it('refuses calls from any frame but the studio page', async () => {
    const pick = fake.handlers.get(ipcChannels.pickFlowFile)!;
    await expect(pick({ senderFrame: { url: 'https://evil.example/', parent: null } })).rejects.toThrow(/Refused/);
    await expect(pick({ senderFrame: { url: `${desktop.studio.origin}/studio/`, parent: {} } })).rejects.toThrow(/Refused/);
    await expect(pick({})).rejects.toThrow(/Refused/);
    expect(fake.dialog.showOpenDialog).not.toHaveBeenCalled();
  });

  it('import dialog returns the picked file; export dialog writes atomically', async () => {
    const file = join(dir, 'picked.json');
    await writeFile(file, '{"version":1}');
    fake.dialog.showOpenDialog.mockResolvedValueOnce({ canceled: false, filePaths: [file] });
    expect(await fake.handlers.get(ipcChannels.pickFlowFile)!(trusted())).toEqual({ fileName: 'picked.json', text: '{"version":1}' });
    fake.dialog.showOpenDialog.mockResolvedValueOnce({ canceled: true, filePaths: [] });
    expect(await fake.handlers.get(ipcChannels.pickFlowFile)!(trusted())).toBeNull();

    const out = join(dir, 'export.json');
    fake.dialog.showSaveDialog.mockResolvedValueOnce({ canceled: false, filePath: out });
    expect(await fake.handlers.get(ipcChannels.saveFile)!(trusted(), 'bot.json', '{"exported":true}\n')).toBe(true);
    expect(await readFile(out, 'utf8')).toBe('{"exported":true}\n');
    await expect(fake.handlers.get(ipcChannels.saveFile)!(trusted(), 42, null)).rejects.toThrow(/Refused/);
  });

  it('the open flow sets the window title; untrusted senders are ignored', () => {
    const set = fake.onHandlers.get(ipcChannels.setOpenFlow)!;
    set(trusted(), { key: 'sales', name: 'Sales bot' });
    expect(fake.windows[0].title).toBe('Sales bot — Baton Studio');
    set({ senderFrame: { url: 'https://evil.example/' } }, { key: 'x', name: 'Hacked' });
    expect(fake.windows[0].title).toBe('Sales bot — Baton Studio');
  });
});

describe('menus and files', () => {
  it('has File, Edit, View and Help; File > Open opens a flow file on the canvas and adds it to recent files', async () => {
    expect(fake.menu().map((m) => m.label)).toEqual(['File', 'Edit', 'View', 'Help']);
    const flowFile = join(dir, 'my-flow.json');
    await writeFile(flowFile, await readFile(join(repoRoot, 'flows/lead-gen.json'), 'utf8'));
    fake.dialog.showOpenDialog.mockResolvedValueOnce({ canceled: false, filePaths: [flowFile] });
    const file = fake.menu()[0].submenu;
    file.find((i: any) => i.label === 'Open…').click();
    // vi.waitFor's default is 1 s: opening the file goes through the studio server, longer on a loaded CI machine.
    await vi.waitFor(() => expect(fake.windows[0].loaded.at(-1)).toMatch(/#\/flow\/lead-gen$/), { timeout: 15_000 });
    expect(fake.electron.app.addRecentDocument).toHaveBeenCalledWith(flowFile);
    const recent = fake.menu()[0].submenu.find((i: any) => i.label === 'Open Recent').submenu;
    expect(recent[0]).toMatchObject({ label: 'Acme Cloud pricing assistant', sublabel: flowFile });
  });

  it('a broken file opened from the menu shows its problems in a dialog and is not changed', async () => {
    const broken = join(dir, 'broken.json');
    await writeFile(broken, '{ "version": 1, ');
    await desktop.openPath(broken);
    expect(fake.dialog.showMessageBox).toHaveBeenCalledTimes(1);
    const [, box] = fake.dialog.showMessageBox.mock.calls[0] as unknown as [unknown, { message: string; detail: string }];
    expect(box.message).toContain('not a flow Baton can read');
    expect(box.detail).toMatch(/line 1/);
    expect(await readFile(broken, 'utf8')).toBe('{ "version": 1, ');
  });

  it('menu commands go to the page; undo/redo do not grab the keyboard from text fields', () => {
    const edit = fake.menu()[1].submenu;
    const undo = edit.find((i: any) => i.label === 'Undo');
    expect(undo.registerAccelerator).toBe(false);
    undo.click();
    expect(fake.windows[0].sent).toContainEqual([ipcChannels.menuCommand, 'undo']);
  });

  it('on macOS the app menu comes first', () => {
    const t = buildMenuTemplate({ platform: 'darwin', appName: 'Baton', recent: [], isDev: false, actions: { command() {}, openFile() {}, openRecent() {}, clearRecent() {} } });
    expect(t.map((m) => m.label)).toEqual(['Baton', 'File', 'Edit', 'View', 'Help']);
    expect(JSON.stringify(t)).not.toContain('toggleDevTools');
  });

  it('closing the last window stops the studio server', async () => {
    for (const l of fake.appListeners.get('window-all-closed') ?? []) l();
    await vi.waitFor(() => expect(fake.electron.app.quit).toHaveBeenCalled(), { timeout: 15_000 });
    await expect(fetch(`${desktop.studio.origin}/api/health`)).rejects.toThrow();
  });
});

describe('security rules', () => {
  it('isAppUrl, isSafeExternalUrl, isTrustedSender', () => {
    expect(isAppUrl('http://127.0.0.1:5000/studio/', 'http://127.0.0.1:5000')).toBe(true);
    expect(isAppUrl('http://127.0.0.1:5001/', 'http://127.0.0.1:5000')).toBe(false);
    expect(isAppUrl('not a url', 'http://127.0.0.1:5000')).toBe(false);
    expect(isSafeExternalUrl('https://baton.dev')).toBe(true);
    expect(isSafeExternalUrl('http://baton.dev')).toBe(false);
    expect(isSafeExternalUrl('https://user:pw@baton.dev')).toBe(false);
    expect(isSafeExternalUrl('file:///x')).toBe(false);
    // The Run button opens the runtime's pages on loopback in the system browser.
    expect(isSafeExternalUrl('http://127.0.0.1:4100/inbox')).toBe(true);
    expect(isSafeExternalUrl('http://localhost:4100/chat/support')).toBe(true);
    expect(isSafeExternalUrl('http://[::1]:4100/inbox')).toBe(true);
    expect(isSafeExternalUrl('http://127.0.0.1.evil.example/inbox')).toBe(false);
    expect(isSafeExternalUrl('http://user:pw@127.0.0.1:4100/')).toBe(false);
    expect(isSafeExternalUrl('javascript:alert(1)')).toBe(false);
    expect(isTrustedSender({ senderFrame: { url: 'http://127.0.0.1:5000/studio/' } }, 'http://127.0.0.1:5000')).toBe(true);
    expect(isTrustedSender({ senderFrame: null }, 'http://127.0.0.1:5000')).toBe(false);
  });
});
