/**
 * Review of session 40 (session 41, studio): flowRevision (engine) and the studio's kept-undo fingerprint share one
 * canonical JSON text and one pair of hash lanes (shared/flow/canonicalHash.ts). No value changed: the sample flows'
 * revisions and fingerprints below were computed with the two old copies before the change (db274a9f).
 */
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { flowRevision } from '../../../shared/engine/flowRevision';
import { canonicalJson, hashLanes } from '../../../shared/flow/canonicalHash';
import { validateFlow } from '../../../shared/flow/validateFlow';
import { flowFingerprint } from '../../../renderer/studio/store/keptUndo';

const before: Record<string, [string, string]> = {
  'customer-support.json': ['be31b2349ca9d311', 'vxq82p.sbry9e.30385'],
  'insurance-claims.json': ['3bae8bbd48e35d82', 'u8p2x9.1fmfihg.12438'],
  'lead-gen.json': ['13b897d615308fca', 'xhzi6t.8bipgx.17098'],
  'travel-urgency.json': ['e50d02a9f47e036b', 'nbzixl.12x99yz.11669'],
};

describe('flowRevision and the kept-undo fingerprint on the shared helper', () => {
  for (const [file, [revision, fingerprint]] of Object.entries(before)) {
    it(`${file}: the same revision and fingerprint as before the change`, () => {
      // Two sample flows changed later in session 41 (injury, travel2): their copies as of db274a9f are the fixtures;
      // customer-support changed in session 43 (a low rating asks what went wrong): its copy as of bbab58ec.
      const path = existsSync(`test/fixtures/flowsBeforeS41/${file}`) ? `test/fixtures/flowsBeforeS41/${file}` : `flows/${file}`;
      const flow = validateFlow(JSON.parse(readFileSync(path, 'utf8'))).flow!;
      expect(flowRevision(flow)).toBe(revision);
      expect(flowFingerprint(flow)).toBe(fingerprint);
    });
  }

  it('the revision ignores layout, the fingerprint does not', () => {
    const flow = validateFlow(JSON.parse(readFileSync('flows/lead-gen.json', 'utf8'))).flow!;
    const moved = { ...flow, blocks: flow.blocks.map((b, i) => (i === 0 ? { ...b, position: { x: (b.position?.x ?? 0) + 8, y: b.position?.y ?? 0 } } : b)) };
    expect(flowRevision(moved)).toBe(flowRevision(flow));
    expect(flowFingerprint(moved)).not.toBe(flowFingerprint(flow));
  });
});

describe('canonicalJson', () => {
  it('sorts keys at every depth, leaves out undefined members, writes undefined list items as null', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, undefined, 'x'], c: undefined } })).toBe('{"a":{"d":[1,null,"x"]},"b":1}');
    expect(canonicalJson({ b: 1, a: 2 })).toBe(canonicalJson({ a: 2, b: 1 }));
  });
  it('leaves the skipped keys out at every depth', () => {
    expect(canonicalJson({ position: 1, blocks: [{ id: 'a', position: { x: 1 } }] }, new Set(['position']))).toBe('{"blocks":[{"id":"a"}]}');
  });
});

describe('hashLanes', () => {
  it('gives two unsigned 32-bit lanes; the fold changes only the second', () => {
    const [a, b] = hashLanes('hello', 15);
    const [a2, b2] = hashLanes('hello', 13);
    for (const v of [a, b, b2]) expect(Number.isInteger(v) && v >= 0 && v < 2 ** 32).toBe(true);
    expect(a2).toBe(a);
    expect(b2).not.toBe(b);
    // The first lane is FNV-1a 32 of the text: "hello" is 0x4f9f2cab.
    expect(a).toBe(0x4f9f2cab);
  });
});
