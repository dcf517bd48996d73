// Session 19 (esc): negative sentiment without a classic negative word: words said with a run of exclamation marks and
// no word of praise, thanks or greeting ("Invoice 5541 still incorrect!!! Please action!!!") are exasperation. With praise
// ("LOVE the new throws!!!", "Thank you so much!!!") they are an ordinary happy customer; marks alone stay the classifier's.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadFlowText } from '../../../shared/flow/loadFlowText';
import type { Flow } from '../../../shared/flow/schema';
import { playConversation } from '../../../shared/simulator/playConversation';
import { exasperatedComplaint } from '../../../shared/escalation/detectors/detectNegativeSentiment';

const shipped = loadFlowText(readFileSync(new URL('../../../flows/customer-support.json', import.meta.url), 'utf8')).flow as Flow;
const now = Date.parse('2026-12-01T10:00:00Z');
const play = (text: string) => playConversation(shipped, 'c', ['Something else', text], now).escalation;

describe('exclamation marks on a complaint are exasperation', () => {
  it('fires as negative sentiment and says why', () => {
    for (const text of [
      'Invoice 5541 still incorrect!!! Please action!!!',
      'Where is my order!!!! Why so late!!!!',
      "WHY does the discount code not work, it says it's valid on your own email!!!!",
      'ordered a medium, it came in the wrong size?!?! what now',
    ]) {
      const e = play(text);
      expect(e?.reason, text).toBe('negative_sentiment');
      expect(e?.signals.find((s) => s.reason === 'negative_sentiment')?.explanation, text).toMatch(/run of exclamation marks|on a scale from -1/);
    }
    expect(play('Invoice 5541 still incorrect!!! Please action!!!')?.signals[0].explanation).toBe(
      'Negative sentiment: words said with a run of exclamation marks ("!!!") and no word of praise or thanks: exasperation with no classic negative word.',
    );
  });
  it('not with praise, thanks, a greeting or a happy emoji', () => {
    for (const text of [
      'LOVE the new throws!!! do you do them in mustard',
      'Thank you so much!!! My parcel came, everything is fine',
      'OMG IT CAME EARLY!!! do u do the same top in black',
      'Hiya!!! do you ship to Spain',
      'the rug arrived!!! 😍 do you have the matching cushion',
      // An instruction said with force is emphasis, and words that say nothing is wrong are not a complaint.
      'do NOT cancel NW-104233!!!',
      'Please leave it with the neighbour at number 4!!!',
      'order NW-104233 for my mum!!! she is 90 tomorrow',
    ]) {
      expect(play(text)?.reason ?? 'none', text).not.toBe('negative_sentiment');
    }
  });
  it('needs two words: marks alone or one word are left to the other readings', () => {
    expect(exasperatedComplaint('!!!!!!!!', [])).toBeNull();
    expect(exasperatedComplaint('where!!!', ['where'])).toBeNull();
    expect(exasperatedComplaint('where is it???', ['where', 'is', 'it'])).toBeNull();
    expect(exasperatedComplaint('where is it?!?', ['where', 'is', 'it'])).toBe('?!?');
  });
});
