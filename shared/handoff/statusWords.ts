/**
 * A handoff's status in the words the agent's inbox shows (session 42, sim; newcomer s19 F20: "resolved" / "Resolve" /
 * "Close" / "Hand back" meant different things in the inspector, the inbox and the simulator). The inbox's list and
 * header, and the studio simulator's agent pane, read these same words. Pure.
 */
export const HANDOFF_STATUS_WORDS: Readonly<Record<string, string>> = {
  pending: 'Waiting',
  assigned: 'Assigned',
  resolved: 'Resolved',
  expired: 'Expired',
  rejected: 'No agent',
  cancelled: 'Cancelled',
};

/**
 * The status as the agent reads it: a chat handed back to the bot is not "Resolved" (newcomer s7 #3); `endedAs` is how
 * it ended (handoffEnding: 'handback', 'closed', 'withdrawn'), `conversationEnded` whether the conversation is over.
 */
export function handoffStatusWords(h: { status: string; endedAs?: string | null; conversationEnded?: boolean }): string {
  if (h.status === 'resolved' && h.endedAs === 'handback') return h.conversationEnded ? 'Ended after hand back' : 'Back with the bot';
  if (h.status === 'cancelled' && h.endedAs === 'withdrawn') return 'Withdrawn';
  return HANDOFF_STATUS_WORDS[h.status] ?? h.status;
}

/**
 * Session 43 (studio5, newcomer s42 N13): what the customer reads when the person's part ends, in the inbox's words.
 * "Ann has left the chat" after Resolve read as being walked out on; the inbox calls it Resolved, so the customer reads
 * that the chat was resolved; a hand back ("Back with the bot") says so. `endedAs` as handoffStatusWords; unknown
 * (stored before session 43): resolved. `name` null: nobody named.
 */
export function customerEndedLine(name: string | null | undefined, endedAs?: string | null): string {
  const who = name?.trim() || null;
  if (endedAs === 'handback') return who ? `${who} handed the chat back to the bot` : 'The chat is back with the bot';
  return who ? `${who} marked this chat as resolved` : 'This chat was marked as resolved';
}
