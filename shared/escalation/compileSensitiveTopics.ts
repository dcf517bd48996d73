/**
 * Precompiles a policy's sensitive topics into sets of concept keys, once per topics array (WeakMap), so
 * matching a message costs a few Map/Set look-ups and no stemming or regex work per call.
 *
 * A phrase matches when every content word of it appears in the message, in any order: "cancel my
 * account" matches "I want to close the account for good". Words are compared by stem (Porter2, the NLU's
 * `stemWord`) after mapping synonyms to one concept key ("~refund" for refund / reimburse / money back).
 */
import type { SensitiveTopic } from '../flow/schema';
import { normalizeText } from '../nlu/normalizeText';
import { stemWord } from '../nlu/stem';

/** Synonym groups. Multi-word alternatives ("money back") must appear as adjacent words. */
const SYNONYMS: Record<string, string[]> = {
  refund: ['refund', 'refunds', 'refunded', 'reimburse', 'reimbursed', 'reimbursement', 'money back', 'repay', 'repayment', 'chargeback'],
  charge: ['charge', 'charged', 'charges', 'bill', 'billed', 'billing', 'debit', 'debited', 'invoice', 'invoiced', 'overcharge', 'overcharged'],
  cancel: ['cancel', 'cancelled', 'canceled', 'cancellation', 'terminate', 'terminated', 'termination', 'close', 'closed', 'closing', 'unsubscribe', 'shut down'],
  delete: ['delete', 'deleted', 'deletion', 'remove', 'removed', 'removal', 'erase', 'erased', 'wipe', 'purge', 'forget'],
  // (Round eight: not "someone else": "can someone else collect my order?" is no hack; the security frame of
  // topicMeaning.ts reads "someone else logged into my account" by meaning.)
  hack: ['hack', 'hacked', 'hacker', 'breach', 'breached', 'compromise', 'compromised', 'unauthorized', 'unauthorised'],
  steal: ['steal', 'stole', 'stolen', 'theft', 'thief'],
  complaint: ['complaint', 'complaints', 'complain', 'complained', 'complaining', 'grievance'],
  // Round eight: "legal" and "court" only in their legal senses ("is the flashing mode legal in the UK?" asks about a
  // product, "3 Rose Court" is an address).
  lawyer: [
    'lawyer', 'lawyers', 'attorney', 'sue', 'suing', 'lawsuit', 'solicitor', 'litigation', 'legal action', 'legal advice', 'legal team',
    'legal department', 'legal proceedings', 'legal steps', 'to court', 'in court', 'court case', 'small claims',
  ],
  fraud: ['fraud', 'fraudulent', 'scam', 'scammed', 'scammer', 'scams'],
  damage: ['damage', 'damaged', 'broken', 'broke', 'smashed', 'cracked', 'shattered', 'defective', 'faulty'],
  data: ['data', 'information', 'info', 'details', 'personal data'],
  death: ['death', 'died', 'dead', 'deceased', 'passed away', 'bereavement'],
  twice: ['twice', 'two times', '2 times', 'double', 'doubled', 'duplicate', 'duplicated'],
};

/** Words that carry no topic in a designer's phrase ("I want to cancel my account" -> cancel, account). */
const STOPWORDS = new Set([
  'a', 'an', 'the', 'my', 'your', 'our', 'their', 'his', 'her', 'i', 'me', 'we', 'you', 'it', 'this', 'that', 'to',
  'of', 'for', 'on', 'in', 'at', 'by', 'with', 'from', 'is', 'are', 'was', 'were', 'be', 'been', 'am', 'and', 'or',
  'please', 'want', 'wants', 'need', 'would', 'like', 'how', 'do', 'does', 'did', 'can', 'could', 'get', 'about',
  'some', 'any', 'just', 'have', 'has', 'will', 'so', 'up',
]);

interface Index {
  single: Map<string, string>;
  multi: { stems: string[]; key: string }[];
  /** Session 7 (speed): the multi-word synonyms by their first stem, so a message is scanned once, not once per synonym. */
  multiByFirst: Map<string, { stems: string[]; key: string }[]>;
}
let index: Index | undefined;

/** The synonym table, stemmed once on first use (stemming at module load would slow every import). */
function synonymIndex(): Index {
  if (index) return index;
  const single = new Map<string, string>();
  const multi: Index['multi'] = [];
  for (const [concept, alts] of Object.entries(SYNONYMS)) {
    const key = `~${concept}`;
    for (const alt of alts) {
      const stems = alt.split(' ').map(stemWord);
      if (stems.length === 1) single.set(stems[0], key);
      else multi.push({ stems, key });
    }
  }
  const multiByFirst = new Map<string, Index['multi']>();
  for (const m of multi) {
    const list = multiByFirst.get(m.stems[0]);
    if (list) list.push(m);
    else multiByFirst.set(m.stems[0], [m]);
  }
  index = { single, multi, multiByFirst };
  return index;
}

export interface CompiledPhrase {
  phrase: string;
  /** Concept keys (a stem, or "~concept" for a synonym group) that must all be present. */
  keys: string[];
}
export interface CompiledTopic {
  topic: SensitiveTopic;
  phrases: CompiledPhrase[];
  /** Lower-cased intent names and ids that count as this topic. */
  intents: Set<string>;
}

/** Concept keys of a token sequence, with the index of the first token that produced each key. */
export function conceptKeys(stems: string[]): Map<string, number[]> {
  const { single, multi } = synonymIndex();
  const keys = new Map<string, number[]>();
  // The first occurrence of a key wins (written out rather than as a closure created on every call).
  for (let i = 0; i < stems.length; i++) {
    const s = stems[i];
    const key = single.get(s) ?? s;
    if (!keys.has(key)) keys.set(key, [i]);
  }
  // One word holds no multi-word synonym (readableStems asks word by word).
  if (stems.length < 2) return keys;
  for (const m of multi) {
    for (let i = 0; i + m.stems.length <= stems.length; i++) {
      let ok = true;
      for (let k = 0; k < m.stems.length && ok; k++) ok = stems[i + k] === m.stems[k];
      if (ok) {
        if (!keys.has(m.key)) keys.set(m.key, m.stems.map((_, k) => i + k));
        break;
      }
    }
  }
  return keys;
}

/**
 * The keys of `conceptKeys(stems)` without their positions, written into `into` (cleared first): the fast
 * path of the sensitive-topic detector. Most messages match no phrase, and a Set of keys answers that
 * without a Map entry and an array per word; only a match needs the positions (then `conceptKeys` runs).
 */
export function conceptKeySet(stems: readonly string[], into: Set<string>, only?: ReadonlySet<string>): Set<string> {
  const { single, multiByFirst } = synonymIndex();
  into.clear();
  // Session 43 (perf): with `only`, the keys of the set that are in `only` (a caller that asks about no other key).
  if (only === undefined) for (let i = 0; i < stems.length; i++) into.add(single.get(stems[i]) ?? stems[i]);
  else {
    for (let i = 0; i < stems.length; i++) {
      const key = single.get(stems[i]) ?? stems[i];
      if (only.has(key)) into.add(key);
    }
  }
  // The same keys as testing every multi-word synonym at every position, looking up only those that start here.
  for (let i = 0; i < stems.length; i++) {
    const starting = multiByFirst.get(stems[i]);
    if (starting === undefined) continue;
    for (const m of starting) {
      if (i + m.stems.length > stems.length || into.has(m.key) || (only !== undefined && !only.has(m.key))) continue;
      let ok = true;
      for (let k = 1; k < m.stems.length && ok; k++) ok = stems[i + k] === m.stems[k];
      if (ok) into.add(m.key);
    }
  }
  return into;
}

/**
 * Session 24 (speed): whether `conceptKeySet(stems)` may hold one of `keys`: a stem's own key is one, or a multi-word
 * synonym whose first word is a stem has one (without checking its other words). False means it holds none, so a caller
 * looking for phrases by their first key can stop before building the set. Blanking stems to '' (readableStems) only
 * takes keys away, so the answer for the raw stems covers the blanked ones.
 */
export function mayHoldKey(stems: readonly string[], keys: ReadonlyMap<string, unknown>): boolean {
  const { single, multiByFirst } = synonymIndex();
  for (let i = 0; i < stems.length; i++) {
    const s = stems[i];
    if (keys.has(single.get(s) ?? s)) return true;
    const starting = multiByFirst.get(s);
    if (starting !== undefined) for (const m of starting) if (keys.has(m.key)) return true;
  }
  return false;
}

function compilePhrase(phrase: string): CompiledPhrase | null {
  const words = normalizeText(phrase).split(' ').filter((w) => w !== '');
  if (words.length === 0) return null;
  const stems = words.map(stemWord);
  const keys = conceptKeys(stems);
  // A multi-word synonym ("money back") stands for its words: drop their own stems from the requirement.
  const covered = new Set<number>();
  for (const [key, at] of keys) if (key.startsWith('~') && at.length > 1) for (const i of at) covered.add(i);
  const required: string[] = [];
  for (const [key, at] of keys) {
    if (at.length === 1 && (covered.has(at[0]) || STOPWORDS.has(words[at[0]]))) continue;
    required.push(key);
  }
  // A phrase made only of stop words ("about you") would match everything; fall back to all its words.
  if (required.length === 0) for (const [key] of keys) required.push(key);
  return { phrase, keys: required };
}

const cache = new WeakMap<readonly SensitiveTopic[], CompiledTopic[]>();

export function compileSensitiveTopics(topics: readonly SensitiveTopic[]): CompiledTopic[] {
  const hit = cache.get(topics);
  if (hit) return hit;
  const compiled = topics.map((topic) => ({
    topic,
    phrases: topic.phrases.map(compilePhrase).filter((p): p is CompiledPhrase => p !== null),
    intents: new Set(topic.intents.map((i) => i.trim().toLowerCase())),
  }));
  cache.set(topics, compiled);
  return compiled;
}
