import { describe, it, expect } from 'vitest';
import { canonicalWord, sameConcept } from '../../../shared/nlu/synonyms';

describe('canonicalWord', () => {
  it('maps listed words to their group', () => {
    expect(canonicalWord('parcel')).toBe('package');
    expect(canonicalWord('delivery')).toBe('ship');
  });

  it('finds the group of forms the list does not spell out, through the stem', () => {
    expect(canonicalWord('saturdays')).toBe('weekday');
    expect(canonicalWord('boxes')).toBe('package');
    expect(canonicalWord('refunding')).toBe('refund');
  });

  it('leaves other words and very short words alone', () => {
    expect(canonicalWord('bitcoin')).toBe('bitcoin');
    expect(canonicalWord('us')).toBe('country');
    expect(canonicalWord('is')).toBe('is');
  });

  it('tells whether two words are one concept', () => {
    expect(sameConcept('price', 'costs')).toBe(true);
    expect(sameConcept('price', 'parcel')).toBe(false);
  });
});
