/**
 * Bench section "validate 1,000-block flow": what validation costs the studio on a big flow.
 *
 * - cold: every block read for the first time (the CLI, opening a file; unfrozen objects are never cached);
 * - after an edit: the studio's flows are immer-produced and frozen, so an edit changes one block object
 *   and the validator re-reads only that one (its per-block cache is keyed by frozen object identity).
 *   The edit here is made with immer's `produce` (one block's text changes), the way the studio's
 *   edit operations produce a new flow;
 * - a flow with one problem of every common kind (to show reporting costs nothing much).
 *
 * Baselines measured in the same run: `structuredClone` of the flow (the floor of "touch every object")
 * and zod's `flowSchema.safeParse` of the whole flow (what validation cost before per-block reads).
 * Target (issue 6): validate after an edit in under 5 ms on 1,000 blocks.
 *
 * Run alone: `npx tsx test/bench/validateBench.ts`; `npm run bench` runs it with the other sections.
 */
import { freeze, produce } from 'immer';
import { pathToFileURL } from 'node:url';
import { flowSchema, type Flow } from '../../shared/flow/schema';
import { validateFlow } from '../../shared/flow/validateFlow';
import { generateFlow } from './generateFlow';

interface Sample {
  median: number;
  p95: number;
}

function measure(iterations: number, fn: (i: number) => void): Sample {
  for (let i = 0; i < Math.min(10, iterations); i++) fn(iterations + i); // warm-up
  const times: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const t0 = performance.now();
    fn(i);
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { median: times[Math.floor(times.length / 2)], p95: times[Math.floor(times.length * 0.95)] };
}

const ms = (n: number) => n.toFixed(n < 1 ? 3 : 2);

function table(title: string, rows: string[][]) {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  console.log(`\n${title}\n`);
  rows.forEach((r, n) => {
    console.log('| ' + r.map((c, i) => c.padEnd(widths[i])).join(' | ') + ' |');
    if (n === 0) console.log('|' + widths.map((w) => '-'.repeat(w + 2)).join('|') + '|');
  });
}

/** A flow with a handful of designer mistakes spread over it (misspelt field, bad email, unknown variable...). */
function withMistakes(flow: Flow): unknown {
  const doc = structuredClone(flow) as unknown as { blocks: Array<{ kind: string; data: Record<string, unknown> }> };
  const message = doc.blocks.find((b) => b.kind === 'message')!;
  message.data.txet = 'typo';
  message.data.text = 'Hello {{nmae}}';
  const takeover = doc.blocks.find((b) => b.kind === 'human_takeover')!;
  takeover.data.askEmial = true;
  takeover.data.slackChannels = ['sales team'];
  takeover.data.notifyEmails = ['someone@'];
  return doc;
}

export function validateBench(blocks = 1000, edges = 1200): void {
  const ITER = 60;
  const plain = generateFlow(blocks, edges);
  const frozen = freeze(structuredClone(plain), true);
  const target = frozen.blocks.findIndex((b) => b.kind === 'message');

  const clone = measure(ITER, () => {
    structuredClone(plain);
  });
  const zodWhole = measure(ITER, () => {
    flowSchema.safeParse(plain);
  });
  const cold = measure(ITER, () => {
    validateFlow(plain);
  });
  validateFlow(frozen); // the studio validated the flow before the edit
  // The edits are made before timing (what is timed is validation only), each on the previous flow.
  const edited: Flow[] = [];
  let current = frozen;
  for (let i = 0; i < ITER + 10; i++) {
    current = produce(current, (d) => {
      (d.blocks[target].data as { text: string }).text = `Hello {{name}} #${i}`;
    });
    edited.push(current);
  }
  let okAfterEdits = true;
  const afterEdit = measure(ITER, (i) => {
    okAfterEdits = validateFlow(edited[i]).ok && okAfterEdits;
  });
  const mistakes = withMistakes(plain);
  const problems = validateFlow(mistakes).problems.length;
  const withProblems = measure(ITER, () => {
    validateFlow(mistakes);
  });

  const rows: string[][] = [
    ['what', 'median ms', 'p95 ms', 'x structuredClone', 'target', 'status'],
    ['baseline: structuredClone of the flow', ms(clone.median), ms(clone.p95), '1.00', '', ''],
    ['baseline: zod flowSchema.safeParse (whole flow)', ms(zodWhole.median), ms(zodWhole.p95), (zodWhole.median / clone.median).toFixed(2), '', ''],
    ['validate, cold (CLI, first open)', ms(cold.median), ms(cold.p95), (cold.median / clone.median).toFixed(2), '', ''],
    [
      'validate after an edit (frozen immer flow, 1 block changed)',
      ms(afterEdit.median),
      ms(afterEdit.p95),
      (afterEdit.median / clone.median).toFixed(2),
      '< 5 ms',
      afterEdit.p95 < 5 ? 'met' : afterEdit.median < 5 ? 'median only' : 'NOT MET',
    ],
    [`validate, flow with ${problems} problems (unfrozen)`, ms(withProblems.median), ms(withProblems.p95), (withProblems.median / clone.median).toFixed(2), '', ''],
  ];
  table(`Validate a ${frozen.blocks.length}-block flow (${frozen.edges.length} edges), shared/flow/validateFlow`, rows);
  if (!okAfterEdits) console.log('WARNING: the edited flow did not validate cleanly; the figures above are suspect.');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) validateBench();
