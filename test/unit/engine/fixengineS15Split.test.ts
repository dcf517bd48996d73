/**
 * Session 15 (fixengine, review debt): buttons.ts read "a leading answer, then a request" with its own regex and word
 * list beside answeringWord's clause split; answeringWord now exports the split (splitLeadingAnswer) and buttons uses it.
 * The engine behaviour it serves ("no thanks, but where is my order NW-104233?" at Anything else? looks the order up) is
 * cancelConfirmS14's; these are the split's own cases.
 */
import { describe, expect, it } from 'vitest';
import { splitLeadingAnswer } from '../../../shared/engine/answeringWord';

describe('splitLeadingAnswer', () => {
  it('splits a bare answer from the request after its first break; a linking but/and/also is dropped', () => {
    expect(splitLeadingAnswer('no thanks, but where is my order NW-104233?')).toEqual({ answer: 'no thanks', request: 'where is my order NW-104233?' });
    expect(splitLeadingAnswer('ok. where is my parcel')).toEqual({ answer: 'ok', request: 'where is my parcel' });
    expect(splitLeadingAnswer('yes - cancel NW-555555')).toEqual({ answer: 'yes', request: 'cancel NW-555555' });
    expect(splitLeadingAnswer('No worries, one more question: returns?')?.request).toBe('one more question: returns?');
    expect(splitLeadingAnswer('nope. refund please')?.request).toBe('refund please'); // a bare reply the word list lacks
    expect(splitLeadingAnswer('no\u2014where is my order')?.request).toBe('where is my order'); // a dash typed without spaces
  });

  it('is null when nothing follows, when the head is not a bare answer, or for a hyphenated word', () => {
    for (const t of ['no thanks', 'no thanks!!!', 'ok...', 'hello, where is my order', 'my order, where is it', 'no-one answers', 'no thank you so much really truly, where', ', where is it']) {
      expect(splitLeadingAnswer(t)).toBeNull();
    }
  });
});
