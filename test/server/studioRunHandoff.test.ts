/**
 * Newcomer s6 #20: the studio's Run signs in one agent, "You (designer)". Before, that agent was in team 'support'
 * only, so every template whose Human takeover names a team (Skyline 'airport-desk', Harbor 'claims', Acme 'sales')
 * answered "no one is available" and the designer's inbox stayed empty. Now the designer is in every team and has
 * every skill the flow's takeover blocks name, stands in for agents a block allows by name, and Run says so.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_DESIGNER_NAME, StudioRunner, designerName } from '../../runtime/studio/run/studioRunner';
import { designerAccess } from '../../runtime/studio/run/designerAccess';
import { validateFlow } from '../../shared/flow/validateFlow';
import type { Flow } from '../../shared/flow/schema';

const parseFlow = (doc: unknown): Flow => validateFlow(doc).flow!;

const read = (name: string) => JSON.parse(readFileSync(join(__dirname, `../../flows/${name}.json`), 'utf8'));
const cleanup: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

function runner(now?: number): StudioRunner {
  const dir = mkdtempSync(join(tmpdir(), 'baton-runho-'));
  const r = new StudioRunner({ home: dir, ...(now !== undefined ? { now: () => now } : {}) });
  cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
  cleanup.push(() => r.stop());
  return r;
}

async function call(base: string, method: string, path: string, body?: unknown, token?: string): Promise<{ status: number; body: any }> {
  const res = await fetch(base + path, {
    method,
    headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body !== undefined ? JSON.stringify(body) : undefined,
  });
  return { status: res.status, body: await res.json().catch(() => null) };
}

const tokenOf = (inboxUrl: string) => decodeURIComponent(new URL(inboxUrl).hash.replace(/^#token=/, ''));

/** A Skyline traveller whose flight leaves in 15 minutes: handed over (waiting), never told "no one is available". */
async function urgentTraveller(base: string): Promise<{ status: number; body: any }> {
  const c = await call(base, 'POST', '/api/v1/flows/travel-urgency/conversations', {});
  expect(c.status).toBe(201);
  const say = (text: string) => call(base, 'POST', `/api/v1/conversations/${c.body.conversationId}/messages`, { text }, c.body.token);
  await say('K7XQ2P');
  const urgent = await say('my flight leaves in 15 minutes and the security queue is huge!!');
  const said = (urgent.body.messages ?? []).map((m: { text?: string }) => m.text ?? '').join(' | ');
  expect(said).not.toMatch(/no one from our team is available/i);
  expect(urgent.body.mode).toBe('waiting');
  return c;
}

describe('studio Run: the designer can take the handoffs of the flow it runs', () => {
  it('Skyline (team airport-desk): an urgent traveller reaches the designer inbox instead of "no one is available"', async () => {
    const r = runner();
    const info = await r.run(read('travel-urgency'));
    const base = info.runtimeUrl;
    const designer = tokenOf(info.inboxUrl);
    expect((await call(base, 'POST', '/api/v1/agent/presence', { status: 'online' }, designer)).status).toBe(200);
    const c = await urgentTraveller(base);
    const list = await call(base, 'GET', '/api/v1/agent/handoffs?view=all', undefined, designer);
    expect(list.status).toBe(200);
    expect(list.body.handoffs.map((h: { conversationId: string }) => h.conversationId)).toContain(c.body.conversationId);
    // The designer can take it.
    const h = list.body.handoffs.find((x: { conversationId: string }) => x.conversationId === c.body.conversationId);
    expect((await call(base, 'POST', `/api/v1/agent/handoffs/${encodeURIComponent(h.id)}/accept`, {}, designer)).status).toBe(200);
    expect(info.notes.join(' ')).toMatch(/in team 'airport-desk'/);
  });

  it('newcomer s26 F17: the designer counts online from the start, before any inbox is opened (the browser blocks it)', async () => {
    const r = runner();
    const info = await r.run(read('travel-urgency'));
    const base = info.runtimeUrl;
    const c = await urgentTraveller(base);
    // Opened later, the inbox has it: the designer takes it.
    const designer = tokenOf(info.inboxUrl);
    const list = await call(base, 'GET', '/api/v1/agent/handoffs?view=all', undefined, designer);
    const h = list.body.handoffs.find((x: { conversationId: string }) => x.conversationId === c.body.conversationId);
    expect(h).toBeTruthy();
  });

  it('every template: the designer is in each team and has each skill the takeover blocks name', () => {
    for (const name of ['customer-support', 'travel-urgency', 'insurance-claims', 'lead-gen']) {
      const flow = parseFlow(read(name));
      const a = designerAccess([flow], Date.parse('2026-03-02T10:00:00Z'));
      for (const b of flow.blocks) {
        if (b.kind !== 'human_takeover') continue;
        for (const t of b.data.teams) expect(a.teams.map((x) => x.toLowerCase()), `${name} ${b.id}`).toContain(t.trim().toLowerCase());
        if (b.data.skill.trim()) expect(a.skills).toContain(b.data.skill.trim());
      }
    }
  });

  it('a takeover that allows only named agents also allows the designer in the served copy, and Run says so', () => {
    const flow = parseFlow(read('customer-support'));
    const ht = flow.blocks.find((b) => b.kind === 'human_takeover')!;
    const only = { ...flow, blocks: flow.blocks.map((b) => (b === ht ? ({ ...b, data: { ...b.data, agents: ['ann', 'bob'] } } as typeof b) : b)) };
    const a = designerAccess([only], Date.parse('2026-03-02T10:00:00Z'));
    const served = a.flows[0].blocks.find((b) => b.id === ht.id)!;
    expect((served.data as { agents: string[] }).agents).toEqual(['ann', 'bob', 'designer']);
    expect(a.notes.join(' ')).toMatch(/Only named agents may take .*'ann' and 'bob'.*stand in/);
    // The document the designer edits is not touched.
    expect((only.blocks.find((b) => b.id === ht.id)!.data as { agents: string[] }).agents).toEqual(['ann', 'bob']);
  });

  it('a takeover outside its availability now is named before the designer tries it (Harbor on a Sunday night)', async () => {
    const sunday = Date.parse('2026-03-01T23:30:00Z');
    const r = runner(sunday);
    const info = await r.run(read('insurance-claims'));
    expect(info.notes.join(' ')).toMatch(/in team 'claims'/);
    expect(info.notes.join(' ')).toMatch(/availability hours.*Monday 00:30 in Europe\/Paris.*“No agent” exit/);
    const weekday = designerAccess([parseFlow(read('insurance-claims'))], Date.parse('2026-03-02T10:00:00Z'));
    expect(weekday.notes.join(' ')).not.toMatch(/availability hours/);
  });
});

describe("studio Run: the name the customer reads for the designer (newcomer s26 F18)", () => {
  it('a first name from the computer account, else "Designer"; never "You (designer)"', () => {
    expect(designerName('jane')).toBe('Jane');
    expect(designerName('jane.doe')).toBe('Jane');
    expect(designerName('MARCO_rossi')).toBe('Marco');
    for (const account of ['root', 'admin', 'ubuntu', 'node', '', 'x', 'u1234', 'jane\u202e', '日本']) expect(designerName(account), account).toBe(DEFAULT_DESIGNER_NAME);
    expect(designerName()).not.toMatch(/You|\(designer\)/);
  });

  it('the customer is told "<name> from the airport desk has joined.", not "You (designer) ..."', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'baton-runname-'));
    const r = new StudioRunner({ home: dir, designerName: 'Jane' });
    cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
    cleanup.push(() => r.stop());
    const info = await r.run(read('travel-urgency'));
    const base = info.runtimeUrl;
    const designer = tokenOf(info.inboxUrl);
    const c = await urgentTraveller(base);
    const list = await call(base, 'GET', '/api/v1/agent/handoffs?view=all', undefined, designer);
    const h = list.body.handoffs.find((x: { conversationId: string }) => x.conversationId === c.body.conversationId);
    expect((await call(base, 'POST', `/api/v1/agent/handoffs/${encodeURIComponent(h.id)}/accept`, {}, designer)).status).toBe(200);
    const after = await call(base, 'GET', `/api/v1/conversations/${c.body.conversationId}?after=0`, undefined, c.body.token);
    const said = (after.body.messages ?? []).map((m: { text?: string }) => m.text ?? '').join(' | ');
    expect(said).toMatch(/Jane from the airport desk has joined\./);
    expect(said).not.toMatch(/You \(designer\)/);
  });
});
