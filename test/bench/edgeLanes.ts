/**
 * Session 47 (studio15, newcomer s46 N1 rest): how many connections share a lane on the four sample flows as the real
 * studio draws them (their shipped layout, and after Automatic layout), read from the canvas's SVG paths in headless
 * Chromium: pairs of connections from different exits with a straight run on one line over more than 40 px (all, and
 * those leading to different blocks), pairs whose drawings cross, total drawn length. A table, no pass / fail.
 *
 *   npx tsx test/bench/edgeLanes.ts [other checkout] [port]
 *
 * With another checkout (e.g. a worktree of main), that checkout's studio is measured (its renderer built there): the
 * numbers before a change. Port: 4845 unless given (any free one with 0).
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { pathPolyline } from '../../renderer/studio/canvas/edgeLines';
import { edgePairs } from '../../renderer/studio/editor/layoutMetrics';

const root = path.resolve(process.argv[2] ?? '.');
const port = Number(process.argv[3] ?? 4845);
const support = (await import(pathToFileURL(path.join(root, 'test/e2e/support/studio.ts')).href)) as typeof import('../e2e/support/studio');

support.ensureRendererBuilt();
const studio = await support.startStudio({ port });
const browser = await support.openBrowser({ width: 1600, height: 1000 });
const page = browser.page;

type Flowish = { edges: { id: string; from: string; exit: string; to: string }[] };

async function measure(flow: Flowish) {
  // The lanes are spread a microtask after the connections are drawn; wait until the drawing stops changing.
  let last = '';
  let paths: { id: string; d: string }[] = [];
  for (let i = 0; i < 30; i++) {
    await page.waitForTimeout(500);
    // A string: this file is compiled without the DOM library (tsconfig.json).
    paths = (await page.evaluate(
      `[...document.querySelectorAll('.react-flow__edge')].map((g) => ({ id: g.getAttribute('data-id') ?? '', d: g.querySelector('path.react-flow__edge-path')?.getAttribute('d') ?? '' }))`,
    )) as { id: string; d: string }[];
    const now = JSON.stringify(paths);
    if (now === last) break;
    last = now;
  }
  const byId = new Map(flow.edges.map((e) => [e.id, e]));
  const drawn = paths.flatMap((p) => {
    const e = byId.get(p.id);
    return e && p.d ? [{ ...e, points: pathPolyline(p.d) }] : [];
  });
  let length = 0;
  for (const e of drawn) for (let i = 1; i < e.points.length; i++) length += Math.hypot(e.points[i].x - e.points[i - 1].x, e.points[i].y - e.points[i - 1].y);
  return { edges: drawn.length, ...edgePairs(drawn), length: Math.round(length) };
}

console.log(`checkout: ${root}`);
console.log('| flow | layout | connections drawn | shared lanes (pairs) | of which to different blocks | crossings (pairs) | drawn length |\n|---|---|---|---|---|---|---|');
try {
  for (const template of ['customer-support', 'insurance-claims', 'lead-gen', 'travel-urgency']) {
    const { key, flow } = await studio.api.createFlow({ template });
    await page.goto(studio.flowUrl(key));
    await page.locator('.react-flow__node').first().waitFor();
    const row = (name: string, m: Awaited<ReturnType<typeof measure>>) =>
      console.log(`| ${template} | ${name} | ${m.edges} / ${flow.edges.length} | ${m.sharedLanes} | ${m.sharedToOthers} | ${m.crossings} | ${m.length} |`);
    row('shipped', await measure(flow as Flowish));
    const where = () => page.evaluate(`[...document.querySelectorAll('.react-flow__node')].map((n) => n.style.transform).join(';')`);
    const before = await where();
    await page.getByRole('button', { name: 'Automatic layout' }).click();
    // elk loads on first use: wait until the blocks have moved.
    for (let i = 0; i < 120 && (await where()) === before; i++) await page.waitForTimeout(500);
    row('automatic', await measure(flow as Flowish));
  }
} finally {
  await browser.close();
  await studio.close();
}
process.exit(0);
