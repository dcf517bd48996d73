/**
 * Newcomer s17 #7 rest (session 19): an agent MESSAGE in which a card number or password was masked did not keep which
 * kinds were hidden (private notes did), so after a reload the inbox could not say so. The engine now keeps them on the
 * message's transcript entry (`secretsHidden`), and the log the inbox reads after a reload carries them. Real HTTP.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { agent, hid, handoffOf, online, startAgentRuntime, stopAgentRuntimes, tok } from './agentFixtures';

afterEach(stopAgentRuntimes);

const ann = agent('ann', { name: 'Ann' });

type Entry = { from?: string; text?: string; secretsHidden?: string[] };

function agentEntries(body: unknown): Entry[] {
  const out: Entry[] = [];
  const walk = (v: unknown) => {
    if (Array.isArray(v)) for (const x of v) walk(x);
    else if (v !== null && typeof v === 'object') {
      const e = v as Entry;
      if (e.from === 'agent' && typeof e.text === 'string') out.push(e);
      else for (const x of Object.values(v)) walk(x);
    }
  };
  walk(body);
  return out;
}

describe('newcomer s17 #7 rest: an agent message keeps which secrets were hidden', () => {
  it('after a reload (the handoff and its transcript read again) the masked message still says card and password; a plain one says nothing', async () => {
    const rt = await startAgentRuntime({ agents: [ann] });
    await online(rt, ann);
    const c = await rt.customerWantsPerson();
    await rt.tick();
    const h = await handoffOf(rt, c.id, ann);
    if (h.status !== 'assigned') expect((await rt.post(`${hid(h.id)}/accept`, {}, tok(ann))).status).toBe(200);
    const sent = await rt.post(`${hid(h.id)}/messages`, { text: 'I see card 5555 5555 5555 4444 on file; your new password is Zebra!Zebra99' }, tok(ann));
    expect(sent.status).toBe(200);
    expect((await rt.post(`${hid(h.id)}/messages`, { text: 'Your order ships on Friday.' }, tok(ann))).status).toBe(200);

    const transcript = JSON.parse(await (await fetch(`${rt.url}${hid(h.id)}/transcript`, { headers: tok(ann) })).text());
    const entries = agentEntries(transcript);
    const masked = entries.find((e) => e.text!.includes('[hidden]'));
    expect(masked, JSON.stringify(entries)).toBeDefined();
    expect(masked!.text).not.toContain('Zebra!Zebra99');
    expect([...(masked!.secretsHidden ?? [])].sort()).toEqual(['card', 'password']);
    const plain = entries.find((e) => e.text === 'Your order ships on Friday.');
    expect(plain).toBeDefined();
    expect(plain!.secretsHidden).toBeUndefined();
  });
});
