/**
 * The desktop shell's security rules, as pure functions (unit-tested without Electron):
 * - the window may only show the studio's own origin (navigation elsewhere is blocked),
 * - new windows are never opened; https links, and http links to this machine (the Run button's widget demo
 *   page and inbox on 127.0.0.1), go to the system browser, nothing else does,
 * - IPC messages are answered only when they come from the studio page's main frame,
 * - the window runs with contextIsolation, sandbox, no nodeIntegration, webSecurity.
 */

/** True when `url` is on the studio server's origin (http://127.0.0.1:PORT). */
export function isAppUrl(url: string, origin: string): boolean {
  try {
    return new URL(url).origin === origin;
  } catch {
    return false;
  }
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * Links that may leave the app, to the system browser: https anywhere, and http only to this machine's loopback
 * (the runtime the Run button starts serves its widget demo page and inbox on http://127.0.0.1:PORT).
 */
export function isSafeExternalUrl(url: string): boolean {
  try {
    const u = new URL(url);
    if (u.username !== '' || u.password !== '') return false;
    return u.protocol === 'https:' || (u.protocol === 'http:' && LOOPBACK_HOSTS.has(u.hostname));
  } catch {
    return false;
  }
}

export interface IpcSenderInfo {
  senderFrame?: { url: string; parent?: unknown } | null;
}

/** An IPC call is accepted only from the studio page's top frame on the studio origin. */
export function isTrustedSender(event: IpcSenderInfo, origin: string): boolean {
  const frame = event.senderFrame;
  if (!frame) return false;
  if (frame.parent) return false;
  return isAppUrl(frame.url, origin);
}

export function secureWebPreferences(preload: string) {
  return {
    preload,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    spellcheck: true,
  } as const;
}
