/**
 * Session 46 (layout, newcomer s46 N1): automatic layout on the sample flows reads no worse than their shipped layout,
 * measured (renderer/studio/editor/layoutMetrics.ts): no overlaps, shorter connections, fewer shared lanes, and on
 * Northwind (customer-support, 48 blocks) fewer crossings in a box not much bigger than the shipped one. The options
 * before session 46 (forceNodeModelOrder, layers 80 px apart) failed the Northwind area and crossing checks and the
 * insurance-claims shared-lane check (checked by running this file with them).
 * Session 47 (studio15): the canvas now spreads routed connections that share a lane (laneNudge.ts) and layoutMetrics
 * measures that drawing by default. These layout comparisons measure the layouts' own routes, before the spreading
 * (`RAW`): what elk's options give, on the footing this file was written on (both sides are spread alike when drawn).
 */
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { validateFlow } from '../../shared/flow/validateFlow';
import type { Flow } from '../../shared/flow/schema';
import { autoLayoutEdit } from '../../renderer/studio/editor/autoLayout';
import { cardSize, layoutMetrics } from '../../renderer/studio/editor/layoutMetrics';

/** The routes as routed, before the canvas spreads shared lanes (session 47). */
const RAW = { separate: false };
const load = (name: string): Flow => validateFlow(JSON.parse(fs.readFileSync(`flows/${name}.json`, 'utf8'))).flow!;

async function laidOut(flow: Flow) {
  const sizes = Object.fromEntries(flow.blocks.map((b) => [b.id, cardSize(flow, b.id)]));
  const edit = (await autoLayoutEdit(flow, sizes, { aspectRatio: 1.6 })) as unknown as { edits: [{ moves: { id: string; position: { x: number; y: number } }[] }] };
  return layoutMetrics(flow, Object.fromEntries(edit.edits[0].moves.map((m) => [m.id, m.position])), undefined, RAW);
}
const shipped = (flow: Flow) => layoutMetrics(flow, Object.fromEntries(flow.blocks.map((b) => [b.id, b.position ?? { x: 0, y: 0 }])), undefined, RAW);

describe('layout metrics', () => {
  const flow = (edges: { from: string; exit: string; to: string }[], at: Record<string, [number, number]>) =>
    validateFlow({
      version: 1,
      id: 'm',
      name: 'M',
      blocks: [
        { id: 'start', kind: 'start', position: { x: at.start[0], y: at.start[1] }, data: {} },
        { id: 'pick', kind: 'buttons', position: { x: at.pick[0], y: at.pick[1] }, data: { text: 'Pick', options: [{ id: 'a', label: 'A' }, { id: 'b', label: 'B' }] } },
        { id: 'x', kind: 'message', position: { x: at.x[0], y: at.x[1] }, data: { text: 'X' } },
        { id: 'y', kind: 'message', position: { x: at.y[0], y: at.y[1] }, data: { text: 'Y' } },
      ],
      edges: edges.map((e, i) => ({ id: `e${i}`, ...e })),
    }).flow!;
  it('counts a crossing when two exits swap their targets, none when they do not', () => {
    const at = { start: [0, 0], pick: [400, 0], x: [800, -200], y: [800, 300] } as Record<string, [number, number]>;
    const straight = flow([{ from: 'start', exit: 'next', to: 'pick' }, { from: 'pick', exit: 'a', to: 'x' }, { from: 'pick', exit: 'b', to: 'y' }], at);
    const swapped = flow([{ from: 'start', exit: 'next', to: 'pick' }, { from: 'pick', exit: 'a', to: 'y' }, { from: 'pick', exit: 'b', to: 'x' }], at);
    expect(layoutMetrics(straight, {}).crossings).toBe(0);
    expect(layoutMetrics(swapped, {}).crossings).toBe(1);
  });
  it('counts two exits routed along one line around a block as a shared lane, and block overlaps', () => {
    // x and y sit behind pick (to its left, below): both connections go around pick in the same lanes.
    const at = { start: [0, 0], pick: [400, 0], x: [0, 400], y: [0, 700] } as Record<string, [number, number]>;
    const back = flow([{ from: 'start', exit: 'next', to: 'pick' }, { from: 'pick', exit: 'a', to: 'x' }, { from: 'pick', exit: 'b', to: 'y' }], at);
    expect(layoutMetrics(back, {}, undefined, RAW).sharedLanes).toBeGreaterThan(0);
    // Session 47 (studio15): as the canvas draws them now, the two are spread onto lanes of their own.
    expect(layoutMetrics(back, {}).sharedLanes).toBe(0);
    expect(layoutMetrics(back, {}).overlaps).toBe(0);
    expect(layoutMetrics(back, { y: { x: 100, y: 450 } }).overlaps).toBe(1);
  });
});

describe('automatic layout reads no worse than the shipped layout (newcomer s46 N1)', () => {
  for (const name of ['customer-support', 'insurance-claims', 'lead-gen', 'travel-urgency']) {
    it(`${name}: no overlaps, connections at most 3/4 as long, no more shared lanes than shipped`, async () => {
      const flow = load(name);
      const auto = await laidOut(flow);
      const ship = shipped(flow);
      expect(auto.overlaps).toBe(0);
      expect(auto.edgeLength).toBeLessThan(ship.edgeLength * 0.75);
      expect(auto.sharedLanes).toBeLessThanOrEqual(ship.sharedLanes);
    });
  }
  it('Northwind (48 blocks): far fewer crossings than shipped, in a box at most 1.25 times the shipped one', async () => {
    const flow = load('customer-support');
    const auto = await laidOut(flow);
    const ship = shipped(flow);
    expect(auto.crossings).toBeLessThan(ship.crossings * 0.7);
    expect(auto.area).toBeLessThan(ship.area * 1.25);
    expect(auto.sharedLanes).toBeLessThan(ship.sharedLanes / 3);
  });
  it('insurance-claims: at most half the shipped layout\'s shared lanes', async () => {
    const flow = load('insurance-claims');
    expect((await laidOut(flow)).sharedLanes).toBeLessThanOrEqual(shipped(flow).sharedLanes / 2);
  });
});
