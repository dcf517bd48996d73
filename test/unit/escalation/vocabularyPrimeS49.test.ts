/**
 * Session 49 (ci6): the studio server sends the escalation vocabulary warnings' matches with an opened flow
 * (vocabularyMatchesOf) and the page takes them before its first validation (primeVocabularyMatches), instead of reading
 * every phrase against every ordinary message on each page load. Checked here: what is sent covers every phrase and
 * example of the policy, made against the same ordinary messages; what is taken is read by the warnings; anything not of
 * that shape (another list of messages, indices out of range or out of order) is ignored. (That priming in a fresh
 * process gives the same warnings as working them out: docs/history.md "Session 49 (ci6)", measured across processes.)
 *
 * The unit project shares modules between files (isolate: false): the keys primed with made-up matches here are phrases no
 * other test or flow uses ("ci6s49 ..."), so no other file reads them.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { escalationPolicySchema, type EscalationPolicy } from '../../../shared/flow/schema';
import { ORDINARY_MESSAGES } from '../../../shared/escalation/ordinaryMessages';
import { escalationVocabularyWarnings, primeVocabularyMatches, vocabularyMatchesOf } from '../../../shared/escalation/vocabularyWarnings';

const flowPolicy = (name: string): EscalationPolicy =>
  escalationPolicySchema.parse(JSON.parse(readFileSync(new URL(`../../../flows/${name}.json`, import.meta.url), 'utf8')).escalation ?? {});

function withTopicPhrase(phrase: string): EscalationPolicy {
  const p = escalationPolicySchema.parse({});
  p.sensitiveTopics.topics = [{ name: 'made up', phrases: [phrase], intents: [], examples: [] }];
  return p;
}

describe('session 49: vocabulary matches worked out by the studio server, taken by the page', () => {
  it('covers every phrase and example of the policy, against the same ordinary messages, indices in order', () => {
    const p = flowPolicy('customer-support');
    p.explicitRequest.phrases = [...(p.explicitRequest.phrases ?? []), 'can you'];
    const sent = vocabularyMatchesOf(p);
    expect(sent.checked).toBe(ORDINARY_MESSAGES.length);
    const topicPhrases = p.sensitiveTopics.topics.flatMap((t) => t.phrases);
    expect(Object.keys(sent.matches)).toEqual(expect.arrayContaining(['explicitRequest|phrases|can you', ...topicPhrases.map((t) => `sensitiveTopics|phrases|${t}`)]));
    for (const found of Object.values(sent.matches)) expect(found.every((i, n) => i >= 0 && i < ORDINARY_MESSAGES.length && (n === 0 || i > found[n - 1]))).toBe(true);
    // The warning's count and example are the sent matches'.
    const w = escalationVocabularyWarnings(p).find((x) => x.path.join('.') === `escalation.explicitRequest.phrases.${p.explicitRequest.phrases!.length - 1}`)!;
    expect(w.matches).toBe(sent.matches['explicitRequest|phrases|can you'].length);
    expect(w.example).toBe(sent.matches['explicitRequest|phrases|can you'].length > 0 ? ORDINARY_MESSAGES[sent.matches['explicitRequest|phrases|can you'][0]] : '');
  });

  it('a taken match is what the warnings read (so the page does not work it out again)', () => {
    const phrase = 'ci6s49 quokka xqt';
    expect(escalationVocabularyWarnings(withTopicPhrase('ci6s49 quokka xqu'))).toEqual([]);
    expect(primeVocabularyMatches({ checked: ORDINARY_MESSAGES.length, matches: { [`sensitiveTopics|phrases|${phrase}`]: [3, 7] } })).toBe(1);
    const [w] = escalationVocabularyWarnings(withTopicPhrase(phrase));
    expect(w).toMatchObject({ matches: 2, example: ORDINARY_MESSAGES[3], path: ['escalation', 'sensitiveTopics', 'topics', 0, 'phrases', 0] });
    // A key known already is not replaced.
    expect(primeVocabularyMatches({ checked: ORDINARY_MESSAGES.length, matches: { [`sensitiveTopics|phrases|${phrase}`]: [1] } })).toBe(0);
    expect(escalationVocabularyWarnings(withTopicPhrase(phrase))[0].matches).toBe(2);
  });

  it('ignores what is not of that shape: another list of messages, bad indices, not an object', () => {
    const key = (s: string) => `sensitiveTopics|phrases|ci6s49 quokka ${s}`;
    const n = ORDINARY_MESSAGES.length;
    expect(primeVocabularyMatches({ checked: n + 1, matches: { [key('xqa')]: [1] } })).toBe(0);
    expect(primeVocabularyMatches({ checked: n, matches: { [key('xqb')]: [n], [key('xqc')]: [-1], [key('xqd')]: [1.5], [key('xqe')]: [4, 2], [key('xqf')]: [2, 2], [key('xqg')]: 3 } })).toBe(0);
    for (const given of [undefined, null, 'x', 3, [], { checked: n }, { checked: n, matches: null }]) expect(primeVocabularyMatches(given)).toBe(0);
    for (const s of ['xqa', 'xqb', 'xqc', 'xqd', 'xqe', 'xqf', 'xqg'])
      expect(escalationVocabularyWarnings(withTopicPhrase(`ci6s49 quokka ${s}`)), s).toEqual([]);
  });
});
