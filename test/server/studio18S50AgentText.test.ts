/**
 * Session 50 (studio18, hostile s49 L7): an agent message of "line1" + 20 blank lines + "line2" (agent API, as the
 * tester sent it) was stored as typed and drawn by the widget as a ~400 px bubble. The server now stores it with runs of
 * blank lines as one (shared/handoff/agentText.ts), for messages and private notes. Real HTTP.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { auth } from './runtimeFixtures';
import { agent, flowWithTakeover, startAgentRuntime, stopAgentRuntimes, tok } from './agentFixtures';

afterEach(async () => {
  await stopAgentRuntimes();
});

describe('hostile s49 L7: an agent message of blank lines', () => {
  it('is stored and sent with one blank line; a private note too', async () => {
    const ann = agent('ann', { teams: ['support'] });
    const rt = await startAgentRuntime({ agents: [ann], flow: flowWithTakeover({ teams: ['support'] }) });
    await rt.post('/api/v1/agent/presence', { status: 'online' }, tok(ann));
    const c = await rt.customerWantsPerson();
    const h = (await rt.get('/api/v1/agent/handoffs?view=unassigned', tok(ann))).body.handoffs[0];
    const hp = `/api/v1/agent/handoffs/${encodeURIComponent(h.id)}`;
    expect((await rt.post(`${hp}/accept`, {}, tok(ann))).status).toBe(200);
    expect((await rt.post(`${hp}/messages`, { text: `line1${'\n'.repeat(20)}line2` }, tok(ann))).status).toBe(200);
    const messages = (await rt.get(`/api/v1/conversations/${c.id}`, auth(c.token))).body.messages as { text?: string }[];
    expect(messages.map((m) => m.text).filter((t) => t?.startsWith('line1'))).toEqual(['line1\n\nline2']);
    expect((await rt.post(`${hp}/messages`, { text: '\r\n\r\nnote one\r\n\r\n\r\n\r\nnote two\n\n', private: true }, tok(ann))).status).toBe(200);
    const notes = (await rt.get(hp, tok(ann))).body.notes as { text: string }[];
    expect(notes.map((n) => n.text)).toContain('note one\n\nnote two');
  });
});
