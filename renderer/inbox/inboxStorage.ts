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
    for (const k of KEPT_KEYS) {
      const v = tab?.getItem(k);
      if (v !== null && v !== undefined && local.getItem(k) === null) local.setItem(k, v);
      tab?.removeItem(k);
    }
  } catch {
    // the tab's storage blocked: nothing to move
  }
  return local;
}
