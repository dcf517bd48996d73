/**
 * A signed-in agent, a scripted InboxApi and quiet alerts for the inbox's component tests
 * (inboxStrictMode, inboxSignOut, inboxWording, ...): each test states only the calls it plays with.
 */
import type { HandoffDetail, HandoffRow, InboxApi } from '../../../renderer/inbox/inboxApi';
import type { Alerts } from '../../../renderer/inbox/notify';

export const ann = { id: 'ann', name: 'Ann Lee', email: 'ann@example.com', teams: ['support'], admin: false };

export const notUsed = () => Promise.reject(new Error('not used in this test'));

/** An InboxApi whose calls fail unless given (no push events: `events` does nothing). */
export function fakeInboxApi(calls: Partial<InboxApi>): InboxApi {
  return {
    signIn: notUsed,
    signOut: async () => undefined,
    me: notUsed,
    agents: notUsed,
    setPresence: notUsed,
    list: notUsed,
    detail: notUsed,
    act: notUsed,
    say: notUsed,
    transfer: notUsed,
    setVariables: notUsed,
    events: () => () => undefined,
    ...calls,
  };
}

export const quietAlerts: Alerts = { newHandoff: () => undefined, setBadge: () => undefined, askPermission: async () => 'granted', permission: () => 'granted' };

/** Storage holding Ann's session (token "tok"), as after a sign-in. */
export function signedInStorage() {
  const m = new Map<string, string>([['baton.inbox.session', JSON.stringify({ token: 'tok', agent: ann })]]);
  return { getItem: (k: string) => m.get(k) ?? null, setItem: (k: string, v: string) => void m.set(k, v), removeItem: (k: string) => void m.delete(k) };
}

/** One of Ann's handoff rows (c1:h1, assigned, an explicit request); each test names only what differs. */
export function handoffRow(over: Partial<HandoffRow> = {}): HandoffRow {
  return {
    id: 'c1:h1',
    conversationId: 'c1',
    flowId: 'shop',
    status: 'assigned',
    priority: 'normal',
    reason: 'explicit_request',
    summary: '',
    assignation: 'simple',
    teams: ['support'],
    agentId: 'ann',
    agentName: 'Ann Lee',
    requestedAt: Date.now(),
    updatedAt: Date.now(),
    deadline: null,
    ...over,
  };
}

/** The inbox's address held at `hash` (these tests do not navigate). */
export const placeAt = (hash: string) => ({ read: () => hash, write: () => undefined, listen: () => () => undefined });

/** The detail of `h` as the agent API answers it (its conversation in agent mode, no notes); tests name what differs. */
export function handoffDetail(h: HandoffRow, over: Partial<HandoffDetail> = {}): HandoffDetail {
  return {
    handoff: h,
    context: null,
    conversation: { id: h.conversationId, flowId: h.flowId, mode: 'agent', createdAt: Date.now(), lastSeq: 1 },
    variables: {},
    transcript: [],
    notes: [],
    alsoViewing: [],
    ...over,
  };
}

/** Ann signed in and online with `activeChats` chats: the calls every signed-in inbox test answers the same way. */
export const annOnline = (activeChats: number): Partial<InboxApi> => ({
  me: async () => ({ agent: ann, status: 'online', activeChats }),
  agents: async () => [ann],
  setPresence: async (_t, s) => s,
});
