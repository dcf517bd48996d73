/**
 * The customer chat widget (runs in the iframe the /widget.js loader puts on the host page).
 * Bot messages with buttons, typing indicator while the bot answers, the handoff message with queue position and
 * wait, agent messages with the agent's name, reconnect + catch-up, conversation kept across reloads.
 * Every text is rendered as React text (never HTML), so customer or flow text cannot inject markup.
 */
import { useStickToBottom } from '../ui/useStickToBottom';
import { useCallback, useEffect, useMemo, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { Headset, RotateCcw, SendHorizontal, X } from 'lucide-react';
import { ChatError, mergeEntries, type ChatClient, type ChatEntry, type ChatSession, type ChatSnapshot, type LinkState } from './chatClient';
import { cutText, inertText } from '../inbox/inertText';
import { keepTicketNumbers } from '../ui/KeepTogether';
import { ratingAnswers } from '../ui/ratingAnswers';
import { withLinks } from './linkify';
import { askPageForToken, cleanIdentity, type Identity } from './identity';
import { builtInEndingSeq, buttonsSeq, customerSeesButtons, ENDED_TEXT, queueLines, START_NEW_CHAT, toldByTheStep } from './customerView';
import { customerEndedLine } from '../../shared/handoff/statusWords';

/**
 * How long "<agent> is typing…" stays without a new signal (the inbox repeats it every 2.5 s while the agent types);
 * the agent's message ends it at once.
 */
export const AGENT_TYPING_SHOW_MS = 6000;

/**
 * After a send failed for want of a connection, the server is asked this often (and at once when the browser says it
 * is online again) until it answers; then the "No connection" error goes away (the message stays in the box).
 */
export const RECONNECT_PROBE_MS = 3000;

/** What a site's visitor reads when the site's data-flow names no served flow; the details go to the console. */
export const CHAT_UNAVAILABLE = 'Chat is unavailable right now. Please try again later.';

/** A send whose answer was lost (network) is asked again once, with the same key, after this delay. */
export const SEND_RETRY_MS = 400;
/** The runtime's limit on one customer message (runtime/server/schemas.ts). */
export const MAX_MESSAGE_CHARS = 4000;

export interface WidgetProps {
  flowId: string;
  title: string;
  client: ChatClient;
  /**
   * Start a conversation at once (default). false: on a page that embeds the widget closed, only a stored
   * conversation is resumed; a new one starts when the visitor opens the chat (so page views are not conversations).
   */
  startNow?: boolean;
  /** How long "<agent> is typing…" stays without a new signal (default AGENT_TYPING_SHOW_MS). */
  agentTypingMs?: number;
  /** How often the server is asked after a failed send (default RECONNECT_PROBE_MS). */
  reconnectProbeMs?: number;
  /**
   * The host page's origin (the loader passes it as ?host=): while the panel is closed, the unread count and a short
   * text preview of the newest bot/agent message are posted there only ({baton: 'unread', count, preview}), so the
   * launcher can show them (newcomer s9 #30). Absent: nothing is posted.
   */
  hostOrigin?: string;
  /** Where the last message the customer saw is kept (localStorage in the page), so a reload keeps the unread count. */
  storage?: Pick<Storage, 'getItem' | 'setItem'>;
  /**
   * Who the visitor is, as the host page said (data-variables / data-email / data-name, newcomer s9 #20): sent with the
   * create call. `window.Baton.identify()` later reaches the frame as a {baton: 'identify'} message and replaces it
   * for a conversation not started yet.
   */
  identity?: Identity;
  /**
   * Start a new chat once for this key (the studio's Run passes one per press, newcomer s35 #6: "Run again" resumed the
   * conversation of the previous run, with the old greeting, so the designer did not see her edit). The first mount
   * with a key not seen before (kept in `storage`) leaves the stored conversation and starts a new one; a reload with
   * the same key resumes as usual.
   */
  newChatKey?: string;
  /** Messages the page sent before the widget listened (main.tsx keeps identify() messages from the frame's start). */
  takeEarlyMessages?: () => MessageEvent[];
}

/** Longest preview of an unread message posted to the launcher (characters, then "…"). */
export const PREVIEW_CHARS = 90;

/**
 * The unread bot/agent messages after `seenSeq` (system pills and the customer's own words are not unread) and a
 * plain-text preview of the newest one: "Bob: Hi, Bob here…" (inert text: bidi marks shown, no markup is ever built
 * from it; the loader sets it with textContent).
 */
export function unreadSummary(entries: readonly ChatEntry[], seenSeq: number): { count: number; preview: string | null } {
  const unread = entries.filter((e) => e.seq > seenSeq && (e.from === 'agent' || e.from === 'bot') && e.text.trim());
  const last = unread[unread.length - 1];
  if (!last) return { count: 0, preview: null };
  const text = inertText(last.text).replace(/\s+/g, ' ').trim();
  // Cut between whole characters (hostile s18 H#16: .slice left half an emoji, shown as a box in the host's badge).
  const short = text.length > PREVIEW_CHARS ? `${cutText(text, PREVIEW_CHARS).slice(0, -1).trimEnd()}…` : text;
  return { count: unread.length, preview: last.from === 'agent' ? `${inertText(last.name ?? 'Agent')}: ${short}` : short };
}

// Waiting and joining are already said by the header, the waiting bar and the join message: no extra pill for them.
const HANDOFF_WORDS: Record<string, string> = {
  resolved: customerEndedLine(null),
  expired: 'Nobody could join in time',
  rejected: 'Nobody is available right now',
  cancelled: 'The request for a person was cancelled',
};

/**
 * The entries in reading order. A handoff's status pill is stored after the bot messages of the same step (a
 * handback stores the bot's CSAT question, then "resolved"), so the customer read "how would you rate this
 * chat?" before "The person has left the chat" (newcomer s6 #8). A pill that ENDS the person's part (resolved,
 * expired, rejected, cancelled) is shown before the bot messages just before it that share its timestamp (the same
 * step): what follows is the bot again. A pill that starts it (waiting, joined) stays after the bot's words that
 * led to it: "I'm connecting you..." then "Waiting for a person.", "Ann has joined the chat." then "A person is in
 * the conversation." (newcomer s7 #7: the widget showed them the other way round).
 */
export function inReadingOrder(entries: readonly ChatEntry[]): ChatEntry[] {
  const out = [...entries];
  for (let i = 0; i < out.length; i++) {
    const e = out[i];
    if (e.from !== 'system' || !e.status?.handoff || !Object.hasOwn(HANDOFF_WORDS, e.status.handoff.status)) continue;
    let j = i;
    while (j > 0 && out[j - 1].from === 'bot' && out[j - 1].at === e.at) j--;
    if (j < i) out.splice(j, 0, ...out.splice(i, 1));
  }
  return out;
}

function statusText(e: ChatEntry): string | null {
  const h = e.status?.handoff;
  if (h) return HANDOFF_WORDS[h.status] ?? null;
  return null; // a closed chat says so in the footer
}

/** Spoken words for a rating scale of 1..5 (the CSAT block's buttons are bare numbers). */
const CSAT_WORDS = ['very dissatisfied', 'dissatisfied', 'neutral', 'satisfied', 'very satisfied'];

/** "1 of 5: very dissatisfied" for a button of the CSAT scale (five buttons "1".."5"); undefined otherwise. */
export function csatLabel(buttons: ReadonlyArray<{ id: string; label: string }>, b: { id: string; label: string }): string | undefined {
  const isScale = buttons.length === 5 && buttons.every((x, i) => x.id === String(i + 1) && x.label === x.id);
  if (!isScale) return undefined;
  const n = Number(b.id);
  return `${n} of 5: ${CSAT_WORDS[n - 1]}`;
}

/** A random idempotency key (getRandomValues works on plain http too, randomUUID does not). */
function newKey(): string {
  const b = new Uint8Array(16);
  globalThis.crypto.getRandomValues(b);
  return Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
}

const time = (at: number) => new Date(at).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });

/**
 * Newcomer s9 #6: a send that failed because the chat server could not be reached (a restart, a deploy) blamed the
 * customer's internet, and the text stayed in the box unsent after the reconnect although the banner says "Your messages
 * are safe". Now the line says what happened, and the message goes as soon as the connection is back.
 */
export const SEND_WAITS_FOR_CONNECTION = "No connection to the chat server right now. Your message will be sent as soon as we're reconnected.";

/**
 * Whether a message to the frame comes from the page that embeds it (the loader), not from another window that can
 * reach the frame: an ad iframe on the shop page (parent.frames[i]), an opener (hostile s11 #10: such a window could
 * set the visitor's email for the next conversation, or open the chat and clear the unread badge unseen). A message
 * a browser delivers always names its sender window; one dispatched in the frame itself names none.
 */
export function fromEmbeddingPage(e: MessageEvent): boolean {
  return e.source === null || e.source === window.parent;
}

export function Widget({ flowId, title, client, startNow = true, agentTypingMs = AGENT_TYPING_SHOW_MS, reconnectProbeMs = RECONNECT_PROBE_MS, hostOrigin, storage, identity, newChatKey, takeEarlyMessages }: WidgetProps) {
  /** The visitor's identity for the next conversation created (the prop, or what identify() sent since). */
  const identityRef = useRef<Identity | undefined>(identity);
  useEffect(() => {
    identityRef.current = identity;
  }, [identity]);
  useEffect(() => {
    const onMsg = (e: MessageEvent) => {
      const d = e.data as { baton?: string; identity?: unknown } | null;
      if (!d || d.baton !== 'identify' || !fromEmbeddingPage(e) || (hostOrigin && e.origin !== hostOrigin)) return;
      const id = cleanIdentity(d.identity);
      if (id) {
        const token = id.identityToken ?? identityRef.current?.identityToken;
        const provider = id.identityTokenProvider ?? identityRef.current?.identityTokenProvider;
        // (Session 49: an empty variables / profile is left out of the create call's body.)
        const variables = { ...identityRef.current?.variables, ...id.variables };
        const profile = { ...identityRef.current?.profile, ...id.profile };
        identityRef.current = { ...(Object.keys(variables).length ? { variables } : {}), ...(Object.keys(profile).length ? { profile } : {}), ...(token ? { identityToken: token } : {}), ...(provider ? { identityTokenProvider: true as const } : {}) };
      }
    };
    window.addEventListener('message', onMsg);
    for (const e of takeEarlyMessages?.() ?? []) onMsg(e);
    return () => window.removeEventListener('message', onMsg);
  }, [hostOrigin, takeEarlyMessages]);
  const [session, setSession] = useState<ChatSession | null>(null);
  const [entries, setEntries] = useState<ChatEntry[]>([]);
  const [mode, setMode] = useState('bot');
  const [link, setLink] = useState<LinkState>('connecting');
  const [error, setError] = useState<string | null>(null);
  /** Times the connection came back (push channel live again, or a probe answered): a send waiting for it goes then. */
  const [reconnects, setReconnects] = useState(0);
  const [sending, setSending] = useState(false);
  const [pending, setPending] = useState<{ text: string; after: number } | null>(null);
  const [draft, setDraft] = useState('');
  const tooLong = draft.trim().length > MAX_MESSAGE_CHARS;
  /** The agent holding the chat is typing (a push signal, shown for AGENT_TYPING_SHOW_MS). */
  const [agentTyping, setAgentTyping] = useState<string | null>(null);
  /** The agent holding the chat as the server says (follows transfers before the new agent writes). */
  const [holder, setHolder] = useState<string | null>(null);
  /**
   * The last agent who held this chat (kept after a hand back, when the holder becomes nobody): "Ann has left the chat"
   * also when Ann never wrote (newcomer s7 re-test: it read "The person has left the chat").
   */
  const [lastHolder, setLastHolder] = useState<string | null>(null);
  const lastSeq = useRef(0);
  /**
   * A snapshot's mode (a POST answer, a catch-up) counts only if the snapshot is not older than what the push channel
   * already brought (newcomer s9 #7: the answer to "I want a person" (mode waiting) arrived after the push channel's
   * "Bob has joined" (mode agent), and the header kept "Waiting for a person…" until a reload).
   */
  const snapMode = (snap: { mode: string; lastSeq?: number }) => {
    if (typeof snap.lastSeq === 'number' && snap.lastSeq < seenMax.current) return;
    setMode(snap.mode);
  };
  /** Whether the panel is open on the host page (the loader says 'opened' / 'closed'). */
  const [panelOpen, setPanelOpen] = useState(startNow);
  const lastTyping = useRef(0);
  const typingTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const listRef = useRef<HTMLOListElement>(null);
  const inputRef = useRef<HTMLTextAreaElement>(null);

  /** The highest seq received by any path (kept synchronously, unlike lastSeq which follows the rendered list). */
  const seenMax = useRef(0);
  /** The seq of the status entry whose mode is shown. */
  const modeSeq = useRef(0);
  const add = useCallback((more: ChatEntry[]) => {
    for (const e of more) if (typeof e?.seq === 'number') seenMax.current = Math.max(seenMax.current, e.seq);
    setEntries((list) => {
      const next = mergeEntries(list, more);
      if (next.length) lastSeq.current = Math.max(lastSeq.current, next[next.length - 1].seq);
      return next;
    });
    // Only a status newer than the last one applied moves the mode: an entry delivered again (a POST answer, a
    // catch-up that overlaps the push channel) must not put an older mode back (newcomer s9 #7).
    for (const e of more)
      if (e.status?.mode && e.seq > modeSeq.current) {
        modeSeq.current = e.seq;
        setMode(e.status.mode);
      }
  }, []);

  /**
   * Session 49 (apisec4): the identity a chat is created with. When the page gave identityToken as a function, a fresh
   * token is asked of it now (one per chat: a token starts one chat, so "Start a new chat" on the same page is verified
   * too); the flag itself never goes to the server.
   */
  const identityFor = useCallback(async (): Promise<Identity | undefined> => {
    const who = identityRef.current;
    if (!who?.identityTokenProvider) return who;
    const { identityTokenProvider: _p, ...rest } = who;
    const token = await askPageForToken<MessageEvent>({
      target: window,
      post: (msg) => window.parent.postMessage(msg, hostOrigin ?? '*'),
      accept: (e) => fromEmbeddingPage(e) && e.source !== null && (!hostOrigin || e.origin === hostOrigin),
    });
    const out: Identity = token ? { ...rest, identityToken: token } : rest;
    return out.variables || out.profile || out.identityToken ? out : undefined;
  }, [hostOrigin]);

  /** Counts begin() calls: only the latest one's answer is shown (a slow older start never replaces a newer chat). */
  const beginCount = useRef(0);
  const begin = useCallback(
    async (fresh: boolean, resumeOnly = false) => {
      const mine = ++beginCount.current;
      setError(null);
      try {
        // The page's identityToken function is asked only when a chat is really created (a function, read by the
        // client's create); otherwise the identity as the page gave it.
        const who = identityRef.current?.identityTokenProvider ? identityFor : identityRef.current;
        const s = fresh ? await client.restart(flowId, who) : resumeOnly && client.resume ? await client.resume(flowId) : await client.start(flowId, who);
        if (mine !== beginCount.current) return;
        if (!s) return; // nothing stored: wait until the visitor opens the chat
        lastSeq.current = 0;
        seenMax.current = 0;
        modeSeq.current = 0;
        setEntries([]);
        setMode(s.mode);
        add(s.messages);
        setSession({ conversationId: s.conversationId, token: s.token });
      } catch (err) {
        if (mine !== beginCount.current) return;
        if (err instanceof ChatError && err.code === 'flow_not_found') {
          // A typo in data-flow on the site (newcomer s7 #23): the site's visitors get a plain sentence; the precise
          // one (which flow, which are served) goes to the browser console, where the site's developer looks.
          console.error(`Baton chat widget: ${err.message} Check data-flow="..." on the widget's script tag.`);
          setError(CHAT_UNAVAILABLE);
          return;
        }
        setError(err instanceof Error ? err.message : 'The chat could not start.');
      }
    },
    [client, flowId, add, identityFor],
  );

  // Start (or resume) once per mount: StrictMode runs this effect twice in development builds, and a second start
  // would be a second conversation. Only a change of flow, client or startNow starts again.
  const startedFor = useRef<{ flowId: string; client: ChatClient; startNow: boolean } | null>(null);
  useEffect(() => {
    if (!flowId) {
      setError('This chat is not set up: the page must give data-flow="<flow id>" on the widget script tag.');
      return;
    }
    const last = startedFor.current;
    if (last && last.flowId === flowId && last.client === client && last.startNow === startNow) return;
    startedFor.current = { flowId, client, startNow };
    const keyFor = `baton.newChat.${flowId}`;
    if (newChatKey && startNow && storage && storage.getItem(keyFor) !== newChatKey) {
      storage.setItem(keyFor, newChatKey);
      void (async () => {
        // The previous conversation is left on the server (as "Start a new conversation" does), then a new one starts.
        const old = client.resume ? await client.resume(flowId).catch(() => null) : null;
        if (old && old.mode !== 'closed' && client.leave) await client.leave(old).catch(() => undefined);
        await begin(true);
      })();
      return;
    }
    void begin(false, !startNow);
  }, [flowId, client, begin, startNow, newChatKey, storage]);

  // Opened by the visitor (the loader posts {baton: 'opened'}): start the conversation now if there is none.
  const sessionRef = useRef<ChatSession | null>(null);
  sessionRef.current = session;
  const starting = useRef(false);
  useEffect(() => {
    if (startNow) return;
    const onOpen = (e: MessageEvent) => {
      if (!e.data || (e.data as { baton?: string }).baton !== 'opened' || !fromEmbeddingPage(e) || sessionRef.current || starting.current) return;
      starting.current = true;
      void begin(false).finally(() => (starting.current = false));
    };
    window.addEventListener('message', onOpen);
    return () => window.removeEventListener('message', onOpen);
  }, [startNow, begin]);

  const stopTyping = useCallback(() => {
    if (typingTimer.current) clearTimeout(typingTimer.current);
    typingTimer.current = null;
    setAgentTyping(null);
  }, []);

  // Push channel; on every (re)connect, also catch up with a plain GET so nothing is missed. The same stream says
  // when the agent holding the chat types ("<agent> is typing…" for a few seconds) and who holds it (transfers).
  useEffect(() => {
    if (!session) return;
    let alive = true;
    setHolder(null);
    setLastHolder(null);
    const stop = client.listen(
      session,
      () => lastSeq.current,
      (e) => add([e]),
      (s) => {
        if (!alive) return;
        setLink(s);
        if (s === 'live') setError((e) => (e && /connection/i.test(e) ? null : e)); // back online: the old network error is stale
        if (s === 'live') setReconnects((n) => n + 1);
        if (s === 'live')
          void client
            .catchUp(session, lastSeq.current)
            .then((snap) => {
              if (!alive) return;
              snapMode(snap);
              add(snap.messages);
            })
            .catch(() => undefined);
      },
      (sig) => {
        if (!alive) return;
        if (sig.type === 'agent') {
          setHolder(sig.name);
          if (sig.name) setLastHolder(sig.name);
          return;
        }
        setAgentTyping(sig.name);
        if (typingTimer.current) clearTimeout(typingTimer.current);
        typingTimer.current = setTimeout(() => {
          typingTimer.current = null;
          if (alive) setAgentTyping(null);
        }, agentTypingMs);
      },
    );
    return () => {
      alive = false;
      stop();
      stopTyping();
    };
  }, [session, client, add, stopTyping, agentTypingMs]);

  // Session 38 (newcomer s35 rest): a phone browser that hides the page (another app, the screen locked) may freeze it
  // and close its push channel, which the server took for a page closed for good (the agents read "Customer's page
  // closed", and a waiting customer was served after everyone who asked later). The page says when it goes to the
  // background (hidden, frozen, or kept in the back-forward cache: pagehide persisted), when it comes back, and when it
  // is closing for good (pagehide not persisted: a tab closed, a reload, a navigation; it follows the hidden state
  // when a tab is closed). Each change is said once.
  useEffect(() => {
    if (!session || !client.page || typeof document === 'undefined' || typeof window === 'undefined') return;
    const s = session;
    const page = client.page.bind(client);
    let told: 'background' | 'foreground' = 'foreground';
    // A tab being closed fires visibilitychange (hidden) and then pagehide in the same task: "background" is held back
    // to the next task, so a closing page sends "closing" alone (two calls sent at once may arrive in either order, and
    // a "background" arriving last would leave a closed tab in the background). A hidden page still runs that task; a
    // freeze sends it at once (no task runs after it).
    let held: ReturnType<typeof setTimeout> | null = null;
    const hold = () => {
      if (held) clearTimeout(held);
      held = null;
    };
    const say = (state: 'background' | 'foreground' | 'closing') => {
      hold();
      if (state !== 'closing' && state === told) return;
      told = state === 'background' ? 'background' : 'foreground';
      void page(s, state).catch(() => undefined);
    };
    const onVisibility = () => {
      if (document.visibilityState !== 'hidden') return say('foreground');
      if (told === 'background' || held) return;
      held = setTimeout(() => say('background'), 0);
    };
    const onFreeze = () => say('background');
    const onResume = () => {
      if (document.visibilityState !== 'hidden') say('foreground');
    };
    const onPageHide = (e: Event) => say((e as PageTransitionEvent).persisted ? 'background' : 'closing');
    const onPageShow = (e: Event) => {
      if ((e as PageTransitionEvent).persisted && document.visibilityState !== 'hidden') say('foreground');
    };
    if (document.visibilityState === 'hidden') onVisibility(); // resumed or started in a hidden tab
    document.addEventListener('visibilitychange', onVisibility);
    document.addEventListener('freeze', onFreeze);
    document.addEventListener('resume', onResume);
    window.addEventListener('pagehide', onPageHide);
    window.addEventListener('pageshow', onPageShow);
    return () => {
      hold();
      document.removeEventListener('visibilitychange', onVisibility);
      document.removeEventListener('freeze', onFreeze);
      document.removeEventListener('resume', onResume);
      window.removeEventListener('pagehide', onPageHide);
      window.removeEventListener('pageshow', onPageShow);
    };
  }, [session, client]);

  // A send failed for want of a connection, but the push channel may still look open (a browser that lost the network
  // keeps an idle stream for a while, so no 'live' comes to clear the error): ask the server now and then, and at once
  // when the browser is back online; its first answer clears the error and brings what was missed.
  const offline = session !== null && error !== null && /connection/i.test(error);
  useEffect(() => {
    if (!offline || !session) return;
    let alive = true;
    const probe = () =>
      void client.catchUp(session, lastSeq.current).then(
        (snap) => {
          if (!alive) return;
          snapMode(snap);
          add(snap.messages);
          setError((e) => (e && /connection/i.test(e) ? null : e));
          setReconnects((n) => n + 1);
        },
        () => undefined,
      );
    const timer = setInterval(probe, reconnectProbeMs);
    window.addEventListener('online', probe);
    return () => {
      alive = false;
      clearInterval(timer);
      window.removeEventListener('online', probe);
    };
  }, [offline, session, client, add, reconnectProbeMs]);

  // The chat leaving the agent (hand-back, close) or a new agent message ends the "typing" line at once.
  useEffect(() => {
    if (mode !== 'agent') stopTyping();
  }, [mode, stopTyping]);
  const lastAgentSeq = useMemo(() => [...entries].reverse().find((e) => e.from === 'agent')?.seq ?? 0, [entries]);
  useEffect(() => stopTyping(), [lastAgentSeq, stopTyping]);

  // Also on opening: messages that came while the panel was hidden (display:none) did not scroll it (newcomer s9 #30:
  // the customer who opened from the unread bubble saw the top of the chat, not Bob's answer).
  useEffect(() => {
    const el = listRef.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, [entries, sending, pending, agentTyping, panelOpen]);
  // Retest s43 N1: after a resize (the demo page's 700 x 800 -> 390 x 844 -> 700 x 600: panel, full screen, sheet) the
  // newest message was below the fold. While the customer is at the bottom, the log stays there when its box changes.
  useStickToBottom(listRef, panelOpen);

  useEffect(() => {
    const onMsg = (e: MessageEvent) => {
      if (e.data && (e.data as { baton?: string }).baton === 'opened' && fromEmbeddingPage(e)) inputRef.current?.focus();
    };
    window.addEventListener('message', onMsg);
    return () => window.removeEventListener('message', onMsg);
  }, []);

  // Unread (newcomer s9 #30): while the panel is closed, bot/agent messages after the last one the customer saw are
  // counted and posted to the launcher with a preview; opening the panel clears them. The last seen seq is stored per
  // conversation, so a reload with the panel closed still shows what arrived meanwhile.
  useEffect(() => {
    const onMsg = (e: MessageEvent) => {
      const kind = e.data && (e.data as { baton?: string }).baton;
      if (!fromEmbeddingPage(e)) return;
      if (kind === 'opened') setPanelOpen(true);
      else if (kind === 'closed') setPanelOpen(false);
    };
    window.addEventListener('message', onMsg);
    return () => window.removeEventListener('message', onMsg);
  }, []);
  const seenKey = `baton.widget.${flowId}.seen`;
  const [seen, setSeen] = useState<{ conversationId: string; seq: number } | null>(null);
  // The stored "seen" of this conversation; none stored (a chat older than this feature): all it has is seen.
  useEffect(() => {
    if (!session) return;
    const read = (): { conversationId?: unknown; seq?: unknown } | null => {
      try {
        return JSON.parse(storage?.getItem(seenKey) ?? 'null') as { conversationId?: unknown; seq?: unknown } | null;
      } catch {
        return null;
      }
    };
    const stored = read();
    const seq = stored && stored.conversationId === session.conversationId && typeof stored.seq === 'number' ? stored.seq : lastSeq.current;
    setSeen({ conversationId: session.conversationId, seq });
  }, [session, storage, seenKey]);
  const newestSeq = entries.length ? entries[entries.length - 1].seq : 0;
  useEffect(() => {
    if (!session || !panelOpen || !seen || seen.conversationId !== session.conversationId || newestSeq <= seen.seq) return;
    setSeen({ conversationId: session.conversationId, seq: newestSeq });
  }, [panelOpen, newestSeq, seen, session]);
  useEffect(() => {
    if (!seen) return;
    try {
      storage?.setItem(seenKey, JSON.stringify(seen));
    } catch {
      /* storage full or blocked: the count is then kept for this page only */
    }
  }, [seen, storage, seenKey]);
  const unread = useMemo(() => (panelOpen || !seen || seen.conversationId !== session?.conversationId ? { count: 0, preview: null } : unreadSummary(entries, seen.seq)), [panelOpen, seen, session, entries]);
  useEffect(() => {
    if (!hostOrigin || window.parent === window) return;
    try {
      window.parent.postMessage({ baton: 'unread', count: unread.count, preview: unread.preview }, hostOrigin);
    } catch {
      /* a malformed host origin: no badge */
    }
  }, [unread.count, unread.preview, hostOrigin]);

  /** One key per message: a retry of the same message after a lost answer reuses it (the server answers once). */
  const retryKey = useRef<{ sig: string; key: string } | null>(null);
  /** The last send that reported a failure: if the push channel then shows it arrived, it did not fail. */
  const failedSend = useRef<{ text: string; after: number } | null>(null);
  /** A text whose send failed for want of a connection: sent again when the connection is back (see `reconnects`). */
  const sendOnReconnect = useRef<string | null>(null);
  useEffect(() => {
    const f = failedSend.current;
    if (!f) return;
    const arrived = entries.some((e) => e.from === 'customer' && e.seq > f.after && e.text === f.text);
    if (!arrived) return;
    failedSend.current = null;
    retryKey.current = null;
    setError(null);
    setDraft((d) => (d.trim() === f.text ? '' : d));
  }, [entries]);
  const sendingRef = useRef(false);
  const send = async (body: { text: string } | { choice: string }, shown: string) => {
    // A ref, not state: three Enter presses in one task must not send three times.
    if (!session || sendingRef.current) return;
    sendingRef.current = true;
    const sig = JSON.stringify(body);
    const key = retryKey.current?.sig === sig ? retryKey.current.key : newKey();
    retryKey.current = { sig, key };
    setSending(true);
    const pendingAfter = lastSeq.current;
    failedSend.current = null;
    setPending({ text: shown, after: pendingAfter });
    setError(null);
    try {
      let snap: ChatSnapshot;
      try {
        snap = await client.send(session, body, key);
      } catch (err) {
        // The request may have gone through and only its answer been lost: ask again once, silently, with the
        // SAME Idempotency-Key (the server answers the first send again instead of taking it twice).
        if ((err as { code?: unknown } | null)?.code !== 'network') throw err;
        await new Promise((r) => setTimeout(r, SEND_RETRY_MS));
        snap = await client.send(session, body, key);
      }
      retryKey.current = null;
      snapMode(snap);
      add(snap.messages);
      // The customer's own entry comes by the push channel; fetch it now if the channel is down.
      const caught = await client.catchUp(session, lastSeq.current).catch(() => null);
      if (caught) add(caught.messages);
      return true;
    } catch (err) {
      const network = (err as { code?: unknown } | null)?.code === 'network';
      setError(network ? SEND_WAITS_FOR_CONNECTION : err instanceof Error ? err.message : 'Your message was not sent. Try again.');
      if (network && 'text' in body) sendOnReconnect.current = body.text;
      failedSend.current = { text: shown, after: pendingAfter };
      return false;
    } finally {
      sendingRef.current = false;
      setSending(false);
      setPending(null);
    }
  };

  /**
   * Enter while the previous message is still on its way (a slow connection; newcomer s7 #26: nothing happened and
   * nothing said why): the text stays in the box, a line says it follows, and it is sent when the previous send is
   * through (what is in the box then). A failed previous send cancels it (the error says what to do).
   */
  const [queued, setQueued] = useState(false);
  /**
   * Newcomer s18 N#10: on a slow network the bot's answer arrives by the push channel long before the send's own
   * answer: the dots went on under it and its buttons were greyed out for seconds ("Anything else?" and no way to
   * answer). Once the customer's message and, after it, a bot message with choices (the bot waits for her) have come,
   * the bot has answered: no dots, and the choices can be clicked; a choice clicked while the send is still on its way
   * goes as soon as it is through.
   */
  const answeredByPush =
    sending &&
    pending !== null &&
    (() => {
      const after = entries.filter((x) => x.seq > pending.after);
      const own = after.findIndex((x) => x.from === 'customer');
      return own >= 0 && after.slice(own + 1).some((x) => x.from !== 'customer' && (x.buttons?.length ?? 0) > 0);
    })();
  const [queuedChoice, setQueuedChoice] = useState<{ id: string; label: string } | null>(null);
  const choose = (b: { id: string; label: string }) => {
    if (sendingRef.current) setQueuedChoice(b);
    else void send({ choice: b.id }, b.label);
  };
  useEffect(() => {
    if (sending || !queuedChoice) return;
    setQueuedChoice(null);
    void send({ choice: queuedChoice.id }, queuedChoice.label);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [sending, queuedChoice]);
  const submit = async (e?: FormEvent) => {
    e?.preventDefault();
    const text = draft.trim();
    // Over the server's limit: the text stays in the box and the counter says what to do (newcomer s6 #21: the
    // browser's maxLength cut a pasted complaint at 4,000 characters without a word).
    if (!text || text.length > MAX_MESSAGE_CHARS) return;
    if (sendingRef.current) {
      setQueued(true);
      return;
    }
    setDraft('');
    const ok = await send({ text }, text);
    if (!ok) {
      setQueued(false);
      // Put the failed text back, before anything typed meanwhile (nothing the customer wrote is lost).
      setDraft((d) => (d.trim() ? `${text}\n${d}` : text));
    }
  };
  const submitRef = useRef(submit);
  submitRef.current = submit;
  useEffect(() => {
    if (sending || !queued) return;
    setQueued(false);
    void submitRef.current();
  }, [sending, queued]);
  const entriesRef = useRef(entries);
  entriesRef.current = entries;
  // The connection is back: the message that could not go is sent, unless the customer has changed it meanwhile.
  // First a catch-up: the send may have reached the server with only its answer lost; then it is not sent again.
  // Otherwise it goes alone, as the same message with the same Idempotency-Key (the server takes it once); what the
  // customer typed after it stays in the box for them to send (hostile s11 #9: the box went out whole as a new
  // message with a new key, and the agent read the complaint twice).
  useEffect(() => {
    const text = sendOnReconnect.current;
    if (text === null || reconnects === 0 || sendingRef.current || !session) return;
    sendOnReconnect.current = null;
    const box = draft.trim();
    if (!box.startsWith(text)) return;
    const after = failedSend.current?.after ?? -1;
    void (async () => {
      const caught = await client.catchUp(session, lastSeq.current).catch(() => null);
      if (caught) add(caught.messages);
      const arrived = [...entriesRef.current, ...(caught?.messages ?? [])].some((e) => e.from === 'customer' && e.seq > after && e.text === text);
      setDraft((d) => (d.trim().startsWith(text) ? d.trim().slice(text.length).trim() : d));
      if (arrived) {
        failedSend.current = null;
        retryKey.current = null;
        setError(null);
        return;
      }
      const ok = await send({ text }, text);
      if (!ok) setDraft((d) => (d.trim() ? `${text}\n${d}` : text));
    })();
  }, [reconnects]);

  const onKey = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.key === 'Enter' && !e.shiftKey) {
      e.preventDefault();
      void submit();
    }
  };

  const lastBot = useMemo(() => buttonsSeq(entries), [entries]);

  const lastAgentName = useMemo(() => [...entries].reverse().find((e) => e.from === 'agent' && e.name)?.name ?? null, [entries]);
  const agentName = holder ?? lastAgentName;
  // The same status pill twice (e.g. handoff closed, then the conversation's mode changed) is shown once.
  const repeatedPills = useMemo(() => {
    const hide = new Set<number>();
    let last: string | null = null;
    for (const e of entries) {
      if (e.from !== 'system') continue;
      const t = statusText(e) ?? (e.text || null);
      if (!t) continue;
      if (t === last) hide.add(e.seq);
      last = t;
    }
    return hide;
  }, [entries]);
  const toldAlready = useMemo(() => toldByTheStep(entries), [entries]);
  const ordered = useMemo(() => inReadingOrder(entries), [entries]);
  const ratings = useMemo(() => ratingAnswers(entries), [entries]);
  const queue = useMemo(() => queueLines(entries), [entries]);
  /**
   * While waiting, the pill of the current wait ("Waiting for a person.") is not shown: the header and the waiting bar
   * say it (newcomer s12 #21: three "waiting" lines at once). Once someone joins it reads in the history again.
   */
  const waitPill = useMemo(() => {
    if (mode !== 'waiting') return null;
    for (let i = entries.length - 1; i >= 0; i--) if (entries[i].from === 'system' && entries[i].status?.handoff) return entries[i].status!.handoff!.status === 'pending' ? entries[i].seq : null;
    return null;
  }, [entries, mode]);
  /**
   * Session 29 (newcomer s28 N6): the chat was given to an agent automatically and she has not opened it yet (the latest
   * status line says `joined: false`): the header says who is coming, not "You are chatting with Ann". Such status lines
   * ("A person will join shortly.") are never shown: the bot's "Ann will be with you shortly." just above says it.
   */
  const notJoinedPill = useMemo(() => {
    if (mode !== 'agent') return null;
    for (let i = entries.length - 1; i >= 0; i--) if (entries[i].from === 'system' && entries[i].status?.handoff) return entries[i].status!.handoff!.joined === false ? entries[i].seq : null;
    return null;
  }, [entries, mode]);
  const arriving = notJoinedPill !== null;
  /** The place alone for the waiting bar ("you are next in line"); the wait is on the queue line above (newcomer s12 #25). */
  const place = queue.latest ? (/^You are (next in line|number \d+ in the queue)\./.exec(queue.latest)?.[1] ?? null) : null;
  const waiting = mode === 'waiting';
  const closed = mode === 'closed';
  // While the footer says "This conversation has ended.", the last "The conversation has ended." pill is not said
  // again above it (newcomer s6 #20: the customer read both lines one under the other).
  const endedPill = useMemo(() => {
    if (!closed) return null;
    for (let i = entries.length - 1; i >= 0; i--) {
      const e = entries[i];
      if (e.from !== 'system') return null;
      if (e.status?.mode === 'closed' && !e.status.handoff) return e.seq;
    }
    return null;
  }, [entries, closed]);
  // Session 50 (rt5, newcomer s49 N4): nor the bot's built-in "This conversation has ended." bubble (the footer says it).
  const endedBubble = useMemo(() => builtInEndingSeq(entries, mode), [entries, mode]);

  /**
   * "Start a new conversation": the current one is left on the server first (a handoff waiting or held by an agent
   * is cancelled, so nobody answers a customer who is gone); while a person is awaited or chatting, ask first.
   */
  const [confirmRestart, setConfirmRestart] = useState(false);
  const stayRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (confirmRestart) stayRef.current?.focus();
  }, [confirmRestart]);
  const restarting = useRef(false);
  const startOver = async () => {
    setConfirmRestart(false);
    if (restarting.current) return; // a second click while the first is under way
    restarting.current = true;
    try {
      const s = sessionRef.current;
      if (s && !closed && client.leave) {
        try {
          await client.leave(s);
        } catch {
          // Gone already or unreachable: the new conversation starts anyway (a queue timeout ends the old one).
        }
      }
      await begin(true);
    } finally {
      restarting.current = false;
    }
  };
  // Newcomer s40 N7: a chat with the bot the customer had answered was thrown away with one tap on the icon beside ×.
  // Any open chat the customer has said something in asks first; a fresh greeting or an ended chat starts at once.
  const saidSomething = entries.some((e) => e.from === 'customer' && e.text.trim() !== '');
  const askRestart = () => {
    if (!closed && (waiting || mode === 'agent' || saidSomething)) setConfirmRestart(true);
    else void startOver();
  };
  const hadPerson = lastHolder !== null || entries.some((e) => e.from === 'agent');
  const subtitle = arriving
    ? `${agentName ? inertText(agentName) : 'A person'} will be with you shortly`
    : mode === 'agent'
      ? agentName
        ? `You are chatting with ${inertText(agentName)}`
        : 'You are chatting with a person'
      : waiting
        ? 'Waiting for a person…'
        : closed
          ? // Newcomer s39 N23: an ended chat's header promised "Our assistant replies at once". Session 50 (rt5, newcomer
            // s49 N4): nor does it say "This conversation has ended" above the footer that says it (three times with
            // the bot's line): no subtitle.
            null
          : // Retest s43 N6: after a person had the chat (handed back, resolved: the bot asks for a rating) the header
            // went back to promising instant replies as if nobody had been there.
            hadPerson
            ? 'Back with our assistant'
            : 'Our assistant replies at once';

  return (
    <div
      className="bw"
      role="region"
      aria-label={title}
      onKeyDown={(e) => {
        // Escape first dismisses the "start a new chat?" question; otherwise it closes the panel on the host page
        // (the loader listens for {baton: 'close'}).
        if (e.key === 'Escape' && confirmRestart) {
          setConfirmRestart(false);
          return;
        }
        if (e.key === 'Escape' && window.parent !== window) {
          setPanelOpen(false);
          window.parent.postMessage({ baton: 'close' }, '*');
        }
      }}
    >
      <header className="bw-head">
        <div className="bw-avatar" aria-hidden="true">
          {mode === 'agent' ? (Array.from(inertText(agentName ?? '?'))[0] ?? '?').toUpperCase() : <Headset size={18} />}
        </div>
        <div className="bw-titles">
          {/* Newcomer s40 N15: a long flow name wraps to two lines; the whole name is the tooltip. */}
          <h1 className="bw-title" dir="auto" title={inertText(title)}>
            {inertText(title)}
          </h1>
          {subtitle !== null && <p className="bw-sub">{subtitle}</p>}
        </div>
        <button type="button" className="bw-icon" aria-label="Start a new conversation" title="Start a new conversation" onClick={askRestart}>
          <RotateCcw size={16} />
        </button>
        <button type="button" className="bw-icon" aria-label="Close the chat" title="Close" onClick={() => {
            if (window.parent !== window) setPanelOpen(false);
            window.parent?.postMessage({ baton: 'close' }, '*');
          }}>
          <X size={18} />
        </button>
      {/* Session 44 (ui8, newcomer s44 N15): the question hangs under the header over the top of the conversation (it
          pushed the log down before, hiding its newest lines: the rating buttons the customer was looking at). */}
      {confirmRestart && !closed && (
        <div className="bw-confirm" role="alertdialog" aria-labelledby="bw-confirm-text">
          <p id="bw-confirm-text">
            {waiting
              ? 'Start a new chat? You will lose your place in the queue.'
              : mode === 'agent'
                ? `Start a new chat? ${agentName ? inertText(agentName) : 'The person helping you'} will be told you left.`
                : 'Start a new chat? This one will end.'}
          </p>
          <div className="bw-confirm-actions">
            <button type="button" className="bw-choice" ref={stayRef} onClick={() => setConfirmRestart(false)}>
              Keep this chat
            </button>
            <button type="button" className="bw-choice bw-choice-strong" onClick={() => void startOver()}>
              Start a new chat
            </button>
          </div>
        </div>
      )}
      </header>
      {link === 'reconnecting' && (
        <div className="bw-banner" role="status">
          Connection lost, reconnecting… Your messages are safe.
        </div>
      )}
      <ol className="bw-log" ref={listRef} aria-live="polite" aria-relevant="additions" aria-label="Conversation">
        {ordered.map((e) => {
          if (e.from === 'system') {
            const leaver = lastHolder ?? lastAgentName;
            const t = e.status?.handoff?.status === 'resolved' ? customerEndedLine(leaver, e.status.handoff.ended) : (queue.shown.get(e.seq) ?? statusText(e) ?? (e.text || null));
            if (queue.hidden.has(e.seq) || toldAlready.has(e.seq) || (repeatedPills.has(e.seq) && !queue.shown.has(e.seq)) || e.seq === endedPill || e.seq === waitPill || e.status?.handoff?.joined === false) return null;
            return t ? (
              <li key={e.seq} className={`bw-system${queue.shown.has(e.seq) ? ' bw-queue' : ''}`}>
                <span dir="auto">{inertText(t)}</span>
              </li>
            ) : null;
          }
          if ((!e.text && !e.buttons?.length) || e.seq === endedBubble) return null;
          const who = e.from === 'customer' ? 'You' : e.from === 'agent' ? inertText(e.name ?? 'Agent') : 'Bot';
          return (
            <li key={e.seq} className={`bw-row bw-${e.from}`}>
              {e.from === 'agent' && (
                <span className="bw-name">
                  <bdi>{who}</bdi>
                </span>
              )}
              {ratings.has(e.seq) ? (
                // Newcomer s39 N23: the customer's answer to the rating question reads as stars (the inbox shows them
                // too), not a bare "5".
                <div className="bw-bubble bw-rated" dir="auto" aria-label={`${who} at ${time(e.at)}: rated ${ratings.get(e.seq)} of 5, ${CSAT_WORDS[ratings.get(e.seq)! - 1]}`}>
                  <span className="bw-stars" aria-hidden="true">
                    {'★'.repeat(ratings.get(e.seq)!)}
                    {'☆'.repeat(5 - ratings.get(e.seq)!)}
                  </span>{' '}
                  {ratings.get(e.seq)}/5
                </div>
              ) : (
                <div className="bw-bubble" dir="auto" aria-label={`${who} at ${time(e.at)}`}>
                  {withLinks(inertText(e.text), keepTicketNumbers, { phones: e.from !== 'customer' })}
                </div>
              )}
              {e.buttons?.length && e.seq === lastBot && customerSeesButtons(entries, e.seq, mode) ? (
                <div className="bw-buttons" role="group" aria-label="Choices">
                  {e.buttons.map((b) => (
                    <button
                      key={b.id}
                      type="button"
                      className="bw-choice"
                      aria-label={csatLabel(e.buttons!, b)}
                      aria-pressed={queuedChoice?.id === b.id ? true : undefined}
                      disabled={(sending && !answeredByPush) || queuedChoice !== null}
                      onClick={() => choose(b)}
                    >
                      {inertText(b.label)}
                    </button>
                  ))}
                </div>
              ) : null}
            </li>
          );
        })}
        {pending !== null && !entries.some((e) => e.from === 'customer' && e.seq > pending.after) && (
          <li className="bw-row bw-customer bw-sending" aria-label="Sending">
            <div className="bw-bubble" dir="auto">
              {inertText(pending.text)}
            </div>
          </li>
        )}
        {agentTyping && mode === 'agent' && (
          <li className="bw-row bw-agent bw-agent-typing">
            <span className="bw-name">
              <bdi>{inertText(agentTyping)}</bdi> is typing…
            </span>
            <div className="bw-bubble bw-typing" aria-hidden="true">
              <i />
              <i />
              <i />
            </div>
          </li>
        )}
        {sending && mode === 'bot' && !answeredByPush && (
          <li className="bw-row bw-bot" aria-label="The bot is typing">
            <div className="bw-bubble bw-typing" aria-hidden="true">
              <i />
              <i />
              <i />
            </div>
          </li>
        )}
      </ol>
      {arriving && (
        <div className="bw-wait" role="status">
          <span className="bw-pulse" aria-hidden="true" />
          <span>
            {/* Session 46 (ui10, newcomer s45 N4): she joins when she writes, not when she opens the chat (she may have it
                open already, reading): "to join", not "to open the chat". */}
            Waiting for {agentName ? <bdi>{inertText(agentName)}</bdi> : 'a person'} to join. You can keep writing.
          </span>
        </div>
      )}
      {waiting && (
        <div className="bw-wait" role="status">
          <span className="bw-pulse" aria-hidden="true" />
          <span>
            Waiting for a person to join{place ? ': ' : ''}
            {place ? <strong className="bw-wait-place">{place}</strong> : null}. You can keep writing.
          </span>
        </div>
      )}
      {error && (
        <div className="bw-error" role="alert">
          {error}
          {!session && (
            <button type="button" onClick={() => void begin(false)}>
              Try again
            </button>
          )}
        </div>
      )}
      {closed ? (
        <div className="bw-ended">
          <span>{ENDED_TEXT}</span>
          <button type="button" className="bw-choice" onClick={() => void begin(true)}>
            {START_NEW_CHAT}
          </button>
        </div>
      ) : (
        <form className="bw-composer" onSubmit={(e) => void submit(e)}>
          <label htmlFor="bw-input" className="bw-sr">
            Your message
          </label>
          <textarea
            id="bw-input"
            ref={inputRef}
            rows={1}
            value={draft}
            placeholder="Write a message…"
            aria-invalid={tooLong || undefined}
            aria-describedby={draft.length > MAX_MESSAGE_CHARS * 0.9 ? 'bw-count' : undefined}
            onChange={(e) => {
              setDraft(e.target.value);
              // Agents see "typing…" while a person holds the chat (throttled; the bot does not need it).
              if (session && (mode === 'agent' || mode === 'waiting') && Date.now() - lastTyping.current > 2500) {
                lastTyping.current = Date.now();
                void client.typing(session);
              }
            }}
            onKeyDown={onKey}
            disabled={!session}
          />
          <button type="submit" className="bw-send" aria-label="Send" disabled={!session || sending || !draft.trim() || tooLong}>
            <SendHorizontal size={18} />
          </button>
          {queued && sending && (
            <p className="bw-count" role="status">
              Sending your previous message… this one follows as soon as it is through.
            </p>
          )}
          {draft.length > MAX_MESSAGE_CHARS * 0.9 && (
            <p id="bw-count" className="bw-count" data-over={tooLong || undefined} role={tooLong ? 'alert' : undefined}>
              {tooLong
                ? `Your message is ${draft.length.toLocaleString('en')} characters; the limit is ${MAX_MESSAGE_CHARS.toLocaleString('en')}. Shorten it, or send part of it now and the rest in another message.`
                : `${(MAX_MESSAGE_CHARS - draft.length).toLocaleString('en')} characters left`}
            </p>
          )}
        </form>
      )}
      <footer className="bw-foot">Powered by Baton</footer>
    </div>
  );
}
