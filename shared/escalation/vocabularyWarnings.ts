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
import { evaluateEscalation, initialEscalationMemory } from './evaluateEscalation';
import { designerExample, designerPhrase } from './learnedSignals';
import { ORDINARY_MESSAGES } from './ordinaryMessages';
import { canonicalizeText } from './canonicalTokens';
import { normalizeText } from '../nlu/normalizeText';

export interface VocabularyWarning {
  /** JSON path inside the flow, e.g. ['escalation', 'sensitiveTopics', 'topics', 0, 'phrases', 2]. */
  path: (string | number)[];
  message: string;
  hint: string;
  /** How many ordinary messages it matches, and the first one. */
  matches: number;
  example: string;
  /** How many ordinary messages it was checked against (ORDINARY_MESSAGES). */
  checked?: number;
  /** Session 9: the phrase is made only of everyday words ("I want to"), so it fires on questions of every kind. */
  everyday?: boolean;
}

/**
 * Session 9 (newcomer s8 #28): words every customer uses whatever they ask. A phrase made only of them ("I want to",
 * "can you", "I need to") names no request, feeling or topic: it fires on "I want to know your opening hours" as on
 * "I want to talk to someone". The labelled ordinary questions are a few hundred, so their count understates such a
 * phrase (2 for "I want to"); the warning says what the phrase is and gives the count with what it was out of.
 */
const EVERYDAY = new Set(
  (
    'i me my mine you your yours we us our it its this that these those the a an to of for on in at by with from and or but ' +
    'if so as is are was were be been being am do does did done can could would will should shall may might must want wants ' +
    'wanted need needs needed like would just please pls plz get got have has had know let make go going see tell ask ' +
    'there here what when where how why which who whom not no yes ok okay hi hello hey thanks thank some any about up out ' +
    'one all also too very really still again now then only im dont cant wont ive id ill'
  ).split(' '),
);

/** What a phrase of that reason would say to be a case of it (an example for an everyday-words phrase). */
const SPECIFIC: Record<string, string> = {
  explicitRequest: '"I want to talk to a person"',
  negativeSentiment: '"I want to complain"',
  urgency: '"I need it today"',
  sensitiveTopics: '"I want my money back"',
};

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

/**
 * Ordinary messages a phrase matches (their indices in ORDINARY_MESSAGES), per kind and phrase: an edit that adds one
 * phrase checks only that one. The key (reason or 'sensitiveTopics', 'phrases' or 'examples', the text) decides the
 * answer: the matcher of a key depends on nothing else.
 */
const matchesCache = new Map<string, readonly number[]>();
function remember(key: string, found: readonly number[]): void {
  if (matchesCache.size > 2000) matchesCache.clear();
  matchesCache.set(key, found);
}
function matching(key: string, matches: (a: TextAnalysis) => boolean): readonly number[] {
  let found = matchesCache.get(key);
  if (found === undefined) {
    const all = ordinaryAnalyses();
    const hits: number[] = [];
    for (let i = 0; i < all.length; i++) if (matches(all[i])) hits.push(i);
    found = hits;
    remember(key, found);
  }
  return found;
}

/**
 * Session 49 (ci6): what the studio server already worked out, handed to the page. Working out a policy's matches is most
 * of a flow's first validation (~0.6 s of CPU for the customer-support template: each of its phrases read by the real
 * detector against every ordinary message, the detectors' patterns compiled on first use), and the page validates the
 * flow it opens on every page load, with nothing kept from the last one. The server (a long-lived process) keeps its
 * answers, so it sends them with the opened flow (`vocabularyMatchesOf`) and the page takes them before its first
 * validation (`primeVocabularyMatches`). Same keys, same pure matchers: the same warnings (both sides run this file).
 */
export interface VocabularyMatches {
  /** ORDINARY_MESSAGES.length where they were worked out: matches from another list of messages are not taken. */
  checked: number;
  /** Per check key, the indices of the ordinary messages it matches. */
  matches: Record<string, number[]>;
}

/** The matches of every phrase and example of `policy` (worked out now when not known yet). */
export function vocabularyMatchesOf(policy: EscalationPolicy): VocabularyMatches {
  const matches: Record<string, number[]> = {};
  for (const c of policyChecks(policy)) matches[c.key] = [...matching(c.key, c.matches)];
  return { checked: ORDINARY_MESSAGES.length, matches };
}

/**
 * Takes matches another copy of this file worked out (vocabularyMatchesOf). Anything not of that shape, or made against
 * another list of ordinary messages, is ignored: the page then works its matches out itself, as before. Returns how
 * many keys were taken.
 */
export function primeVocabularyMatches(given: unknown): number {
  if (given === null || typeof given !== 'object') return 0;
  const { checked, matches } = given as Partial<VocabularyMatches>;
  if (checked !== ORDINARY_MESSAGES.length || matches === null || typeof matches !== 'object') return 0;
  let taken = 0;
  for (const [key, found] of Object.entries(matches)) {
    if (matchesCache.has(key) || !Array.isArray(found)) continue;
    if (!found.every((i, n) => Number.isInteger(i) && i >= 0 && i < ORDINARY_MESSAGES.length && (n === 0 || i > found[n - 1]))) continue;
    remember(key, [...found]);
    taken++;
  }
  return taken;
}

function lazyMatcher(make: () => (a: TextAnalysis) => boolean): (a: TextAnalysis) => boolean {
  let m: ((a: TextAnalysis) => boolean) | null = null;
  return (a) => (m ??= make())(a);
}

interface PolicyCheck {
  path: (string | number)[];
  text: string;
  kind: 'phrase' | 'example';
  where: string;
  /** The matchesCache key. */
  key: string;
  matches: (a: TextAnalysis) => boolean;
}

/** Every phrase and example of the policy the warnings check, in the warnings' order. */
function policyChecks(policy: EscalationPolicy): PolicyCheck[] {
  const out: PolicyCheck[] = [];
  const check = (path: (string | number)[], text: string, kind: 'phrase' | 'example', where: string, matches: (a: TextAnalysis) => boolean) =>
    out.push({ path, text, kind, where, key: `${String(path[1])}|${String(path[path.length - 2])}|${text}`, matches });
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
  return out;
}

const cache = new WeakMap<EscalationPolicy, VocabularyWarning[]>();

export function escalationVocabularyWarnings(policy: EscalationPolicy): VocabularyWarning[] {
  const hit = cache.get(policy);
  if (hit) return hit;
  const out: VocabularyWarning[] = [];
  const total = ORDINARY_MESSAGES.length;
  for (const { path, text, kind, where, key, matches } of policyChecks(policy)) {
    const found = matching(key, matches);
    const everyday = kind === 'phrase' && everydayOnly(text);
    if (found.length === 0 && !everyday) continue;
    const first = found.length > 0 ? ORDINARY_MESSAGES[found[0]] : '';
    const share = `${((100 * found.length) / total).toFixed(1)}%`;
    const order = path[1] === 'sensitiveTopics' ? 'these words in any order' : 'these words in this order';
    const counted =
      found.length === 0
        ? `None of the ${total} ordinary questions from the labelled sets has it, but words this common are in many real chats`
        : `It matches ${found.length} of the ${total} ordinary questions from the labelled sets (${share}), such as "${first}", and words this common catch far more in real chats`;
    out.push({
      path,
      matches: found.length,
      example: first,
      checked: total,
      everyday,
      message: everyday
        ? `The ${kind} "${text}" of ${where} is made only of everyday words, so it fires on every message with ${order}, whatever the customer goes on to ask. ${counted}: those customers would be handed to a person. Say what makes it a case, e.g. ${SPECIFIC[String(path[1])] ?? SPECIFIC.sensitiveTopics}.`
        : `The ${kind} "${text}" of ${where} matches ${found.length} ordinary question${found.length === 1 ? '' : 's'} from the labelled sets (${share} of ${total}), such as "${first}": those customers would be handed to a person.`,
      hint: kind === 'phrase' ? 'Make the phrase more specific (add the words that make it a case, e.g. "charged twice" rather than "charged"), or list the harmless word under neverTrigger.' : 'Rewrite the example so it says what makes it a case, not what every question says.',
    });
  }
  // A neverTrigger entry that hides one of the policy's own phrases is validateFlow's never_trigger_hides_phrase
  // (session 25, newcomer s24 #6: it was warned about twice, here and there, in two wordings of one fault).
  cache.set(policy, out);
  return out;
}

/** Every word of the phrase (as the detectors read it) is an everyday word. */
function everydayOnly(phrase: string): boolean {
  const words = canonicalizeText(normalizeText(phrase)).filter((w) => w !== '');
  return words.length > 0 && words.every((w) => EVERYDAY.has(w.replace(/'/g, '')));
}

/**
 * Session 28 (hostile s28 H2): a Never-trigger entry that takes a word out of the plainest requests for a person
 * ("person", "human", "talk"): with it, "I want to talk to a person" is read as nothing, and the policy never said so.
 * Each entry is tried on these requests alone; the first one it silences is named. (The built-in self-harm check reads
 * the message as typed, so no entry silences it.)
 */
const PLAIN_REQUESTS = [
  'I want to talk to a person',
  'can I speak to a human',
  'let me talk to someone please',
  'put me through to an agent',
  'I need a real person',
  'connect me to customer service',
  'human please',
  'a person please',
  'agent',
  'operator',
  'representative',
];

/** Index -1: no entry alone silences a request, the list together does ("person", "human", "agent", "talk"). */
export function neverTriggerSilencedRequests(policy: EscalationPolicy): Array<{ index: number; request: string }> {
  const out: Array<{ index: number; request: string }> = [];
  const entries = policy.neverTrigger ?? [];
  if (entries.length === 0) return out;
  const bare = { ...policy, neverTrigger: [] };
  const fires = (p: EscalationPolicy, text: string) =>
    evaluateEscalation(p, { text, analysis: analyzeText(text), turn: 0, now: 0, variables: {}, intent: null, fallback: false }, initialEscalationMemory()).decision.reason === 'explicit_request';
  const heard = PLAIN_REQUESTS.filter((r) => fires(bare, r));
  // The whole list silences none of them (the usual case): no entry does.
  if (heard.every((r) => fires(policy, r))) return out;
  entries.forEach((w, index) => {
    if (w.trim() === '') return;
    const one = { ...policy, neverTrigger: [w] };
    const request = heard.find((r) => !fires(one, r));
    if (request !== undefined) out.push({ index, request });
  });
  if (out.length === 0) out.push({ index: -1, request: heard.find((r) => !fires(policy, r))! });
  return out;
}
