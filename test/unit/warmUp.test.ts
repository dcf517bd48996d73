import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { readFlowFile } from '../../runtime/cli/readFlowFile';
import { warmUp } from '../../runtime/serve/warmUp';
import type { Flow } from '../../shared/flow/schema';

let support: Flow;
beforeAll(async () => {
  // As `baton serve` reads it (the schema fills the defaults the engine relies on).
  const r = await readFlowFile(fileURLToPath(new URL('../../flows/customer-support.json', import.meta.url)));
  if (r.status !== 'ok') throw new Error('flows/customer-support.json did not load');
  support = r.flow;
});

describe('warmUp (baton serve compiles the engine before the first customer)', () => {
  it('runs a throwaway conversation of the support flow without failing', () => {
    expect(warmUp([support], Date.parse('2026-12-01T10:00:00Z'))).toEqual([]);
  });

  it('a flow the engine cannot run is reported, not thrown, and the other flows are still warmed', () => {
    // No blocks: the engine cannot start it. `baton serve` must still start and serve the other flows.
    const broken = { ...support, id: 'broken', blocks: [], edges: [] } as unknown as Flow;
    const failed = warmUp([broken, support], Date.parse('2026-12-01T10:00:00Z'));
    expect(failed.map((f) => f.flowId)).toEqual(['broken']);
    expect(failed[0].err).toBeInstanceOf(Error);
    // Start only (the main thread of a server with worker threads): the broken flow is reported the same way.
    expect(warmUp([broken, support], Date.parse('2026-12-01T10:00:00Z'), true).map((f) => f.flowId)).toEqual(['broken']);
  });
});
