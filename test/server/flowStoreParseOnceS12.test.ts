/**
 * Review debt s11: the studio's flow store parsed the same disk text two to four times in one request (to compare it
 * with the version it wrote, to read it as a flow, to word its first problem). Each request below reads the file once
 * and parses it once, and answers as before (the answers are checked too: same banner, same 409, same versions).
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FlowStore, StudioError } from '../../runtime/studio/flowStore';
import type { Flow } from '../../shared/flow/schema';

let home: string;
beforeEach(async () => {
  home = await mkdtemp(join(tmpdir(), 'baton-parse-once-'));
});
afterEach(async () => {
  vi.restoreAllMocks();
  await rm(home, { recursive: true, force: true });
});

/** How many times JSON.parse reads `text` (with or without a BOM) while `run` runs. */
async function parsesOf<T>(text: string, run: () => Promise<T>): Promise<{ result: T | Error; parses: number }> {
  const body = text.replace(/^\uFEFF/, '');
  const real = JSON.parse;
  let parses = 0;
  const spy = vi.spyOn(JSON, 'parse').mockImplementation(function (this: unknown, s: string, reviver?: (this: unknown, key: string, value: unknown) => unknown) {
    if (s === body || s === text) parses++;
    return real.call(JSON, s, reviver);
  });
  try {
    return { result: await run().catch((e: Error) => e), parses };
  } finally {
    spy.mockRestore();
  }
}

async function openedFlow() {
  const store = await FlowStore.open({ home });
  const { key } = await store.create({ template: 'customer-support' });
  const opened = await store.open(key);
  const file = join(home, 'flows', `${key}.json`);
  return { store, key, opened, file };
}

function edited(text: string, what: string): string {
  const f = JSON.parse(text) as Flow;
  (f.blocks.find((b) => b.id === 'order_status')!.data as { text: string }).text = what;
  return JSON.stringify(f, null, 2) + '\n';
}

describe('the flow store reads a changed flow file once per request', () => {
  it('disk status of a hand-edited file: changed, parsed once', async () => {
    const { store, key, file } = await openedFlow();
    const disk = edited(await readFile(file, 'utf8'), 'EDITED ON DISK');
    await writeFile(file, disk);
    const { result, parses } = await parsesOf(disk, () => store.diskStatus(key));
    expect(result).toMatchObject({ changed: true, path: file });
    expect((result as { problem?: string }).problem).toBeUndefined();
    expect(parses).toBe(1);
  });

  it('disk status of a malformed file: the problem says where, parsed once', async () => {
    const { store, key, file } = await openedFlow();
    const disk = (await readFile(file, 'utf8')).replace('"blocks": [', '"blocks": [,');
    await writeFile(file, disk);
    const { result, parses } = await parsesOf(disk, () => store.diskStatus(key));
    expect((result as { problem?: string }).problem).toMatch(/not valid JSON.*line \d+, column \d+/);
    expect(parses).toBe(1);
  });

  it("an editor's save over a hand-edited file: 409 changed_on_disk, parsed once; Keep mine keeps the disk text as a version", async () => {
    const { store, key, opened, file } = await openedFlow();
    const disk = edited(await readFile(file, 'utf8'), 'EDITED ON DISK');
    await writeFile(file, disk);
    const refused = await parsesOf(disk, () => store.save(key, opened.flow, 0, { baseRevision: opened.revision }));
    expect(refused.result).toBeInstanceOf(StudioError);
    expect((refused.result as StudioError).code).toBe('changed_on_disk');
    expect(refused.parses).toBe(1);
    expect(await readFile(file, 'utf8')).toBe(disk);
    const kept = await parsesOf(disk, () => store.save(key, opened.flow, 0, { baseRevision: opened.revision, overwriteDisk: true }));
    expect((kept.result as { warnings?: string[] }).warnings?.[0]).toContain('changed outside the studio');
    expect(kept.parses).toBe(1);
    const versions = store.versions(key);
    expect(versions.some((v) => v.summary.startsWith('changed outside the studio'))).toBe(true);
  });

  it('Reload (take the disk version) and opening a changed file with unsaved edits: parsed once each', async () => {
    const { store, key, opened, file } = await openedFlow();
    const disk = edited(await readFile(file, 'utf8'), 'EDITED ON DISK');
    await writeFile(file, disk);
    const mine = structuredClone(opened.flow);
    (mine.blocks.find((b) => b.id === 'order_status')!.data as { text: string }).text = 'MINE';
    const took = await parsesOf(disk, () => store.takeDiskVersion(key, mine, 0));
    expect((took.result as { editsRevision: number | null }).editsRevision).not.toBeNull();
    expect(took.parses).toBe(1);

    // Unsaved edits journaled on the version taken, then the file changes on disk again before the next open.
    const now = await store.open(key);
    await store.appendJournal(key, [{ seq: now.journalSeq + 1, flow: mine }]);
    const disk2 = edited(disk, 'EDITED AGAIN');
    await writeFile(file, disk2);
    const again = await parsesOf(disk2, () => store.open(key));
    expect((again.result as { problems: { code: string }[] }).problems[0].code).toBe('journal_base_changed');
    expect(again.parses).toBe(1);
  });
});
