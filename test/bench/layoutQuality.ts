/**
 * Session 46 (layout, newcomer s46 N1): how automatic layout reads on the four sample flows, against their shipped layout:
 * bounding box, drawn edge length, crossings, shared lanes, overlaps (renderer/studio/editor/layoutMetrics.ts).
 * `npx tsx test/bench/layoutQuality.ts [path/to/autoLayout.ts] [label]` (another checkout's autoLayout.ts: the layout before a change).
 */
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { validateFlow } from '../../shared/flow/validateFlow';
import { layoutMetrics, cardSize } from '../../renderer/studio/editor/layoutMetrics';
const modPath = path.resolve(process.argv[2] ?? 'renderer/studio/editor/autoLayout.ts');
const { autoLayoutEdit } = await import(pathToFileURL(modPath).href);
console.log('| flow | layout | w x h | area (Mpx²) | edge length | crossings | shared lanes | overlaps |\n|---|---|---|---|---|---|---|---|');
for (const f of ['customer-support', 'insurance-claims', 'lead-gen', 'travel-urgency']) {
  const flow = validateFlow(JSON.parse(fs.readFileSync(`flows/${f}.json`, 'utf8'))).flow!;
  const sizes = Object.fromEntries(flow.blocks.map((b) => [b.id, cardSize(flow, b.id)]));
  const row = (name: string, pos: Record<string, { x: number; y: number }>) => {
    const m = layoutMetrics(flow, pos);
    console.log(`| ${f} | ${name} | ${m.width} x ${m.height} | ${(m.area / 1e6).toFixed(2)} | ${m.edgeLength} | ${m.crossings} | ${m.sharedLanes} | ${m.overlaps} |`);
  };
  if (!process.argv[3]) row('shipped', Object.fromEntries(flow.blocks.map((b) => [b.id, b.position ?? { x: 0, y: 0 }])));
  const edit = await autoLayoutEdit(flow, sizes, { aspectRatio: 1.6 });
  row(process.argv[3] ?? 'auto', Object.fromEntries(edit.edits[0].moves.map((m: any) => [m.id, m.position])));
}
