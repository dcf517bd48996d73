/**
 * Bench section "studio: flows on disk": what keeping a designer's work safe costs on a 1,000-block flow.
 * - save: validate + git-friendly format + atomic write (temp file, fsync, rename, fsync folder) + the
 *   version kept in the history, through FlowStore.save (no HTTP);
 * - journal append of one edit's patches (fsynced before it is acknowledged);
 * - replaying 200 journaled edits when the flow is opened after a crash.
 * Baselines in the same run: a plain fs.writeFile of the same bytes (no fsync) and a plain appendFile, so
 * the ratios say what durability costs on this machine's disk.
 *
 * Run alone: `npx tsx test/bench/studioBench.ts`; `npm run bench` runs it with the other sections.
 */
import { appendFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { FlowStore } from '../../runtime/studio/flowStore';
import { formatFlowFile } from '../../runtime/studio/formatFlowFile';
import type { Flow } from '../../shared/flow/schema';
import { generateFlow } from './generateFlow';
import { table } from './benchTable';

async function measure(iterations: number, fn: (i: number) => Promise<unknown>): Promise<{ median: number; p95: number }> {
  for (let i = 0; i < 3; i++) await fn(-1 - i);
  const times: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const t0 = performance.now();
    await fn(i);
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { median: times[Math.floor(times.length / 2)], p95: times[Math.floor(times.length * 0.95)] };
}

const ms = (n: number) => n.toFixed(n < 1 ? 3 : 2);

export async function studioBench(blocks = 1000, edges = 1200): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'baton-studio-bench-'));
  try {
    const store = await FlowStore.open({ home: join(dir, 'home') });
    const base = generateFlow(blocks, edges) as Flow;
    const { key } = await store.importText(JSON.stringify(base), 'bench.json');
    const opened = await store.open(key);
    const text = formatFlowFile(opened.flow);
    const moved = (i: number): Flow => {
      const f = structuredClone(opened.flow);
      f.blocks[5].position = { x: 1000 + i, y: 17 };
      return f;
    };

    const plainWrite = await measure(30, (i) => writeFile(join(dir, `plain-${i}.json`), text));
    const save = await measure(30, (i) => store.save(key, moved(i), 0));
    const plainAppend = await measure(200, () => appendFile(join(dir, 'plain.jsonl'), '{"seq":1,"patches":[{"op":"replace","path":["blocks",5,"position"],"value":{"x":1,"y":2}}]}\n'));
    let seq = 1_000_000;
    const journal = await measure(200, (i) =>
      store.appendJournal(key, [{ seq: ++seq, patches: [{ op: 'replace', path: ['blocks', 5, 'position'], value: { x: i, y: 2 } }] }]),
    );
    const replayed = await store.open(key);
    const replay = await measure(5, () => store.open(key));

    table(`Studio: flows on disk (${blocks} blocks, ${edges} edges, ${Math.round(text.length / 1024)} KB file)`, [
      ['measure', 'median', 'p95', 'x baseline'],
      ['baseline: fs.writeFile of the same bytes (no fsync)', `${ms(plainWrite.median)} ms`, `${ms(plainWrite.p95)} ms`, '1.00'],
      ['save: validate + format + atomic write + fsync + version', `${ms(save.median)} ms`, `${ms(save.p95)} ms`, (save.median / plainWrite.median).toFixed(1)],
      ['baseline: fs.appendFile of one journal line (no fsync)', `${ms(plainAppend.median)} ms`, `${ms(plainAppend.p95)} ms`, '1.00'],
      ['journal append of one edit (fsynced)', `${ms(journal.median)} ms`, `${ms(journal.p95)} ms`, (journal.median / plainAppend.median).toFixed(1)],
      [`open after a crash: replay ${replayed.replayed} journaled edits`, `${ms(replay.median)} ms`, `${ms(replay.p95)} ms`, ''],
    ]);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await studioBench();
