/**
 * The learned classifier's mechanics: the shipped weights decode, scores are probabilities and do not
 * depend on call order or caching, features see what lexicons miss, windows keep a request at the end of a
 * long message from being diluted, and explanations name the words that pushed a score up.
 */
import { describe, expect, it } from 'vitest';
import { classifyMessage, decodeModel, escalationModel, OUTPUT_INDEX, topContributors } from '../../../shared/escalation/classifier/escalationClassifier';
import { cueFeature, featuresOf } from '../../../shared/escalation/classifier/features';
import { OUTPUTS } from '../../../shared/escalation/classifier/outputs';
import { WEIGHTS } from '../../../shared/escalation/classifier/weights';
import { analyzeText } from '../../../shared/nlu/analyzeText';

const score = (text: string, output: (typeof OUTPUTS)[number]) => classifyMessage(analyzeText(text))[OUTPUT_INDEX[output]];

describe('escalation classifier', () => {
  it('decodes the shipped weights into one table per output, the same every time', () => {
    const a = decodeModel(WEIGHTS);
    const b = decodeModel(WEIGHTS);
    expect(a.outputs).toEqual(OUTPUTS);
    expect(a.weight.length).toBeGreaterThan(10_000);
    expect(a.start[a.start.length - 1]).toBe(a.weight.length);
    expect(Array.from(a.weight.slice(0, 50))).toEqual(Array.from(b.weight.slice(0, 50)));
  });

  it('gives a probability per output, the same from a fresh model as from the cached one', () => {
    const text = 'can somebody from your team ring me back';
    const cached = classifyMessage(analyzeText(text));
    const fresh = classifyMessage(analyzeText(text), decodeModel(WEIGHTS));
    expect(cached).toHaveLength(OUTPUTS.length);
    for (let k = 0; k < OUTPUTS.length; k++) {
      expect(cached[k]).toBeGreaterThanOrEqual(0);
      expect(cached[k]).toBeLessThanOrEqual(1);
      expect(fresh[k]).toBeCloseTo(cached[k], 6);
    }
  });

  it('sees masked swearing, emoji and shouting that the words alone do not carry', () => {
    const ids = (t: string) => new Set(featuresOf(analyzeText(t)));
    expect(ids('this is sh*t').has(cueFeature('masked'))).toBe(true);
    expect(ids('this is $h!t').has(cueFeature('masked'))).toBe(true);
    expect(ids('this is shut').has(cueFeature('masked'))).toBe(false);
    expect(ids('WHERE IS MY ORDER').has(cueFeature('caps'))).toBe(true);
    expect(ids('NW-104233').has(cueFeature('caps'))).toBe(false);
    expect(score('where is it 🙄', 'negative')).toBeGreaterThan(score('where is it', 'negative'));
    expect(score('WHERE IS MY ORDER I ASKED TWICE', 'negative')).toBeGreaterThan(score('where is my order i asked twice', 'negative'));
  });

  it('keeps a request at the end of a long message from being diluted (windows)', () => {
    const background = 'I ordered a lamp last month for my sister, I paid with my card and the email came through fine, it is the grey one in size large, and ';
    expect(score(`${background}could a member of your team give me a ring please`, 'explicit')).toBeGreaterThan(0.9);
  });

  it('names the words that pushed a score up', () => {
    const words = topContributors(analyzeText('you lot are an absolute clown show'), 'negative');
    expect(words.length).toBeGreaterThan(0);
    expect(words.some((w) => ['clown', 'show', 'absolute', 'lot'].includes(w))).toBe(true);
    expect(escalationModel().sizeChars).toBe(WEIGHTS.data.length);
  });
});
