/**
 * Newcomer s35 #3 (Run): Run counts the designer online from the start, so a handoff waits in their Mine view for the
 * inbox to open (newcomer s26 F17). But once the inbox window had opened and closed (or the browser dropped it), the
 * designer counted as offline 3 s later: a customer told "Expected wait: under a minute" read at once "longer than
 * usual, as no one is available right now", and the next one got "no one is available" and a ticket. In a Run the
 * designer is reachable without an open inbox (AgentHub deps.inboxOptional).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StudioRunner } from '../../runtime/studio/run/studioRunner';
import { shopFlow } from './runtimeFixtures';

const cleanup: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function call(base: string, method: string, path: string, body?: unknown, token?: string): Promise<{ status: number; body: any }> {
  const res = await fetch(base + path, {
    method,
    headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body !== undefined ? JSON.stringify(body) : undefined,
  });
  return { status: res.status, body: await res.json().catch(() => null) };
}

describe('studio Run: the designer stays reachable after the inbox window closes (newcomer s35 #3)', () => {
  it('a customer asking after the inbox closed waits for the designer, and is never told no one is available', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'baton-run-inbox-'));
    const r = new StudioRunner({ home: dir, designerName: 'Jane' });
    cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
    cleanup.push(() => r.stop());
    const info = await r.run(shopFlow());
    const base = info.runtimeUrl;
    const designer = decodeURIComponent(new URL(info.inboxUrl).hash.replace(/^#token=/, ''));

    // The inbox window opens (its push stream connects) and closes again.
    const ac = new AbortController();
    const stream = await fetch(`${base}/api/v1/agent/events`, { headers: { authorization: `Bearer ${designer}` }, signal: ac.signal });
    expect(stream.status).toBe(200);
    await sleep(300);
    ac.abort();
    await sleep(3_500); // longer than the 3 s after which a closed inbox counted as offline

    const c = await call(base, 'POST', '/api/v1/flows/shop/conversations', {});
    const asked = await call(base, 'POST', `/api/v1/conversations/${c.body.conversationId}/messages`, { choice: 'person' }, c.body.token);
    expect(asked.body.mode).toBe('waiting');
    await sleep(1_500); // the agent loop runs every 250 ms: its queue lines would be written by now
    const all = await call(base, 'GET', `/api/v1/conversations/${c.body.conversationId}?after=0`, undefined, c.body.token);
    const said = (all.body.messages as Array<{ text: string }>).map((m) => m.text).join(' | ');
    expect(said).toMatch(/Expected wait: under a minute/);
    expect(said).not.toMatch(/no one (from our team )?is available/);
    // Opened again, the inbox has the chat.
    const list = await call(base, 'GET', '/api/v1/agent/handoffs?view=all', undefined, designer);
    expect(list.body.handoffs.map((h: { conversationId: string }) => h.conversationId)).toContain(c.body.conversationId);
  });
});
