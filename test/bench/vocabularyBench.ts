/**
 * Bench section "escalation vocabulary": what the designer's lists cost per customer message and per validation,
 * at the limits the flow schema sets (shared/flow/policyLimits.ts) and beyond them (the engine given a list the
 * schema would refuse, as the hostile tester did in session 5).
 *
 * Per message: `evaluateEscalation` on the same 2,000 customer messages (analysis done beforehand), median of 5
 * rounds, µs per message. Baselines in the same run: the bundled customer-support policy as it is (no neverTrigger),
 * and neverTrigger through the regular expression the engine used before session 5 (one alternation of every entry,
 * `(^|[^a-z0-9])(?:a|b|...)(?=$|[^a-z0-9])`), which is what made 10,000 entries cost ~0.2-1 s per message.
 * Validation: `validateFlow` of the bundled flow vs the same flow with every list at its limit (1,000 entries).
 *
 * Run alone: `npx tsx test/bench/vocabularyBench.ts`; `npm run bench` runs it with the other sections.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { evaluateEscalation, initialEscalationMemory } from '../../shared/escalation/evaluateEscalation';
import type { TurnFacts } from '../../shared/escalation/types';
import { flowSchema, type EscalationPolicy, type Flow } from '../../shared/flow/schema';
import { MAX_EXAMPLE_CHARS, MAX_EXAMPLES_PER_LIST, MAX_POLICY_LIST_ENTRIES } from '../../shared/flow/policyLimits';
import { validateFlow } from '../../shared/flow/validateFlow';
import { analyzeText } from '../../shared/nlu/analyzeText';
import { normalizeText } from '../../shared/nlu/normalizeText';
import { messagePool, seededRandom } from './conversationGenerator';

const root = fileURLToPath(new URL('../../', import.meta.url));

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** The neverTrigger matching of before session 5, kept here as the baseline. */
function oldRegexRemoval(words: readonly string[]): (text: string) => string {
  const alts = words
    .map((w) => normalizeText(w))
    .filter((w) => w !== '')
    .sort((a, b) => b.length - a.length)
    .map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '[^a-z0-9]+'));
  const re = new RegExp(`(^|[^a-z0-9])(?:${alts.join('|')})(?=$|[^a-z0-9])`, 'gi');
  return (text) => {
    re.lastIndex = 0;
    return re.test(text) ? text.replace(re, '$1') : text;
  };
}

const words = 'order refund parcel late broken angry manager person help please now today account charge card missing wrong size colour delivery store'.split(' ');
function sentence(i: number, chars: number): string {
  let s = '';
  let k = i;
  while (s.length < chars - 12) {
    s += words[k % words.length] + ' ';
    k = (k * 7 + 3) % 1009;
  }
  return (s + 'w' + i).slice(0, chars);
}
const list = <T = string>(n: number, f: (i: number) => T): T[] => Array.from({ length: n }, (_, i) => f(i));

export function vocabularyBench(messages = 2000, rounds = 5): void {
  const flow: Flow = flowSchema.parse(JSON.parse(readFileSync(root + 'flows/customer-support.json', 'utf8')));
  const rand = seededRandom(11);
  const texts = Array.from({ length: messages }, () => messagePool[Math.floor(rand() * messagePool.length)]);
  const facts: TurnFacts[] = texts.map((text, i) => ({ text, analysis: analyzeText(text), turn: 1, now: i, variables: {}, intent: null, fallback: false }));

  // Each configuration returns a runner; the rows are measured round-robin (one round of each, `rounds` times) so
  // that machine load and cache state spread evenly over them, then the median per row.
  const perMessage = (policy: EscalationPolicy, pre?: (text: string) => string): (() => number) => {
    const memory = initialEscalationMemory();
    const run = () => {
      const t0 = performance.now();
      for (const f of facts) {
        if (pre) {
          const t = pre(f.text);
          evaluateEscalation(policy, t === f.text ? f : { ...f, analysis: analyzeText(t) }, memory);
        } else evaluateEscalation(policy, f, memory);
      }
      return ((performance.now() - t0) * 1000) / facts.length;
    };
    run(); // warm-up (also builds the per-list caches once, as the first message of a flow revision does)
    return run;
  };

  const base = flow.escalation;
  perMessage(base)(); // JIT warm-up of the whole detector path before the first row
  const nt = (n: number) => list(n, (i) => `brand${i} model${i}`);
  const rows: [string, () => number][] = [];
  rows.push(['baseline: bundled policy (no neverTrigger)', perMessage(base)]);
  rows.push([`neverTrigger ${MAX_POLICY_LIST_ENTRIES} (the limit), word trie`, perMessage({ ...base, neverTrigger: nt(MAX_POLICY_LIST_ENTRIES) })]);
  rows.push(['neverTrigger 10,000 (over the limit), word trie', perMessage({ ...base, neverTrigger: nt(10_000) })]);
  rows.push([`baseline: neverTrigger ${MAX_POLICY_LIST_ENTRIES}, regex alternation (before)`, perMessage(base, oldRegexRemoval(nt(MAX_POLICY_LIST_ENTRIES)))]);
  rows.push(['baseline: neverTrigger 10,000, regex alternation (before)', perMessage(base, oldRegexRemoval(nt(10_000)))]);
  // The most a valid policy can hold: 200 phrases in each reason's list, 200 neverTrigger, 4 example lists of 50
  // (the policy's 200 examples) of 500 characters: 1,000 entries.
  const examples = (k: number) => list(MAX_EXAMPLES_PER_LIST, (i) => sentence(i + k, MAX_EXAMPLE_CHARS));
  const phrases = (k: number) => list(MAX_POLICY_LIST_ENTRIES, (i) => sentence(i + k, 60));
  const atLimits: EscalationPolicy = {
    ...base,
    explicitRequest: { ...base.explicitRequest, phrases: phrases(0), examples: examples(1000) },
    negativeSentiment: { ...base.negativeSentiment, phrases: phrases(2000), examples: examples(3000) },
    urgency: { ...base.urgency, phrases: phrases(5000), examples: examples(4000) },
    sensitiveTopics: { ...base.sensitiveTopics, topics: [{ name: 'limits', phrases: [], intents: [], examples: examples(6000) }] },
    neverTrigger: nt(MAX_POLICY_LIST_ENTRIES),
  };
  rows.push(['a valid policy at every limit (600 phrases, 200 neverTrigger, 200 examples of 500 chars)', perMessage(atLimits)]);
  const topicPhrases: EscalationPolicy = {
    ...base,
    sensitiveTopics: { ...base.sensitiveTopics, topics: list(5, (t) => ({ name: `topic ${t}`, phrases: list(MAX_POLICY_LIST_ENTRIES, (i) => sentence(i + 7000 + t * 300, 40)), intents: [], examples: [] })) },
  };
  rows.push(['5 sensitive topics x 200 phrases (1,000 phrases)', perMessage(topicPhrases)]);

  const validateMs = (doc: unknown) => {
    const t0 = performance.now();
    const v = validateFlow(doc);
    return { ms: performance.now() - t0, ok: v.ok };
  };
  const plain = validateMs(JSON.parse(readFileSync(root + 'flows/customer-support.json', 'utf8')));
  const doc = JSON.parse(readFileSync(root + 'flows/customer-support.json', 'utf8'));
  doc.escalation = { ...doc.escalation, ...JSON.parse(JSON.stringify({ explicitRequest: atLimits.explicitRequest, negativeSentiment: atLimits.negativeSentiment, urgency: atLimits.urgency, sensitiveTopics: atLimits.sensitiveTopics, neverTrigger: atLimits.neverTrigger })) };
  const full = validateMs(doc);

  const samples: number[][] = rows.map(() => []);
  for (let r = 0; r < rounds; r++) rows.forEach(([, run], i) => samples[i].push(run()));
  const us = samples.map(median);
  const b = us[0];
  console.log(`\nescalation vocabulary: evaluateEscalation per customer message (${messages} messages, median of ${rounds} interleaved rounds)\n`);
  console.log('| policy | µs / message | x baseline |');
  console.log('|---|---|---|');
  rows.forEach(([name], i) => console.log(`| ${name} | ${us[i].toFixed(1)} | ${(us[i] / b).toFixed(2)}x |`));
  console.log('\nescalation vocabulary: validateFlow (one cold run each)\n');
  console.log('| flow | ms | valid |');
  console.log('|---|---|---|');
  console.log(`| baseline: flows/customer-support.json | ${plain.ms.toFixed(0)} | ${plain.ok} |`);
  console.log(`| same flow, a policy at every limit (1,000 entries) | ${full.ms.toFixed(0)} | ${full.ok} |`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) vocabularyBench();
