/**
 * Session 46 (conv6): held-out wordings, written AFTER the code of conv6S46.test.ts (the set written before it), of the
 * same kinds: a fire said to be there now with a person inside (L1), a duration told with a wait (L6), a question word
 * with another intent's topic (L2), a keyword in another sense (M12). The first run's result is in docs/history.md
 * "Session 46 (conv6)".
 */
import { describe, expect, it } from 'vitest';
import { detectUrgency } from '../../../shared/escalation/detectors/detectUrgency';
import { fires, policy } from '../escalation/facts';
import { matcher, router } from '../nlu/supportRouter';

const urgency = (text: string) => fires(detectUrgency, text, policy());
const emergency = (text: string) => urgency(text)?.emergency === true;
const understood = (text: string) => {
  const m = matcher.match(text);
  return m.confidence >= router.data.threshold ? m.intentName : null;
};

describe('held out, L1: a fire there now with a person inside is an emergency', () => {
  it.each([
    'there is a fire!! my little brother is still inside',
    "we've got a fire and my nan is trapped upstairs",
    'help there is a fire and the kids are stuck inside',
    'omg fire, my husband is still in there',
    'there is a big fire and my neighbour is trapped',
  ])('%j is an emergency', (text) => {
    expect(emergency(text)).toBe(true);
  });
  it.each([
    'there is a fire exit sign missing in your shop and my mum is inside shopping',
    'there was a fire in the kitchen last week and my dad was inside, can I claim?',
    'we have a fire pit, are the kids safe inside the tent?',
    'is there a fire blanket in the kit? my son is inside a lot',
  ])('%j is no emergency', (text) => {
    expect(emergency(text)).toBe(false);
  });
});

describe('held out, L6: a duration told with a wait is a detail', () => {
  it.each([
    'been a fortnight waiting for NW-104233, ridiculous',
    'I have waited six weeks for my parcel',
    'still nothing after 12 days, where is my order',
    'ordered ten days ago and still waiting for my order',
  ])('%j is a tracking question', (text) => {
    expect(understood(text)).toBe('track_order');
  });
});

describe('held out, L2: a question word with another intent\'s topic', () => {
  it.each(['when will you post it', 'when does my parcel get shipped'])('%j is not opening hours', (text) => {
    expect(['track_order', 'shipping_info']).toContain(understood(text));
  });
  it.each([
    ['what time do you open on Saturday?', 'opening_hours'],
    ['when do you close?', 'opening_hours'],
  ])('%j is still %s', (text, intent) => {
    expect(understood(text)).toBe(intent);
  });
});

describe('held out, M12: a keyword in another sense', () => {
  it.each(['ok, back again', 'hi again, we are back', 'please get back to us soon', 'can someone text me back', 'I will return to the chat later'])(
    '%j is no return',
    (text) => {
      expect(understood(text)).not.toBe('return_item');
    },
  );
  it.each(['my kettle is out of order', 'I asked you several times already'])('%j is no tracking or opening-hours question', (text) => {
    expect(understood(text)).not.toBe('track_order');
    expect(understood(text)).not.toBe('opening_hours');
  });
  it.each([['stop my order please', 'cancel_order']])('%j is still %s', (text, intent) => {
    expect(understood(text)).toBe(intent);
  });
});

/**
 * Held out and failing, on main as well as after this change (each checked against main's matcher): other kinds than the
 * ones fixed here, left open and written down (docs/history.md "Session 46 (conv6)"). Expected failures: a fix turns them
 * into failures of this file, to be moved up.
 */
describe('held out, failing before and after (not fixed: other kinds)', () => {
  // "no sign of" is no word of not arriving (main: cancel_order 0.06).
  it.fails('"it has been a couple of weeks and no sign of my package" is a tracking question', () => {
    expect(understood('it has been a couple of weeks and no sign of my package')).toBe('track_order');
  });
  // A time window asked about reads as before (the unit is "how long"); below the threshold on main too (0.09, 0.20).
  it.fails('"do you deliver within 2 days?" is shipping_info', () => {
    expect(understood('do you deliver within 2 days?')).toBe('shipping_info');
  });
  it.fails('"can I still return it after 20 days" is return_item', () => {
    expect(understood('can I still return it after 20 days')).toBe('return_item');
  });
  // "going to" reads as "go to my work address" (main: change_address, 0.32; after: 0.45, opening hours no longer second).
  it.fails('"when is it going to be dispatched?" is about the order or shipping', () => {
    expect(['track_order', 'shipping_info']).toContain(understood('when is it going to be dispatched?'));
  });
  // "bring / take back" is no example's verb (main: 0.12, 0.31).
  it.fails('"can I bring it back to the shop" is a return', () => {
    expect(understood('can I bring it back to the shop')).toBe('return_item');
  });
  it.fails('"I need to take back a jumper" is a return', () => {
    expect(understood('I need to take back a jumper')).toBe('return_item');
  });
});
