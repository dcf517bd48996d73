/**
 * Transfer to a team nobody of can take the chat (README "Not finished", session 7): the agent API refuses it with
 * 409 team_offline and the reason, the chat stays with the agent; a team with someone signed in (online or busy: a
 * busy agent can still pick it from the queue) takes it.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { agent, flowWithTakeover, handoffOf, hid, online, startAgentRuntime, stopAgentRuntimes, tok } from './agentFixtures';

afterEach(stopAgentRuntimes);

const ann = agent('ann', { teams: ['support'] });
const bea = agent('bea', { teams: ['billing'] });

describe('transfer to a team', () => {
  it('is refused while nobody in that team is signed in, and goes through once someone is (even busy)', async () => {
    const rt = await startAgentRuntime({ agents: [ann, bea], flow: flowWithTakeover({ teams: ['support'], queueTimeoutMinutes: 10 }) });
    await online(rt, ann);
    const c = await rt.customerWantsPerson();
    const h = await handoffOf(rt, c.id);
    expect((await rt.post(`${hid(h.id)}/accept`, {}, tok(ann))).status).toBe(200);

    const refused = await rt.post(`${hid(h.id)}/transfer`, { team: 'billing' }, tok(ann));
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ error: 'team_offline', field: 'body.team' });
    expect(refused.body.message).toContain('nobody in team "billing" is signed in');
    // Her own team, where she is the only one signed in: the same (it would come back to nobody but her).
    expect((await rt.post(`${hid(h.id)}/transfer`, { team: 'support' }, tok(ann))).body.error).toBe('team_offline');
    // Nothing moved: Ann still holds the chat.
    expect(await handoffOf(rt, c.id)).toMatchObject({ status: 'assigned', agentId: 'ann' });

    expect((await rt.post('/api/v1/agent/presence', { status: 'busy' }, tok(bea))).status).toBe(200);
    const moved = await rt.post(`${hid(h.id)}/transfer`, { team: 'billing' }, tok(ann));
    expect(moved.status).toBe(200);
    expect(moved.body.handoff).toMatchObject({ status: 'pending', teams: ['billing'] });
  });
});
