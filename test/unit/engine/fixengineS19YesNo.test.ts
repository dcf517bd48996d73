/**
 * Session 19 (fixengine, brief item 2; hostile s18 #9/#10, s19 #25): at the cancel confirmation ("Just to check: shall I
 * cancel order NW-230918? [Yes, cancel it | Another order | No, keep it]") a yes or no written another way or in another
 * language ("ya", "oui", "sí", "ja", "nein", "not now") took the fallback and asked "Which order would you like to
 * cancel?", dropping the order; "hold on" alone did the same. Now they answer (or, for a pause, ask again).
 */
import { describe, expect, it } from 'vitest';
import { first } from '../nlu/supportRouter';

const CONFIRM = 'Just to check: shall I cancel order NW-230918?';
const STOPPED = /ask the warehouse to stop order NW-230918/;
const KEPT = /order NW-230918 stays as it is, nothing is cancelled/;
const WHICH = /Which order would you like to cancel/;

function answer(line: string): string {
  const c = first('cancel NW-230918');
  expect(c.lastBotText()).toBe(CONFIRM);
  const n = c.botTexts().length;
  c.say(line);
  return c.botTexts().slice(n).join(' | ');
}

describe('yes and no in other words and languages at a confirmation', () => {
  it.each(['ya', 'yea', 'yass', 'oui', 'oui merci', 'sí', 'si por favor', 'ja', 'ja bitte', 'sim', 'Da!'])('"%s" is the yes', (line) => {
    const said = answer(line);
    expect(said).toMatch(STOPPED);
    expect(said).not.toMatch(WHICH);
  });

  it.each(['non', 'non merci', 'nein', 'nein danke', 'não', 'nee', 'not now', 'not now thanks', 'not today', 'no not right now'])('"%s" is the no: the order is kept', (line) => {
    const said = answer(line);
    expect(said).toMatch(KEPT);
    expect(said).not.toMatch(STOPPED);
    expect(said).not.toMatch(WHICH);
  });

  it.each(['hold on', 'hang on a sec', 'one moment', 'let me check'])('"%s" alone does nothing and asks again', (line) => {
    const said = answer(line);
    expect(said).not.toMatch(STOPPED);
    expect(said).not.toMatch(WHICH);
    expect(said).toContain(CONFIRM);
  });

  it('words that are not a yes or a no are read as before: a different order is confirmed, "another order" asks which', () => {
    expect(answer('NW-230919')).toMatch(/shall I cancel order NW-230919/);
    expect(answer('another order')).toMatch(WHICH);
    expect(answer('oui, mais NW-230919')).not.toMatch(STOPPED);
  });
});
