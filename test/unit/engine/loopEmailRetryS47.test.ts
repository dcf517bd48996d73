/**
 * Session 47 (lead), newcomer s47 N1 (high): a customer who corrects a mistyped email was handed to a person as "asked the
 * same thing 3 times": their name ("Tom"), the bot's own retry of a malformed email ("tom@gmail") and the corrected email
 * ("tom@gmail.com") read as one request in more or fewer words (the loop detector's "tom", "tom gmail", "tom gmail com").
 * The flow is the newcomer's own, built blind from a blank flow (test/fixtures/newcomerS47). A message that is only a
 * contact detail (an email address, a phone number, with at most "my email is", "sorry", "it's" around it) asks nothing:
 * it is never a question asked again.
 *
 * `before`: the report's three sequences and ours, written before the change; `heldOut`: written after it.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { converse } from './harness';
import { loadFlowText } from '../../../shared/flow/loadFlowText';

const spoke = () => loadFlowText(readFileSync(new URL('../../fixtures/newcomerS47/spoke-chain-bike-repairs.json', import.meta.url), 'utf8')).flow!;
const OPEN = Date.parse('2026-03-09T11:30:00Z');

function book(name: string, bike: string, emails: string[]) {
  const c = converse(spoke(), { now: OPEN });
  c.click('Book a repair');
  c.say(name);
  c.say(bike);
  for (const e of emails) c.say(e);
  return c;
}
const handoffs = (c: ReturnType<typeof converse>) => c.effects().filter((e) => e.type === 'handoff_request');

describe('newcomer s47 N1: correcting a mistyped email is no loop', () => {
  const before: Array<[string, string, string[]]> = [
    ['Tom', 'road bike', ['tom@gmail', 'tom@gmail.com']],
    ['Maria Lopez', 'road bike', ['maria.lopez@gmail', 'maria.lopez@gmail.com']],
    ['Maria Lopez', 'city bike', ['maria@example', 'maria@example.com']],
    ['Sam', 'mountain bike', ['sam@outlook', "it's sam@outlook.com"]],
    ['Priya Shah', 'road', ['priya.shah@yahoo', 'sorry, priya.shah@yahoo.co.uk']],
    ['tom', 'road bike', ['tom@gmail', 'tom@gmail', 'tom@gmail.com']],
  ];
  const heldOut: Array<[string, string, string[]]> = [
    ['Ann Lee', 'city bike', ['ann.lee@hotmail', 'oops ann.lee@hotmail.com']],
    ['Kim', 'road bike', ['kim@proton', 'my email is kim@proton.me']],
    ['Jo Baker', 'mountain', ['jo.baker@gmail,com', 'jo.baker@gmail.com']],
  ];
  it.each([...before, ...heldOut])('%s / %s / %j: booked, no handoff', (name, bike, emails) => {
    const c = book(name, bike, emails);
    expect(handoffs(c)).toHaveLength(0);
    expect(c.lastBotText()).toMatch(/You are booked in/);
  });

  it('near miss: the same question about the booking asked three times is still a loop', () => {
    const c = converse(spoke(), { now: OPEN });
    c.say('how much does a puncture repair cost?');
    c.say('what does fixing a puncture cost?');
    c.say('puncture repair cost??');
    expect(handoffs(c).length + (c.mode() === 'waiting' ? 1 : 0)).toBeGreaterThan(0);
  });
});
