/**
 * Which embedded database for `baton serve`? Measures durable (fsync'd) write throughput for the workload the
 * runtime has per customer message: one ~3 KB conversation state overwritten + two ~200 B transcript entries
 * appended, acknowledged only once on disk. Two patterns: one writer at a time (latency bound) and 1,000
 * concurrent writers (what group commit can do). Baseline: append + fdatasync to a plain file, same run.
 *
 *   npx tsx test/bench/runtimeStoreCompare.ts
 *   STORE_CANDIDATES=/tmp/storebench npx tsx test/bench/runtimeStoreCompare.ts   # also classic-level, better-sqlite3@12
 *
 * lmdb is a project dependency; classic-level and better-sqlite3 are not (we measured them from a scratch
 * install: `npm install --prefix /tmp/storebench classic-level@3.0.0 better-sqlite3@12.11.1`).
 */
import { mkdtempSync, rmSync, openSync, writeSync, fdatasyncSync, closeSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { open as openLmdb } from 'lmdb';

const state = JSON.stringify({ v: 1, variables: { text: 'x'.repeat(2800) } });
const entry = JSON.stringify({ from: 'customer', text: 'Where is my order 12345? It has been a week.', at: 1 });
const N_SEQ = 300;
const N_CONC = 5000;
const CONC = 1000;

interface Candidate {
  name: string;
  setup(dir: string): Promise<(i: number) => Promise<void>>;
  close(): Promise<void>;
}

const candidates: Candidate[] = [];
let fd = -1;
candidates.push({
  name: 'baseline: append + fdatasync per write (plain file)',
  async setup(dir) {
    fd = openSync(join(dir, 'log'), 'a');
    return async (i) => {
      writeSync(fd, `${i} ${state}\n${entry}\n${entry}\n`);
      fdatasyncSync(fd);
    };
  },
  async close() {
    closeSync(fd);
  },
});

let lmdbDb: ReturnType<typeof openLmdb> | null = null;
candidates.push({
  name: 'lmdb 3.5 (async batched transactions, sync on commit)',
  async setup(dir) {
    lmdbDb = openLmdb({ path: join(dir, 'lmdb'), encoding: 'string' });
    const db = lmdbDb;
    return (i) =>
      db.transaction(() => {
        const c = i % 1000;
        db.put(`s:${c}`, state);
        db.put(`l:${c}:${i}:a`, entry);
        db.put(`l:${c}:${i}:b`, entry);
      }) as Promise<void>;
  },
  async close() {
    await lmdbDb!.close();
  },
});

const extra = process.env.STORE_CANDIDATES;
if (extra) {
  const req = createRequire(join(extra, 'node_modules', 'x.js'));
  try {
    const { ClassicLevel } = req('classic-level');
    let db: any;
    candidates.push({
      name: 'classic-level 3 (LevelDB, batch with sync: true)',
      async setup(dir) {
        db = new ClassicLevel(join(dir, 'level'), { valueEncoding: 'utf8' });
        await db.open();
        return (i) => {
          const c = i % 1000;
          return db.batch(
            [
              { type: 'put', key: `s:${c}`, value: state },
              { type: 'put', key: `l:${c}:${i}:a`, value: entry },
              { type: 'put', key: `l:${c}:${i}:b`, value: entry },
            ],
            { sync: true },
          );
        };
      },
      async close() {
        await db.close();
      },
    });
  } catch (e) {
    console.log('classic-level not available:', (e as Error).message);
  }
  try {
    const Database = req('better-sqlite3');
    let db: any;
    candidates.push({
      name: 'better-sqlite3 12 (WAL, synchronous=FULL, group commit per tick)',
      async setup(dir) {
        db = new Database(join(dir, 'sqlite.db'));
        db.pragma('journal_mode = WAL');
        db.pragma('synchronous = FULL');
        db.exec('create table s (k text primary key, v text); create table l (k text primary key, v text)');
        const putS = db.prepare('insert or replace into s values (?, ?)');
        const putL = db.prepare('insert into l values (?, ?)');
        let pending: Array<{ i: number; done: () => void }> = [];
        const flush = db.transaction((batch: Array<{ i: number }>) => {
          for (const { i } of batch) {
            const c = i % 1000;
            putS.run(`s:${c}`, state);
            putL.run(`l:${c}:${i}:a`, entry);
            putL.run(`l:${c}:${i}:b`, entry);
          }
        });
        return (i) =>
          new Promise<void>((resolve) => {
            pending.push({ i, done: resolve });
            if (pending.length === 1)
              setImmediate(() => {
                const batch = pending;
                pending = [];
                flush(batch);
                for (const p of batch) p.done();
              });
          });
      },
      async close() {
        db.close();
      },
    });
  } catch (e) {
    console.log('better-sqlite3 not available:', (e as Error).message);
  }
}

async function measure(c: Candidate) {
  const dir = mkdtempSync(join(tmpdir(), 'baton-store-bench-'));
  try {
    const write = await c.setup(dir);
    let t0 = performance.now();
    for (let i = 0; i < N_SEQ; i++) await write(i);
    const seqRate = N_SEQ / ((performance.now() - t0) / 1000);
    t0 = performance.now();
    let next = N_SEQ;
    const end = N_SEQ + N_CONC;
    await Promise.all(
      Array.from({ length: CONC }, async () => {
        while (next < end) await write(next++);
      }),
    );
    const concRate = N_CONC / ((performance.now() - t0) / 1000);
    await c.close();
    return { seqRate, concRate };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const rows: string[][] = [['store', 'one writer (writes/s)', `${CONC} concurrent writers (writes/s)`]];
for (const c of candidates) {
  const r = await measure(c);
  rows.push([c.name, fmt(r.seqRate), fmt(r.concRate)]);
}
const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
console.log('\nDurable writes, one customer message each (state + 2 transcript entries, fsync before acknowledging)\n');
rows.forEach((r, n) => {
  console.log('| ' + r.map((c, i) => c.padEnd(widths[i])).join(' | ') + ' |');
  if (n === 0) console.log('|' + widths.map((w) => '-'.repeat(w + 2)).join('|') + '|');
});
