/**
 * Session 45 (ui9, blind re-test s44 #3): a server message the inbox shows an agent quoted the conversation's internal id
 * ('Conversation "a0fede14-cced-48c0-906b-bc82935262cd" is closed: ...'). The server's agent routes no longer do; this is
 * the inbox's net for any message that still does (an older server, another route): the id, its quotes and the space
 * before it go ('Conversation is closed: ...').
 *
 * Session 46 (ui10, review of session 45): it stripped every UUID from every message, also one that is no internal id
 * and that the agent needs to read (an Idempotency-Key quoted back, a ticket or order reference a flow makes with a
 * UUID). Now only internal ids go: a UUID the inbox knows as a chat's conversation or handoff id (`known`), a UUID with a
 * handoff's suffix (":h1", which only a handoff id has), and a UUID named as a conversation's, handoff's or chat's
 * ("Conversation "…"", "handoff …", "chat …"). Any other UUID stays as the server wrote it.
 */
const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const QUOTED = new RegExp(`(\\s*)(["“']?)\\b(${UUID})((?::[\\w-]+)?)\\b(["”']?)`, 'gi');
/** The words just before an id that make it a conversation's, handoff's or chat's (with an optional "id"). */
const NAMED_BEFORE = /\b(?:conversation|conversations|handoff|handoffs|chat|chats)(?:\s+id)?\s*[:=]?\s*$/i;

export function withoutInternalIds(text: string, known: Iterable<string> = []): string {
  const ids = new Set<string>();
  for (const k of known) if (k) ids.add(k.toLowerCase());
  return text.replace(QUOTED, (whole: string, _space: string, open: string, uuid: string, suffix: string, close: string, at: number) => {
    const id = uuid.toLowerCase();
    const full = `${id}${suffix.toLowerCase()}`;
    const internal =
      ids.has(id) ||
      ids.has(full) ||
      /^:h\d+$/i.test(suffix) ||
      NAMED_BEFORE.test(text.slice(Math.max(0, at - 40), at));
    if (!internal) return whole;
    // A quote is dropped with the id only when it opened right before it (its closing one is then the id's too).
    return open && !close ? open : '';
  });
}
