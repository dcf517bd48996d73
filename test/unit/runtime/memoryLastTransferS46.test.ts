// Session 46 (tidy3): the last transfer of a handoff is kept by the shared state in one process too (MemorySharedState),
// as Redis keeps it across instances; agentRoutes' own map beside it is gone. The double-click behaviour over HTTP is in
// test/server/hostqS43Transfer.test.ts (memory) and tidyS44TransferRedis.test.ts (Redis).
import { describe, expect, it } from 'vitest';
import { MemorySharedState } from '../../../runtime/store/sharedState';

describe('MemorySharedState.lastTransfer', () => {
  it('none, then the last one noted for that handoff, a copy', async () => {
    const s = new MemorySharedState();
    expect(await s.lastTransfer('h1')).toBeNull();
    await s.setLastTransfer('h1', { by: 'ann', to: 'bob', at: 1 });
    await s.setLastTransfer('h1', { by: 'ann', to: 'cat', at: 2 });
    const t = await s.lastTransfer('h1');
    expect(t).toEqual({ by: 'ann', to: 'cat', at: 2 });
    t!.to = 'changed';
    expect((await s.lastTransfer('h1'))?.to).toBe('cat');
    expect(await s.lastTransfer('h2')).toBeNull();
  });
  it('keeps the last 1,000 handoffs, a handoff transferred again counting as the newest', async () => {
    const s = new MemorySharedState();
    for (let i = 0; i < 1000; i++) await s.setLastTransfer(`h${i}`, { by: 'a', to: 'b', at: i });
    await s.setLastTransfer('h0', { by: 'a', to: 'c', at: 1000 }); // h0 again: now the newest
    await s.setLastTransfer('h1000', { by: 'a', to: 'b', at: 1001 }); // one more: the oldest (h1) goes
    expect((await s.lastTransfer('h0'))?.to).toBe('c');
    expect(await s.lastTransfer('h1')).toBeNull();
    expect(await s.lastTransfer('h2')).not.toBeNull();
    expect(await s.lastTransfer('h1000')).not.toBeNull();
  });
});
