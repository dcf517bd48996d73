/** Session 41 (lead, issue 8): entitiesOf(text) is exactly analyzeText(text).entities, cached or not. */
import { describe, expect, it } from 'vitest';
import { analyzeText, entitiesOf } from '../../../shared/nlu/analyzeText';
import { distinctMessages } from '../../bench/conversationGenerator';

describe('entitiesOf', () => {
  it('equals the full analysis on 3,000 generated texts and hostile shapes, before and after they are cached', () => {
    const texts = [
      ...distinctMessages(3000, 41),
      'call me on +44 7700 900123 or kim@example.com',
      'ＮＷ－１０４２３３ please',
      'NW-\u200B104233',
      'NW-١٠٤٢٣٣',
      'my number is 07700 900 123, order NW-104233, policy HM-2231-0457, 12 March at 3pm, £40',
      '',
    ];
    for (const t of texts) {
      const fresh = entitiesOf(t);
      expect(fresh).toEqual(analyzeText(t).entities);
      expect(entitiesOf(t)).toEqual(fresh);
    }
  });
});
