/**
 * Explicit requests per writer "kind" (w8.jsonl carries a kind tag per line: call-me, role-or-department,
 * anyone-real, shorthand, non-native, ...; none lines: bot-curiosity, no-human-needed, person-mentioned, ...).
 * Each message is played through the support flow as writerReport.ts does (["Something else", text]).
 *
 *   npx tsx scripts/train-escalation/explicitReport.ts test/fixtures/escalation-corpus/w8.jsonl [--half odd|even] [--misses] [--no-classifier] [--weights W.json]
 *
 * --half odd keeps lines 1, 3, 5, ... (1-based), --half even lines 2, 4, 6, ...: the development and check halves.
 * For an explicit kind: recall (escalated as explicit_request), escalated for any reason, and what the
 * explicit signal came from (rule / classifier / designer). For a none kind: escalated for any reason and as
 * explicit_request.
 */
import { readFileSync } from 'node:fs';
import { useEscalationModel } from '../../shared/escalation/classifier/escalationClassifier';
import { fileURLToPath } from 'node:url';
import { loadSupportFlow, REPORT_NOW } from '../../test/bench/escalationReport';
import { playConversation } from '../../shared/simulator/playConversation';

export interface KindRow {
  label: string;
  kind: string;
  n: number;
  /** explicit: escalated as explicit_request; none: escalated for any reason. */
  rate: number;
  /** explicit: escalated for any reason; none: escalated as explicit_request. */
  other: number;
  fromRule: number;
  fromClassifier: number;
}

export interface KindLine {
  line: number;
  text: string;
  label: string;
  kind: string;
}

export function readKindLines(file: string, half?: 'odd' | 'even'): KindLine[] {
  const out: KindLine[] = [];
  readFileSync(file, 'utf8')
    .split('\n')
    .forEach((raw, i) => {
      if (raw.trim() === '') return;
      const line = i + 1;
      if (half === 'odd' && line % 2 === 0) return;
      if (half === 'even' && line % 2 === 1) return;
      const row = JSON.parse(raw) as { text: string; label: string; kind?: string };
      out.push({ line, text: row.text, label: row.label, kind: row.kind ?? '-' });
    });
  return out;
}

export function explicitReport(lines: KindLine[], noClassifier = false): { rows: KindRow[]; misses: string[] } {
  const flow = loadSupportFlow();
  if (noClassifier) flow.escalation = { ...flow.escalation, classifier: { enabled: false } };
  const now = Date.parse(REPORT_NOW);
  const played = lines.map((l) => playConversation(flow, `w-${l.line}`, ['Something else', l.text], now).escalation);
  const keys = [...new Set(lines.map((l) => `${l.label}\t${l.kind}`))].sort();
  const misses: string[] = [];
  const rows = keys.map((key) => {
    const [label, kind] = key.split('\t');
    const idx = lines.map((l, i) => (l.label === label && l.kind === kind ? i : -1)).filter((i) => i >= 0);
    let rate = 0;
    let other = 0;
    let fromRule = 0;
    let fromClassifier = 0;
    for (const i of idx) {
      const e = played[i];
      const explicit = e?.reason === 'explicit_request';
      const sig = explicit ? e!.signals.find((s) => s.reason === 'explicit_request') : undefined;
      if (sig?.source === 'rule') fromRule++;
      else if (sig) fromClassifier++;
      if (label === 'explicit_request') {
        if (explicit) rate++;
        if (e) other++;
        if (!explicit) misses.push(`L${lines[i].line} (${kind}) -> ${e?.reason ?? 'nothing'}: ${lines[i].text}`);
      } else if (label === 'none') {
        if (e) rate++;
        if (explicit) other++;
        if (e) misses.push(`L${lines[i].line} none/${kind} -> ${e.reason}${sig ? ` [${sig.source}: ${sig.evidence.join(' | ')}]` : ''}: ${lines[i].text}`);
      }
    }
    const n = Math.max(1, idx.length);
    return { label, kind, n: idx.length, rate: rate / n, other: other / n, fromRule, fromClassifier };
  });
  return { rows, misses };
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const args = process.argv.slice(2);
  // --weights W.json: score with a variant of the classifier (train.ts --out), not the shipped weights.
  const wArg = args.indexOf('--weights');
  if (wArg >= 0) useEscalationModel(JSON.parse(readFileSync(args[wArg + 1], 'utf8')));
  const halfArg = args.indexOf('--half');
  const half = halfArg >= 0 ? (args[halfArg + 1] as 'odd' | 'even') : undefined;
  const files = args.filter((a, i) => !a.startsWith('--') && args[i - 1] !== '--half' && args[i - 1] !== '--weights');
  for (const file of files) {
    const lines = readKindLines(file, half);
    const rep = explicitReport(lines, args.includes('--no-classifier'));
    console.log(`${file}${half ? ` (${half} lines)` : ''}`);
    console.log('| label | kind | n | explicit recall / none escalated | any reason / none as explicit | explicit from rule | from classifier |');
    console.log('|---|---|---|---|---|---|---|');
    for (const label of ['explicit_request', 'none']) {
      const rs = rep.rows.filter((r) => r.label === label);
      for (const r of rs) console.log(`| ${label} | ${r.kind} | ${r.n} | ${pct(r.rate)} | ${pct(r.other)} | ${r.fromRule} | ${r.fromClassifier} |`);
      const n = rs.reduce((a, r) => a + r.n, 0);
      const w = (f: (r: KindRow) => number) => rs.reduce((a, r) => a + f(r) * r.n, 0) / Math.max(1, n);
      console.log(`| **${label}** | all | ${n} | **${pct(w((r) => r.rate))}** | ${pct(w((r) => r.other))} | ${rs.reduce((a, r) => a + r.fromRule, 0)} | ${rs.reduce((a, r) => a + r.fromClassifier, 0)} |`);
    }
    if (args.includes('--misses')) for (const m of rep.misses) console.log(`  miss ${m}`);
    console.log('');
  }
}
