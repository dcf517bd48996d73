/**
 * Session 39 (README "Not finished", newcomer s35 rest): a page killed while in the background (a tab swiped away from a
 * phone's task list) says nothing, and stayed "in the background" for ever, ahead of customers who were there. Past
 * customerPresenceTiming.backgroundGoneMs with its connection closed it now counts as gone (pageGone), the agents'
 * listeners are told once when that happens (the heartbeat: nothing else marks the moment), and the page gets its
 * place back when it returns. One process (MemorySharedState), a manual clock, real short timers.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { CustomerPresence, pageGone, type CustomerPage } from '../../../runtime/agents/customerPresence';
import { MemorySharedState } from '../../../runtime/store/sharedState';

const timing = { closeGraceMs: 20, heartbeatMs: 20, ttlMs: 1_000, backgroundGoneMs: 60_000 };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
let made: CustomerPresence[] = [];
afterEach(() => {
  for (const p of made) p.stop();
  made = [];
});

function presence() {
  const clock = { now: 1_000_000 };
  const p = new CustomerPresence(new MemorySharedState(), () => clock.now, undefined, { ...timing });
  made.push(p);
  const told: Array<CustomerPage | null> = [];
  p.listen((_cid, page) => told.push(page));
  return { p, clock, told };
}

async function backgroundedAndClosed() {
  const s = presence();
  s.p.opened('c1');
  s.clock.now += 1_000;
  s.p.background('c1', true);
  s.clock.now += 1_000;
  s.p.closed('c1');
  await sleep(60); // the close grace (20 ms) passes: told as closed
  return s;
}

describe('a page in the background past the limit counts as gone (session 39)', () => {
  it('within the limit: in the background, not gone; past it: gone, told to the listeners once', async () => {
    const { p, clock, told } = await backgroundedAndClosed();
    expect(pageGone(p.page('c1'))).toBe(false);
    expect(p.page('c1')).toMatchObject({ open: false, backgroundAt: expect.any(Number) });
    clock.now += 59_000;
    await sleep(60);
    expect(pageGone(p.page('c1'))).toBe(false);
    const before = told.length;
    clock.now += 2_000;
    await sleep(80); // a few heartbeats
    expect(p.page('c1')).toMatchObject({ open: false, backgroundGone: true });
    expect(pageGone(p.page('c1'))).toBe(true);
    const after = told.slice(before);
    expect(after).toHaveLength(1);
    expect(after[0]).toMatchObject({ backgroundGone: true });
  });

  it('the page comes back: there again, and a new stretch in the background starts the limit afresh', async () => {
    const { p, clock } = await backgroundedAndClosed();
    clock.now += 120_000;
    expect(pageGone(p.page('c1'))).toBe(true);
    p.opened('c1');
    p.background('c1', false);
    expect(p.page('c1')).toMatchObject({ open: true });
    expect(pageGone(p.page('c1'))).toBe(false);
    p.background('c1', true);
    p.closed('c1');
    await sleep(60);
    expect(p.page('c1')?.backgroundGone).toBeUndefined();
    expect(pageGone(p.page('c1'))).toBe(false);
  });

  it('a customer still using the chat API is there, however long the page has been in the background', async () => {
    const { p, clock } = await backgroundedAndClosed();
    clock.now += 120_000;
    p.active('c1');
    expect(p.page('c1')).toMatchObject({ activeAt: expect.any(Number) });
    expect(p.page('c1')?.backgroundGone).toBeUndefined();
    expect(pageGone(p.page('c1'))).toBe(false);
  });
});
