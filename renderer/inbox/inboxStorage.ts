/**
 * Where the inbox keeps the agent's sign-in, her Offline choice and her unsent replies (newcomer s17 N#4): the
 * browser's localStorage, shared by this origin's tabs and kept when a tab closes, so an agent who closes the inbox tab
 * (by mistake, or to reopen it later) comes back signed in. It was sessionStorage: closing the tab signed her out of
 * this browser and she had to find her password inside the away grace (the server marks her unreachable meanwhile,
 * which is right). Signing out still removes the sign-in and her drafts (Inbox.tsx signOut; every tab follows).
 * A browser that refuses localStorage (blocked site data) falls back to the tab's sessionStorage, as before.
 */
export type InboxStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem' | 'key' | 'length'>;

const KEPT_KEYS = ['baton.inbox.session', 'baton.inbox.offline'];

export function inboxStorage(w: { localStorage?: Storage; sessionStorage?: Storage }): InboxStorage {
  let local: Storage | undefined;
  try {
    local = w.localStorage;
    // Some browsers expose localStorage but throw on use (storage blocked, private mode quota 0).
    local?.setItem('baton.inbox.probe', '1');
    local?.removeItem('baton.inbox.probe');
  } catch {
    local = undefined;
  }
  if (!local) return w.sessionStorage as Storage;
  // A tab signed in by an earlier inbox (sessionStorage) stays signed in after this update: its keys move over once.
  try {
    const tab = w.sessionStorage;
    // Its unsent replies too (revrt #12: they were left behind in the tab and lost at its next reload).
    const drafts: string[] = [];
    for (let i = 0; tab && i < tab.length; i++) {
      const k = tab.key(i);
      if (k?.startsWith('baton.inbox.draft.')) drafts.push(k);
    }
    for (const k of [...KEPT_KEYS, ...drafts]) {
      const v = tab?.getItem(k);
      if (v !== null && v !== undefined && local.getItem(k) === null) local.setItem(k, v);
      tab?.removeItem(k);
    }
  } catch {
    // the tab's storage blocked: nothing to move
  }
  return local;
}

/**
 * Review of session 18 (revrt, HIGH): the sign-in kept in localStorage outlived the browser for the whole server
 * session (12 h by default), so on a shared computer the next person to open the inbox was signed in as the agent who
 * closed the browser without signing out. N#4 needs only "closed the tab by mistake, opened it again": the sign-in is
 * used only if an inbox tab of this browser was open, signed in, in the last KEEP_CLOSED_MS. Each such tab writes its
 * time under OPEN_KEY every OPEN_BEAT_MS and when it closes (pagehide); an older kept sign-in is dropped, and ended on
 * the server, when an inbox opens.
 */
export const OPEN_KEY = 'baton.inbox.open';
export const OPEN_BEAT_MS = 30_000;
export const KEEP_CLOSED_MS = 10 * 60_000;

/** An inbox tab of this browser is open and signed in now (see OPEN_KEY). */
export function markInboxOpen(s: Pick<Storage, 'setItem'>, now: number): void {
  try {
    s.setItem(OPEN_KEY, String(now));
  } catch {
    // storage full or blocked: the sign-in is then dropped sooner, never kept longer
  }
}

/**
 * Whether a sign-in kept in `s` is too old to use: the last inbox tab open here closed more than KEEP_CLOSED_MS ago (or
 * its time is unreadable, or far ahead of this clock). Never marked (kept by the session 18 inbox): usable, and marked
 * from now on.
 */
export function keptSignInStale(s: Pick<Storage, 'getItem'>, now: number): boolean {
  let raw: string | null;
  try {
    raw = s.getItem(OPEN_KEY);
  } catch {
    return false;
  }
  if (raw === null) return false;
  const at = Number(raw);
  if (!Number.isFinite(at)) return true;
  return now - at > KEEP_CLOSED_MS || at - now > KEEP_CLOSED_MS;
}
