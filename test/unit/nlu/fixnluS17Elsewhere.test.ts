/**
 * Session 17 (fixnlu, newcomer s17 N#15, hostile s17 H#14): "redirect" and "elsewhere" are read as the words they stand
 * for (synonyms.ts meaningOf): "redirect" is "send ... different", "elsewhere" is "different". "can you redirect
 * NW-10234" tied a return and a cancellation ("send back my order", "don't send my order") and got "Sorry, I didn't
 * get that"; "elsewhere" was a word no example has and diluted "could you send NW-10234 elsewhere please" to nothing.
 * Played on the example flow as first messages.
 */
import { describe, expect, it } from 'vitest';
import { template, MONDAY_10_LONDON, first, router, matcher } from './supportRouter';
import { meaningOf } from '../../../shared/nlu/synonyms';


describe('meaningOf', () => {
  it('redirect / reroute stand for "send different", elsewhere for "different"; other words for their canonical word', () => {
    expect(meaningOf('redirect')).toEqual(['send', 'different']);
    expect(meaningOf('rerouted')).toEqual(['send', 'different']);
    expect(meaningOf('elsewhere')).toEqual(['different']);
    expect(meaningOf('parcel')).toEqual(['package']);
    expect(meaningOf('forward')).toEqual(['send']);
    expect(meaningOf('weather')).toEqual(['weather']);
  });
});

describe('an address change said with redirect / elsewhere (N#15, H#14)', () => {
  it.each([
    ['can you redirect NW-10234'],
    ['I need NW-10234 sent elsewhere'],
    ['could you send NW-10234 elsewhere please'],
    ['please reroute NW-10234'],
  ])('%j asks for the new address of NW-10234', (text) => {
    const c = first(text);
    expect(c.botTexts().join('\n')).not.toContain("didn't get that");
    expect(c.lastBotText()).toMatch(/^What is the new delivery address\?/);
  });

  it('"post it elsewhere: NW-230918 to 5 Elm Road, Leeds LS1 4AB" reads the order and the address back', () => {
    expect(first('post it elsewhere: NW-230918 to 5 Elm Road, Leeds LS1 4AB').lastBotText()).toBe(
      'So order NW-230918 should go to: 5 Elm Road, Leeds LS1 4AB. Is that right?',
    );
  });

  it('send back / do not send / send something back keep their intents', () => {
    expect(matcher.match('send back my order').intentName).toBe('return_item');
    expect(matcher.match('how do I send something back').intentName).toBe('return_item');
    expect(matcher.match("don't send my order").intentName).toBe('cancel_order');
    expect(matcher.match('send it to a different address').intentName).toBe('change_address');
  });

  it('a message about something else with "elsewhere" in it is not an address change', () => {
    for (const t of ['is it cheaper elsewhere', 'I found it elsewhere for less']) {
      const m = matcher.match(t);
      expect(m.confidence >= router.data.threshold ? m.intentName : null, t).toBeNull();
    }
  });
});
