/**
 * An agent downloads a handoff's whole conversation (newcomer s7 #11b): GET /api/v1/agent/handoffs/:id/transcript
 * ?format=text|csv|json|jsonl, the admin export's formats, for an agent who can see the handoff (another team: 404).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { agent, flowWithTakeover, handoffOf, hid, online, startAgentRuntime, stopAgentRuntimes, tok } from './agentFixtures';

afterEach(stopAgentRuntimes);

const ann = agent('ann', { teams: ['support'] });
const sal = agent('sal', { teams: ['sales'] });

describe('transcript download for agents', () => {
  it('gives the whole conversation as a file to an agent who sees the handoff, and nobody else', async () => {
    const rt = await startAgentRuntime({ agents: [ann, sal], flow: flowWithTakeover({ teams: ['support'], queueTimeoutMinutes: 10 }) });
    await online(rt, ann, sal);
    const c = await rt.customerWantsPerson();
    const h = await handoffOf(rt, c.id);
    await rt.post(`${hid(h.id)}/accept`, {}, tok(ann));
    await rt.post(`${hid(h.id)}/messages`, { text: 'Hi, Ann here.\nLooking now.' }, tok(ann));

    const text = await fetch(`${rt.url}${hid(h.id)}/transcript?format=text`, { headers: tok(ann) });
    expect(text.status).toBe(200);
    expect(text.headers.get('content-type')).toContain('text/plain');
    expect(text.headers.get('content-disposition')).toBe(`attachment; filename="transcript-${c.id}.txt"`);
    const body = await text.text();
    expect(body).toContain('Bot: Welcome to the shop!');
    expect(body).toContain('Customer: Talk to a person');
    expect(body).toMatch(/Agent Ann: Hi, Ann here\.\n {4}Looking now\.\n/);

    const csv = await fetch(`${rt.url}${hid(h.id)}/transcript?format=csv`, { headers: tok(ann) });
    expect((await csv.text()).split('\r\n')[0]).toBe('conversation_id,flow_id,mode,seq,at,from,name,text,buttons,status');
    expect((await fetch(`${rt.url}${hid(h.id)}/transcript?format=pdf`, { headers: tok(ann) })).status).toBe(400);
    expect((await fetch(`${rt.url}${hid(h.id)}/transcript`, { headers: tok(sal) })).status).toBe(404);
    expect((await fetch(`${rt.url}${hid(h.id)}/transcript`)).status).toBe(401);
  });
});
