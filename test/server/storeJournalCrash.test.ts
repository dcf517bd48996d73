/**
 * SIGKILL during a prune of the embedded store (issue 8: "killing the process with SIGKILL loses no acknowledged
 * message"; session 5's journal layout spreads one conversation over its record, `journal`, `logRuns` and `log`).
 * A child process (storeJournalChild.ts) opens a data folder holding 700 old closed conversations and 12 open ones
 * and prunes it (since 2b6cf77 in transactions of 500 conversations); the test kills it at increasing delays after
 * the prune started, for the writer thread and for BATON_STORE_WRITER=inline, then opens the folder again and checks:
 * - each conversation was pruned whole or not at all (never some of one conversation's places: record, journal
 *   entries, moved runs, index entries), and only in whole transactions (0, 500 or 700 gone);
 * - every conversation still there reads its whole transcript, numbered 1..n; nothing of a pruned one is left;
 * - the open conversations are untouched; a prune after the restart finishes the job and leaves no orphan entry.
 */
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EmbeddedStore } from '../../runtime/store/embeddedStore';
import { repoRoot } from '../../runtime/studio/startStudioServer';
import type { LogEntry } from '../../runtime/store/types';
import { conversation } from './storeContract';

const DAY = 86_400_000;
const T0 = Date.parse('2026-11-30T10:00:00Z');
const BEFORE = T0 + 10 * DAY;
const CLOSED = Array.from({ length: 700 }, (_, i) => `old-${String(i).padStart(3, '0')}`);
const OPEN = Array.from({ length: 12 }, (_, i) => `live-${i}`);
const ROUNDS = 26; // commits per conversation: more than the 8 runs a record keeps (24 before session 8) (older ones move to logRuns)

const root = mkdtempSync(join(tmpdir(), 'baton-prune-crash-'));
const prepared = join(root, 'prepared');
let expected = new Map<string, string[]>();

afterAll(() => rmSync(root, { recursive: true, force: true }));

beforeAll(async () => {
  const store = new EmbeddedStore({ dir: prepared });
  expected = new Map([...CLOSED, ...OPEN].map((id) => [id, []]));
  const ids = [...CLOSED, ...OPEN];
  await Promise.all(ids.map((id) => store.commit({ conversation: conversation(id), create: true })));
  for (let n = 0; n < ROUNDS; n++) {
    await Promise.all(
      ids.map((id) => {
        const append = [
          { from: 'customer' as const, text: `${id}| question ${n}`, at: T0 + n },
          { from: 'bot' as const, text: `${id}| answer ${n}`, at: T0 + n },
        ];
        expected.get(id)!.push(...append.map((e) => e.text));
        return store.commit({ conversation: conversation(id, { state: { n } }), append });
      }),
    );
  }
  await Promise.all(CLOSED.map((id) => store.commit({ conversation: conversation(id, { mode: 'closed', closedAt: T0 + DAY }) })));
  await store.close();
}, 120_000);

/**
 * Runs the child on a copy of the prepared folder and SIGKILLs it `delayMs` after it said "pruning" (null: after
 * it said "pruned"). Returns whether the prune had returned, and how long it took when it had.
 */
async function pruneAndKill(dir: string, writer: string, delayMs: number | null): Promise<{ finished: boolean; ms: number | null }> {
  cpSync(prepared, dir, { recursive: true });
  const child = spawn(process.execPath, ['--import', 'tsx', join(repoRoot, 'test/server/storeJournalChild.ts'), dir, writer, String(BEFORE)], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stderr!.on('data', (d) => (err += d));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the child never started pruning: ${out}${err}`));
    }, 30_000);
    child.stdout!.on('data', (d) => {
      out += d;
      if (out.includes('pruning\n')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', (code) => reject(new Error(`the child exited (${code}): ${out}${err}`)));
  });
  if (delayMs === null) {
    while (!out.includes('pruned')) await new Promise((r) => setTimeout(r, 5));
  } else await new Promise((r) => setTimeout(r, delayMs));
  child.kill('SIGKILL');
  await exited;
  const m = /pruned \d+ in (\d+) ms/.exec(out);
  return { finished: m !== null, ms: m ? Number(m[1]) : null };
}

/** Texts of every journal and log entry in the folder that name `prefix` (what is left of those conversations). */
function entriesNaming(store: EmbeddedStore, prefix: string): number {
  const inner = store as unknown as Record<string, { getRange(o: object): Iterable<{ value: { text?: string } }> }>;
  let n = 0;
  for (const db of ['journal', 'log']) for (const { value } of inner[db].getRange({})) if (value.text?.startsWith(prefix)) n++;
  return n;
}

describe('SIGKILL in the middle of a prune (embedded store)', () => {
  for (const writer of ['thread', 'inline']) {
    it(`leaves each conversation pruned whole or not at all, every transcript readable, and a later prune finishes it (writer ${writer})`, async () => {
      const outcomes: string[] = [];
      // First a prune that is let finish: how long it takes in a child on this machine now. Then kills spread over
      // that time (most land while its transaction is being written or flushed) and after it.
      const first = await pruneAndKill(join(root, `${writer}-calibrate`), writer, null);
      rmSync(join(root, `${writer}-calibrate`), { recursive: true, force: true });
      const P = first.ms!;
      for (const delayMs of [null, 0, Math.round(P * 0.3), Math.round(P * 0.6), Math.round(P * 0.9), Math.round(P * 1.2)]) {
        const dir = join(root, `${writer}-${delayMs}`);
        const { finished } = await pruneAndKill(dir, writer, delayMs);
        const store = new EmbeddedStore({ dir, writer: writer as 'thread' | 'inline' });
        try {
          const present: string[] = [];
          for (const id of CLOSED) if (await store.getConversation(id)) present.push(id);
          outcomes.push(`${delayMs ?? 'after'} ms: ${finished ? 'finished' : 'killed'}, ${CLOSED.length - present.length} pruned`);
          // Whole transactions of 500 conversations: none, the first 500, or all.
          expect([0, CLOSED.length - 500, CLOSED.length], outcomes.join('; ')).toContain(present.length);
          if (finished) expect(present).toEqual([]);
          const check = async (ids: string[]) => {
            for (const id of ids) {
              const log: LogEntry[] = await store.readLog(id, 0, 10_000);
              expect(log.map((e) => e.seq), id).toEqual(expected.get(id)!.map((_, i) => i + 1));
              expect(log.map((e) => e.text), id).toEqual(expected.get(id));
              expect((await store.getConversation(id))!.lastSeq).toBe(log.length);
            }
          };
          await check(OPEN);
          await check(present);
          expect(await store.countByMode()).toEqual({ bot: OPEN.length, waiting: 0, agent: 0, closed: present.length });
          if (present.length === 0) expect(entriesNaming(store, 'old-')).toBe(0);
          // A prune after the restart finishes the job: nothing of the old ones left, no orphan entry.
          expect(await store.pruneClosed(BEFORE)).toBe(present.length);
          expect(entriesNaming(store, 'old-')).toBe(0);
          const journalEntries = (store as unknown as { journal: { getKeysCount(): number } }).journal.getKeysCount();
          expect(journalEntries).toBe(OPEN.length * ROUNDS * 2);
          await check(OPEN);
          // The open conversations go on after all this.
          const next = await store.commit({ conversation: conversation(OPEN[0]), append: [{ from: 'customer', text: 'still here', at: T0 + 99 }] });
          expect(next.appended[0].seq).toBe(ROUNDS * 2 + 1);
        } finally {
          await store.close();
          rmSync(dir, { recursive: true, force: true });
        }
      }
      // At least one kill landed before the prune was written, and the test saw both outcomes' checks run.
      expect(outcomes.some((o) => o.includes('killed')), outcomes.join('; ')).toBe(true);
      console.log(`prune crash (${writer}), prune took ${P} ms: ${outcomes.join('; ')}`);
    });
  }
});
