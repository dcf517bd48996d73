/**
 * Session 45 (ui9, blind re-test s44 #3): a server message the inbox shows an agent quoted the conversation's internal id
 * ('Conversation "a0fede14-cced-48c0-906b-bc82935262cd" is closed: ...'). The server's agent routes no longer do; this is
 * the inbox's net for any message that still does (an older server, another route): the id, its quotes and the space
 * before it go ('Conversation is closed: ...'). A UUID, with a handoff's suffix (":h1") when it has one.
 */
const INTERNAL_ID = /\s*["“]?\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(?::[\w-]+)?["”]?/gi;

export function withoutInternalIds(text: string): string {
  return text.replace(INTERNAL_ID, '');
}
