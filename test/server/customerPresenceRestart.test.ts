/**
 * fixrt s9 (README "Not finished": customer presence after a restart). Presence lives in memory, so after a restart a
 * customer who never came back showed nothing (unknown), as if never seen. Now a conversation that began before the
 * server started and whose page has not connected within the grace period (an open widget reconnects within ~2 s) is
 * shown closed at the restart (`beforeRestart`); a page that reconnects is simply open (not "back"); a conversation
 * started after the restart without a page stays unknown, as does a Rasa conversation in the Live list.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { customerPresenceTiming } from '../../runtime/agents/customerPresence';
import { auth } from './runtimeFixtures';
import { agent, online, startAgentRuntime, stopAgentRuntimes, tok, type AgentRuntime } from './agentFixtures';
import { openPage } from './agentSse';

const ann = agent('ann');
const T0 = Date.parse('2026-11-30T10:00:00Z');
const saved = { ...customerPresenceTiming };
const dirs: string[] = [];

beforeAll(() => {
  Object.assign(customerPresenceTiming, { closeGraceMs: 150, heartbeatMs: 100, ttlMs: 1_000 });
});
afterAll(() => {
  Object.assign(customerPresenceTiming, saved);
});
afterEach(async () => {
  await stopAgentRuntimes();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

async function pages(rt: AgentRuntime) {
  const rows = (await rt.get('/api/v1/agent/handoffs?view=all', tok(ann))).body.handoffs as Array<{ conversationId: string; customerPage: unknown }>;
  return new Map(rows.map((r) => [r.conversationId, r.customerPage]));
}

describe("the customer's page after a server restart", () => {
  it('a customer who never comes back is shown closed at the restart; one whose page reconnects is open', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'baton-presence-restart-'));
    dirs.push(dir);
    let rt = await startAgentRuntime({ agents: [ann], dir });
    const nine = T0 - 60 * 60_000; // the first run: 09:00; the restart: 10:00 (T0, each runtime's clock starts there)
    rt.clock.now = nine;
    await online(rt, ann);
    const gone = await rt.customerWantsPerson();
    const stays = await rt.customerWantsPerson();
    const tab = await openPage(rt.url, gone);
    expect((await pages(rt)).get(gone.id)).toEqual({ open: true, at: nine });
    tab.close();
    await rt.stop();

    rt = await startAgentRuntime({ agents: [ann], dir });
    await online(rt, ann);
    // Within the grace period nothing is claimed (an open page is reconnecting).
    const early = await pages(rt);
    expect(early.get(gone.id)).toBeNull();

    const back = await openPage(rt.url, stays);
    rt.clock.now = T0 + 60_000;
    // The next heartbeats (every 100 ms of real time here) decide both pages: wait for them rather than a fixed 200 ms,
    // which a busy machine can overrun (flake, session 10).
    let after = await pages(rt);
    for (const end = Date.now() + 10_000; Date.now() < end && (after.get(gone.id) === null || after.get(stays.id) === null); ) {
      await new Promise((r) => setTimeout(r, 50));
      after = await pages(rt);
    }
    expect(after.get(gone.id)).toEqual({ open: false, at: T0, beforeRestart: true });
    expect(after.get(stays.id)).toEqual({ open: true, at: T0 }); // reconnected: open, not back
    back.close();

    // A conversation started after the restart, with no page yet: unknown (an API client), as before.
    const fresh = await rt.customerWantsPerson();
    expect((await pages(rt)).get(fresh.id)).toBeNull();
  });
});
