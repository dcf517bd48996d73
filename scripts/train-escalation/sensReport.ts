/**
 * Sensitive topics, urgency and false escalations per detector, on every corpus at once (round eight, escSens):
 *
 *   npx tsx scripts/train-escalation/sensReport.ts [FILE ...] [--half odd|even] [--misses] [--flow PATH]
 *
 * With no FILE: every labelled set (test/fixtures/escalation, escalation-blind) and every writer corpus
 * (test/fixtures/escalation-corpus). Conversation sets (`expect`, `turns`) are played as they are; writer
 * corpora (`label`, `text`) as ["Something else", text], like writerReport.ts; both through
 * flows/customer-support.json at 2026-11-24T10:00Z. Per corpus: sensitive-topic recall (and where the rest
 * went), urgency recall, and the ordinary (`none`) items escalated, split by the reason that fired: a false
 * escalation family counts as much as a miss.
 *
 * --half odd|even keeps only items whose id (or line number for a writer corpus without ids) is odd / even:
 * a new corpus is developed on its odd half and reported on its even half.
 * --misses prints, per corpus, the sensitive and urgency misses and the ordinary items that escalated, with
 * the deciding signal's explanation.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadSupportFlow, REPORT_NOW } from '../../test/bench/escalationReport';
import { playConversation } from '../../shared/simulator/playConversation';
import { loadFlowText } from '../../shared/flow/loadFlowText';

const root = fileURLToPath(new URL('../../', import.meta.url));

export interface Item {
  id: string;
  expect: string;
  topic?: string;
  turns: string[];
}

/** The items of one corpus file, in either format, with the odd/even half applied. */
export function loadItems(file: string, half?: 'odd' | 'even'): Item[] {
  const lines = readFileSync(file, 'utf8').split('\n');
  const items: Item[] = [];
  lines.forEach((line, i) => {
    if (line.trim() === '') return;
    const row = JSON.parse(line) as Record<string, unknown>;
    const id = typeof row.id === 'string' ? row.id : `${file.split('/').pop()}:${i + 1}`;
    const num = Number(/(\d+)\D*$/.exec(id)?.[1] ?? i + 1);
    if (half === 'odd' && num % 2 === 0) return;
    if (half === 'even' && num % 2 === 1) return;
    if (Array.isArray(row.turns)) items.push({ id, expect: String(row.expect), topic: row.topic as string | undefined, turns: row.turns as string[] });
    else items.push({ id, expect: String(row.label), topic: row.topic as string | undefined, turns: ['Something else', String(row.text)] });
  });
  return items;
}

export interface Played {
  item: Item;
  got: string | null;
  explanation: string;
  turn: number;
}

export function playAll(items: Item[], flowPath?: string): Played[] {
  const flow = flowPath ? loadFlowText(readFileSync(flowPath, 'utf8')).flow! : loadSupportFlow();
  const now = Date.parse(REPORT_NOW);
  return items.map((item) => {
    const p = playConversation(flow, item.id, item.turns, now);
    const e = p.escalation;
    const sig = e?.signals.find((s) => s.reason === e.reason);
    return { item, got: e?.reason ?? null, explanation: sig?.explanation ?? '', turn: e?.turn ?? -1 };
  });
}

export function allCorpora(): string[] {
  const dirs = ['test/fixtures/escalation', 'test/fixtures/escalation-blind', 'test/fixtures/escalation-corpus'];
  return dirs.flatMap((d) =>
    readdirSync(root + d)
      .filter((f) => f.endsWith('.jsonl'))
      .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }))
      .map((f) => `${d}/${f}`),
  );
}

const pct = (a: number, n: number) => (n === 0 ? '—' : `${((100 * a) / n).toFixed(1)}%`);

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const args = process.argv.slice(2);
  const half = args.includes('--half') ? (args[args.indexOf('--half') + 1] as 'odd' | 'even') : undefined;
  const flowPath = args.includes('--flow') ? args[args.indexOf('--flow') + 1] : undefined;
  const skip = new Set([half, flowPath].filter(Boolean));
  const files = args.filter((a) => !a.startsWith('--') && !skip.has(a));
  const misses = args.includes('--misses');
  const totals = { sens: 0, sensOk: 0, urg: 0, urgOk: 0, none: 0, fe: new Map<string, number>() };
  console.log('| corpus | sensitive | urgency | none | false esc. | by detector |');
  console.log('|---|---|---|---|---|---|');
  const missLines: string[] = [];
  for (const file of files.length ? files : allCorpora()) {
    const played = playAll(loadItems(file.startsWith('/') ? file : root + file, half), flowPath);
    const sens = played.filter((p) => p.item.expect === 'sensitive_topic');
    const urg = played.filter((p) => p.item.expect === 'urgency');
    const none = played.filter((p) => p.item.expect === 'none');
    const sensOk = sens.filter((p) => p.got === 'sensitive_topic').length;
    const urgOk = urg.filter((p) => p.got === 'urgency').length;
    const fe = new Map<string, number>();
    for (const p of none) if (p.got) fe.set(p.got, (fe.get(p.got) ?? 0) + 1);
    const feN = [...fe.values()].reduce((a, b) => a + b, 0);
    totals.sens += sens.length;
    totals.sensOk += sensOk;
    totals.urg += urg.length;
    totals.urgOk += urgOk;
    totals.none += none.length;
    for (const [k, v] of fe) totals.fe.set(k, (totals.fe.get(k) ?? 0) + v);
    const name = file.split('/').pop()!.replace(/\.jsonl$/, '');
    const by = [...fe].sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k.replace('_', ' ')} ${v}`).join(', ');
    console.log(`| ${name} | ${sens.length ? `${pct(sensOk, sens.length)} (${sensOk}/${sens.length})` : '—'} | ${urg.length ? `${pct(urgOk, urg.length)} (${urgOk}/${urg.length})` : '—'} | ${none.length} | ${pct(feN, none.length)} | ${by} |`);
    if (misses) {
      for (const p of sens) if (p.got !== 'sensitive_topic') missLines.push(`${p.item.id} sensitive/${p.item.topic ?? '?'} -> ${p.got}: ${p.item.turns.slice(1).join(' / ')}${p.got ? `  [${p.explanation}]` : ''}`);
      for (const p of urg) if (p.got !== 'urgency') missLines.push(`${p.item.id} urgency -> ${p.got}: ${p.item.turns.slice(1).join(' / ')}${p.got ? `  [${p.explanation}]` : ''}`);
      for (const p of none) if (p.got) missLines.push(`${p.item.id} none -> ${p.got} (turn ${p.turn}): ${p.item.turns.slice(1).join(' / ')}  [${p.explanation}]`);
      for (const p of played) {
        if (p.item.expect === 'none' || p.item.expect === 'sensitive_topic' || p.item.expect === 'urgency') continue;
        if (p.got === 'sensitive_topic' || p.got === 'urgency') missLines.push(`${p.item.id} ${p.item.expect} -> ${p.got}: ${p.item.turns.slice(1).join(' / ')}  [${p.explanation}]`);
      }
    }
  }
  const feAll = [...totals.fe.values()].reduce((a, b) => a + b, 0);
  console.log(`| **all** | ${pct(totals.sensOk, totals.sens)} (${totals.sensOk}/${totals.sens}) | ${pct(totals.urgOk, totals.urg)} (${totals.urgOk}/${totals.urg}) | ${totals.none} | ${pct(feAll, totals.none)} | ${[...totals.fe].sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k.replace('_', ' ')} ${v}`).join(', ')} |`);
  if (misses) for (const l of missLines) console.log(l);
}
