/**
 * Bench section "edit + validate on 1,000 blocks": what one designer action costs in the studio on a big
 * flow: applyEdit (new flow + patches + inverse), then validateFlow on the result, then undo.
 *
 * Baseline, measured in the same run: structuredClone of the same flow (the cost of the naive "copy the
 * document on every change" approach), so the ratios travel between machines. Target (issue 6): edit plus
 * validation under 5 ms on a 1,000-block flow.
 *
 * Run alone: `npx tsx test/bench/editBench.ts`; `npm run bench` runs it with the other sections.
 */
import { enablePatches, produceWithPatches } from 'immer';
import { pathToFileURL } from 'node:url';
import { applyEdit, applyPatches, copyToClipboard, type FlowEdit } from '../../shared/flow/edit';
import type { Flow } from '../../shared/flow/edit/tx';
import { validateFlow } from '../../shared/flow/validateFlow';
import { generateFlow } from './generateFlow';
import { table } from './benchTable';

enablePatches();

interface Sample {
  median: number;
  p95: number;
}

function measure(iterations: number, fn: (i: number) => void): Sample {
  for (let i = 0; i < Math.min(20, iterations); i++) fn(i); // warm-up
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

export function editBench(blocks = 1000, edges = 1200): void {
  const flow = generateFlow(blocks, edges) as Flow;
  const ITER = 100;
  const baseline = measure(ITER, () => {
    structuredClone(flow);
  });
  const validateOnly = measure(ITER, () => {
    validateFlow(flow);
  });

  const mid = flow.blocks[Math.floor(flow.blocks.length / 2)];
  const buttons = flow.blocks.find((b) => b.kind === 'buttons')!;
  const message = flow.blocks.filter((b) => b.kind === 'message')[10];
  const firstMiddle = message;
  const clip = copyToClipboard(flow, flow.blocks.slice(100, 150).map((b) => b.id));

  const cases: [string, (i: number) => FlowEdit][] = [
    ['move one block', (i) => ({ type: 'move_blocks', moves: [{ id: mid.id, position: { x: i, y: i } }] })],
    ['edit one block text', (i) => ({ type: 'set_block_data', id: message.id, data: { text: `Hello {{name}} #${i}` } })],
    ['add a button option', () => ({ type: 'add_option', blockId: buttons.id, label: 'Another choice' })],
    ['connect an exit (replace)', () => ({ type: 'connect', from: firstMiddle.id, exit: 'next', to: flow.blocks[flow.blocks.length - 3].id, replace: true })],
    ['delete a block near the start (cascade)', () => ({ type: 'delete_blocks', ids: [flow.blocks[2].id] })],
    ['rename a block (refs updated)', () => ({ type: 'rename_block', from: mid.id, to: 'renamed' })],
    ['rename a variable everywhere', () => ({ type: 'rename_variable', from: 'score', to: 'points' })],
    ['paste 50 blocks', () => ({ type: 'paste', clipboard: clip })],
    [
      `automatic layout: move all ${flow.blocks.length} (batch)`,
      (i) => ({ type: 'batch', label: 'Layout', edits: [{ type: 'move_blocks', moves: flow.blocks.map((b, k) => ({ id: b.id, position: { x: k + i, y: k } })) }] }),
    ],
  ];

  const rows: string[][] = [
    ['operation', 'applyEdit ms (median / p95)', 'edit + validate ms (median / p95)', 'undo ms (median)', 'patches', 'under 5 ms', 'x structuredClone'],
  ];
  for (const [name, make] of cases) {
    const edit = make(0);
    const once = applyEdit(flow, edit);
    const applyOnly = measure(ITER, (i) => {
      applyEdit(flow, make(i));
    });
    const both = measure(ITER, (i) => {
      const r = applyEdit(flow, make(i));
      validateFlow(r.flow);
    });
    const undo = measure(ITER, () => {
      applyPatches(once.flow, once.inverse);
    });
    rows.push([
      name,
      `${ms(applyOnly.median)} / ${ms(applyOnly.p95)}`,
      `${ms(both.median)} / ${ms(both.p95)}`,
      ms(undo.median),
      String(once.patches.length),
      both.p95 < 5 ? 'yes' : both.median < 5 ? 'median only' : 'NO',
      (both.median / baseline.median).toFixed(2),
    ]);
  }

  // What immer's own patch generation would give for the same delete (why edit records its own patches).
  const delIndex = 2;
  const [, naive] = produceWithPatches(flow, (d) => {
    const id = d.blocks[delIndex].id;
    d.blocks.splice(delIndex, 1);
    d.edges = d.edges.filter((e) => e.from !== id && e.to !== id);
  });

  table(`Edit + validate on ${flow.blocks.length} blocks / ${flow.edges.length} edges (shared/flow/edit)`, rows);
  console.log(
    `\nBaseline in the same run: structuredClone of the flow ${ms(baseline.median)} ms (median); validateFlow alone ${ms(validateOnly.median)} ms (median), ${ms(validateOnly.p95)} ms (p95).`,
  );
  console.log(
    `Patch size: deleting one block gives ${applyEdit(flow, { type: 'delete_blocks', ids: [flow.blocks[delIndex].id] }).patches.length} patches here; immer's produceWithPatches on the same change gives ${naive.length} (replaced array elements).`,
  );
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) editBench();
