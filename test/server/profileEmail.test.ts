/**
 * An email given when the conversation starts (profile.email, variables.customerEmail) is checked like the typed
 * answer (hostile s7): "not-an-email" used to be taken, the Human Takeover's "What is your email address?" skipped,
 * and the agent and the ticket left with no way to reach the customer. Now: 400 naming the field, nothing created;
 * a real address is taken (and the question skipped, as before); without one the block asks.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { auth } from './runtimeFixtures';
import { agent, flowWithTakeover, startAgentRuntime, stopAgentRuntimes, tok } from './agentFixtures';

afterEach(stopAgentRuntimes);

const ann = agent('ann');
const EMAIL_QUESTION = 'What is your email address, in case we get disconnected?';

async function runtime() {
  const rt = await startAgentRuntime({ agents: [ann], flow: flowWithTakeover({ assignation: 'custom', askEmail: true }) });
  await rt.post('/api/v1/agent/presence', { status: 'online' }, tok(ann));
  return rt;
}

const texts = (r: { body: { messages: Array<{ text: string }> } }) => r.body.messages.map((m) => m.text);

describe('an email given up front', () => {
  it('an invalid profile.email is refused with a 400 naming body.profile.email; nothing is created', async () => {
    const rt = await runtime();
    for (const bad of ['not-an-email', 'ana@example', 'ana@example.com, victim@other.example', '"Ana" <ana@example.com>', '', 'my email is ana@example.com']) {
      const r = await rt.post('/api/v1/flows/shop/conversations', { profile: { email: bad } });
      expect(r.status, bad).toBe(400);
      expect(r.body.error).toBe('invalid_request');
      expect(r.body.message).toContain('body.profile.email');
      expect(r.body.message).toContain('one email address');
    }
    const live = (await rt.get('/api/v1/agent/conversations?mode=bot', tok(ann))).body.total;
    expect(live).toBe(0);
  });

  it('variables.customerEmail gets the same check (the same variable, another way in)', async () => {
    const rt = await runtime();
    const r = await rt.post('/api/v1/flows/shop/conversations', { variables: { customerEmail: 'not-an-email' } });
    expect(r.status).toBe(400);
    expect(r.body.message).toContain('body.variables.customerEmail');
    expect((await rt.post('/api/v1/flows/shop/conversations', { variables: { customerEmail: 42 } })).status).toBe(400);
  });

  it('a real address is taken and the question skipped; without one the takeover asks', async () => {
    const rt = await runtime();
    const known = (await rt.post('/api/v1/flows/shop/conversations', { profile: { email: 'Ana@Example.com', name: 'Ana' } })).body;
    const r1 = await rt.post(`/api/v1/conversations/${known.conversationId}/messages`, { choice: 'person' }, auth(known.token));
    expect(r1.status).toBe(200);
    expect(texts(r1)).not.toContain(EMAIL_QUESTION);
    expect(r1.body.mode).toBe('waiting');

    const unknown = (await rt.post('/api/v1/flows/shop/conversations', { profile: { name: 'Bo' } })).body;
    const r2 = await rt.post(`/api/v1/conversations/${unknown.conversationId}/messages`, { choice: 'person' }, auth(unknown.token));
    expect(texts(r2)).toContain(EMAIL_QUESTION);
    // The typed answer's check, for comparison: the same value is refused there too.
    const r3 = await rt.post(`/api/v1/conversations/${unknown.conversationId}/messages`, { text: 'not-an-email' }, auth(unknown.token));
    expect(texts(r3).some((t) => t.startsWith("That doesn't look like an email address"))).toBe(true);
  });
});
