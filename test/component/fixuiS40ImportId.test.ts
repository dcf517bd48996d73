/**
 * Newcomer s40 N4 (ui, session 40): a blank flow renamed "Test Shop Support" (key untitled-flow, id test-shop-support),
 * exported and imported back, made "Test Shop Support (2)" with the same id test-shop-support as its key: both flows
 * had one chat address and the copy took the editor address (#/flow/test-shop-support) the original's tab showed.
 * The copy now gets its own id and key (test-shop-support-2); the original keeps its address.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FlowStore } from '../../runtime/studio/flowStore';
import { idFollowingName } from '../../shared/flow/flowId';
import { addressSegment, keyOfAddress } from '../../renderer/studio/flowAddress';

let home: string;
let store: FlowStore;
beforeEach(async () => {
  home = await mkdtemp(join(tmpdir(), 'fixui-s40-import-'));
  store = await FlowStore.open({ home });
});
afterEach(async () => {
  await rm(home, { recursive: true, force: true });
});

describe('an export imported back beside its renamed original (newcomer s40 N4)', () => {
  it('the copy gets a new id and key; the original keeps its id and address', async () => {
    const blank = await store.create({});
    expect(blank.key).toBe('untitled-flow');
    // The header rename: the placeholder id follows the name (FlowNameTitle, shared/flow/flowId.ts).
    const id = idFollowingName(blank.flow.id, 'Test Shop Support');
    expect(id).toBe('test-shop-support');
    const opened = await store.open(blank.key);
    await store.save(blank.key, { ...opened.flow, name: 'Test Shop Support', id: id! }, opened.revision, { baseRevision: opened.revision });
    const exported = JSON.stringify((await store.open(blank.key)).flow);

    const copy = await store.importText(exported, 'test-shop-support.json');
    expect(copy.flow.name).toBe('Test Shop Support (2)');
    expect(copy.key).toBe('test-shop-support-2');
    expect(copy.flow.id).toBe('test-shop-support-2');

    const flows = (await store.list()).map((f) => ({ key: f.key, flowId: f.flowId, formerIds: f.formerIds }));
    expect(flows.filter((f) => f.flowId === 'test-shop-support').map((f) => f.key)).toEqual(['untitled-flow']);
    // The original's tab address still opens the original; the copy has an address of its own.
    expect(addressSegment('untitled-flow', 'test-shop-support', flows)).toBe('test-shop-support');
    expect(keyOfAddress('test-shop-support', flows)).toBe('untitled-flow');
    expect(addressSegment(copy.key, copy.flow.id, flows)).toBe('test-shop-support-2');
  });
});
