/**
 * Hostile s18 H#17: POST /api/v1/admin/handoffs/:handoffId/events with agentId 'ext-4111111111111111' stored and
 * showed the card number whole in /admin/handoffs, the handoff and the transcript (the name and text were masked).
 * An id the secrets rule would mask is now refused (400, body.agentId), nothing applied; ordinary ids work. Real HTTP.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { ADMIN, auth, startTestRuntime, type TestRuntime } from './runtimeFixtures';

const started: TestRuntime[] = [];
afterEach(async () => {
  for (const r of started.splice(0)) await r.stop();
});

describe('hostile s18 H#17: a secret in an integration agent\'s id', () => {
  it('is refused with what to send; nothing stored; an ordinary id is accepted', async () => {
    const rt = await startTestRuntime();
    started.push(rt);
    const c = (await rt.post('/api/v1/flows/shop/conversations', {})).body;
    expect((await rt.post(`/api/v1/conversations/${c.conversationId}/messages`, { choice: 'person' }, auth(c.token))).body.mode).toBe('waiting');
    const h = (await rt.get('/api/v1/admin/handoffs?status=pending', auth(ADMIN))).body.handoffs.find((x: any) => x.conversationId === c.conversationId);
    const ev = (body: unknown) => rt.post(`/api/v1/admin/handoffs/${encodeURIComponent(h.id)}/events`, body, auth(ADMIN));
    for (const agentId of ['ext-4111111111111111', 'password is Zebra77pw']) {
      const r = await ev({ type: 'accepted', agentId, agentName: 'Eve' });
      expect(r.status).toBe(400);
      expect(r.body.field).toBe('body.agentId');
      expect(r.body.message).toMatch(/agent id names the agent/);
    }
    const listed = JSON.stringify((await rt.get('/api/v1/admin/handoffs?status=pending', auth(ADMIN))).body);
    expect(listed).not.toContain('4111111111111111');
    expect(listed).toContain(h.id); // still pending: nothing applied
    expect((await ev({ type: 'accepted', agentId: 'ext-42', agentName: 'Eve' })).status).toBe(200);
    const all = JSON.stringify((await rt.get(`/api/v1/admin/conversations/${c.conversationId}/transcript`, auth(ADMIN))).body);
    expect(all).not.toContain('4111111111111111');
  });
});
