/**
 * Session 47 (rtsec, hostile s47 L2): an admin taking a chat another agent held told the customer "Ann is transferring
 * you to Ann", and the handoff row's `transfer` said byId bob / by Ann (two different agents). Now the customer reads
 * who had it and who has it ("Ann is taking over your chat from Bob.", "Your chat is moving from Bob to Cat."), the row's
 * transfer names the admin by id and name, and the inbox timeline's status line carries `from`. An ordinary transfer
 * keeps its words. Real HTTP on 127.0.0.1.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { auth } from './runtimeFixtures';
import { agent, flowWithTakeover, handoffOf, hid, online, startAgentRuntime, stopAgentRuntimes, tok } from './agentFixtures';

afterEach(stopAgentRuntimes);

const STAY = { offlineAfterSeconds: 3600 };
const ann = agent('ann', { admin: true });
const bob = agent('bob');
const cat = agent('cat');

/** A chat Bob holds (Ann gave it to him, as in the hostile repro), and what the customer has read so far. */
async function heldByBob() {
  const rt = await startAgentRuntime({ agents: [ann, bob, cat], settings: STAY, flow: flowWithTakeover({ queueTimeoutMinutes: 10 }) });
  await online(rt, ann, bob, cat);
  const c = await rt.customerWantsPerson();
  const h = await handoffOf(rt, c.id);
  expect((await rt.post(`${hid(h.id)}/accept`, {}, tok(ann))).status).toBe(200);
  expect((await rt.post(`${hid(h.id)}/transfer`, { agentId: 'bob' }, tok(ann))).status).toBe(200);
  expect((await rt.post(`${hid(h.id)}/messages`, { text: 'Hi, Bob here.' }, tok(bob))).status).toBe(200);
  const log = async () => (await rt.get(`/api/v1/conversations/${c.id}`, auth(c.token))).body.messages as any[];
  const seen = (await log()).length;
  const since = async () => (await log()).slice(seen);
  return { rt, c, h, since };
}

describe('hostile s47 L2: an admin takes a chat another agent holds', () => {
  it('to herself: "Ann is taking over your chat from Bob.", the row says Ann did it (byId ann, by Ann)', async () => {
    const { rt, c, h, since } = await heldByBob();
    expect((await rt.post(`${hid(h.id)}/transfer`, { agentId: 'ann' }, tok(ann))).status).toBe(200);
    const said = (await since()).map((m) => m.text);
    expect(said).toContain('Ann is taking over your chat from Bob.');
    expect(said.join('\n')).not.toMatch(/transferring you to Ann|Bob is transferring/);
    expect(await handoffOf(rt, c.id)).toMatchObject({ status: 'assigned', agentId: 'ann' });
    const row = (await rt.get('/api/v1/agent/handoffs?view=mine', tok(ann))).body.handoffs.find((x: any) => x.id === h.id);
    expect(row.transfer).toMatchObject({ byId: 'ann', by: 'Ann' });
    // The inbox timeline's line for the move: who took it from whom.
    const status = (await since()).find((m) => m.status?.handoff?.transfer)?.status.handoff.transfer;
    expect(status).toEqual({ by: 'Ann', to: 'Ann', from: 'Bob' });
  });

  it('to a colleague: "Your chat is moving from Bob to Cat.", Cat\'s row says Ann transferred it', async () => {
    const { rt, c, h, since } = await heldByBob();
    expect((await rt.post(`${hid(h.id)}/transfer`, { agentId: 'cat' }, tok(ann))).status).toBe(200);
    const said = (await since()).map((m) => m.text);
    expect(said).toContain('Your chat is moving from Bob to Cat. Please stay with us.');
    expect(said.join('\n')).not.toMatch(/is transferring you to/);
    expect(await handoffOf(rt, c.id)).toMatchObject({ status: 'assigned', agentId: 'cat' });
    const row = (await rt.get('/api/v1/agent/handoffs?view=mine', tok(cat))).body.handoffs.find((x: any) => x.id === h.id);
    expect(row.transfer).toMatchObject({ byId: 'ann', by: 'Ann' });
  });

  it('an ordinary transfer by the holder keeps its words and names the holder', async () => {
    const { rt, h, since } = await heldByBob();
    expect((await rt.post(`${hid(h.id)}/transfer`, { agentId: 'cat' }, tok(bob))).status).toBe(200);
    const msgs = await since();
    expect(msgs.map((m) => m.text)).toContain('Bob is transferring you to Cat. Please stay with us.');
    expect(msgs.find((m) => m.status?.handoff?.transfer)?.status.handoff.transfer).toEqual({ by: 'Bob', to: 'Cat' });
    const row = (await rt.get('/api/v1/agent/handoffs?view=mine', tok(cat))).body.handoffs.find((x: any) => x.id === h.id);
    expect(row.transfer).toMatchObject({ byId: 'bob', by: 'Bob' });
  });
});
