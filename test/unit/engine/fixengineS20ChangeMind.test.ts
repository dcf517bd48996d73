/**
 * Session 20 (fixengine, brief item 4; newcomer s19 F6): changing your mind at the cancel confirmation with a later time
 * that belongs to ANOTHER request ("no - don't cancel, I'd rather return it once it arrives") is a no: the order stays.
 * It was read as "cancel later" ("I can only do this now, not later") and the confirmation asked again. A cancel put off
 * ("cancel it once it arrives", "yes cancel it tomorrow") is still asked again.
 */
import { describe, expect, it } from 'vitest';
import { first } from '../nlu/supportRouter';

const atConfirmation = (line: string) => {
  const c = first('cancel NW-410009');
  expect(c.lastBotText()).toBe('Just to check: shall I cancel order NW-410009?');
  c.say(line);
  return c;
};

describe('a no with a later time for another request', () => {
  it.each([
    "actually wait, no - don't cancel, I'd rather return it once it arrives",
    "no - don't cancel, I'll send it back when it arrives",
    "no, keep it, I'll exchange it next week",
  ])('"%s" keeps the order', (line) => {
    const c = atConfirmation(line);
    expect(c.botTexts().join(' | ')).toMatch(/order NW-410009 stays as it is/);
    expect(c.botTexts().join(' | ')).not.toMatch(/not later/);
  });

  it.each(['cancel it once it arrives', 'yes cancel it tomorrow', 'yes, cancel it next week'])('"%s" is still put off (asked again)', (line) => {
    const c = atConfirmation(line);
    expect(c.lastBotText()).toMatch(/I can only do this now, not later, so I haven't done anything yet\. Just to check/);
  });
});
