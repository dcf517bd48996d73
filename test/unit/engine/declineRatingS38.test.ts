/**
 * Hostile s38 L3: "no thanks, bye", "bye", "no", "skip", "I'd rather not", "👋" at the rating after a hand back got
 * "Please pick a number from 1 (bad) to 5 (great)." first; a second goodbye ended the chat. A declined rating moves on.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadFlowText } from '../../../shared/flow/loadFlowText';
import { converse } from './harness';

const MONDAY = Date.parse('2026-03-09T11:30:00Z');
const northwind = () => loadFlowText(readFileSync('flows/customer-support.json', 'utf8')).flow!;
function atRating() {
  const c = converse(northwind(), { now: MONDAY });
  c.say('I need a person');
  c.say('bob@example.com');
  c.send({ type: 'agent_accepted', agentId: 'ana', agentName: 'Ana', handoffId: c.state.handoff!.id, eventId: 'e1' });
  // Session 44 (ui8, N12): a hand back with no word from the agent goes back to where the customer was, not to the rating.
  c.send({ type: 'agent_message', agentId: 'ana', text: 'All sorted.', handoffId: c.state.handoff!.id, eventId: 'e1b' });
  c.send({ type: 'agent_handback', agentId: 'ana', handoffId: c.state.handoff!.id, eventId: 'e2' });
  expect(c.state.waiting).toMatchObject({ kind: 'input', blockId: 'csat' });
  return c;
}

describe('declining the rating', () => {
  for (const text of ['no thanks, bye', 'bye', 'no', 'skip', "I'd rather not", '👋', 'no thank you']) {
    it(`"${text}" moves on at once, no rating recorded`, () => {
      const c = atRating();
      c.say(text);
      expect(c.botTexts().join(' ')).not.toMatch(/Please pick a number/);
      expect(c.lastStep.effects.some((e) => e.type === 'record_csat')).toBe(false);
      expect(c.state.waiting?.blockId).not.toBe('csat');
    });
  }
  it('anything else is asked once more; a number is a rating', () => {
    const c = atRating();
    c.say('hmm');
    expect(c.lastBotText()).toBe('Please pick a number from 1 (bad) to 5 (great).');
    c.say('4');
    expect(c.steps.flatMap((s) => s.effects).some((e) => e.type === 'record_csat' && e.score === 4)).toBe(true);
  });
});
