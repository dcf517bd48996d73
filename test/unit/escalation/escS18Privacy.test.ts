// Session 18 (esc): sensitive topics by meaning (privacy). Asking whom the shop passed, sold, gave or shared the customer's
// contact details with ("Who did you pass my number to?", "which companies have you sold my email to") is the customer's
// own privacy case, in words no privacy phrase holds. Not a general question about what the shop does ("Do you share my
// email with partners?") and not a parcel sent somewhere ("who did you send my parcel to").
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadFlowText } from '../../../shared/flow/loadFlowText';
import type { Flow } from '../../../shared/flow/schema';
import { playConversation } from '../../../shared/simulator/playConversation';

const shipped = loadFlowText(readFileSync(new URL('../../../flows/customer-support.json', import.meta.url), 'utf8')).flow as Flow;
const now = Date.parse('2026-12-01T10:00:00Z');
const play = (text: string) => playConversation(shipped, 'c', ['Something else', text], now).escalation;

describe('whom the shop gave my details to is a privacy case', () => {
  it('fires by meaning and names the words', () => {
    for (const [text, words] of [
      ['Who did you pass my number to?', 'who did you pass my number'],
      ['Got marketing texts from a partner company I have never heard of. Who did you pass my number to?', 'who did you pass my number'],
      ['which companies have you sold my email to', 'which companies have you sold my email'],
    ] as const) {
      const e = play(text);
      expect(e?.reason, text).toBe('sensitive_topic');
      expect(e?.signals.find((s) => s.reason === 'sensitive_topic')?.explanation, text).toBe(
        `Sensitive topic "legal & privacy" by meaning: a request to see or erase personal data ("${words}").`,
      );
    }
  });
  it('not a general question, not a parcel', () => {
    for (const text of ['Do you share my email with partners?', 'who did you send my parcel to']) {
      expect(play(text)?.reason ?? 'none', text).not.toBe('sensitive_topic');
    }
  });
});
