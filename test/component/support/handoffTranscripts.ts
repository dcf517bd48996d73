/**
 * Two transcripts as a real runtime stored them (session 36's e2e shots: seq, from, text, status, one timestamp per
 * step), read by the widget's and the inbox's "one line per handoff event" tests (widgetOneLinePerEventS36,
 * inboxOneLinePerEventS37): the same rule, the same data.
 */
export interface TranscriptEntry {
  id: string;
  seq: number;
  from: 'bot' | 'customer' | 'agent' | 'system';
  text: string;
  at: number;
  name?: string;
  status?: { mode: string; handoff?: { id: string; status: string; reason: string } };
}

export function handoffTranscripts(at: number, handoffId: string): { TAKEOVER: TranscriptEntry[]; BLOCK: TranscriptEntry[] } {
  const cid = handoffId.split(':')[0];
  const st = (status: string, mode: string, reason = 'explicit_request') => ({ mode, handoff: { id: handoffId, status, reason } });
  const e = (seq: number, from: TranscriptEntry['from'], text: string, t: number, extra: Partial<TranscriptEntry> = {}): TranscriptEntry => ({ id: `${cid}:${seq}`, seq, from, text, at: at + t, ...extra });
  return {
    /** Live → Take over, a reply, hand back (agentTakeover.ts lines; the runtime's status lines). */
    TAKEOVER: [
      e(1, 'bot', 'What can I help you with?', 0),
      e(2, 'customer', 'Where is my parcel?', 300),
      e(3, 'bot', "What's your order number?", 300),
      e(4, 'system', 'Ann from the team joined the conversation.', 1300),
      e(5, 'system', 'A person is in the conversation.', 1300, { status: st('assigned', 'agent', 'flow') }),
      e(6, 'agent', 'Hi! Ann here.', 1400, { name: 'Ann' }),
      e(7, 'system', 'Ann handed the conversation back to the bot.', 2100),
      e(8, 'bot', "What's your order number?", 2100),
      e(9, 'system', 'The bot is answering.', 2100, { status: st('resolved', 'bot', 'flow') }),
    ],
    /** A Human Takeover block: the customer asks, Ann accepts, replies and hands back; the bot asks for a rating. */
    BLOCK: [
      e(1, 'bot', 'What can I help you with?', 0),
      e(2, 'customer', 'I want to talk to a human', 300),
      e(3, 'bot', "I'm connecting you with someone from our customer service team.", 300),
      e(4, 'system', 'Waiting for a person.', 300, { status: st('pending', 'waiting') }),
      e(5, 'bot', 'Ann from Northwind Goods has joined the chat.', 500),
      e(6, 'system', 'A person is in the conversation.', 500, { status: st('assigned', 'agent') }),
      e(7, 'agent', 'Hi, Ann here.', 600, { name: 'Ann' }),
      e(8, 'bot', 'Before you go: how would you rate this chat?', 1200),
      e(9, 'system', 'The bot is answering.', 1200, { status: st('resolved', 'bot') }),
    ],
  };
}
