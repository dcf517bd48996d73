/**
 * Session 35 (newcomer s32 #7): the agent's summary says when the customer sounded upset, even when the handoff was
 * for another reason (a request for a person after "this is ridiculous, third time I ask"), quoting the upset words
 * once; and a quote that ends its own sentence ("late parcel!!!") gets no extra full stop.
 */
import { describe, expect, it } from 'vitest';
import { summarizeConversation } from '../../../shared/engine/handoffContext';
import type { ConversationState } from '../../../shared/engine/types';

type SummaryState = Parameters<typeof summarizeConversation>[0];

function stateWith(customer: string[], variables: Record<string, string> = {}): SummaryState {
  const recentTranscript = customer.map((text, i) => ({ from: 'customer' as const, text, at: i, turn: i + 1 }));
  return { variables, recentTranscript, turn: customer.length, intents: [], entities: [], lastFailure: null } as unknown as SummaryState;
}

describe('the summary says the customer sounded upset', () => {
  it('a request for a person after an upset message names the upset words', () => {
    const s = stateWith(['track my order', 'this is ridiculous, third time I ask', 'I SAID I WANT A HUMAN', 'ann@example.com'], { customerEmail: 'ann@example.com', handoffReason: 'my order never came' });
    const summary = summarizeConversation(s, 'explicit_request');
    expect(summary).toContain('Handed over because the customer asked for a person.');
    expect(summary).toContain('The customer sounded upset: "this is ridiculous, third time I ask".');
  });

  it('handed over as upset: the upset words are quoted once, not as "sounded upset" again', () => {
    const s = stateWith(['where is my parcel, honestly this is a joke', 'ann@example.com'], { customerEmail: 'ann@example.com', handoffReason: 'where is my parcel, honestly this is a joke' });
    const summary = summarizeConversation(s, 'negative_sentiment');
    expect(summary).toContain('Handed over because the customer is upset.');
    expect(summary).not.toContain('sounded upset');
  });

  it('upset words the summary already quotes: said without quoting them again', () => {
    const words = 'this is ridiculous!!! my parcel is three weeks late, useless service';
    const s = stateWith([words, 'kim@example.com'], { customerEmail: 'kim@example.com', handoffReason: words });
    const summary = summarizeConversation(s, 'explicit_request');
    expect(summary).toContain('The customer sounded upset.');
    expect(summary).not.toContain('sounded upset: "');
  });

  it('calm customers are not called upset; an email address is never read as a mood', () => {
    for (const customer of [['where is my order?', 'NW-104233'], ['I want to talk to a person', 'kim@example.com'], ['thanks, that is great!']]) {
      expect(summarizeConversation(stateWith(customer, { customerEmail: 'kim@example.com' }), 'explicit_request'), customer.join(' / ')).not.toContain('upset');
    }
  });

  it('a quote ending with "!!!" or "?" gets no extra full stop; every quote ends a sentence', () => {
    const s = stateWith(['I want a person', 'late parcel!!!'], { handoffReason: 'late parcel!!!' });
    const summary = summarizeConversation(s, 'explicit_request');
    expect(summary).toContain('needs help with: late parcel!!! Handed over');
    expect(summary).not.toMatch(/[!?]\./);
    const plain = summarizeConversation(stateWith(['my parcel is late', 'and where is the invoice']), null);
    expect(plain).toMatch(/Key message: "[^"]+"\.|Last message: "and where is the invoice"\./);
  });
});

// Keeps the type import honest (ConversationState is what the engine passes).
export type _Check = SummaryState extends Pick<ConversationState, 'variables'> ? true : never;
