/**
 * Newcomer s17 N#7 (server part): Ann's "your temporary password is Tulip-2291" reached the customer as "[hidden]" and
 * nothing told her. The send answer names what was hidden (`secretsHidden`, session 16) for her exact message; a
 * private note keeps `secretsHidden` with it (stored, pushed, and read back after a reload), so the inbox can say
 * so at the note later too (asked by fixui on the board, 16:31). Real HTTP on 127.0.0.1.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { listenSse } from '../support/sse';
import { agent, hid, handoffOf, online, startAgentRuntime, stopAgentRuntimes, tok } from './agentFixtures';
import { auth } from './runtimeFixtures';

afterEach(stopAgentRuntimes);

const ann = agent('ann', { name: 'Ann' });

describe('newcomer s17 N#7: the agent is told her words were hidden', () => {
  it('the message answer says "password"; the private note keeps its kinds after a reload and in the push', async () => {
    const rt = await startAgentRuntime({ agents: [ann] });
    await online(rt, ann);
    const c = await rt.customerWantsPerson();
    await rt.tick();
    const h = await handoffOf(rt, c.id, ann);
    if (h.status !== 'assigned') expect((await rt.post(`${hid(h.id)}/accept`, {}, tok(ann))).status).toBe(200);

    const sent = await rt.post(`${hid(h.id)}/messages`, { text: 'I reset it for you: your temporary password is Tulip-2291, please change it after you log in.' }, tok(ann));
    expect(sent.status).toBe(200);
    expect(sent.body.secretsHidden).toEqual(['password']);
    const customer = JSON.stringify((await rt.get(`/api/v1/conversations/${c.id}`, auth(c.token))).body);
    expect(customer).toContain('[hidden]');
    expect(customer).not.toContain('Tulip-2291');

    const pushed: any[] = [];
    const stream = listenSse(`${rt.url}/api/v1/agent/events`, (e) => pushed.push(e), tok(ann));
    try {
      await new Promise((r) => setTimeout(r, 300));
      const note = await rt.post(`${hid(h.id)}/messages`, { text: 'She read me her card 4111 1111 1111 1111 on the phone', private: true }, tok(ann));
      expect(note.status).toBe(200);
      expect(note.body.note.secretsHidden).toEqual(['card']);
      const plain = await rt.post(`${hid(h.id)}/messages`, { text: 'Called her back at 3pm.', private: true }, tok(ann));
      expect(plain.body.note.secretsHidden).toBeUndefined();
      // After a reload: the handoff's notes still say which one had something hidden.
      const notes = (await rt.get(hid(h.id), tok(ann))).body.notes as any[];
      expect(notes.find((n) => n.id === note.body.note.id).secretsHidden).toEqual(['card']);
      expect(notes.find((n) => n.id === plain.body.note.id).secretsHidden).toBeUndefined();
      const end = Date.now() + 3000;
      while (!pushed.some((e) => JSON.stringify(e).includes(note.body.note.id)) && Date.now() < end) await new Promise((r) => setTimeout(r, 50));
      const ev = pushed.find((e) => JSON.stringify(e).includes(note.body.note.id));
      expect(JSON.stringify(ev)).toContain('"secretsHidden":["card"]');
    } finally {
      stream.abort();
    }
  });
});
