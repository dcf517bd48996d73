/**
 * Escalation quality on independent writers' single messages (writerCorpus.ts), played through the support
 * flow as the labelled sets are (each message as ["Something else", text], flows/customer-support.json at
 * 2026-11-24T10:00Z):
 *
 *   npx tsx scripts/train-escalation/writerReport.ts test/fixtures/escalation-corpus/w1.jsonl [...] [--misses] [--no-classifier] [--not-in OTHER.jsonl]
 *
 * Per label: recall (escalated for that reason), "any" (escalated for any reason: a writer gives one label
 * per message, so an urgent fraud report labelled urgency that escalates as sensitive_topic still hands
 * over), per sensitive topic, plain VADER on negative sentiment, and the false-escalation rate on `none`.
 */
import { fileURLToPath } from 'node:url';
import vader from 'vader-sentiment';
import { loadSupportFlow, REPORT_NOW } from '../../test/bench/escalationReport';
import { playConversation } from '../../shared/simulator/playConversation';
import { loadWriterCorpus, writerConversations, WRITER_LABELS } from './writerCorpus';

export interface WriterReportRow {
  label: string;
  n: number;
  recall: number;
  any: number;
  vader: number | null;
}

export function writerReport(file: string, noClassifier = false, notIn: string[] = []): { rows: WriterReportRow[]; topics: { topic: string; n: number; recall: number }[]; misses: string[] } {
  const flow = loadSupportFlow();
  if (noClassifier) flow.escalation = { ...flow.escalation, classifier: { enabled: false } };
  // --not-in OTHER: leave out messages that also occur in OTHER (the training side of a cross-writer split).
  const other = new Set(notIn.flatMap((f) => loadWriterCorpus(f).messages.map((m) => m.text.toLowerCase().replace(/\s+/g, ' ').trim())));
  const messages = loadWriterCorpus(file).messages.filter((m) => !other.has(m.text.toLowerCase().replace(/\s+/g, ' ').trim()));
  const convs = writerConversations(messages, file.split('/').pop()!.replace(/\.jsonl$/, ''));
  const now = Date.parse(REPORT_NOW);
  const got = convs.map((c) => playConversation(flow, c.id, c.turns, now).escalation?.reason ?? null);
  const misses: string[] = [];
  const rows = WRITER_LABELS.map((label) => {
    const idx = convs.map((c, i) => (c.expect === label ? i : -1)).filter((i) => i >= 0);
    const ok = idx.filter((i) => (label === 'none' ? got[i] === null : got[i] === label)).length;
    const any = idx.filter((i) => got[i] !== null).length;
    for (const i of idx) if ((label === 'none') !== (got[i] === null) || (label !== 'none' && got[i] !== label)) misses.push(`${messages[i].source} (${label}${messages[i].topic ? '/' + messages[i].topic : ''}) -> ${got[i]}: ${messages[i].text}`);
    const v = label === 'negative_sentiment' || label === 'none' ? idx.filter((i) => vader.SentimentIntensityAnalyzer.polarity_scores(messages[i].text).compound <= -0.05).length / Math.max(1, idx.length) : null;
    return { label, n: idx.length, recall: label === 'none' ? 1 - ok / Math.max(1, idx.length) : ok / Math.max(1, idx.length), any: any / Math.max(1, idx.length), vader: v };
  });
  const topicNames = [...new Set(messages.map((m) => m.topic).filter(Boolean))] as string[];
  const topics = topicNames.map((topic) => {
    const idx = convs.map((c, i) => (c.topic === topic ? i : -1)).filter((i) => i >= 0);
    return { topic, n: idx.length, recall: idx.filter((i) => got[i] === 'sensitive_topic').length / idx.length };
  });
  return { rows, topics, misses };
}

const pct = (x: number | null) => (x === null ? '—' : `${(x * 100).toFixed(1)}%`);

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const args = process.argv.slice(2);
  const notIn = args.flatMap((a, i) => (a === '--not-in' ? [args[i + 1]] : []));
  for (const file of args.filter((a, i) => !a.startsWith('--') && args[i - 1] !== '--not-in')) {
    const rep = writerReport(file, args.includes('--no-classifier'), notIn);
    console.log(`${file}`);
    console.log('| label | n | Baton (that reason) | escalated (any reason) | plain VADER |');
    console.log('|---|---|---|---|---|');
    for (const r of rep.rows) console.log(`| ${r.label === 'none' ? 'false escalations (none)' : r.label} | ${r.n} | ${pct(r.recall)} | ${r.label === 'none' ? '' : pct(r.any)} | ${pct(r.vader)} |`);
    console.log(`topics: ${rep.topics.map((t) => `${t.topic} ${pct(t.recall)} (${t.n})`).join(', ')}`);
    if (args.includes('--misses')) for (const m of rep.misses) console.log(`  miss ${m}`);
    console.log('');
  }
}
