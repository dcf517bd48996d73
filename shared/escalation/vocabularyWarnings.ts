/**
 * Warnings about the designer's escalation vocabulary: a phrase or example that would match ordinary
 * customer questions (the "none" conversations of the labelled sets, ORDINARY_MESSAGES) hands those
 * questions to people. Each warning names the phrase, where it is in the policy, how many ordinary
 * messages it matches and one of them, and what to do. Pure; the validator turns these into problems.
 */
import type { EscalationPolicy } from '../flow/schema';
import { analyzeText } from '../nlu/analyzeText';
import type { TextAnalysis } from '../nlu/types';
import { escalationPolicySchema } from '../flow/schema';
import { detectSensitiveTopic } from './detectors/detectSensitiveTopic';
import { initialEscalationMemory } from './evaluateEscalation';
import { designerExample, designerPhrase } from './learnedSignals';
import { ORDINARY_MESSAGES } from './ordinaryMessages';

export interface VocabularyWarning {
  /** JSON path inside the flow, e.g. ['escalation', 'sensitiveTopics', 'topics', 0, 'phrases', 2]. */
  path: (string | number)[];
  message: string;
  hint: string;
  /** How many ordinary messages it matches, and the first one. */
  matches: number;
  example: string;
}

let ordinary: TextAnalysis[] | null = null;
function ordinaryAnalyses(): TextAnalysis[] {
  ordinary ??= ORDINARY_MESSAGES.map((m) => analyzeText(m));
  return ordinary;
}

/**
 * A topic phrase is checked with the real detector (its negation, general-question and product-name
 * guards included; classifier off), so "I don't want a refund" does not count against "refund".
 */
const basePolicy = escalationPolicySchema.parse({ classifier: { enabled: false } });
function topicPhraseMatcher(phrase: string): (a: TextAnalysis) => boolean {
  const policy: EscalationPolicy = { ...basePolicy, sensitiveTopics: { enabled: true, topics: [{ name: 'check', phrases: [phrase], intents: [], examples: [] }] } };
  const memory = initialEscalationMemory();
  return (a) => detectSensitiveTopic({ text: a.text, analysis: a, turn: 0, now: 0, variables: {}, intent: null, fallback: false }, policy, memory) !== null;
}

/** Ordinary messages a phrase matches, per kind and phrase: an edit that adds one phrase checks only that one. */
const matchesCache = new Map<string, TextAnalysis[]>();
function matching(key: string, matches: (a: TextAnalysis) => boolean): TextAnalysis[] {
  let found = matchesCache.get(key);
  if (found === undefined) {
    found = ordinaryAnalyses().filter(matches);
    if (matchesCache.size > 2000) matchesCache.clear();
    matchesCache.set(key, found);
  }
  return found;
}

function lazyMatcher(make: () => (a: TextAnalysis) => boolean): (a: TextAnalysis) => boolean {
  let m: ((a: TextAnalysis) => boolean) | null = null;
  return (a) => (m ??= make())(a);
}

const cache = new WeakMap<EscalationPolicy, VocabularyWarning[]>();

export function escalationVocabularyWarnings(policy: EscalationPolicy): VocabularyWarning[] {
  const hit = cache.get(policy);
  if (hit) return hit;
  const out: VocabularyWarning[] = [];
  const check = (path: (string | number)[], text: string, kind: 'phrase' | 'example', where: string, matches: (a: TextAnalysis) => boolean) => {
    const found = matching(`${String(path[1])}|${String(path[path.length - 2])}|${text}`, matches);
    if (found.length === 0) return;
    out.push({
      path,
      matches: found.length,
      example: found[0].text,
      message: `The ${kind} "${text}" of ${where} matches ${found.length} ordinary question${found.length === 1 ? '' : 's'} from the labelled sets, such as "${found[0].text}": those customers would be handed to a person.`,
      hint: kind === 'phrase' ? 'Make the phrase more specific (add the words that make it a case, e.g. "charged twice" rather than "charged"), or list the harmless word under neverTrigger.' : 'Rewrite the example so it says what makes it a case, not what every question says.',
    });
  };
  const base = ['escalation'];
  const reasonLists: [string, string, { phrases?: string[]; examples?: string[] }][] = [
    ['explicitRequest', 'explicit requests', policy.explicitRequest],
    ['negativeSentiment', 'negative sentiment', policy.negativeSentiment],
    ['urgency', 'urgency', policy.urgency],
  ];
  // One list per phrase, made once: the matchers are cached per list, and a fresh `[p]` per ordinary message
  // rebuilt (and re-analysed) the phrase or example for each of the ~375 messages.
  const onePhrase = (p: string) => {
    const list = [p];
    return (a: TextAnalysis) => designerPhrase(a, list) !== null;
  };
  const oneExample = (e: string) => {
    const list = [e];
    return (a: TextAnalysis) => designerExample(a, list) !== null;
  };
  for (const [key, label, cfg] of reasonLists) {
    (cfg.phrases ?? []).forEach((p, i) => check([...base, key, 'phrases', i], p, 'phrase', label, onePhrase(p)));
    (cfg.examples ?? []).forEach((e, i) => check([...base, key, 'examples', i], e, 'example', label, oneExample(e)));
  }
  policy.sensitiveTopics.topics.forEach((t, ti) => {
    const where = `sensitive topic "${t.name}"`;
    t.phrases.forEach((p, i) => check([...base, 'sensitiveTopics', 'topics', ti, 'phrases', i], p, 'phrase', where, lazyMatcher(() => topicPhraseMatcher(p))));
    (t.examples ?? []).forEach((e, i) => check([...base, 'sensitiveTopics', 'topics', ti, 'examples', i], e, 'example', where, oneExample(e)));
  });
  neverTriggerConflicts(policy, out);
  cache.set(policy, out);
  return out;
}

/**
 * Session 8 (newcomer s8 #19): a neverTrigger entry that is also one of the policy's own phrases, or a word of one ("refund"
 * next to the refunds topic's "refund", "human" next to an explicit-request phrase "talk to a human"), removes what the
 * policy asks for from every message: the designer is told which phrase it takes away.
 */
function neverTriggerConflicts(policy: EscalationPolicy, out: VocabularyWarning[]): void {
  const never = policy.neverTrigger ?? [];
  if (never.length === 0) return;
  const own: [string, string][] = [];
  for (const p of policy.explicitRequest.phrases ?? []) own.push([p, 'explicit requests']);
  for (const p of policy.negativeSentiment.phrases ?? []) own.push([p, 'negative sentiment']);
  for (const p of policy.urgency.phrases ?? []) own.push([p, 'urgency']);
  for (const t of policy.sensitiveTopics.topics) for (const p of t.phrases) own.push([p, `sensitive topic "${t.name}"`]);
  const wordsOf = (x: string) => x.toLowerCase().split(/[^\p{L}\p{N}']+/u).filter(Boolean);
  never.forEach((entry, i) => {
    const n = wordsOf(entry).join(' ');
    if (n === '') return;
    const hit = own.find(([p]) => ` ${wordsOf(p).join(' ')} `.includes(` ${n} `));
    if (hit === undefined) return;
    out.push({
      path: ['escalation', 'neverTrigger', i],
      matches: 0,
      example: hit[0],
      message: `The neverTrigger entry "${entry}" is also in the phrase "${hit[0]}" of ${hit[1]}: it is taken out of every message before the phrase is read, so that phrase can no longer fire.`,
      hint: `Remove "${entry}" from neverTrigger, or list the harmless longer wording instead (e.g. "${entry} resources" rather than "${entry}").`,
    });
  });
}
