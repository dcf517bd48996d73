/**
 * Newcomer s15 N#12 (lead's decision, session 16): an agent who steps away (inbox closed, or offline) keeps the chats
 * she has ANSWERED for a grace (settings.awayGraceMinutes, default 5): they stay hers and the customer is told she will
 * be back; returning in time changes nothing. After the grace the chat goes back to the queue at the place it had
 * (the front), not the back. Before: it went back after the inactivity timeout twice over, behind every customer who
 * had asked since, and she was given three other chats when she came back. Real HTTP and push streams.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { agent, autoAssign, flowWithTakeover, handoffOf, hid, online, startAgentRuntime, stopAgentRuntimes, tok } from './agentFixtures';
import { openStream } from './agentSse';
import { auth } from './runtimeFixtures';

afterEach(stopAgentRuntimes);

const ann = agent('ann', { name: 'Ann', maxChats: 1 });
const bob = agent('bob', { name: 'Bob' });
const boss = agent('boss', { name: 'Boss', admin: true });

const until = async (ok: () => boolean) => {
  for (let i = 0; i < 100 && !ok(); i++) await new Promise((r) => setTimeout(r, 20));
};
const customerSaw = async (rt: any, c: { id: string; token: string }) =>
  ((await rt.get(`/api/v1/conversations/${c.id}`, auth(c.token))).body.messages as Array<{ text: string }>).map((m) => String(m.text));

async function annHoldsAnsweredChat() {
  // A queue timeout longer than the test's minutes, so Carl still waits at the end.
  const rt = await startAgentRuntime({ agents: [ann, bob, boss], flow: flowWithTakeover({ ...autoAssign('least_busy', 3), queueTimeoutMinutes: 30 }) });
  const stream = await openStream(`${rt.url}/api/v1/agent/events`, tok(ann));
  await online(rt, ann);
  const sam = await rt.customerWantsPerson();
  await rt.tick();
  const h = await handoffOf(rt, sam.id, boss);
  expect([h.status, h.agentId]).toEqual(['assigned', 'ann']);
  expect((await rt.post(`${hid(h.id)}/messages`, { text: 'Hi Sam, let me look at your order.' }, tok(ann))).status).toBe(200);
  return { rt, stream, sam, h };
}

async function ticks(rt: any, ms: number, step = 30_000) {
  for (let t = 0; t < ms; t += step) {
    rt.clock.now += step;
    await rt.tick();
  }
}

describe('newcomer s15 N#12: an agent who steps away keeps the chats she answered for a grace', () => {
  it('closed her inbox for 3 minutes (offline by the inactivity timeout meanwhile): the chat stayed hers, the customer was told she will be back, then that she is back', async () => {
    const { rt, stream, sam, h } = await annHoldsAnsweredChat();
    stream.close();
    await until(() => !rt.agentHub!.connected('ann'));
    await ticks(rt, 30_000, 5_000);
    expect((await customerSaw(rt, sam)).join(' | ')).toMatch(/Ann has stepped away for a moment and will be back shortly/);
    const away = await handoffOf(rt, sam.id, boss);
    expect([away.status, away.agentId]).toEqual(['assigned', 'ann']);
    expect(typeof away.agentAwaySince).toBe('number');
    await ticks(rt, 150_000); // 3 minutes in all: past the 120 s inactivity timeout, inside the 5-minute grace
    expect(rt.agentHub!.status('ann')).toBe('offline');
    expect((await handoffOf(rt, sam.id, boss)).agentId).toBe('ann');
    // She is back: her inbox opens and she is Online again.
    const again = await openStream(`${rt.url}/api/v1/agent/events`, tok(ann));
    await online(rt, ann);
    await ticks(rt, 1000, 1000);
    const back = await handoffOf(rt, sam.id, boss);
    expect([back.status, back.agentId, back.agentAwaySince]).toEqual(['assigned', 'ann', null]);
    // Session 33 (newcomer s32 #5): said once she has stayed back BACK_SETTLE_MS (20 s), not at once.
    expect((await customerSaw(rt, sam)).at(-1)).toMatch(/stepped away/);
    await ticks(rt, 20_000, 5_000);
    const said = await customerSaw(rt, sam);
    expect(said.filter((t) => /stepped away/.test(t))).toHaveLength(1);
    expect(said[said.length - 1]).toBe('Ann is back.');
    expect(said.join(' | ')).not.toMatch(/finding someone else/);
    again.close();
  }, 30_000);

  it('newcomer s32 #5: back in the inbox and offline with "put it back" seconds later: no "is back" between "stepped away" and "finding someone else"', async () => {
    const { rt, stream, sam } = await annHoldsAnsweredChat();
    stream.close();
    await until(() => !rt.agentHub!.connected('ann'));
    await ticks(rt, 30_000, 5_000);
    expect((await customerSaw(rt, sam)).join(' | ')).toMatch(/Ann has stepped away/);
    const again = await openStream(`${rt.url}/api/v1/agent/events`, tok(ann));
    await online(rt, ann);
    await ticks(rt, 5_000, 1_000);
    expect((await rt.post('/api/v1/agent/presence', { status: 'offline', chats: 'requeue' }, tok(ann))).status).toBe(200);
    await ticks(rt, 30_000, 5_000);
    const said = await customerSaw(rt, sam);
    const from = said.findIndex((t) => /stepped away/.test(t));
    // Session 41 (newcomer s40 N2): nobody else is signed in, so the customer is told Ann had to leave and no one else is
    // available (the No agent exit), not "finding someone else".
    expect(said.slice(from).join(' | ')).toMatch(/stepped away.*Ann has had to leave and no one else/);
    expect(said.slice(from).filter((t) => /is back|connected with Ann again/.test(t))).toEqual([]);
    again.close();
  }, 30_000);

  it('away past the grace: the chat goes back to the queue at the front (ahead of a customer who asked after Sam); when she returns it is hers first', async () => {
    const { rt, stream, sam } = await annHoldsAnsweredChat();
    // Bob is signed in (his inbox open all along) but Busy, so chats queue; Carl asks after Sam and waits (Ann's one
    // seat is Sam's).
    const bobStream = await openStream(`${rt.url}/api/v1/agent/events`, tok(bob));
    expect((await rt.post('/api/v1/agent/presence', { status: 'busy' }, tok(bob))).status).toBe(200);
    rt.clock.now += 10_000;
    const carl = await rt.customerWantsPerson();
    await rt.tick();
    expect((await handoffOf(rt, carl.id, boss)).status).toBe('pending');
    stream.close();
    await until(() => !rt.agentHub!.connected('ann'));
    await ticks(rt, 4 * 60_000);
    expect((await handoffOf(rt, sam.id, boss)).agentId).toBe('ann'); // 4 minutes: still hers
    await ticks(rt, 90_000); // past 5 minutes
    const samH = await handoffOf(rt, sam.id, boss);
    const carlH = await handoffOf(rt, carl.id, boss);
    expect(samH.status).toBe("pending");
    expect(samH.queuedSince).toBeLessThan(carlH.queuedSince);
    expect(samH.queue.position).toBe(1);
    expect(carlH.queue.position).toBe(2);
    // Ann comes back: Sam's chat, first in the queue, is hers again (her one seat); Carl waits.
    const again = await openStream(`${rt.url}/api/v1/agent/events`, tok(ann));
    await online(rt, ann);
    await ticks(rt, 2000, 1000);
    expect((await handoffOf(rt, sam.id, boss)).agentId).toBe('ann');
    expect((await handoffOf(rt, carl.id, boss)).status).toBe('pending');
    again.close();
    bobStream.close();
  }, 30_000);
});
