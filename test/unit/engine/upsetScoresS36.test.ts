/**
 * Session 36 (perf): the summary's "sounded upset" reading remembers each transcript entry's sentiment score
 * (shared/engine/upsetScores.ts) instead of analysing the whole window again at every ticket or handoff. The remembered
 * score must be the score a fresh reading gives; noting a step's entries must never analyse a text; and a summary must
 * read the same whether the scores were remembered or not.
 */
import { describe, expect, it } from 'vitest';
import { noteUpsetScores, upsetScore } from '../../../shared/engine/upsetScores';
import { summarizeConversation } from '../../../shared/engine/handoffContext';
import { analyzeText, analyzedAlready } from '../../../shared/nlu/analyzeText';
import { effectiveSentiment } from '../../../shared/escalation/effectiveSentiment';

const texts = [
  'this is ridiculous, third time I ask',
  'where is my parcel?!',
  'thanks, that was quick',
  'I SAID I WANT A HUMAN',
  'useless bot, absolutely useless',
  'my order NW-104233 never arrived and nobody answers',
  'ok',
  'not bad at all, cheers',
  'ann@example.com',
];
const fresh = (t: string) => effectiveSentiment(analyzeText(t)).score;

type SummaryState = Parameters<typeof summarizeConversation>[0];
function stateWith(customer: string[]): SummaryState {
  const recentTranscript = customer.map((text, i) => ({ from: 'customer' as const, text, at: i }));
  return { variables: { handoffReason: 'my parcel' }, recentTranscript, turn: customer.length, intents: [], entities: [], lastFailure: null } as unknown as SummaryState;
}

describe('upset scores remembered per transcript entry', () => {
  it('noting a step only remembers texts already analysed: it never analyses one', () => {
    const unseen = `never analysed before ${Math.random()} this is a disgrace`;
    expect(analyzedAlready(unseen)).toBeUndefined();
    noteUpsetScores([{ from: 'customer', text: unseen }]);
    expect(analyzedAlready(unseen)).toBeUndefined();
    // Read later, it is analysed then, with the score a fresh reading gives.
    expect(upsetScore({ text: unseen })).toBe(fresh(unseen));
  });

  it('a remembered score is the score of the entry text, noted or not, and follows a changed text', () => {
    for (const t of texts) analyzeText(t);
    const entries = texts.map((text) => ({ from: 'customer' as const, text }));
    noteUpsetScores([...entries, { from: 'bot', text: 'How can I help?' }]);
    for (const e of entries) expect(upsetScore(e)).toBe(fresh(e.text));
    const cold = texts.map((text) => ({ text }));
    for (const e of cold) expect(upsetScore(e)).toBe(fresh(e.text));
    // An entry object whose text is not the one remembered is read again.
    const e = { text: texts[2]! };
    expect(upsetScore(e)).toBe(fresh(texts[2]!));
    e.text = texts[4]!;
    expect(upsetScore(e)).toBe(fresh(texts[4]!));
    expect(fresh(texts[4]!)).toBeLessThan(fresh(texts[2]!));
  });

  it('a summary reads the same with the scores remembered and without', () => {
    const window = ['where is my parcel', 'this is ridiculous, third time I ask', 'useless bot, absolutely useless', 'ok'];
    const warm = stateWith(window);
    noteUpsetScores(warm.recentTranscript);
    const first = summarizeConversation(warm, 'explicit_request');
    expect(first).toContain('The customer sounded upset: "useless bot, absolutely useless".');
    expect(summarizeConversation(warm, 'explicit_request')).toBe(first);
    expect(summarizeConversation(stateWith(window), 'explicit_request')).toBe(first);
  });
});
