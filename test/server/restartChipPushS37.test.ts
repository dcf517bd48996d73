/**
 * Session 37 (found restoring e2e inboxTidyS36's restart half): after a restart, a waiting chat whose customer has not
 * come back is told "not seen since restart" once the grace for pages to reconnect is over (customerPresenceRestart).
 * Nothing announced that moment, so an inbox that read the chat within the grace (an agent signing in at once) showed
 * no chip at all until it read the chat again. The agent push stream now sends a `customer_page` frame for the open
 * chats that began before the start when the grace ends.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { customerPresenceTiming } from '../../runtime/agents/customerPresence';
import { agent, online, startAgentRuntime, stopAgentRuntimes, tok } from './agentFixtures';
import { openStream } from './agentSse';

const ann = agent('ann');
const T0 = Date.parse('2026-11-30T10:00:00Z');
const saved = { ...customerPresenceTiming };
const dirs: string[] = [];

beforeAll(() => {
  Object.assign(customerPresenceTiming, { closeGraceMs: 300, heartbeatMs: 100, ttlMs: 1_000 });
});
afterAll(() => {
  Object.assign(customerPresenceTiming, saved);
});
afterEach(async () => {
  await stopAgentRuntimes();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('the "not seen since restart" chip is pushed when the grace ends', () => {
  it('an inbox connected within the grace is told, without reading the chat again', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'baton-restart-chip-'));
    dirs.push(dir);
    let rt = await startAgentRuntime({ agents: [ann], dir });
    rt.clock.now = T0 - 60 * 60_000;
    await online(rt, ann);
    const sam = await rt.customerWantsPerson(); // a REST customer: never opens a page
    await rt.stop();

    rt = await startAgentRuntime({ agents: [ann], dir });
    const stream = await openStream(`${rt.url}/api/v1/agent/events`, tok(ann));
    await online(rt, ann);
    const row = async () => ((await rt.get('/api/v1/agent/handoffs?view=all', tok(ann))).body.handoffs as any[]).find((h) => h.conversationId === sam.id);
    expect((await row()).customerPage).toBeNull(); // within the grace: nothing claimed
    rt.clock.now = T0 + 60_000;
    const f = await stream.until((x) => x.event === 'customer_page' && x.data.conversationId === sam.id, 'customer_page frame');
    expect(f.data.page).toEqual({ open: false, at: T0, beforeRestart: true });
    expect(f.data.handoffIds).toEqual([(await row()).id]);
    stream.close();
  });
});
