/**
 * Session 49 (apisec4): the handoff's summary, tickets and transcript exports say which of the visitor's starting
 * details the website signed (verified) and which the page passed unsigned (the visitor's word), as the inbox's
 * Variables panel (session 47) and the notifications (session 48) already did. Session 48 left these three silent:
 * an agent reading the handoff API's summary, the Tickets screen or an exported transcript could not tell a signed
 * email from one the page made up.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { signIdentityToken } from '../../runtime/server/identityToken';
import { withVisitorNote } from '../../runtime/server/startDetails';
import { ADMIN, auth } from './runtimeFixtures';
import { agent, flowWithTakeover, hid, online, startAgentRuntime, stopAgentRuntimes, tok, type AgentRuntime } from './agentFixtures';

const SECRET = 'team-website-secret-0123456789-abcdefghijkl';
const NOTE = "Signed in on your website as cust-8841. Verified (signed by your website): customerEmail. Unverified (the page's word, not signed): customerName.";
const ann = agent('ann');
let rt: AgentRuntime | null = null;
afterEach(stopAgentRuntimes);

async function start(r: AgentRuntime, signed: boolean) {
  const token = signIdentityToken({ sub: 'cust-8841', aud: 'shop', exp: Math.floor(r.clock.now / 1000) + 600, variables: { customerEmail: 'kim@example.org' } }, SECRET);
  const c = await r.post('/api/v1/flows/shop/conversations', signed ? { identityToken: token, profile: { name: 'Kim Lee' } } : {});
  expect(c.status, JSON.stringify(c.body)).toBe(201);
  return { id: c.body.conversationId as string, say: (body: unknown) => r.post(`/api/v1/conversations/${c.body.conversationId}/messages`, body, auth(c.body.token)) };
}

describe('the summary, tickets and exports say which details are verified', () => {
  it('handoff summary (list and detail), ticket summary, transcript export json / text / csv', async () => {
    rt = await startAgentRuntime({ agents: [ann], flow: flowWithTakeover({ teams: ['Support'] }), config: { identity: { secret: SECRET, unsigned: 'keep' }, adminToken: ADMIN } });
    await online(rt, ann);
    const kim = await start(rt, true);
    expect((await kim.say({ choice: 'person' })).status).toBe(200);

    // The handoff's summary, in the list and the detail.
    const list = await rt.get('/api/v1/agent/handoffs?view=all', tok(ann));
    expect(list.status, JSON.stringify(list.body)).toBe(200);
    const row = list.body.handoffs.find((h: any) => h.conversationId === kim.id);
    expect(row.summary.endsWith(`\n\n${NOTE}`), row.summary).toBe(true);
    const detail = await rt.get(hid(row.id), tok(ann));
    expect(detail.body.context.summary.endsWith(`\n\n${NOTE}`)).toBe(true);
    // Once only, and the summary's own text is still first (the inbox reads the customer from its lead).
    expect(detail.body.context.summary.split('Signed in on your website').length).toBe(2);
    expect(detail.body.context.summary.startsWith('Kim Lee (kim@example.org)')).toBe(true);

    // A ticket opened by the same visitor (another chat, same token claims re-signed with a jti).
    const token2 = signIdentityToken({ sub: 'cust-8841', aud: 'shop', jti: 'view-2', exp: Math.floor(rt.clock.now / 1000) + 600, variables: { customerEmail: 'kim@example.org' } }, SECRET);
    const c2 = await rt.post('/api/v1/flows/shop/conversations', { identityToken: token2, profile: { name: 'Kim Lee' } });
    expect(c2.status, JSON.stringify(c2.body)).toBe(201);
    const say2 = (body: unknown) => rt!.post(`/api/v1/conversations/${c2.body.conversationId}/messages`, body, auth(c2.body.token));
    expect((await say2({ choice: 'problem' })).status).toBe(200);
    const told = await say2({ text: 'The lid is broken' });
    expect(JSON.stringify(told.body)).toContain('Ticket ');
    const tickets = await rt.get('/api/v1/agent/tickets', tok(ann));
    const t = tickets.body.tickets.find((x: any) => x.conversationId === c2.body.conversationId);
    expect(t, JSON.stringify(tickets.body)).toBeTruthy();
    expect(t.summary.endsWith(`\n\n${NOTE}`), t.summary).toBe(true);

    // Exports: json carries visitor {subject, verified, unverified}; text a line under the header; csv a visitor row.
    const json = await rt.get(`/api/v1/admin/conversations/${kim.id}/transcript?format=json`, auth(ADMIN));
    expect(json.status).toBe(200);
    expect(json.body.visitor).toEqual({ subject: 'cust-8841', verified: ['customerEmail'], unverified: ['customerName'] });
    expect(json.body.handoffs[0].summary.endsWith(NOTE)).toBe(true);
    const text = await fetch(`${rt.url}/api/v1/admin/conversations/${kim.id}/transcript?format=text`, { headers: auth(ADMIN) }).then((r) => r.text());
    expect(text.split('\n')[1]).toBe(`  ${NOTE}`);
    const csv = await fetch(`${rt.url}/api/v1/admin/conversations/${kim.id}/transcript?format=csv`, { headers: auth(ADMIN) }).then((r) => r.text());
    const visitorRow = csv.split('\r\n').find((l) => l.includes(',visitor,'));
    expect(visitorRow, csv).toBeDefined();
    expect(visitorRow).toContain('cust-8841');
    expect(visitorRow).toContain('Verified (signed by your website): customerEmail.');
    const many = await rt.get('/api/v1/admin/transcripts?format=json', auth(ADMIN));
    expect(many.body.conversations.filter((c: any) => c.visitor?.subject === 'cust-8841')).toHaveLength(2);

    // A chat started with nothing about the visitor: summary, ticket and export as before (no note, no visitor field).
    const plain = await start(rt, false);
    expect((await plain.say({ choice: 'person' })).status).toBe(200);
    const plainRow = (await rt.get('/api/v1/agent/handoffs?view=all', tok(ann))).body.handoffs.find((h: any) => h.conversationId === plain.id);
    expect(plainRow.summary).not.toContain('Signed in');
    expect(plainRow.summary).not.toContain('Verified');
    const plainJson = await rt.get(`/api/v1/admin/conversations/${plain.id}/transcript?format=json`, auth(ADMIN));
    expect(plainJson.body).not.toHaveProperty('visitor');
    const plainText = await fetch(`${rt.url}/api/v1/admin/conversations/${plain.id}/transcript?format=text`, { headers: auth(ADMIN) }).then((r) => r.text());
    expect(plainText).not.toContain('Verified');
  });

  it('withVisitorNote: nothing passed, note already there, an empty text', () => {
    expect(withVisitorNote('Kim is waiting.', undefined)).toBe('Kim is waiting.');
    expect(withVisitorNote('Kim is waiting.', {})).toBe('Kim is waiting.');
    const once = withVisitorNote('Kim is waiting.', { unsigned: { customerName: 'Kim' } });
    expect(once).toBe("Kim is waiting.\n\nUnverified (the page's word, not signed): customerName.");
    expect(withVisitorNote(once, { unsigned: { customerName: 'Kim' } })).toBe(once);
    expect(withVisitorNote('', { subject: 'c-1', signed: { plan: 'pro' } })).toBe('Signed in on your website as c-1. Verified (signed by your website): plan.');
  });
});
