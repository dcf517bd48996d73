/**
 * Session 48 (studio16, newcomer s47 N4): the handover summary's "Last message" skipped the customer's contact details
 * (an answer to "What's your email?") and so quoted an earlier message as the last one ("Last message: "e-bike, the
 * motor cuts out on hills"" while Lena's last message was lena@radpost.de). When contact details came after the quoted
 * message, the summary now says what it is: "Last message before the contact details". Without contact details
 * after it, the label stays "Last message".
 */
import { describe, expect, it } from 'vitest';
import { summarizeConversation } from '../../../shared/engine/handoffContext';

type SummaryState = Parameters<typeof summarizeConversation>[0];
type Entry = { from: 'customer' | 'bot'; text: string };

function stateOf(entries: Entry[], variables: Record<string, string> = {}): SummaryState {
  let turn = 0;
  const recentTranscript = entries.map((e, i) => ({ ...e, at: i, ...(e.from === 'customer' ? { turn: ++turn } : {}) }));
  return { variables, recentTranscript, turn, intents: [], entities: [], lastFailure: null } as unknown as SummaryState;
}

const c = (text: string): Entry => ({ from: 'customer', text });
const b = (text: string): Entry => ({ from: 'bot', text });

describe('"Last message" is the last message, or says it is the one before the contact details', () => {
  it('Lena: problem, then her email: the summary labels the problem as the message before the contact details', () => {
    const s = summarizeConversation(stateOf([c('Book a repair'), b('What is wrong with the bike?'), c('e-bike, the motor cuts out on hills'), b('Your email?'), c('lena@radpost.de')], { customerEmail: 'lena@radpost.de' }), 'flow');
    expect(s).toContain('Last message before the contact details: "e-bike, the motor cuts out on hills".');
    expect(s).not.toMatch(/Last message: /);
  });

  it('name then phone after the message: same label; a message typed after the contact details is the last message', () => {
    const v = { customerName: 'Tom Baker', customerPhone: '+44 7700 900123' };
    const before = summarizeConversation(stateOf([c('my chain keeps slipping'), b('Name?'), c('Tom Baker'), b('Phone?'), c('+44 7700 900123')], v), 'flow');
    expect(before).toContain('Last message before the contact details: "my chain keeps slipping".');
    const after = summarizeConversation(stateOf([c('my chain keeps slipping'), b('Name?'), c('Tom Baker'), c('also the brakes squeak')], v), 'flow');
    expect(after).toContain('Last message: "also the brakes squeak".');
    expect(after).not.toContain('before the contact details');
  });
});
