/**
 * Session 17 (fixengine), newcomer s16 N#13 / s17 N#10: "ok" / "cheers" / "ok thanks" after a miss got the whole "Sorry,
 * I didn't get that. I can help with ... What's your question?" again. An acknowledgement alone at an intent router is
 * asked again briefly; a real miss still gets the flow's fallback message.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { converse } from './harness';
import { loadFlowText } from '../../../shared/flow/loadFlowText';

const template = () => loadFlowText(readFileSync(new URL('../../../flows/customer-support.json', import.meta.url), 'utf8')).flow!;
const NOW = Date.parse('2026-12-02T11:00:00Z');

describe('an acknowledgement after a miss', () => {
  // Session 41 (hostile s40 L1): thanks get "You're welcome." before the question, an acknowledgement "Sure.".
  it.each([
    ['ok', 'Sure.'],
    ['great', 'Sure.'],
    ['got it', 'Sure.'],
    ['cheers', "You're welcome."],
    ['ok thanks', "You're welcome."],
    ['great, thank you', "You're welcome."],
    ['merci beaucoup', "You're welcome."],
  ])('"%s" is asked again briefly, not told it was not understood', (line, lead) => {
    const c = converse(template(), { now: NOW });
    c.say('purple monkey dishwasher');
    expect(c.botTexts().join('\n')).toMatch(/Sorry, I didn't get that/);
    const before = c.botTexts().length;
    c.say(line);
    const after = c.botTexts().slice(before);
    expect(after).toEqual([`${lead} What's your question? A few words are enough.`]);
    expect(c.effects('handoff_request')).toHaveLength(0);
    c.say('where is my order');
    expect(c.lastBotText()).toMatch(/order number/);
  });

  it('a real miss still gets the fallback message', () => {
    const c = converse(template(), { now: NOW });
    c.say('purple monkey dishwasher');
    const before = c.botTexts().length;
    c.say('banana telescope');
    expect(c.botTexts().slice(before).join('\n')).not.toMatch(/^Sure\./);
  });
});
