/**
 * Session 46 (inbox11, newcomer s46 N11): after Ann transferred a chat to Bob, the inbox's timeline said "Handoff
 * waiting · Chose 'Talk to a mechanic'" again, as if the bot had handed over a second time. The status line the
 * transfer writes (assigned -> pending) now carries who transferred it to whom; a plain decline's line does not.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { agent, startAgentRuntime, stopAgentRuntimes, tok, type AgentRuntime } from './agentFixtures';

let rt: AgentRuntime | null = null;
afterEach(stopAgentRuntimes);

const ann = agent('ann');
const bob = agent('bob');
const hid = (id: string) => `/api/v1/agent/handoffs/${encodeURIComponent(id)}`;
type Line = { from: string; status?: { mode: string; handoff?: { status: string; transfer?: { by: string; to: string } } } };
const pendingLines = (t: Line[]) => t.filter((e) => e.from === 'system' && e.status?.handoff?.status === 'pending').map((e) => e.status!.handoff!.transfer ?? null);

describe('a transfer names itself in the transcript (N11)', () => {
  it('Ann -> Bob: the requeue line says by Ann to Bob; the first request and a decline say no transfer', async () => {
    rt = await startAgentRuntime({ agents: [ann, bob] });
    for (const a of [ann, bob]) await rt.post('/api/v1/agent/presence', { status: 'online' }, tok(a));
    await rt.customerWantsPerson();
    const h = (await rt.get('/api/v1/agent/handoffs', tok(ann))).body.handoffs[0];
    expect((await rt.post(`${hid(h.id)}/accept`, {}, tok(ann))).status).toBe(200);
    expect((await rt.post(`${hid(h.id)}/transfer`, { agentId: 'bob', note: 'He wants it today' }, tok(ann))).status).toBe(200);
    const t: Line[] = (await rt.get(hid(h.id), tok(bob))).body.transcript;
    const lines = pendingLines(t);
    expect(lines.length).toBeGreaterThanOrEqual(2);
    expect(lines[0]).toBeNull();
    expect(lines.at(-1)).toEqual({ by: ann.name, to: bob.name });

    // Bob declines: back in the queue, but not by a transfer.
    expect((await rt.post(`${hid(h.id)}/reject`, {}, tok(bob))).status).toBe(200);
    const after = pendingLines((await rt.get(hid(h.id), tok(ann))).body.transcript);
    expect(after.length).toBe(lines.length + 1);
    expect(after.at(-1)).toBeNull();
  });
});
