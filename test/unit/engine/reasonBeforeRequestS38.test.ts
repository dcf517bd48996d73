/**
 * Hostile s38 H3 (high): the reason given just before the request for a person ("my kitchen flooded, I need an
 * advisor") was asked for again by the takeover ("In a few words, what do you need help with?"), even when urgent
 * ("my son fell through the ceiling and is bleeding"): those words named no matter the reason reader knew.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadFlowText } from '../../../shared/flow/loadFlowText';
import { statesAReason } from '../../../shared/engine/reasonGiven';
import { converse } from './harness';

const OPEN = Date.parse('2026-03-09T11:30:00Z'); // Monday, Harbor Mutual open
const harbor = () => loadFlowText(readFileSync('flows/insurance-claims.json', 'utf8')).flow!;

const GIVEN = [
  'my kitchen flooded, I need an advisor',
  'a tree fell on my car, can I talk to an advisor',
  'I was burgled last night, I need a human',
  'my basement is full of water!! get me someone',
  'someone crashed into my parked car and I want to speak to a human',
];

describe('a reason given before the request for a person', () => {
  it('is a reason (inflected forms and the things of a home, a car, a person)', () => {
    for (const t of [...GIVEN, 'my son fell through the ceiling and is bleeding']) expect(statesAReason(t), t).toBe(true);
    // Still none: venting, a request in many words.
    for (const t of ['You lot are a joke, seriously, every single time', 'Get me a manager immediately, I am not dealing with a robot', 'I want to talk to a human right now please']) expect(statesAReason(t), t).toBe(false);
  });

  for (const text of GIVEN) {
    it(`"${text}": the takeover does not ask the reason again, and the summary carries it`, () => {
      const c = converse(harbor(), { now: OPEN });
      c.say('HM-2231-0457');
      const n = c.botTexts().length;
      c.say(text);
      c.say('ann@example.com');
      expect(c.botTexts().slice(n).join(' ')).not.toMatch(/what do you need help with\?/i);
      expect(c.state.mode).not.toBe('bot');
      const req = c.steps.flatMap((s) => s.effects).find((e) => e.type === 'handoff_request');
      expect(req).toBeDefined();
      expect(JSON.stringify(req)).toContain(JSON.stringify(text).slice(1, -1));
    });
  }

  it('urgent and out of hours: the ticket takes the injury as its issue without asking', () => {
    const c = converse(harbor(), { now: Date.parse('2026-03-07T13:30:00Z') });
    c.say('my son fell through the ceiling and is bleeding');
    c.say('ann@example.com');
    expect(c.botTexts().join(' ')).not.toMatch(/help you with\?/i);
    const t = c.steps.flatMap((s) => s.effects).find((e) => e.type === 'create_ticket');
    expect(JSON.stringify(t)).toContain('my son fell through the ceiling and is bleeding');
  });
});
