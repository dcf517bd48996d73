/**
 * Session 33 (newcomer s32 #4): at Northwind's "Would you like to talk to a person?" (a Buttons block after a failed
 * order lookup: "Talk to a person" with the synonym "yes", "No thanks" with "no"), "okay then" and "maybe later" got
 * "Please pick Talk to a person or No thanks", and "go on then" started an address change. The whole answers the
 * policy's own offer reads (bareReplies.offerAnswer) now answer a menu whose one choice is named yes or no.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { converse } from './harness';
import { loadFlowText } from '../../../shared/flow/loadFlowText';
import { matchButton } from '../../../shared/engine/matchButton';

const NOW = Date.parse('2026-03-02T10:00:00Z'); // Monday morning: the team is in
const load = () => loadFlowText(readFileSync(new URL('../../../flows/customer-support.json', import.meta.url), 'utf8')).flow!;

function atOffer(answer: string) {
  const c = converse(load(), { now: NOW });
  c.say('Track my order');
  c.say('NW-104233');
  c.http(false);
  expect(c.botTexts().at(-1)).toBe('Would you like to talk to a person?');
  const n = c.botTexts().length;
  c.say(answer);
  return { c, said: c.botTexts().slice(n).join(' ') };
}

describe("whole answers at a menu's yes / no choices", () => {
  it.each(['okay then', 'go on then', 'absolutely', 'alright', 'sounds good', 'why not', 'yesss please'])('%j is Talk to a person', (text) => {
    const { said } = atOffer(text);
    expect(said).toMatch(/I'll get a person for you/);
    expect(said).not.toMatch(/Please pick|new address/);
  });

  it.each(['maybe later', "i'm good thanks", 'I’m good, thanks!', 'not really', 'nah'])('%j is No thanks', (text) => {
    const { said } = atOffer(text);
    expect(said).toMatch(/Anything else I can help with\?/);
    expect(said).not.toMatch(/Please pick|person for you/);
  });

  it('a menu with no choice named yes or no is not answered by them', () => {
    const choices = [
      { id: 'a', names: ['track my order'], synonyms: [] },
      { id: 'b', names: ['returns'], synonyms: [] },
    ];
    expect(matchButton(choices as never, 'okay then')).toBeNull();
    expect(matchButton(choices as never, 'maybe later')).toBeNull();
  });
});
