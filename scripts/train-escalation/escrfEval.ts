/**
 * Session 9 (escrf): repeated fallback, low confidence and false escalations on every labelled corpus, per corpus and
 * per half (odd / even ids), for the code at ROOT (default: this checkout), so a before/after runs in the same minutes:
 *
 *   npx tsx scripts/train-escalation/escrfEval.ts [--root /tmp/s9start] [--out /tmp/escrf/after.json] [--clarify-first on|off] [--weights W.json] [files...]
 *
 * Session 11 (escconv): a conversation that ends right after the bot's one clarifying question (lowConfidence.clarifyFirst)
 * counts as the low-confidence escalation the policy read (playConversation's escalationOrClarify); `--clarify-first`
 * switches the option in the loaded flow (to measure it either way on the same code); the 'asked' line says how many
 * conversations were counted that way.
 *
 * Prints a table; --out writes every conversation's expected and first escalation reason (for diffs, no text).
 *
 * Session 37 (fe): each row also carries `part`, the detector part that decided (test/bench/escalationPart.ts: the
 * fallback counter, the learned loop model, a rule's name, the classifier's output...), and the ordinary conversations
 * handed over are printed by part, all and per half (odd / even ids). `--no-parts` hides
 * the breakdown.
 */
import { readFileSync, writeFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('../../', import.meta.url));
const args = process.argv.slice(2);
const opt = (k: string) => { const i = args.indexOf(k); if (i < 0) return undefined; const v = args[i + 1]; args.splice(i, 2); return v; };
const root = (opt('--root') ?? here).replace(/\/?$/, '/');
const out = opt('--out');
const modelFile = opt('--model');
const vagueFile = opt('--vague-model');
/** Session 22: `--weights W.json` scores with a classifier variant (train.ts --out) instead of the shipped weights. */
const weightsFile = opt('--weights');
const clarifyOpt = opt('--clarify-first');
const noParts = args.includes('--no-parts');
if (noParts) args.splice(args.indexOf('--no-parts'), 1);
const files = args.length > 0 ? args : [
  ...readdirSync(here + 'test/fixtures/escalation-corpus').map((f) => 'test/fixtures/escalation-corpus/' + f),
  ...readdirSync(here + 'test/fixtures/escalation-blind').map((f) => 'test/fixtures/escalation-blind/' + f),
  'test/fixtures/escalation/labelled.jsonl', 'test/fixtures/escalation/heldout.jsonl',
].filter((f) => f.endsWith('.jsonl'));

const { loadFlowText } = await import(root + 'shared/flow/loadFlowText.ts');
const played = await import(root + 'shared/simulator/playConversation.ts');
const { playConversation } = played;
/** What a corpus counts (older checkouts have no escalationOrClarify: the first handoff or offer). */
const counted = (p: { escalation: { reason: string } | null }, turns: number): { reason: string; action: string } | null =>
  played.escalationOrClarify ? played.escalationOrClarify(p, turns) : p.escalation;
let asked = 0;
const askedBy: Record<string, number> = {};
if (modelFile) {
  // A model from inDomainTrain.ts --json (leave-one-writer-out), used instead of the shipped weights.
  const { useInDomainModel } = await import(root + 'shared/escalation/inDomain/inDomainScore.ts');
  const m = JSON.parse(readFileSync(modelFile, 'utf8'));
  useInDomainModel({ bias: m.bias, weights: Float32Array.from(m.weights) });
}
if (weightsFile) {
  const { useEscalationModel } = await import(root + 'shared/escalation/classifier/escalationClassifier.ts');
  useEscalationModel(JSON.parse(readFileSync(weightsFile, 'utf8')));
}
if (vagueFile) {
  const { useVagueModel } = await import(root + 'shared/escalation/inDomain/inDomainScore.ts');
  const m = JSON.parse(readFileSync(vagueFile, 'utf8'));
  useVagueModel({ bias: m.bias, weights: Float32Array.from(m.weights) });
}
const loaded = loadFlowText(readFileSync(root + 'flows/customer-support.json', 'utf8'));
const flow = loaded.flow;
if (clarifyOpt) flow.escalation = { ...flow.escalation, lowConfidence: { ...flow.escalation.lowConfidence, clarifyFirst: clarifyOpt === 'on' } };
const now = Date.parse('2026-11-24T10:00:00Z');
const { escalationPart, partRows } = await import(here + 'test/bench/escalationPart.ts');
const topicNames = new Set<string>(flow.escalation?.sensitiveTopics?.topics.map((t: { name: string }) => t.name) ?? []);
const rows: { file: string; id: string; expect: string; got: string; part?: string }[] = [];
/** Ordinary conversations handed over, by deciding part: all, odd, even. */
const ordinaryParts: Record<string, Map<string, number>> = { all: new Map(), odd: new Map(), even: new Map() };
const table: string[] = [];
const half = (id: string) => { const m = /(\d+)\D*$/.exec(id); return m ? (Number(m[1]) % 2 === 0 ? 'even' : 'odd') : 'odd'; };
const pct = (a: number, b: number) => (b === 0 ? '-' : `${a}/${b}`);
const tot = { rf: [0, 0], lc: [0, 0], fe: [0, 0], nothing: 0 };
/** Every expected reason: [correct, total] over all corpora (routing changes move every reason). */
const byReason: Record<string, [number, number]> = {};
for (const f of files) {
  const lines = readFileSync(here + f, 'utf8').split('\n').filter((l) => l.trim() !== '').map((l) => JSON.parse(l))
    .map((l, i) => (l.turns ? l : { id: l.id ?? `${f}-${i + 1}`, expect: l.label, turns: ['Something else', l.text] }));
  const c: Record<string, { rf: number[]; lc: number[]; fe: number[] }> = {};
  for (const l of lines) {
    const p = playConversation(flow, l.id, l.turns, now);
    const e = counted(p, l.turns.length);
    const got = e?.reason ?? 'none';
    if (e?.action === 'clarify') { asked++; askedBy[l.expect] = (askedBy[l.expect] ?? 0) + 1; }
    // A clarifying question counted as low confidence keeps its signals in `asked` (escalationOrClarify drops them).
    const part = e ? escalationPart(p.escalation ?? p.asked ?? e, topicNames) : undefined;
    rows.push({ file: f, id: l.id, expect: l.expect, got, ...(part ? { part } : {}) });
    if (part && l.expect === 'none') for (const h of ['all', half(l.id)]) ordinaryParts[h].set(part, (ordinaryParts[h].get(part) ?? 0) + 1);
    const r = (byReason[l.expect] ??= [0, 0]);
    r[1]++;
    if (got === l.expect) r[0]++;
    for (const h of [half(l.id), 'all']) {
      const s = (c[h] ??= { rf: [0, 0], lc: [0, 0], fe: [0, 0] });
      if (l.expect === 'repeated_fallback') { s.rf[1]++; if (got === l.expect) s.rf[0]++; }
      if (l.expect === 'low_confidence') { s.lc[1]++; if (got === l.expect) s.lc[0]++; }
      if (l.expect === 'none') { s.fe[1]++; if (got !== 'none') s.fe[0]++; }
    }
  }
  const name = f.replace(/^.*\//, '').replace(/(-conversations)?\.jsonl$/, '');
  for (const h of ['all', 'odd', 'even']) {
    const s = c[h];
    if (!s) continue;
    if (h === 'all') { for (const k of ['rf', 'lc', 'fe'] as const) { tot[k][0] += s[k][0]; tot[k][1] += s[k][1]; } }
    if (h !== 'all' && !/w(9|1\d|2\d)/.test(name)) continue;
    table.push(`${(name + (h === 'all' ? '' : '-' + h)).padEnd(14)} RF ${pct(s.rf[0], s.rf[1]).padEnd(8)} LC ${pct(s.lc[0], s.lc[1]).padEnd(8)} FE ${pct(s.fe[0], s.fe[1])}`);
  }
}
table.push(`${'TOTAL'.padEnd(14)} RF ${pct(tot.rf[0], tot.rf[1]).padEnd(8)} LC ${pct(tot.lc[0], tot.lc[1]).padEnd(8)} FE ${pct(tot.fe[0], tot.fe[1])}`);
console.log(`root ${root}`);
console.log(table.join('\n'));
console.log('per reason (all corpora): ' + Object.entries(byReason).sort().map(([k, [a, b]]) => `${k} ${a}/${b}`).join(', '));
console.log(`asked once and ended there (counted as low confidence): ${asked}` + (asked ? ` (${Object.entries(askedBy).sort().map(([k, n]) => `${k} ${n}`).join(', ')})` : ''));
if (!noParts) {
  const all = ordinaryParts.all;
  console.log(`ordinary conversations handed over, by the part that decided (all / odd / even ids):`);
  for (const [name, n] of partRows(all) as [string, number][]) console.log(`| ${name} | ${n} | ${ordinaryParts.odd.get(name) ?? 0} | ${ordinaryParts.even.get(name) ?? 0} |`);
}
if (out) writeFileSync(out, JSON.stringify(rows));
