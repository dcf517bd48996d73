/**
 * Session 43 (studio6, newcomer s43 N2): how long automatic layout takes (elk, in Node) and the shape it gives, for a long
 * chain and the templates. A measurement to read, not a test: `npx tsx test/bench/autoLayoutLong.ts [path/to/autoLayout.ts]`
 * (another checkout's autoLayout.ts measures the layout before a change). Median of 3 runs after one warm-up.
 */
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { validateFlow } from '../../shared/flow/validateFlow';
import type { Flow } from '../../shared/flow/schema';

const modPath = process.argv[2] ? path.resolve(process.argv[2]) : path.resolve('renderer/studio/editor/autoLayout.ts');
const { autoLayoutEdit } = (await import(pathToFileURL(modPath).href)) as typeof import('../../renderer/studio/editor/autoLayout');

function chain(n: number): Flow {
  const blocks: unknown[] = [{ id: 'start', kind: 'start', position: { x: 0, y: 0 }, data: {} }];
  const edges: unknown[] = [];
  let prev = 'start';
  for (let i = 1; i <= n; i++) {
    const id = `m${i}`;
    blocks.push({ id, kind: 'message', position: { x: (i % 20) * 300, y: Math.floor(i / 20) * 200 }, data: { text: `Message ${i}` } });
    edges.push({ id: `e${i}`, from: prev, exit: 'next', to: id });
    prev = id;
  }
  blocks.push({ id: 'end', kind: 'end', position: { x: 0, y: 4400 }, data: {} });
  edges.push({ id: 'eend', from: prev, exit: 'next', to: 'end' });
  return validateFlow({ version: 1, id: 'big', name: 'Big', blocks, edges }).flow!;
}
const file = (name: string) => validateFlow(JSON.parse(fs.readFileSync(`flows/${name}.json`, 'utf8'))).flow!;
const cases: [string, Flow][] = [
  ['chain of 302', chain(300)],
  ['chain of 52', chain(50)],
  ['customer-support (Northwind)', file('customer-support')],
  ['travel-urgency (Skyline Air)', file('travel-urgency')],
];
await autoLayoutEdit(chain(5), {}, { aspectRatio: 1.6 });
console.log('| flow | blocks | median ms | laid-out width x height (px) |\n|---|---|---|---|');
for (const [name, flow] of cases) {
  const times: number[] = [];
  let moves: { position: { x: number; y: number } }[] = [];
  for (let i = 0; i < 3; i++) {
    const t = performance.now();
    const edit = (await autoLayoutEdit(flow, {}, { aspectRatio: 1.6 })) as unknown as { edits: [{ moves: typeof moves }] };
    times.push(performance.now() - t);
    moves = edit.edits[0].moves;
  }
  const xs = moves.map((m) => m.position.x);
  const ys = moves.map((m) => m.position.y);
  const w = Math.max(...xs) - Math.min(...xs) + 260;
  const h = Math.max(...ys) - Math.min(...ys) + 120;
  console.log(`| ${name} | ${flow.blocks.length} | ${Math.round(times.sort((a, b) => a - b)[1])} | ${w.toLocaleString('en-US')} x ${h.toLocaleString('en-US')} |`);
}
