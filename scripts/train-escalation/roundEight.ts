/**
 * Round eight (session 6, escMsg): explicit requests and negative sentiment on every corpus at once, one line each.
 *
 *   npx tsx scripts/train-escalation/roundEight.ts [--weights W.json | --no-classifier] [--json OUT.json] [--only a,b] [--misses REASON]
 *   npx tsx scripts/train-escalation/roundEight.ts --compare BEFORE.json AFTER.json
 *
 * Corpora: the team sets (labelled, heldout), the blind conversation sets (set-a..set-p), the writers' conversation
 * corpora (w3, w5, w7, w9; w11 and w12 by odd / even id) and the writers' single messages (w1, w2, w4, w6, w8, w10; w10 also by odd / even
 * id). Each is played through flows/customer-support.json at the reports' clock (escalationReport.ts;
 * a writer message as ["Something else", text]). Per corpus: explicit recall, negative recall and plain VADER on the same
 * negatives, the false-escalation rate on ordinary items, and (conversation sets) every other reason's recall.
 * `--weights` scores with a classifier variant (train.ts --out); `--threshold OUTPUT=X` tries another classifier threshold. `--misses REASON` prints that reason's misses of the
 * corpora named by --only (never of a kept-out file).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import vader from 'vader-sentiment';
import { loadSupportFlow, REPORT_NOW } from '../../test/bench/escalationReport';
import { playConversation } from '../../shared/simulator/playConversation';
import { useEscalationModel } from '../../shared/escalation/classifier/escalationClassifier';
import { loadWriterCorpus } from './writerCorpus';
import { CLASSIFIER_THRESHOLDS } from '../../shared/escalation/classifier/thresholds';

const root = fileURLToPath(new URL('../../', import.meta.url));
const C = 'test/fixtures/escalation-corpus/';
const S = 'test/fixtures/escalation-blind/';
const T = 'test/fixtures/escalation/';

export interface Item {
  id: string;
  expect: string;
  turns: string[];
  /** Number in the file's order (ids w10-0001, w11-017...) for the odd / even halves. */
  num: number;
}

export interface CorpusSpec {
  name: string;
  file: string;
  half?: 'odd' | 'even';
}

const idNumber = (id: string, fallback: number) => {
  const m = /(\d+)\s*$/.exec(id);
  return m ? Number(m[1]) : fallback;
};

export function loadItems(file: string): Item[] {
  const lines = readFileSync(file, 'utf8').split('\n').filter((l) => l.trim() !== '');
  if ('turns' in (JSON.parse(lines[0]) as object)) {
    return lines.map((l, i) => {
      const c = JSON.parse(l) as { id: string; expect: string; turns: string[] };
      return { id: c.id, expect: c.expect, turns: c.turns, num: idNumber(c.id, i + 1) };
    });
  }
  return loadWriterCorpus(file).messages.map((m) => {
    const line = Number(m.source.slice(m.source.lastIndexOf(':') + 1));
    return { id: m.source, expect: m.label, turns: ['Something else', m.text], num: line };
  });
}

export function defaultCorpora(): CorpusSpec[] {
  const specs: CorpusSpec[] = [
    { name: 'labelled', file: T + 'labelled.jsonl' },
    { name: 'heldout', file: T + 'heldout.jsonl' },
    ...['a', 'b', 'k', 'm', 'n', 'p'].map((s) => ({ name: `set-${s}`, file: `${S}set-${s}.jsonl` })),
    ...['w3', 'w5', 'w7', 'w9'].map((w) => ({ name: w, file: `${C}${w}-conversations.jsonl` })),
    ...['w1', 'w2', 'w4', 'w6', 'w8'].map((w) => ({ name: w, file: `${C}${w}.jsonl` })),
    { name: 'w10-odd', file: C + 'w10.jsonl', half: 'odd' },
    { name: 'w10-even', file: C + 'w10.jsonl', half: 'even' },
  ];
  for (const w of ['w11', 'w12', 'w13', 'w14', 'w15', 'w16', 'w17', 'w18']) {
    if (existsSync(root + C + `${w}-conversations.jsonl`)) {
      specs.push({ name: `${w}-odd`, file: C + `${w}-conversations.jsonl`, half: 'odd' }, { name: `${w}-even`, file: C + `${w}-conversations.jsonl`, half: 'even' });
    }
  }
  return specs;
}

const REASONS = ['explicit_request', 'negative_sentiment', 'sensitive_topic', 'urgency', 'repeated_fallback', 'loop', 'low_confidence'];
const SHORT: Record<string, string> = { explicit_request: 'ER', negative_sentiment: 'NS', sensitive_topic: 'ST', urgency: 'UR', repeated_fallback: 'RF', loop: 'LP', low_confidence: 'LC' };

export interface CorpusResult {
  name: string;
  n: Record<string, number>;
  hit: Record<string, number>;
  /** Ordinary items escalated (any reason), and as explicit / negative. */
  falseAny: number;
  falseExplicit: number;
  falseNegative: number;
  vaderNeg: number;
  misses: { id: string; expect: string; got: string | null; turns: string[] }[];
}

const vaderNeg = (t: string) => vader.SentimentIntensityAnalyzer.polarity_scores(t).compound <= -0.05;

export function runCorpus(spec: CorpusSpec, flow = loadSupportFlow()): CorpusResult {
  let items = loadItems(root + spec.file);
  if (spec.half) items = items.filter((it) => it.num % 2 === (spec.half === 'odd' ? 1 : 0));
  const now = Date.parse(REPORT_NOW);
  const res: CorpusResult = { name: spec.name, n: {}, hit: {}, falseAny: 0, falseExplicit: 0, falseNegative: 0, vaderNeg: 0, misses: [] };
  for (const it of items) {
    const got = playConversation(flow, it.id, it.turns, now).escalation?.reason ?? null;
    res.n[it.expect] = (res.n[it.expect] ?? 0) + 1;
    if (it.expect === 'none') {
      if (got !== null) res.falseAny++;
      if (got === 'explicit_request') res.falseExplicit++;
      if (got === 'negative_sentiment') res.falseNegative++;
      if (got !== null) res.misses.push({ id: it.id, expect: it.expect, got, turns: it.turns });
      continue;
    }
    if (got === it.expect) res.hit[it.expect] = (res.hit[it.expect] ?? 0) + 1;
    else res.misses.push({ id: it.id, expect: it.expect, got, turns: it.turns });
    if (it.expect === 'negative_sentiment' && it.turns.slice(1).some(vaderNeg)) res.vaderNeg++;
  }
  return res;
}

const pct = (a: number, b: number) => (b === 0 ? '—' : `${((a / b) * 100).toFixed(1)}`);

export function formatRow(r: CorpusResult): string {
  const cells = REASONS.map((x) => (r.n[x] ? `${SHORT[x]} ${pct(r.hit[x] ?? 0, r.n[x])} (${r.n[x]})` : ''))
    .filter(Boolean)
    .join(' | ');
  const none = r.n.none ?? 0;
  const vad = r.n.negative_sentiment ? ` | VADER ${pct(r.vaderNeg, r.n.negative_sentiment)}` : '';
  return `| ${r.name} | ${cells}${vad} | false ${pct(r.falseAny, none)} (${none}; as ER ${r.falseExplicit}, as NS ${r.falseNegative}) |`;
}

function compare(a: CorpusResult[], b: CorpusResult[]): void {
  console.log('| corpus | explicit before -> after | negative before -> after (VADER) | false escalations before -> after | other reasons that moved |');
  console.log('|---|---|---|---|---|');
  for (const x of a) {
    const y = b.find((r) => r.name === x.name);
    if (!y) continue;
    const cell = (reason: string) => (x.n[reason] ? `${pct(x.hit[reason] ?? 0, x.n[reason])} -> ${pct(y.hit[reason] ?? 0, y.n[reason])}` : '—');
    const moved = REASONS.filter((r) => r !== 'explicit_request' && r !== 'negative_sentiment' && x.n[r] && (x.hit[r] ?? 0) !== (y.hit[r] ?? 0))
      .map((r) => `${SHORT[r]} ${pct(x.hit[r] ?? 0, x.n[r])} -> ${pct(y.hit[r] ?? 0, y.n[r])}`)
      .join(', ');
    const none = x.n.none ?? 0;
    const vad = x.n.negative_sentiment ? ` (${pct(x.vaderNeg, x.n.negative_sentiment)})` : '';
    console.log(`| ${x.name} | ${cell('explicit_request')} | ${cell('negative_sentiment')}${vad} | ${pct(x.falseAny, none)} -> ${pct(y.falseAny, none)} (${none}) | ${moved} |`);
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const args = process.argv.slice(2);
  const opt = (k: string) => {
    const i = args.indexOf(k);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const cmp = args.indexOf('--compare');
  if (cmp >= 0) {
    compare(JSON.parse(readFileSync(args[cmp + 1], 'utf8')) as CorpusResult[], JSON.parse(readFileSync(args[cmp + 2], 'utf8')) as CorpusResult[]);
  } else {
    // --threshold OUTPUT=X (repeatable): another classifier threshold for one output (a sweep; thresholds.ts ships the chosen one).
    args.forEach((a, i) => {
      if (a !== '--threshold') return;
      const [k, v] = args[i + 1].split('=');
      (CLASSIFIER_THRESHOLDS as Record<string, number>)[k] = Number(v);
    });
    const weights = opt('--weights');
    if (weights) useEscalationModel(JSON.parse(readFileSync(weights, 'utf8')) as Parameters<typeof useEscalationModel>[0]);
    const only = opt('--only')?.split(',');
    const missReason = opt('--misses');
    const flow = loadSupportFlow();
    // --no-classifier: the word rules alone (the learned component off), the baseline of a leave-one-writer-out table.
    if (args.includes('--no-classifier')) flow.escalation = { ...flow.escalation, classifier: { enabled: false } };
    const results: CorpusResult[] = [];
    for (const spec of defaultCorpora().filter((s) => !only || only.includes(s.name))) {
      const r = runCorpus(spec, flow);
      results.push(r);
      console.log(formatRow(r));
      if (missReason && !/kept-out/.test(spec.file)) {
        for (const m of r.misses.filter((x) => x.expect === missReason)) console.log(`    ${m.id} (${m.expect}) -> ${m.got}: ${JSON.stringify(m.turns.slice(1))}`);
      }
    }
    const out = opt('--json');
    if (out) writeFileSync(out, JSON.stringify(results.map((r) => ({ ...r, misses: [] }))));
  }
}
