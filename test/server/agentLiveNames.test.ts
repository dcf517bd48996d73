/**
 * Live rows name the customers the bot knows and preview what someone wrote (newcomer s7 #25: "Visitor f2c6fc" for
 * a customer who gave her name at the start, and "The bot is answering." as every row's preview). Real HTTP.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { auth } from './runtimeFixtures';
import { agent, startAgentRuntime, stopAgentRuntimes, tok } from './agentFixtures';

const boss = agent('boss', { teams: [], admin: true });
afterEach(stopAgentRuntimes);

describe('Live rows', () => {
  it("carry the customer's name (else email) and a preview that is not a status line", async () => {
    const rt = await startAgentRuntime({ agents: [boss] });
    const named = (await rt.post('/api/v1/flows/shop/conversations', { profile: { name: 'Curl Carla' } })).body;
    const mailed = (await rt.post('/api/v1/flows/shop/conversations', { profile: { email: 'una@example.com' } })).body;
    const anon = (await rt.post('/api/v1/flows/shop/conversations', {})).body;
    for (const c of [named, mailed, anon]) await rt.post(`/api/v1/conversations/${c.conversationId}/messages`, { text: 'hello' }, auth(c.token));
    const rows = (await rt.get('/api/v1/agent/conversations?mode=bot', tok(boss))).body.conversations as any[];
    const row = (id: string) => rows.find((r) => r.id === id);
    expect(row(named.conversationId).visitor).toBe('Curl Carla');
    expect(row(mailed.conversationId).visitor).toBe('una@example.com');
    expect(row(anon.conversationId).visitor).toBeNull();
    for (const r of rows) expect(r.lastMessage?.text).not.toMatch(/^The bot is answering\.$/);
  });
});
