// Session 46 (tidy3, review of s45): fireAsFigure is read once per message (a gate on the word "fire", the last answer kept
// by the tokens' text). The answers must stay those of a fresh reading, whatever was asked before and whatever array holds
// the tokens.
import { describe, expect, it } from 'vitest';
import { fireAsFigure } from '../../../shared/escalation/hazardNow';

const t = (s: string) => s.split(' ');

describe('fireAsFigure, read once per message', () => {
  it('answers by the tokens, not by the array or the message asked before', () => {
    const praise = 'your deals are on fire today';
    const real = 'the heater is on fire my son is coughing';
    expect(fireAsFigure(t(praise))).toEqual([3]);
    expect(fireAsFigure(t(real))).toEqual([]);
    expect(fireAsFigure(t(praise))).toEqual([3]);
    expect(fireAsFigure(t('our sales team is on fire this quarter'))).toEqual([4]);
    expect(fireAsFigure(t('no fire here at all'))).toEqual([]);
    expect(fireAsFigure(t('where is my parcel'))).toEqual([]);
  });
  it('an array changed in place after it was read is read again', () => {
    const toks = t('your deals are on fire today');
    expect(fireAsFigure(toks)).toEqual([3]);
    toks[1] = 'kitchen';
    expect(fireAsFigure(toks)).toEqual([]);
  });
  it('tokens that would join alike are not taken for one another', () => {
    expect(fireAsFigure(['your deals are', 'on', 'fire', 'today'])).toEqual([]); // no token "deals" before it
    expect(fireAsFigure(['your', 'deals', 'are', 'on', 'fire', 'today'])).toEqual([3]);
  });
});
