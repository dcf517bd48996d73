/**
 * Session 27 (newcomer s27 G5): the negative-sentiment explanation listed "acceptable" for "this is not acceptable", a
 * word a designer reads as positive. A kind word counted as negative because it is negated is shown with its negation
 * as typed; the evidence keeps the lexicon's words.
 */
import { describe, expect, it } from 'vitest';
import { detectNegativeSentiment } from '../../../shared/escalation/detectors/detectNegativeSentiment';
import { facts, memory, policy } from './facts';

const fired = (text: string) => detectNegativeSentiment(facts(text), policy(), memory());

describe('negated kind words in the explanation (newcomer s27 G5)', () => {
  it('shows "not acceptable", "isn\'t good" as typed, once each', () => {
    const s = fired('I have been waiting three weeks, written four emails and nobody ever answers. this is not acceptable')!;
    expect(s.explanation).toContain('(words: "not acceptable", "been waiting", "nobody")');
    expect(s.evidence).toContain('acceptable');
    const t = fired("This isn't good enough, I'm not happy at all")!;
    expect(t.explanation).toMatch(/\(words: "isn't good", "not happy"\)/);
  });

  it('leaves negative words as they are', () => {
    expect(fired('this is awful, the worst service ever')!.explanation).toMatch(/\(words: "worst", "awful"\)/);
  });
});
