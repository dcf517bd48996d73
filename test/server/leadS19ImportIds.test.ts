/**
 * Session 19 (lead): the studio's import, newcomer s18 #4 and #5, hostile s18 #29.
 * - a numbered import's key and name carry the same number ("Harbor (2)" was given the key harbor-5);
 * - a file's id that is not a valid flow id is not kept beside the valid key made from it ("café" / cafe);
 * - a name numbered with 10 or more digits is renumbered on its base ("X (9999999999) (2)" before);
 * - a UTF-16 or UTF-32 file (which a browser reads as boxes and NULs) is refused with its encoding named.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FlowStore } from '../../runtime/studio/flowStore';
import { validateFlow } from '../../shared/flow/validateFlow';

let home: string;
let store: FlowStore;
beforeEach(async () => {
  home = await mkdtemp(join(tmpdir(), 'lead-import-ids-'));
  store = await FlowStore.open({ home });
});
afterEach(async () => {
  await rm(home, { recursive: true, force: true });
});

const flowText = (id: string, name: string) =>
  JSON.stringify({ version: 1, id, name, blocks: [{ id: 'start', kind: 'start', label: 'Start', position: { x: 0, y: 0 }, data: {} }], edges: [] });

describe('studio import: ids and names (session 19)', () => {
  it('a numbered import gets one number for its name and its key (newcomer s18 #4)', async () => {
    await store.importText(flowText('harbor', 'Harbor'), 'harbor.json');
    for (const n of [2, 3, 4]) await store.importText(flowText(`harbor-${n}`, `Other ${n}`), `o${n}.json`);
    const copy = await store.importText(flowText('harbor', 'Harbor'), 'harbor.json');
    expect(copy.key).toBe('harbor-5');
    expect(copy.flow.name).toBe('Harbor (5)');
    expect(copy.flow.id).toBe('harbor-5');
    const next = await store.importText(flowText('harbor', 'Harbor'), 'harbor.json');
    expect([next.key, next.flow.name]).toEqual(['harbor-6', 'Harbor (6)']);
  });

  it('the same from a template or a blank flow', async () => {
    for (const n of [2, 3]) await store.importText(flowText(`untitled-flow-${n}`, `Mine ${n}`), `m${n}.json`);
    const names = [];
    for (let i = 0; i < 3; i++) {
      const made = await store.create({});
      names.push([made.key, made.flow.name]);
    }
    expect(names).toEqual([
      ['untitled-flow', 'Untitled flow'],
      ['untitled-flow-4', 'Untitled flow (4)'],
      ['untitled-flow-5', 'Untitled flow (5)'],
    ]);
  });

  it('an id that is not a valid flow id is replaced by the key made from it (hostile s18 #29)', async () => {
    const r = await store.importText(flowText('café', 'Café'), 'cafe.json');
    expect(r.key).toBe('cafe');
    expect(r.flow.id).toBe('cafe');
    expect(validateFlow((await store.open(r.key)).flow).problems.filter((p) => p.path === '$.id')).toEqual([]);
    const kept = await store.importText(flowText('Support_EU', 'Support EU'), 'eu.json');
    expect(kept.flow.id).toBe('Support_EU');
  });

  it('a name numbered with 10+ digits is renumbered on its base (hostile s18 #29)', async () => {
    const first = await store.importText(flowText('big', 'Big (9999999999)'), 'big.json');
    expect(first.flow.name).toBe('Big (9999999999)');
    const second = await store.importText(flowText('big', 'Big (9999999999)'), 'big.json');
    expect(second.flow.name).toBe('Big (10000000000)');
  });

  it('a UTF-32 or UTF-16 file read as UTF-8 is refused with its encoding and how to save it (newcomer s18 #5)', async () => {
    const json = flowText('wide', 'Wide');
    const utf32 = new Uint8Array(4 + json.length * 4);
    utf32.set([0xff, 0xfe, 0, 0]);
    for (let i = 0; i < json.length; i++) utf32[4 + i * 4] = json.charCodeAt(i);
    const utf16 = new Uint8Array(2 + json.length * 2);
    utf16.set([0xff, 0xfe]);
    for (let i = 0; i < json.length; i++) utf16[2 + i * 2] = json.charCodeAt(i);
    for (const [bytes, enc] of [[utf32, 'UTF-32'], [utf16, 'UTF-16']] as const) {
      const asBrowserReadsIt = new TextDecoder('utf-8').decode(bytes);
      const err = await store.importText(asBrowserReadsIt, 'wide.json').then(() => null, (e: Error & { hint?: string; status?: number }) => e);
      expect(err?.message).toContain(`wide.json cannot be imported: the file is saved as ${enc}, not UTF-8`);
      expect(err?.message).not.toContain('\uFFFD');
      expect(err?.hint).toContain('Save it again as UTF-8');
    }
    expect((await store.list()).length).toBe(0);
  });
});
