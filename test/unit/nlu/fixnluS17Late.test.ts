/**
 * Session 17 (fixnlu, hostile s17 H#14, newcomer s16 N#10): "late" / "delayed" / "overdue" are read as "arrive"
 * (synonyms.ts meaningOf): an order that is late has not arrived. The late group was in no example, so the word weighed
 * as an unknown topic: "My order NW-230918 is late" read 0.04 and "my parcel is late" 0.10 ("Sorry, I didn't get that").
 * Only in a message about an order, a parcel or a delivery ("who's on the late turn at Tottenham garage" is no tracking
 * question: it was, and a conversation expected to end in repeated fallbacks became a loop, escrfEval w32-163).
 * Played on the example flow as first messages; the matcher for what must stay as it was.
 */
import { describe, expect, it } from 'vitest';
import { template, MONDAY_10_LONDON, router, matcher, understood } from './supportRouter';
import { converse } from '../engine/harness';


describe('a late order is a tracking question', () => {
  it.each([['my parcel is late'], ['my package is late'], ['late delivery'], ['my order is overdue']])('%j is track_order', (text) => {
    expect(understood(text)).toBe('track_order');
  });

  it.each([['My order NW-230918 is late'], ['Thanks, my order NW-230918 is late']])('%j goes to tracking, not the fallback', (text) => {
    const c = converse(template(), { now: MONDAY_10_LONDON });
    c.say(text);
    expect(c.botTexts().join('\n')).not.toContain("didn't get that");
    expect(c.variables().intent).toBe('track_order');
  });

  it('late about something else is not a tracking question', () => {
    for (const t of ["sorry I'm late replying", 'are you open late', 'my refund is late', "who's on the late turn at Tottenham garage"]) expect(understood(t), t).not.toBe('track_order');
  });
});
