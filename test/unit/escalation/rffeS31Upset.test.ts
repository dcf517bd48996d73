// Session 31 (lead): an upset message in a fallback streak is no ordinary question for the shop (readsAsShop): the
// customer the bot cannot serve and who says so is handed over (or offered a person) as repeated fallbacks, as before the
// in-shop streak (rffe s31). Sentences made up for this test.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadFlowText } from '../../../shared/flow/loadFlowText';
import { escalationOrClarify, playConversation } from '../../../shared/simulator/playConversation';

const shipped = loadFlowText(readFileSync(new URL('../../../flows/customer-support.json', import.meta.url), 'utf8')).flow!;
const graduated = { ...shipped, escalation: { ...shipped.escalation, mode: 'graduated' as const } };
const now = Date.parse('2026-11-24T10:00:00Z');
const play = (flow: typeof shipped, turns: string[]) => playConversation(flow, 'c', turns, now);

describe('an upset message in a fallback streak', () => {
  it('after an acknowledged upset message, a second failed message offers a person (graduated)', () => {
    const r = play(graduated, ['this is a joke. three emails and no answer', 'I ordered a scarf two weeks ago']);
    const said = r.transcript.filter((t) => t.from === 'bot').map((t) => t.text);
    expect(said[said.length - 1]).toBe('Would you like to talk to a person?');
    expect(r.escalation?.reason).toBe('repeated_fallback');
  });
  it('calm shop messages the bot fails still stay with the bot', () => {
    const r = play(graduated, ['I ordered a scarf two weeks ago', 'it was the blue wool one']);
    expect(r.escalation).toBeNull();
    expect(escalationOrClarify(play(shipped, ['Something else', 'got a promo code', 'where do I enter it']), 3)?.reason ?? 'none').toBe('none');
  });
});
