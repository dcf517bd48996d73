/**
 * Newcomer s16 #5 (lead, session 17): typing in a Message block's Message field three times made the history read
 * "Version 5 (current), Version 2, Version 1" (3 and 4 folded into 5, the user looked for them) and the list line
 * said `changed "message-1" (text)`: the block's id and the field's internal name, where the diff table says
 * "Message". A folded version now records the revision its run began with, and the line names the block as the
 * canvas does and the field as the inspector does. Real FlowStore on a temporary home, the clock given.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Flow } from '../../shared/flow/schema';
import { FlowStore } from '../../runtime/studio/flowStore';

let home: string;
let store: FlowStore;
let clock = Date.parse('2026-12-02T08:00:00Z');
beforeEach(async () => {
  home = await mkdtemp(join(tmpdir(), 'lead-versions-'));
  clock = Date.parse('2026-12-02T08:00:00Z');
  store = await FlowStore.open({ home, now: () => new Date(clock) });
});
afterEach(async () => {
  await rm(home, { recursive: true, force: true });
});

const withMessage = (f: Flow, text: string, label?: string): Flow => ({
  ...f,
  blocks: [...f.blocks.filter((b) => b.id !== 'message-1'), { id: 'message-1', kind: 'message', ...(label ? { label } : {}), position: { x: 300, y: 0 }, data: { text } } as Flow['blocks'][number]],
});

describe('version history numbers and words (newcomer s16 #5)', () => {
  it('a run of saves of one field is one version that says which numbers it holds; unnamed blocks go by their kind', async () => {
    const { key } = await store.create({});
    let flow = (await store.open(key)).flow;
    let seq = 1;
    const save = async (f: Flow) => {
      flow = f;
      clock += 1500;
      return store.save(key, f, seq++);
    };
    await save(withMessage(flow, '')); // a block added: a version of its own
    const added = store.versions(key)[0];
    await save(withMessage(flow, 'Hel'));
    await save(withMessage(flow, 'Hello th'));
    await save(withMessage(flow, 'Hello there'));
    const [latest, before] = store.versions(key);
    expect(before.revision, 'the version before the run is kept').toBe(added.revision);
    expect(latest.revision, 'three saves: the last number').toBe(added.revision + 3);
    expect(latest.edit?.first, 'the run began right after the block was added').toBe(added.revision + 1);
    expect(latest.summary).toBe('1 block changed: changed "Message" (Message)');
    expect(latest.summary).not.toContain('message-1');
    expect(latest.summary).not.toContain('(text)');
  });

  it('a version that folded nothing has no first; a labelled block goes by its label', async () => {
    const { key } = await store.create({});
    let flow = (await store.open(key)).flow;
    clock += 1000;
    await store.save(key, (flow = withMessage(flow, 'Hi', 'Welcome')), 1);
    clock += 1000;
    await store.save(key, withMessage(flow, 'Hi there', 'Welcome'), 2);
    const [latest] = store.versions(key);
    expect(latest.edit?.first).toBeUndefined();
    expect(latest.summary).toBe('1 block changed: changed "Welcome" (Message)');
  });
});
