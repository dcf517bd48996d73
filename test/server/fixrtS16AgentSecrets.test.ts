/**
 * Hostile s16 H#2 (agent side): an AGENT's card number or password, in a message to the customer, a private note, a
 * close note or a variable they fix, was stored, shown to the customer, exported and found by the inbox search
 * verbatim (only the customer's text was masked). Now the agent's words are masked with the customer's rule
 * (shared/engine/customerSecrets.ts) before they are stored; the send answer says what was hidden. Real HTTP.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { agent, hid, handoffOf, online, startAgentRuntime, stopAgentRuntimes, tok } from './agentFixtures';
import { ADMIN, auth } from './runtimeFixtures';

afterEach(stopAgentRuntimes);

const ann = agent('ann', { name: 'Ann' });
const SECRETS = ['5555 5555 5555 4444', '5555555555554444', 'Zebra!Zebra99', '4111 1111 1111 1111', '4012 8888 8888 1881'];

describe('hostile s16 H#2: card numbers and passwords an agent types', () => {
  it('are masked in the message, private note and close note: not in the customer view, the transcripts, the export or search', async () => {
    const rt = await startAgentRuntime({ agents: [ann] });
    await online(rt, ann);
    const c = await rt.customerWantsPerson();
    await rt.tick();
    const h = await handoffOf(rt, c.id, ann);
    if (h.status !== 'assigned') expect((await rt.post(`${hid(h.id)}/accept`, {}, tok(ann))).status).toBe(200);

    const sent = await rt.post(`${hid(h.id)}/messages`, { text: 'I see card 5555 5555 5555 4444 on file; your new password is Zebra!Zebra99' }, tok(ann));
    expect(sent.status).toBe(200);
    expect(sent.body.secretsHidden).toEqual(expect.arrayContaining(['card', 'password']));
    expect(JSON.stringify(sent.body.messages)).toContain('[hidden]');
    const note = await rt.post(`${hid(h.id)}/messages`, { text: 'note: full card 4111 1111 1111 1111', private: true }, tok(ann));
    expect(note.status).toBe(200);
    expect(note.body.note.text).toMatch(/^note: full card \S*•+ ?1111$/); // the last four digits stay, as for a customer
    expect(note.body.secretsHidden).toEqual(['card']);
    // An ordinary message is unchanged and says nothing about hiding.
    const plain = await rt.post(`${hid(h.id)}/messages`, { text: 'Your order NW-104233 ships on 12 December.' }, tok(ann));
    expect(plain.body.secretsHidden).toBeUndefined();
    expect(JSON.stringify(plain.body.messages)).toContain('Your order NW-104233 ships on 12 December.');
    expect((await rt.post(`${hid(h.id)}/resolve`, { note: 'closing, card 4012 8888 8888 1881' }, tok(ann))).status).toBe(200);

    const views = {
      customer: JSON.stringify((await rt.get(`/api/v1/conversations/${c.id}`, auth(c.token))).body),
      handoff: JSON.stringify((await rt.get(hid(h.id), tok(ann))).body),
      agentTranscript: await (await fetch(`${rt.url}${hid(h.id)}/transcript`, { headers: tok(ann) })).text(),
      adminExport: await (await fetch(`${rt.url}/api/v1/admin/conversations/${c.id}/transcript`, { headers: auth(ADMIN) })).text(),
      adminCsv: await (await fetch(`${rt.url}/api/v1/admin/conversations/${c.id}/transcript?format=csv`, { headers: auth(ADMIN) })).text(),
    };
    for (const [where, text] of Object.entries(views)) {
      for (const secret of SECRETS) expect(text.includes(secret), `${where} holds ${secret}`).toBe(false);
    }
    expect(views.adminExport).toMatch(/I see card \S*•+ ?4444 on file; your new password is \[hidden\]/);
    expect(views.adminExport).toMatch(/note: full card \S*•+ ?1111/);
    for (const q of ['5555 5555', 'Zebra', '4111 1111']) {
      const found = (await rt.get(`/api/v1/agent/search?q=${encodeURIComponent(q)}`, tok(ann))).body.handoffs as unknown[];
      expect(found, `search "${q}"`).toEqual([]);
    }
    // The words around them are still found.
    const around = (await rt.get(`/api/v1/agent/search?q=${encodeURIComponent('on file')}`, tok(ann))).body.handoffs as Array<{ conversationId: string }>;
    expect(around.map((x) => x.conversationId)).toContain(c.id);
  });
});
