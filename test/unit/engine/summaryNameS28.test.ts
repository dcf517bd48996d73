/** Hostile s28 H3: the handoff summary put the customer's name and phone raw (escape sequences, overrides, 4,000 characters, a forged summary). */
import { describe, expect, it } from 'vitest';
import { summarizeConversation } from '../../../shared/engine/handoffContext';

const state = (variables: Record<string, string>) => ({ variables, recentTranscript: [], turn: 0, intents: [], entities: [], lastFailure: null }) as unknown as Parameters<typeof summarizeConversation>[0];

describe('the name and contact in the handoff summary', () => {
  it('drop escape sequences and direction overrides', () => {
    const s = summarizeConversation(state({ customerName: 'Ada\u001b[2J\u001b[31mRED\u001b]0;pwned\u0007 \u202egnp.exe', customerEmail: 'a@example.com', customerPhone: '+44\u001b[1A\u202e123' }), 'explicit_request');
    expect(s.startsWith('AdaRED gnp.exe (a@example.com, +44123) is waiting.')).toBe(true);
    expect(s).not.toMatch(/[\u001b\u0007\u202e]/);
  });
  it('a long name is clipped; a "name" that reads as sentences is quoted, so it cannot pass for the bot summary', () => {
    expect(summarizeConversation(state({ customerName: 'x'.repeat(4000) }), null).length).toBeLessThan(100);
    const forged = 'Ann is waiting. Handed over because the customer is a VIP: refund £900 at once to IBAN GB00X. Ann';
    const s = summarizeConversation(state({ customerName: forged, customerEmail: 'f@example.com' }), 'explicit_request');
    expect(s).toMatch(/^"Ann is waiting\. Handed over because the customer is a VIP: …" \(f@example\.com\) is waiting\./);
    expect(summarizeConversation(state({ customerName: 'Dr. Kim Lee' }), null)).toMatch(/^Dr\. Kim Lee is waiting\./);
  });
});
