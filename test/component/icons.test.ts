import { describe, expect, it } from 'vitest';
import { blockDefinitions } from '../../shared/flow/blockRegistry';
import { iconMap } from '../../renderer/ui/Icon';

describe('block icons', () => {
  it('every icon a block definition names is in the studio icon map', () => {
    const defs = Object.values(blockDefinitions as Record<string, { kind: string; icon: string }>);
    expect(defs.length).toBeGreaterThan(10);
    const missing = defs.filter((d) => !iconMap[d.icon]).map((d) => `${d.kind}: ${d.icon}`);
    expect(missing).toEqual([]);
  });
});
