/**
 * Hostile s17 H#15 (lead, session 17): a copy's name was cut to the schema's 200 UTF-16 units in the middle of an
 * emoji ("aaa…😀\ud83d (2)": a lone surrogate saved in the flow file), and "Q (999999)" became "Q (1000000)", after
 * which the next copy was numbered on the whole name. Names are cut between characters and numbers up to nine digits
 * are renumbered on their base.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FlowStore, cutUnits } from '../../runtime/studio/flowStore';

let home: string;
let store: FlowStore;
beforeEach(async () => {
  home = await mkdtemp(join(tmpdir(), 'lead-import-names-'));
  store = await FlowStore.open({ home });
});
afterEach(async () => {
  await rm(home, { recursive: true, force: true });
});

const lone = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

describe('numbered copies of long and numbered names (hostile s17 H#15)', () => {
  it('a 200-unit name ending in emoji: the copy is cut before the emoji it would split; the file holds no lone surrogate', async () => {
    const name = 'a'.repeat(193) + '😀😀😀b';
    expect(name.length).toBe(200);
    const first = await store.create({ name });
    const copy = await store.create({ name });
    expect(copy.flow.name).not.toMatch(lone);
    expect(copy.flow.name).toBe('a'.repeat(193) + '😀 (2)');
    const onDisk = await readFile(join(home, 'flows', `${copy.key}.json`), 'utf8');
    expect(onDisk).not.toMatch(/\\ud83d(?!\\ude)/i);
    expect(JSON.parse(onDisk).name).toBe(copy.flow.name);
    expect(first.flow.name).toBe(name);
  });

  it('"Q (999999)" twice then again: (1000000), then (1000001)', async () => {
    await store.create({ name: 'Q (999999)' });
    expect((await store.create({ name: 'Q (999999)' })).flow.name).toBe('Q (1000000)');
    expect((await store.create({ name: 'Q (1000000)' })).flow.name).toBe('Q (1000001)');
  });

  it('cutUnits never splits a surrogate pair', () => {
    expect(cutUnits('ab😀', 3)).toBe('ab');
    expect(cutUnits('ab😀', 4)).toBe('ab😀');
    expect(cutUnits('abc', 2)).toBe('ab');
  });
});

describe('a number that belongs to the name is not a copy number in the key (session 17 review)', () => {
  it('"Top 10" twice: top-10, then top-10-2 (was top-2); "Top 5" created twice: top-5-2', async () => {
    const a = await store.create({ name: 'Top 10' });
    const b = await store.create({ name: 'Top 10' });
    expect([a.key, b.key]).toEqual(['top-10', 'top-10-2']);
    expect(b.flow.name).toBe('Top 10 (2)');
    await store.create({ name: 'Top 5' });
    expect((await store.create({ name: 'Top 5' })).key).toBe('top-5-2');
  });
});
