/**
 * Negative sentiment at a glance, on conversation sets and on independent writers' single messages, with the same
 * baselines as the other reports (plain VADER, the naive keyword list of escalationReport.ts):
 *
 *   npx tsx scripts/train-escalation/negReport.ts FILE... [--weights W.json] [--negative-threshold X] [--not-in OTHER] [--misses] [--kinds]
 *
 * FILE is a conversation set (lines with "turns") or a writer corpus (lines with "text", writerCorpus.ts).
 * Per file: negative recall (escalated for negative_sentiment), escalated for any reason, plain VADER and keywords
 * on the same negatives, then on the ordinary (`none`) items: escalated for any reason (false escalations) and
 * escalated for negative sentiment. `--weights` scores with a variant of the classifier (train.ts --out), e.g. a
 * model trained on one writer measured on another. `--kinds`: a writer corpus's recall per "kind" tag. A file under a
 * `kept-out` folder prints no misses.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import vader from 'vader-sentiment';
import { KEYWORDS, loadSupportFlow, readLabelled, REPORT_NOW } from '../../test/bench/escalationReport';
import { playConversation } from '../../shared/simulator/playConversation';
import { useEscalationModel } from '../../shared/escalation/classifier/escalationClassifier';
import { CLASSIFIER_THRESHOLDS } from '../../shared/escalation/classifier/thresholds';
import type { Flow } from '../../shared/flow/schema';
import { loadWriterCorpus } from './writerCorpus';

export interface NegItem {
  id: string;
  expect: string;
  turns: string[];
  kind?: string;
}

export interface NegRow {
  file: string;
  negatives: number;
  recall: number;
  any: number;
  vader: number;
  keywords: number;
  ordinary: number;
  falseAny: number;
  falseNegative: number;
  vaderFlags: number;
  kinds: { kind: string; label: string; n: number; rate: number }[];
  misses: string[];
}

const vaderNeg = (t: string) => vader.SentimentIntensityAnalyzer.polarity_scores(t).compound <= -0.05;
const keywordNeg = (t: string) => {
  const words = ` ${t.toLowerCase().replace(/[^a-z0-9' ]+/g, ' ').replace(/\s+/g, ' ')} `;
  return KEYWORDS.negative_sentiment.some((k) => words.includes(` ${k} `));
};

/** Items of a conversation set or of a writer corpus (a writer message is played as ["Something else", text]). */
export function negItems(file: string): NegItem[] {
  const first = readFileSync(file, 'utf8').split('\n').find((l) => l.trim() !== '') ?? '{}';
  if ('turns' in (JSON.parse(first) as object)) return readLabelled(file).map((l) => ({ id: l.id, expect: l.expect, turns: l.turns }));
  const kinds = new Map<string, string>();
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    try {
      const row = JSON.parse(line) as { text?: string; kind?: string };
      if (typeof row.text === 'string' && typeof row.kind === 'string') kinds.set(row.text.trim(), row.kind);
    } catch {
      /* reported by writerCorpus.ts */
    }
  }
  return loadWriterCorpus(file).messages.map((m) => ({ id: m.source, expect: m.label, turns: ['Something else', m.text], kind: kinds.get(m.text) }));
}

export function negReport(file: string, flow: Flow = loadSupportFlow(), items: NegItem[] = negItems(file)): NegRow {
  const now = Date.parse(REPORT_NOW);
  const got = items.map((it) => playConversation(flow, it.id, it.turns, now).escalation?.reason ?? null);
  const neg = items.map((it, i) => ({ it, g: got[i] })).filter((x) => x.it.expect === 'negative_sentiment');
  const ord = items.map((it, i) => ({ it, g: got[i] })).filter((x) => x.it.expect === 'none');
  const share = (n: number, d: number) => n / Math.max(1, d);
  const customer = (it: NegItem) => it.turns.filter((t) => t !== 'Something else');
  const kinds = new Map<string, { label: string; n: number; ok: number }>();
  for (const { it, g } of [...neg, ...ord]) {
    if (!it.kind) continue;
    const key = `${it.expect === 'none' ? 'none' : 'neg'}:${it.kind}`;
    const k = kinds.get(key) ?? { label: it.expect, n: 0, ok: 0 };
    k.n++;
    if (it.expect === 'none' ? g === null : g === 'negative_sentiment') k.ok++;
    kinds.set(key, k);
  }
  const misses = [
    ...neg.filter((x) => x.g !== 'negative_sentiment').map((x) => `${x.it.id} (negative${x.it.kind ? '/' + x.it.kind : ''}) -> ${x.g}: ${customer(x.it).join(' | ')}`),
    ...ord.filter((x) => x.g !== null).map((x) => `${x.it.id} (none${x.it.kind ? '/' + x.it.kind : ''}) -> ${x.g}: ${customer(x.it).join(' | ')}`),
  ];
  return {
    file,
    negatives: neg.length,
    recall: share(neg.filter((x) => x.g === 'negative_sentiment').length, neg.length),
    any: share(neg.filter((x) => x.g !== null).length, neg.length),
    vader: share(neg.filter((x) => customer(x.it).some(vaderNeg)).length, neg.length),
    keywords: share(neg.filter((x) => customer(x.it).some(keywordNeg)).length, neg.length),
    ordinary: ord.length,
    falseAny: share(ord.filter((x) => x.g !== null).length, ord.length),
    falseNegative: share(ord.filter((x) => x.g === 'negative_sentiment').length, ord.length),
    vaderFlags: share(ord.filter((x) => customer(x.it).some(vaderNeg)).length, ord.length),
    kinds: [...kinds].map(([kind, k]) => ({ kind, label: k.label, n: k.n, rate: k.ok / k.n })).sort((a, b) => a.kind.localeCompare(b.kind)),
    misses,
  };
}

const norm = (t: string) => t.toLowerCase().replace(/\s+/g, ' ').trim();
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

export function formatNegRows(rows: NegRow[]): string {
  return [
    '| set | negatives | Baton negative | escalated (any) | plain VADER | keywords | ordinary | false escalations | ordinary read as negative | VADER flags |',
    '|---|---|---|---|---|---|---|---|---|---|',
    ...rows.map((r) => `| ${r.file.split('/').pop()} | ${r.negatives} | ${pct(r.recall)} | ${pct(r.any)} | ${pct(r.vader)} | ${pct(r.keywords)} | ${r.ordinary} | ${pct(r.falseAny)} | ${pct(r.falseNegative)} | ${pct(r.vaderFlags)} |`),
  ].join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const args = process.argv.slice(2);
  const wArg = args.indexOf('--weights');
  if (wArg >= 0) useEscalationModel(JSON.parse(readFileSync(args[wArg + 1], 'utf8')));
  // --negative-threshold X: try another classifier threshold for negative sentiment (calibration; thresholds.ts ships the chosen one).
  const tArg = args.indexOf('--negative-threshold');
  if (tArg >= 0) (CLASSIFIER_THRESHOLDS as Record<string, number>).negative = Number(args[tArg + 1]);
  // --not-in OTHER: leave out items whose text also occurs in OTHER (the training side of a cross-writer split).
  const notIn = new Set(args.flatMap((a, i) => (a === '--not-in' ? negItems(args[i + 1]).map((it) => norm(it.turns[it.turns.length - 1])) : [])));
  const files = args.filter((a, i) => !a.startsWith('--') && !['--weights', '--negative-threshold', '--not-in'].includes(args[i - 1]));
  const rows = files.map((f) => negReport(f, undefined, negItems(f).filter((it) => !notIn.has(norm(it.turns[it.turns.length - 1])))));
  console.log(formatNegRows(rows));
  for (const r of rows) {
    if (args.includes('--kinds') && r.kinds.length) console.log(`\n${r.file.split('/').pop()} per kind: ${r.kinds.map((k) => `${k.kind} ${pct(k.rate)} (${k.n})`).join(', ')}`);
    if (args.includes('--misses')) {
      if (/(^|\/)kept-out\//.test(r.file)) console.log(`\n${r.file}: misses are not shown for a kept-out set`);
      else console.log(`\n${r.file.split('/').pop()} misses:\n${r.misses.map((m) => `  ${m}`).join('\n')}`);
    }
  }
}
