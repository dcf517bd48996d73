/**
 * Canvas benchmark: the production studio (dist/renderer, built by `vite build` first) with a generated flow
 * of N blocks and 1.2 N edges (generateFlow), beside a bare React Flow page with N default nodes and 1.2 N
 * edges (test/bench/canvasBare), measured in the same run in headless Chromium. Prints both tables and the
 * ratios studio / bare; absolute times on this shared 2-core machine move from run to run, ratios much less.
 *
 *   npx tsx test/bench/canvas.ts                 (N = 1,000 and 2,000)
 *   BENCH_CANVAS_N=1000 BENCH_CANVAS_RUNS=5 npx tsx test/bench/canvas.ts
 *   npm run bench                                (with the other sections)
 *
 * How (our own harness, modelled on ../shared/tools/canvas-bench's method):
 * - one browser, a fresh context per run (cold caches); one warm-up pair, then runs in ABBA order; medians;
 * - load: an init script counts `.react-flow__node` / `.react-flow__edge` on every animation frame; the page
 *   is "complete" at the last frame where a count rose or nodes stopped being `visibility:hidden` (React
 *   Flow hides nodes until measured), once nothing changed for 1 s; main-thread busy time (CDP TaskDuration)
 *   and the JS heap after a forced GC are read then;
 * - drag a block near the centre (60 mouse moves), pan the empty pane (60 moves), zoom (20 wheel events):
 *   wall ms per input event (Playwright waits for each event to be handled: a slower page gets fewer events
 *   per second, not a backlog) and main-thread busy ms over the gesture.
 * Budget (issue 7): complete within 2x bare, at most 1.5x per input event (drag, pan), heap within 3x.
 *
 * Before / after a change, in one run: build the earlier studio elsewhere (e.g. `git archive OLD | tar -x -C /tmp/old`,
 * link node_modules, `BATON_ENTRIES=studio npx vite build` there), then
 *   BENCH_CANVAS_BEFORE=/tmp/old/dist/renderer npx tsx test/bench/canvas.ts
 * measures that build in place of the bare page, on the same generated flow: the ratios are then after / before.
 * BENCH_CANVAS_FIT=1 presses Fit View on the studio once loaded, so the whole flow is on screen for the interactions.
 */
import { createServer, type Server } from 'node:http';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { chromium, type Browser, type CDPSession, type Page } from 'playwright-core';
import { build } from 'vite';
import { generateFlow } from './generateFlow';
import { table } from './benchTable';

// page.evaluate callbacks run in the browser; this file is also compiled by the Node tsconfig (run.ts imports it).
// eslint-disable-next-line @typescript-eslint/no-explicit-any
declare const document: any;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
declare const window: any;

const root = fileURLToPath(new URL('../../', import.meta.url));
const SIZES = (process.env.BENCH_CANVAS_N ?? '1000,2000').split(',').map(Number);
const RUNS = Number(process.env.BENCH_CANVAS_RUNS ?? 3);

type Side = 'bare' | 'studio';
interface Measure {
  scene: { nodes: number; edges: number; visible: number; dom: number };
  completeMs: number;
  /** BENCH_CANVAS_FIT: ms from pressing Fit View until the whole flow's blocks and edges were drawn. */
  fitMs: number;
  loadBusyMs: number;
  heapMb: number;
  dragMsPerEvent: number;
  dragBusyMs: number;
  dragMovedPx: number;
  panMsPerEvent: number;
  panBusyMs: number;
  zoomMsPerEvent: number;
  zoomBusyMs: number;
}

const mime: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json', '.svg': 'image/svg+xml' };

/** Serves /studio/... and /assets/... from dist/renderer and /bare/... from the baseline build, loopback only. */
function serve(dirs: Record<string, string>): Promise<{ server: Server; origin: string }> {
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const prefix = Object.keys(dirs).find((p) => path.startsWith(p));
    if (!prefix) return void res.writeHead(404).end();
    const file = normalize(join(dirs[prefix], path.slice(prefix.length) || 'index.html'));
    if (!file.startsWith(dirs[prefix])) return void res.writeHead(403).end();
    try {
      const body = readFileSync(file.endsWith('/') ? join(file, 'index.html') : file);
      res.writeHead(200, { 'content-type': mime[extname(file)] ?? 'application/octet-stream' }).end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, origin: `http://127.0.0.1:${(server.address() as { port: number }).port}` })));
}

/**
 * Installed before the page's own scripts: counts nodes and edges every frame. A string, not a function,
 * so the TypeScript runner's helpers never leak into the page.
 */
const initScript = `(() => {
  const b = { nodes: 0, edges: 0, nodeT: 0, edgeT: 0, visibleT: 0, last: 0 };
  window.__bench = b;
  const nodes = document.getElementsByClassName('react-flow__node');
  const edges = document.getElementsByClassName('react-flow__edge');
  const tick = (t) => {
    if (nodes.length > b.nodes) { b.nodes = nodes.length; b.nodeT = t; b.visibleT = 0; }
    if (edges.length > b.edges) { b.edges = edges.length; b.edgeT = t; }
    if (nodes.length && !b.visibleT && getComputedStyle(nodes[0]).visibility !== 'hidden' && getComputedStyle(nodes[nodes.length - 1]).visibility !== 'hidden') b.visibleT = t;
    b.last = Math.max(b.nodeT, b.edgeT, b.visibleT);
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
})();`;

async function busyMs(cdp: CDPSession): Promise<number> {
  const { metrics } = (await cdp.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] };
  return (metrics.find((m) => m.name === 'TaskDuration')?.value ?? 0) * 1000;
}

async function nextFrames(page: Page, n = 2) {
  // A string for the same reason as initScript (no runner helpers inside the page).
  await page.evaluate(`new Promise((r) => { let i = 0; const f = () => (++i >= ${n} ? r() : requestAnimationFrame(f)); requestAnimationFrame(f); })`);
}

/** A point on the empty pane near the centre: rings outwards from the centre, first hit wins (hit tests are costly). */
async function emptyPanePoint(page: Page): Promise<{ x: number; y: number }> {
  return page.evaluate(() => {
    const r = document.querySelector('.react-flow')!.getBoundingClientRect();
    const cx = r.left + r.width / 2;
    const cy = r.top + r.height / 2;
    for (let radius = 0; radius < Math.max(r.width, r.height) / 2; radius += 30) {
      const steps = Math.max(1, Math.round((2 * Math.PI * radius) / 30));
      for (let k = 0; k < steps; k++) {
        const x = cx + radius * Math.cos((2 * Math.PI * k) / steps);
        const y = cy + radius * Math.sin((2 * Math.PI * k) / steps);
        if (x < r.left + 20 || x > r.right - 20 || y < r.top + 20 || y > r.bottom - 20) continue;
        if (document.elementFromPoint(x, y)?.classList.contains('react-flow__pane')) return { x, y };
      }
    }
    throw new Error('no empty pane point');
  });
}

async function measureOnce(browser: Browser, url: string, flowJson: string | null, n: number): Promise<Measure> {
  const context = await browser.newContext({ viewport: { width: 1600, height: 1000 }, deviceScaleFactor: 1 });
  const page = await context.newPage();
  page.on('crash', () => console.warn(`  page crashed: ${url}`));
  page.on('pageerror', (e) => console.warn(`  page error: ${e.message}`));
  if (flowJson) await page.addInitScript({ content: `window.__BATON_FLOW__ = ${flowJson};` });
  await page.addInitScript({ content: initScript });
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  const began = Date.now();
  const phase = (name: string) => process.env.BENCH_CANVAS_VERBOSE && console.warn(`    ${url.includes('/bare/') ? 'bare' : 'studio'} ${name} at ${((Date.now() - began) / 1000).toFixed(1)} s`);
  await page.goto(url);
  // Complete: counts > 0 and nothing changed for 1 s of page time.
  const deadline = Date.now() + 90_000;
  let completeMs = 0;
  for (;;) {
    const s = await page.evaluate(() => {
      const b = (window as unknown as { __bench: { nodes: number; last: number; visibleT: number } }).__bench;
      return { nodes: b.nodes, last: b.last, visible: b.visibleT, now: performance.now() };
    });
    if (s.nodes > 0 && s.visible > 0 && s.now - s.last > 1000) {
      completeMs = s.last;
      break;
    }
    if (Date.now() > deadline) throw new Error(`${url}: the canvas did not settle in 90 s`);
    await page.waitForTimeout(100);
  }
  phase('complete');
  const loadBusyMs = await busyMs(cdp);
  await cdp.send('HeapProfiler.collectGarbage');
  const heap = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
  let fitMs = 0;
  if (process.env.BENCH_CANVAS_FIT && url.includes('/studio/')) {
    // The whole flow on screen (Fit View on a big flow's readable view shows all of it), then settled again: every block
    // and edge drawn, the interactions below measured there.
    const t0 = await page.evaluate(() => performance.now());
    await page.locator('.react-flow__controls-fitview').click();
    for (;;) {
      const s = await page.evaluate(() => {
        const b = (window as unknown as { __bench: { last: number } }).__bench;
        return { last: b.last, now: performance.now() };
      });
      if (s.now - Math.max(s.last, t0) > 1000) {
        fitMs = Math.max(0, s.last - t0);
        break;
      }
      if (Date.now() > deadline + 90_000) throw new Error(`${url}: the fitted canvas did not settle`);
      await page.waitForTimeout(100);
    }
    phase('fitted');
  }
  const scene = await page.evaluate(() => {
    const r = document.querySelector('.react-flow')!.getBoundingClientRect();
    const nodes = [...document.querySelectorAll('.react-flow__node')];
    const visible = nodes.filter((el) => {
      const b = el.getBoundingClientRect();
      return b.right > r.left && b.left < r.right && b.bottom > r.top && b.top < r.bottom;
    }).length;
    return { nodes: nodes.length, edges: document.querySelectorAll('.react-flow__edge').length, visible, dom: document.getElementsByTagName('*').length };
  });

  // Drag: a node near the centre, pressed near its top-left (a block's header, not a handle).
  await page.waitForTimeout(500);
  const target = await page.evaluate(() => {
    const r = document.querySelector('.react-flow')!.getBoundingClientRect();
    const cx = r.left + r.width / 2;
    const cy = r.top + r.height / 2;
    let best: { id: string; x: number; y: number; d: number } | null = null;
    for (const el of document.querySelectorAll('.react-flow__node')) {
      const b = el.getBoundingClientRect();
      if (b.left < r.left || b.right > r.right - 300 || b.top < r.top || b.bottom > r.bottom - 200) continue;
      const x = b.left + Math.min(40, b.width / 3);
      const y = b.top + Math.min(12, b.height / 3);
      if (document.elementFromPoint(x, y)?.closest('.react-flow__node') !== el) continue;
      const d = (x - cx) ** 2 + (y - cy) ** 2;
      if (!best || d < best.d) best = { id: el.dataset.id!, x, y, d };
    }
    if (!best) throw new Error('no node to drag');
    return best;
  });
  const before = await page.locator(`.react-flow__node[data-id="${target.id}"]`).boundingBox();
  let t0 = Date.now();
  let b0 = await busyMs(cdp);
  await page.mouse.move(target.x, target.y);
  await page.mouse.down();
  for (let i = 1; i <= 60; i++) await page.mouse.move(target.x + 4 * i, target.y + 2 * i);
  await page.mouse.up();
  await nextFrames(page);
  const dragMsPerEvent = (Date.now() - t0) / 62;
  const dragBusyMs = (await busyMs(cdp)) - b0;
  const after = await page.locator(`.react-flow__node[data-id="${target.id}"]`).boundingBox();
  const dragMovedPx = before && after ? Math.round(Math.hypot(after.x - before.x, after.y - before.y)) : 0;

  phase('dragged');
  // Pan: press on the empty pane and move.
  await page.waitForTimeout(500);
  const p = await emptyPanePoint(page);
  t0 = Date.now();
  b0 = await busyMs(cdp);
  await page.mouse.move(p.x, p.y);
  await page.mouse.down();
  for (let i = 1; i <= 60; i++) await page.mouse.move(p.x - 5 * i, p.y - 2.5 * i);
  await page.mouse.up();
  await nextFrames(page);
  const panMsPerEvent = (Date.now() - t0) / 62;
  const panBusyMs = (await busyMs(cdp)) - b0;

  phase('panned');
  // Zoom: 10 wheel steps in, 10 out, on an empty pane point.
  await page.waitForTimeout(500);
  const z = await emptyPanePoint(page);
  await page.mouse.move(z.x, z.y);
  t0 = Date.now();
  b0 = await busyMs(cdp);
  for (let i = 0; i < 20; i++) {
    await page.mouse.wheel(0, i < 10 ? -50 : 50);
    await nextFrames(page, 1);
  }
  await nextFrames(page);
  const zoomMsPerEvent = (Date.now() - t0) / 20;
  const zoomBusyMs = (await busyMs(cdp)) - b0;

  phase('zoomed');
  await context.close();
  return { scene, completeMs, fitMs, loadBusyMs, heapMb: heap.usedSize / 1048576, dragMsPerEvent, dragBusyMs, dragMovedPx, panMsPerEvent, panBusyMs, zoomMsPerEvent, zoomBusyMs };
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const fmt = (x: number, d = 0) => x.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });

export async function canvasBench(): Promise<void> {
  console.log('\nCanvas: building the studio (vite build) and the bare React Flow baseline...');
  process.env.BATON_ENTRIES ??= 'studio';
  await build({ configFile: join(root, 'vite.config.ts'), logLevel: 'warn' });
  const bareOut = mkdtempSync(join(tmpdir(), 'baton-bare-'));
  await build({
    configFile: false,
    root: join(root, 'test/bench/canvasBare'),
    base: './',
    plugins: [react()],
    logLevel: 'warn',
    build: { outDir: bareOut, emptyOutDir: true },
  });
  const before = process.env.BENCH_CANVAS_BEFORE;
  const { server, origin } = await serve({
    '/bare/': bareOut + '/',
    '/studio/': join(root, 'dist/renderer/studio') + '/',
    '/assets/': join(root, 'dist/renderer/assets') + '/',
    ...(before ? { '/before/studio/': join(before, 'studio') + '/', '/before/assets/': join(before, 'assets') + '/' } : {}),
  });
  const bareName = before ? 'studio before' : 'bare React Flow';
  if (before) console.log(`Canvas: measuring the studio built in ${before} in place of the bare page (ratios: this studio / that one)`);
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  try {
    for (const n of SIZES) {
      const flowJson = JSON.stringify(generateFlow(n, Math.floor(1.2 * n)));
      const urls: Record<Side, [string, string | null]> = {
        bare: before ? [`${origin}/before/studio/index.html?theme=light`, flowJson] : [`${origin}/bare/index.html?n=${n}`, null],
        studio: [`${origin}/studio/index.html?theme=light`, flowJson],
      };
      const results: Record<Side, Measure[]> = { bare: [], studio: [] };
      const t = Date.now();
      await measureOnce(browser, ...urls.bare, n); // warm-up, discarded
      await measureOnce(browser, ...urls.studio, n);
      for (let r = 0; r < RUNS; r++) {
        const order: Side[] = r % 2 === 0 ? ['bare', 'studio'] : ['studio', 'bare'];
        for (const side of order) results[side].push(await measureOnce(browser, ...urls[side], n));
      }
      const med = (side: Side, k: keyof Omit<Measure, 'scene'>) => median(results[side].map((m) => m[k]));
      const rows: [string, keyof Omit<Measure, 'scene'>, number, string][] = [
        ['complete on screen (ms since navigation)', 'completeMs', 0, 'within 2x'],
        ['load main-thread busy (ms)', 'loadBusyMs', 0, ''],
        ...(process.env.BENCH_CANVAS_FIT && before ? [['fit view: ms until all drawn', 'fitMs', 0, ''] as [string, keyof Omit<Measure, 'scene'>, number, string]] : []),
        ['JS heap after GC (MB)', 'heapMb', 1, 'within 3x'],
        ['drag: wall ms per input event', 'dragMsPerEvent', 1, 'within 1.5x'],
        ['drag: main-thread busy (ms)', 'dragBusyMs', 0, ''],
        ['pan: wall ms per input event', 'panMsPerEvent', 1, 'within 1.5x'],
        ['pan: main-thread busy (ms)', 'panBusyMs', 0, ''],
        ['zoom: wall ms per wheel event', 'zoomMsPerEvent', 1, ''],
        ['zoom: main-thread busy (ms)', 'zoomBusyMs', 0, ''],
      ];
      const limit: Record<string, number> = { 'within 2x': 2, 'within 3x': 3, 'within 1.5x': 1.5 };
      const scene = (side: Side) => {
        const s = results[side][0].scene;
        return `${s.nodes} nodes / ${s.edges} edges / ${s.visible} on screen / ${fmt(s.dom)} DOM elements`;
      };
      table(`Canvas, ${fmt(n)} blocks and ${fmt(Math.floor(1.2 * n))} edges: studio vs ${bareName}, medians of ${RUNS} runs each (ABBA), ${fmt((Date.now() - t) / 1000)} s`, [
        ['measure', bareName, 'Baton studio', 'ratio', 'budget', 'met'],
        ['scene', scene('bare'), scene('studio'), '', '', ''],
        ...rows.map(([label, k, d, budget]) => {
          const a = med('bare', k);
          const b = med('studio', k);
          const ratio = b / a;
          return [label, fmt(a, d), fmt(b, d), `${fmt(ratio, 2)}x`, budget, budget ? (ratio <= limit[budget] ? 'yes' : 'NO') : ''];
        }),
        ['drag: pixels the block moved', fmt(med('bare', 'dragMovedPx')), fmt(med('studio', 'dragMovedPx')), '', '', ''],
      ]);
      const pairs = (k: keyof Omit<Measure, 'scene'>) => results.studio.map((m, i) => fmt(m[k] / results.bare[i][k], 2)).join(', ');
      console.log(`  pair ratios (run by run): complete ${pairs('completeMs')}; drag ${pairs('dragMsPerEvent')}; pan ${pairs('panMsPerEvent')}; heap ${pairs('heapMb')}`);
    }
  } finally {
    await browser.close();
    server.close();
    rmSync(bareOut, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await canvasBench();
}
