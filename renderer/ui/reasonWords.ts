/**
 * Why a chat reached a person, in the words the inbox and the studio's simulator show (moved out of the inbox in
 * session 36 so the simulator's agent pane says "Asked for a person", not "reason explicit_request").
 */
export const REASON_WORDS: Record<string, string> = {
  explicit_request: 'Asked for a person',
  negative_sentiment: 'Customer is upset',
  low_confidence: 'The bot did not understand',
  repeated_fallback: 'The bot failed several times',
  loop: 'Going round in circles',
  sensitive_topic: 'Sensitive topic',
  urgency: 'Urgent',
  hot_lead: 'Hot lead',
  flow: 'The flow handed over',
};

export const reasonWords = (r: string) => REASON_WORDS[r] ?? r.replace(/_/g, ' ');

/**
 * The words for why a chat reached a person. An agent's takeover of a live bot chat is recorded with reason 'flow'
 * (shared/engine/agentTakeover.ts) and a summary "<name> took this conversation over from the bot."; it is shown as a
 * takeover, not as "The flow handed over".
 */
export function handoffWhy(reason: string, summary?: string | null): string {
  if (reason === 'flow' && summary && / took this conversation over from the bot\./.test(summary)) return 'Taken over from the bot';
  // Session 41 (newcomer s40 N12): the customer pressed the flow's own offer of a person (shared/engine/handoffContext.ts
  // offerChosenPhrase): it read "The flow handed over", as if the bot had decided it.
  const chose = reason === 'flow' && summary ? /Handed over because the customer chose "(.*?)" where the flow offered a person(?:, after (".*?") failed \()?/.exec(summary) : null;
  // (After a failed HTTP call the failure is said too: the agent must do that step herself.)
  if (chose) return `Chose “${chose[1]}” (the bot's offer)${chose[2] ? ` after ${chose[2]} failed` : ''}`;
  // A takeover reached right after an HTTP call failed (shared/engine/handoffContext.ts reasonPhrase, newcomer s9 #3).
  const failed = reason === 'flow' && summary ? /Handed over because the flow reached a human takeover after (".*?") failed \(/.exec(summary) : null;
  if (failed) return `The flow handed over: ${failed[1]} failed`;
  return reasonWords(reason);
}
