/**
 * Escalation quality report on labelled conversation sets, with two baselines measured on the same sets:
 *
 *   npx tsx test/bench/escalationReport.ts SET.jsonl [SET.jsonl ...] [--misses] [--no-classifier]
 *
 * - Baton: each conversation played through flows/customer-support.json at 2026-11-24T10:00:00Z with
 *   `playConversation` (what `baton simulate` runs for each line), scored per reason: recall, and for
 *   `none` the false-escalation rate.
 * - plain VADER (the vader-sentiment package as is): a conversation is negative when any customer turn's
 *   compound score is <= -0.05 (VADER's documented cut-off). Reported for negative_sentiment recall and
 *   for the share of ordinary conversations it would flag.
 * - naive keywords: one short word list per reason (below); the first turn with a listed word decides, in
 *   the supervisor order (explicit, urgency, sensitive, negative). It has no loop, fallback or
 *   low-confidence reading.
 *
 * Sets under a `kept-out` folder print aggregates only: `--misses` is refused for them, so nobody tunes on
 * what the report shows.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import vader from 'vader-sentiment';
import { escalationPart, partTable } from './escalationPart';
import { scoreLabelled, type Labelled, type SimulatedLine } from './labelledReport';
import { loadFlowText } from '../../shared/flow/loadFlowText';
import { escalationOrClarify } from '../../shared/simulator/playConversation';
import { playedOnce } from './playedOnce';
import type { Flow } from '../../shared/flow/schema';

const root = fileURLToPath(new URL('../../', import.meta.url));
export const REPORT_NOW = '2026-11-24T10:00:00Z';
const REASONS = ['explicit_request', 'negative_sentiment', 'sensitive_topic', 'urgency', 'repeated_fallback', 'loop', 'low_confidence', 'none'];

export const KEYWORDS: Record<string, string[]> = {
  explicit_request: ['human', 'agent', 'person', 'someone', 'representative', 'manager', 'operator', 'staff', 'supervisor'],
  urgency: ['urgent', 'asap', 'emergency', 'immediately', 'now', 'today', 'tonight', 'tomorrow', 'hurry', 'quickly'],
  sensitive_topic: ['refund', 'money back', 'charged', 'charge', 'bill', 'hacked', 'password', 'fraud', 'scam', 'cancel', 'delete', 'complaint', 'complain', 'lawyer', 'data', 'privacy', 'broken', 'damaged', 'dangerous', 'injured', 'fire', 'burn'],
  negative_sentiment: ['angry', 'terrible', 'awful', 'worst', 'hate', 'useless', 'ridiculous', 'disappointed', 'frustrated', 'annoyed', 'horrible', 'stupid', 'rubbish', 'joke'],
};
const KEYWORD_ORDER = ['explicit_request', 'urgency', 'sensitive_topic', 'negative_sentiment'];

function keywordReason(turns: string[]): string | null {
  for (const t of turns) {
    const words = ` ${t.toLowerCase().replace(/[^a-z0-9' ]+/g, ' ').replace(/\s+/g, ' ')} `;
    for (const reason of KEYWORD_ORDER) if (KEYWORDS[reason].some((k) => words.includes(` ${k} `))) return reason;
  }
  return null;
}

const vaderNegative = (turns: string[]) => turns.some((t) => vader.SentimentIntensityAnalyzer.polarity_scores(t).compound <= -0.05);

export interface SetReport {
  file: string;
  n: number;
  rows: { reason: string; n: number; baton: number; keywords: number | null; vader: number | null }[];
  misses: string[];
  /**
   * Session 37 (fe): the ordinary conversations (expected `none`) handed over or asked, counted by the detector part
   * that decided (escalationPart.ts: a closed list of names, no customer text), for every set, kept-out ones included.
   */
  ordinaryParts: Map<string, number>;
}

export function loadSupportFlow(path = 'flows/customer-support.json'): Flow {
  const loaded = loadFlowText(readFileSync(root + path, 'utf8'));
  if (!loaded.flow) throw new Error(`${path} does not load: ${loaded.problems.map((p) => p.message).join('; ')}`);
  return loaded.flow;
}

export function readLabelled(file: string): Labelled[] {
  return readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as Labelled);
}

export function reportSet(file: string, flow: Flow = loadSupportFlow()): SetReport {
  const labelled = readLabelled(file);
  const now = Date.parse(REPORT_NOW);
  // Session 11 (escconv): a conversation that ends on the bot's one clarifying question counts as the low-confidence
  // escalation the policy read (escalationOrClarify), not as nothing.
  const topicNames = new Set(flow.escalation?.sensitiveTopics?.topics.map((t) => t.name) ?? []);
  const ordinaryParts = new Map<string, number>();
  const lines: SimulatedLine[] = labelled.map((l) => {
    // Played once per test worker (playedOnce.ts): blindSets and the round-seven and round-eight files play w3 / w5 / w7 too.
    const p = playedOnce(flow, l.id, l.turns, now);
    const e = escalationOrClarify(p, l.turns.length);
    if (e && l.expect === 'none') {
      // A clarifying question counted as low confidence keeps its signals in `asked` (escalationOrClarify drops them).
      const part = escalationPart(p.escalation ?? p.asked ?? e, topicNames);
      ordinaryParts.set(part, (ordinaryParts.get(part) ?? 0) + 1);
    }
    return { id: p.id, escalation: e };
  });
  const scores = scoreLabelled(labelled, lines);
  const rows = REASONS.filter((reason) => scores.some((s) => s.reason === reason)).map((reason) => {
    const s = scores.find((x) => x.reason === reason)!;
    const items = labelled.filter((l) => l.expect === reason);
    const kwHits = items.filter((l) => keywordReason(l.turns) === (reason === 'none' ? null : reason)).length;
    const keywords = reason === 'none' ? 1 - kwHits / items.length : KEYWORD_ORDER.includes(reason) ? kwHits / items.length : null;
    const vaderHits = items.filter((l) => vaderNegative(l.turns)).length / items.length;
    const vaderRate = reason === 'negative_sentiment' || reason === 'none' ? vaderHits : null;
    return { reason, n: items.length, baton: s.rate, keywords, vader: vaderRate };
  });
  const misses = scores.flatMap((s) => s.misses.map((m) => `${m.id} (${s.reason}) -> ${m.got}: ${JSON.stringify(m.turns)}`));
  return { file, n: labelled.length, rows, misses, ordinaryParts };
}

const pct = (x: number | null) => (x === null ? '—' : `${(x * 100).toFixed(1)}%`);

export function formatReport(rep: SetReport): string {
  return [
    `${rep.file} (${rep.n} conversations)`,
    '| reason | n | Baton | naive keywords | plain VADER |',
    '|---|---|---|---|---|',
    ...rep.rows.map((r) => `| ${r.reason === 'none' ? 'false escalations on ordinary questions' : r.reason} | ${r.n} | ${pct(r.baton)} | ${pct(r.keywords)} | ${pct(r.vader)} |`),
  ].join('\n');
}

/** Session 37 (fe): the ordinary conversations handed over, by the part that decided (counts only). */
export function formatOrdinaryParts(rep: SetReport): string {
  const n = [...rep.ordinaryParts.values()].reduce((a, b) => a + b, 0);
  if (n === 0) return `${rep.file}: no ordinary conversation handed over`;
  return [`${rep.file}: ordinary conversations handed over (${n}), by the part that decided`, '| reason / part | n |', '|---|---|', ...partTable(rep.ordinaryParts)].join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const args = process.argv.slice(2);
  const showMisses = args.includes('--misses');
  // --no-classifier: the same flow with the learned classifier switched off (rules and phrase lists only).
  const flow = loadSupportFlow();
  if (args.includes('--no-classifier')) flow.escalation = { ...flow.escalation, classifier: { enabled: false } };
  for (const file of args.filter((a) => !a.startsWith('--'))) {
    const rep = reportSet(file, flow);
    console.log(formatReport(rep));
    console.log(formatOrdinaryParts(rep));
    if (showMisses) {
      if (/(^|\/)kept-out\//.test(file)) console.log('(misses are not shown for a kept-out set)');
      else for (const m of rep.misses) console.log(`  miss ${m}`);
    }
    console.log('');
  }
}
