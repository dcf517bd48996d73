/**
 * Session 25 (hostile s24 #15): what validating a big escalation policy costs the studio on every edit.
 *
 * The flow: flows/customer-support.json with 800 policy entries (150 phrases in each reason's list, 30 sensitive topics
 * of 5 phrases, 200 neverTrigger entries), frozen by immer as the studio's documents are. Timed: `validateFlow` after
 *
 * - an edit elsewhere in the flow (one block's label; the policy object is the same, as immer keeps it);
 * - baseline, same run: that edit with the policy copied into a new object (what the validator saw of an unchanged
 *   policy before session 25, since it kept no result per policy object), and the flow without the 800 entries;
 * - an edit of the policy itself (one phrase appended: the policy is read again, each phrase's match counts cached).
 *
 * Median and p95 wall-clock ms over ITER edits, and CPU ms per run (the machine is shared). Never pass/fail.
 * Run: `npx tsx test/bench/policyEditBench.ts`.
 */
import { freeze, produce } from 'immer';
import { readFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { flowSchema, type Flow } from '../../shared/flow/schema';
import { validateFlow } from '../../shared/flow/validateFlow';

const root = fileURLToPath(new URL('../../', import.meta.url));
const words = 'order refund parcel late broken angry manager person help please now today account charge card missing wrong size colour delivery store'.split(' ');
const phrase = (i: number) => `${words[i % words.length]} ${words[(i * 7 + 3) % words.length]} w${i}`;
const list = <T>(n: number, f: (i: number) => T): T[] => Array.from({ length: n }, (_, i) => f(i));

interface Sample {
  median: number;
  p95: number;
  cpu: number;
}

function measure(flows: Flow[], warm: number): Sample {
  for (let i = 0; i < warm; i++) validateFlow(flows[i]);
  const times: number[] = [];
  const cpu0 = process.cpuUsage();
  for (let i = warm; i < flows.length; i++) {
    const t0 = performance.now();
    validateFlow(flows[i]);
    times.push(performance.now() - t0);
  }
  const cpu = process.cpuUsage(cpu0);
  times.sort((a, b) => a - b);
  return { median: times[Math.floor(times.length / 2)], p95: times[Math.floor(times.length * 0.95)], cpu: (cpu.user + cpu.system) / 1000 / times.length };
}

/** `n` successive edits of `start`, each on the previous flow (made before timing: only validation is timed). */
function edits(start: Flow, n: number, edit: (d: Flow, i: number) => void): Flow[] {
  const out: Flow[] = [];
  let current = start;
  validateFlow(current); // the studio validated the flow before the edit
  for (let i = 0; i < n; i++) {
    current = produce(current, (d) => edit(d as Flow, i));
    out.push(current);
  }
  return out;
}

export function policyEditBench(iter = 30, warm = 3): void {
  const base: Flow = flowSchema.parse(JSON.parse(readFileSync(root + 'flows/customer-support.json', 'utf8')));
  const esc = base.escalation;
  const big = freeze(
    {
      ...base,
      escalation: {
        ...esc,
        explicitRequest: { ...esc.explicitRequest, phrases: list(150, (i) => phrase(i)) },
        negativeSentiment: { ...esc.negativeSentiment, phrases: list(150, (i) => phrase(i + 1000)) },
        urgency: { ...esc.urgency, phrases: list(150, (i) => phrase(i + 2000)) },
        sensitiveTopics: { ...esc.sensitiveTopics, topics: list(30, (t) => ({ name: `topic ${t}`, phrases: list(5, (i) => phrase(3000 + t * 5 + i)), intents: [], examples: [] })) },
        neverTrigger: list(200, (i) => `brand${i} model${i}`),
      },
    } as Flow,
    true,
  );
  const entries = (f: Flow) =>
    f.escalation.explicitRequest.phrases.length +
    f.escalation.negativeSentiment.phrases.length +
    f.escalation.urgency.phrases.length +
    f.escalation.sensitiveTopics.topics.reduce((n, t) => n + t.phrases.length, 0) +
    f.escalation.neverTrigger.length;
  const small = freeze(structuredClone(base), true);
  const blockIndex = 1;
  const label = (d: Flow, i: number) => {
    (d.blocks[blockIndex] as { label?: string }).label = `label ${i}`;
  };
  const n = iter + warm;
  const rows: [string, Sample][] = [];
  // Round-robin would interleave caches; each row's edits are made first, then timed in turn.
  rows.push([`baseline: bundled policy (${entries(small)} entries), an edit elsewhere`, measure(edits(small, n, label), warm)]);
  rows.push([
    `baseline: ${entries(big)} entries, an edit elsewhere with the policy copied (a new object each time)`,
    measure(
      edits(big, n, (d, i) => {
        label(d, i);
        d.escalation = structuredClone(JSON.parse(JSON.stringify(d.escalation)));
      }),
      warm,
    ),
  ]);
  rows.push([`${entries(big)} entries, an edit elsewhere (the policy object unchanged)`, measure(edits(big, n, label), warm)]);
  let policyEditsOk = true;
  const policyEdits = edits(big, n, (d, i) => {
    d.escalation.urgency.phrases.push(`flight leaves in ${i} minutes`);
  });
  for (const x of policyEdits.slice(0, 1)) policyEditsOk = validateFlow(structuredClone(x)).ok;
  rows.push([
    `${entries(big)} entries, an edit of the policy (one phrase appended)`,
    measure(policyEdits, warm),
  ]);
  const f = (x: number) => x.toFixed(x < 1 ? 3 : 1);
  console.log(`\nvalidateFlow after a studio edit, flows/customer-support.json with a big escalation policy (${iter} edits each, after ${warm} warm-up)\n`);
  console.log('| what | median ms | p95 ms | CPU ms/run |');
  console.log('|---|---|---|---|');
  for (const [what, s] of rows) console.log(`| ${what} | ${f(s.median)} | ${f(s.p95)} | ${f(s.cpu)} |`);
  if (!policyEditsOk) console.log('WARNING: the edited policy did not validate; its row is suspect.');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) policyEditBench();
