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
