/**
 * Session 17 (mendcore), review revcore items 3 and 7.
 * Item 3: a day or time told of in the past ("yes, it came on monday") is no answer put off to later; a time the
 * action is put off to ("yes, on Monday", "cancel it on Monday") still is. Short day forms that are words ("sat",
 * "sun") are days only after "on" / "next" / "this".
 * Item 7: an acknowledgement ("ok") at an intent router whose fallback exit leads elsewhere (a human) follows that
 * exit as any miss does; the brief "Sure. ..." stays for a router whose fallback only says something and comes back.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { converse } from './harness';
import { loadFlowText } from '../../../shared/flow/loadFlowText';
import { answerVerdict } from '../../../shared/engine/answeringWord';

describe('a past day is no answer put off (revcore item 3)', () => {
  it.each([
    'yes, it came on monday',
    'yes, I ordered it on Monday',
    'yes, in 2 days it was there',
    'yes, sat on it',
    'yes, I got the sun one',
    'yes it arrived on the 5th',
    'yes, I ordered it on the 3rd of March',
  ])('"%s" answers yes', (line) => {
    expect(answerVerdict(line, 'yes', ['yes'])).toBe('answers');
  });

  it.each(['yes, on Monday', 'yes, on sat', 'yes, next sun', 'yes, at 5pm', 'yes, in 2 days', 'yes, on the 5th of January', 'yes, need it on monday'])(
    '"%s" is still put off',
    (line) => {
      expect(answerVerdict(line, 'yes', ['yes'])).toBe('deferred');
    },
  );

  it('a past verb in an earlier part does not cover a later action ("ordered it last week, cancel it on monday")', () => {
    expect(answerVerdict('yes, I ordered it last week, cancel it on monday', 'yes', ['yes', 'cancel it'])).not.toBe('answers');
  });
});

const NOW = Date.parse('2026-12-02T11:00:00Z');
const template = () => JSON.parse(readFileSync(new URL('../../../flows/customer-support.json', import.meta.url), 'utf8'));
const load = (json: unknown) => {
  const r = loadFlowText(JSON.stringify(json));
  if (r.flow === undefined || r.flow === null) throw new Error(`customer-support.json (changed) did not load: ${JSON.stringify(r.problems)}`);
  return r.flow;
};

describe('an acknowledgement at a router with a wired fallback exit (revcore item 7)', () => {
  it('"ok" follows a fallback exit that leads to a human, as any miss does', () => {
    const json = template();
    const edge = json.edges.find((e: { id: string }) => e.id === 'e-router-fallback');
    edge.to = 'human_agent';
    const c = converse(load(json), { now: NOW });
    const before = c.botTexts().length;
    c.say('ok');
    const after = c.botTexts().slice(before);
    expect(after[0]).toBe("Sorry, I didn't get that.");
    expect(after.join('\n')).toMatch(/get a person for you/);
    expect(c.state.waiting).toMatchObject({ blockId: 'human_agent', kind: 'takeover_question' });
  });

  it('"ok" after a miss still gets the brief reply when the fallback only says what the bot can do and comes back', () => {
    const c = converse(load(template()), { now: NOW });
    c.say('purple monkey dishwasher');
    const before = c.botTexts().length;
    c.say('ok');
    expect(c.botTexts().slice(before)).toEqual(["Sure. What's your question? A few words are enough."]);
    expect(c.state.waiting).toMatchObject({ kind: 'input', blockId: 'router' });
  });
});
