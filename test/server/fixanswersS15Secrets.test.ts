/**
 * Session 15 (hostile s15 H#3): a card number and a password typed by a customer are masked by the engine before the
 * runtime stores anything: the customer's reply, the stored transcript (every file under the data folder), the agent's
 * inbox transcript and the admin export in every format never hold them; the bot says it hid them.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { agent, flowWithTakeover, handoffOf, hid, online, startAgentRuntime, stopAgentRuntimes, tok } from './agentFixtures';
import { ADMIN, auth } from './runtimeFixtures';
import { DEFAULT_SECRET_HIDDEN_MESSAGE } from '../../shared/engine/customerSecrets';

afterEach(stopAgentRuntimes);

const ann = agent('ann', { teams: ['support'] });
const CARD = '4111 1111 1111 1111';
const PASSWORD = 'Hunter2!Hunter2';

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? filesUnder(p) : [p];
  });
}

describe('customer secrets never reach storage, the inbox or exports', () => {
  it('masks the card number and the password everywhere, and tells the customer once per message', async () => {
    const rt = await startAgentRuntime({ agents: [ann], flow: flowWithTakeover({ teams: ['support'], queueTimeoutMinutes: 10 }) });
    await online(rt, ann);
    const c = await rt.customerWantsPerson();
    const h = await handoffOf(rt, c.id);
    await rt.post(`${hid(h.id)}/accept`, {}, tok(ann));
    const sent = await rt.post(`/api/v1/conversations/${c.id}/messages`, { text: `my card number is ${CARD} exp 12/28, why was I charged twice?` }, auth(c.token));
    expect(sent.status).toBe(200);
    expect(JSON.stringify(sent.body)).toContain(DEFAULT_SECRET_HIDDEN_MESSAGE);
    await rt.post(`/api/v1/conversations/${c.id}/messages`, { text: `and my password is ${PASSWORD}` }, auth(c.token));

    const seen: string[] = [];
    for (const format of ['json', 'text', 'csv', 'jsonl']) {
      const inbox = await fetch(`${rt.url}${hid(h.id)}/transcript?format=${format}`, { headers: tok(ann) });
      expect(inbox.status).toBe(200);
      seen.push(await inbox.text());
      const exported = await fetch(`${rt.url}/api/v1/admin/transcripts?ids=${c.id}&format=${format}`, { headers: auth(ADMIN) });
      expect(exported.status).toBe(200);
      seen.push(await exported.text());
    }
    seen.push(JSON.stringify((await rt.get(`/api/v1/agent/handoffs?view=all`, tok(ann))).body));
    const all = seen.join('\n');
    // The expiry right after a masked card is hidden with it (session 19, fixsec2 1bcfc11; this assertion said
    // 'exp 12/28' stays until then).
    expect(all).toContain('my card number is •••• 1111 exp [hidden], why was I charged twice?');
    expect(all).toContain('and my password is [hidden]');
    expect(all).toContain(DEFAULT_SECRET_HIDDEN_MESSAGE);
    for (const secret of [CARD, CARD.replace(/ /g, ''), PASSWORD]) expect(all).not.toContain(secret);

    // Nothing the runtime wrote to its data folder holds them either (the store, journals, indexes).
    const stored = filesUnder(rt.dir).map((f) => readFileSync(f).toString('latin1')).join('\n');
    expect(stored.length).toBeGreaterThan(0);
    expect(stored).toContain('•••• 1111'.replace(/•/g, '\u00e2\u0080\u00a2'));
    for (const secret of [CARD, CARD.replace(/ /g, ''), PASSWORD]) expect(stored).not.toContain(secret);
  });
});
