/**
 * Session 18 (esc): when the negative-sentiment classifier alone decides (source classifier), which words carry its score,
 * by expected label: are they all function words (nlu stopWords plus a few), or is a content word among them? Held-out
 * even halves of w31-w34 are counted, never printed.
 *
 *   npx tsx scripts/train-escalation/negClassifierWords.ts [--root DIR] [--show N]
 */
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('../../', import.meta.url));
const args = process.argv.slice(2);
const opt = (k: string) => { const i = args.indexOf(k); if (i < 0) return undefined; const v = args[i + 1]; args.splice(i, 2); return v; };
const root = (opt('--root') ?? here).replace(/\/?$/, '/');
const show = Number(opt('--show') ?? '0');
const files = readdirSync(here + 'test/fixtures/escalation-corpus').map((f) => 'test/fixtures/escalation-corpus/' + f).filter((f) => f.endsWith('.jsonl'));
const { loadFlowText } = await import(root + 'shared/flow/loadFlowText.ts');
const { playConversation } = await import(root + 'shared/simulator/playConversation.ts');
const { isStopWord } = await import(root + 'shared/nlu/stopWords.ts');
const flow = loadFlowText(readFileSync(root + 'flows/customer-support.json', 'utf8')).flow;
const now = Date.parse('2026-11-24T10:00:00Z');
const heldOut = (f: string, id: string) => /w3[1-4]/.test(f) && Number((/(\d+)\D*$/.exec(id) ?? ['', '1'])[1]) % 2 === 0;
const EXTRA = new Set(['not', 'no', 'never', 'how', 'when', 'where', 'why', 'even', 'still', 'again', 'now', 'than', 'yet', 'only', 'ever', 'so', 'as', 'is', 'its', 's']);
const by: Record<string, { all: number; fn: number; ex: string[] }> = {};
for (const f of files) {
  const lines = readFileSync(here + f, 'utf8').split('\n').filter((l) => l.trim() !== '').map((l) => JSON.parse(l))
    .map((l, i) => (l.turns ? l : { id: l.id ?? `${f}-${i + 1}`, expect: l.label, turns: ['Something else', l.text] }));
  for (const l of lines) {
    const e = playConversation(flow, l.id, l.turns, now).escalation;
    if (!e || e.reason !== 'negative_sentiment') continue;
    const s = e.signals.find((x: { reason: string }) => x.reason === 'negative_sentiment');
    if (!s || s.source !== 'classifier') continue;
    const words = /words: (.*)\)/.exec(s.explanation)?.[1] ?? '';
    const ws = [...words.matchAll(/"([^"]*)"/g)].map((m) => m[1].toLowerCase()).filter((w) => /^[a-z']+$/.test(w));
    const fn = ws.length > 0 && ws.every((w) => isStopWord(w.replace(/'/g, '')) || EXTRA.has(w));
    const k = l.expect;
    const b = (by[k] ??= { all: 0, fn: 0, ex: [] });
    b.all++;
    if (fn) { b.fn++; if (!heldOut(f, l.id) && b.ex.length < show) b.ex.push(`${l.id}: ${JSON.stringify(l.turns.slice(1, e.turn + 1)).slice(0, 200)} :: ${words}`); }
  }
}
for (const [k, b] of Object.entries(by)) { console.log(`${k}: classifier-negative ${b.all}, all carrying words function words ${b.fn}`); for (const x of b.ex) console.log('   ' + x); }
