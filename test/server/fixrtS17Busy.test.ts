/**
 * Hostile s16 H#12 (runtime server, real HTTP, the customer-support template open all hours): with the only agent
 * Busy, the customer asked for a person, waited the queue timeout (10 minutes), was offered a ticket, asked for a
 * person again and got "I'm connecting you ..." again: a NEW handoff, which timed out the same way, without end (h1,
 * h4, h7, h10...). A Busy agent takes no chat by herself and did not pick this one from the queue, so after the
 * timeout she does not count as "someone reachable now" (shared/engine/humanTakeover.ts someoneReachableNow: Online
 * agents only; hunk /work/coord/s17/fixrt-h12-engine.patch for fixengine): the request stays with the ticket's
 * questions, and the conversation keeps its one handoff. An agent who comes Online meanwhile still gets it (hostile
 * s15 H#4).
 */
import { spawnSync } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { repoRoot } from '../../runtime/studio/startStudioServer';
import type { Flow } from '../../shared/flow/schema';
import { validateFlow } from '../../shared/flow/validateFlow';
import { agent, startAgentRuntime, stopAgentRuntimes, tok, type AgentRuntime } from './agentFixtures';
import { auth } from './runtimeFixtures';

afterEach(stopAgentRuntimes);

/** flows/customer-support.json open all hours (scripts/try/open-all-hours.mjs), as the hostile pass ran it. */
function openTemplate(): Flow {
  const r = spawnSync(process.execPath, ['scripts/try/open-all-hours.mjs', 'flows/customer-support.json'], { cwd: repoRoot, encoding: 'utf8' });
  expect(r.status).toBe(0);
  const v = validateFlow(JSON.parse(r.stdout));
  if (!v.ok || !v.flow) throw new Error(JSON.stringify(v.problems.slice(0, 3)));
  return v.flow;
}

const ann = agent('ann', { name: 'Ann', maxChats: 3 });
const boss = agent('boss', { name: 'Boss', admin: true });
const CONNECTING = /I'm connecting you/;

async function busyAnnAndACustomerWhoWaited(rt: AgentRuntime, flow: Flow) {
  rt.clock.now = Date.parse('2026-12-02T10:00:00Z');
  expect((await rt.post('/api/v1/agent/presence', { status: 'busy' }, tok(ann))).status).toBe(200);
  const c = (await rt.post(`/api/v1/flows/${flow.id}/conversations`, {})).body as { conversationId: string; token: string };
  const say = async (text: string) => {
    const r = await rt.post(`/api/v1/conversations/${c.conversationId}/messages`, { text }, auth(c.token));
    expect(r.status).toBe(200);
    return (r.body.messages as Array<{ text: string }>).map((m) => String(m.text)).join('\n');
  };
  await say('I want to talk to a human');
  expect(await say('ana@example.com')).toMatch(CONNECTING);
  // The template's queue timeout (10 minutes) runs out; Ann stays signed in and Busy (a request a minute).
  for (let m = 0; m < 11; m++) {
    rt.clock.now += 60_000;
    expect((await rt.get('/api/v1/agent/me', tok(ann))).body.status).toBe('busy');
    await rt.tick();
    await rt.runner.tick();
  }
  const view = await rt.get(`/api/v1/conversations/${c.conversationId}`, auth(c.token));
  expect(JSON.stringify(view.body)).toContain('Sorry for the wait: all our colleagues are still busy');
  return { c, say };
}

async function handoffsOf(rt: AgentRuntime, conversationId: string) {
  await rt.tick();
  return (rt.agentHub!.handoffList() as Array<{ id: string; conversationId: string; status: string }>).filter((h) => h.conversationId === conversationId);
}

describe('hostile s16 H#12: the only agent Busy', () => {
  it('after the queue timeout, asking for a person again is not a new handoff: the ticket goes on', async () => {
    const flow = openTemplate();
    const rt = await startAgentRuntime({ agents: [ann, boss], flow });
    const { c, say } = await busyAnnAndACustomerWhoWaited(rt, flow);
    const again = await say('I want to talk to a human please');
    expect(again).not.toMatch(CONNECTING);
    expect(again).toMatch(/what our team should help you with/);
    const done = await say('My parcel NW-104233 never arrived');
    expect(done).toMatch(/We've opened ticket T-/);
    const hs = await handoffsOf(rt, c.conversationId);
    expect(hs.map((h) => h.status)).toEqual(['expired']);
  });

  it('Ann Online after the timeout: the request goes to her at once (hostile s15 H#4 kept)', async () => {
    const flow = openTemplate();
    const rt = await startAgentRuntime({ agents: [ann, boss], flow });
    const { c, say } = await busyAnnAndACustomerWhoWaited(rt, flow);
    expect((await rt.post('/api/v1/agent/presence', { status: 'online' }, tok(ann))).status).toBe(200);
    expect(await say('I want to talk to a human please')).toMatch(CONNECTING);
    const hs = await handoffsOf(rt, c.conversationId);
    expect(hs.filter((h) => h.status === 'pending' || h.status === 'assigned')).toHaveLength(1);
  });
});
