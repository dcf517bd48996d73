/**
 * Hostile s9 #17: an agent's chosen Offline was kept only in memory: after a restart of baton serve (a deploy, a crash
 * restart) the next inbox that loaded read offlineChosen false and set her Online again, so queued chats went to
 * someone who had gone home. It is now kept next to the agents file with the sign-in sessions.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { auth } from './runtimeFixtures';
import { agent, PASSWORD, startAgentRuntime, stopAgentRuntimes, type AgentRuntime } from './agentFixtures';
import { loadAgentsFile } from '../../runtime/agents/agentDirectory';

afterEach(stopAgentRuntimes);

describe('hostile s9 #17: a chosen Offline survives a restart', () => {
  it('offlineChosen is still true after baton serve restarts; choosing online clears it, also over a restart', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'baton-offline-restart-'));
    const file = join(dir, 'agents.json');
    writeFileSync(file, JSON.stringify([agent('ann', { token: undefined })]));
    let rt: AgentRuntime | null = null;
    try {
      rt = await startAgentRuntime({ agents: (await loadAgentsFile(file)).agents, file });
      const phone = (await rt.post('/api/v1/agent/session', { login: 'ann', password: PASSWORD })).body.token as string;
      await rt.post('/api/v1/agent/presence', { status: 'online' }, auth(phone));
      await rt.post('/api/v1/agent/presence', { status: 'offline' }, auth(phone));
      expect((await rt.get('/api/v1/agent/me', auth(phone))).body).toMatchObject({ status: 'offline', offlineChosen: true });
      await rt.stop();

      rt = await startAgentRuntime({ agents: (await loadAgentsFile(file)).agents, file });
      // The phone's inbox loads after the restart: the server still says she chose offline.
      expect((await rt.get('/api/v1/agent/me', auth(phone))).body).toMatchObject({ status: 'offline', offlineChosen: true });
      // Choosing online clears it (and that too survives a restart).
      await rt.post('/api/v1/agent/presence', { status: 'online' }, auth(phone));
      await rt.stop();
      rt = await startAgentRuntime({ agents: (await loadAgentsFile(file)).agents, file });
      expect((await rt.get('/api/v1/agent/me', auth(phone))).body).toMatchObject({ offlineChosen: false });
    } finally {
      await rt?.stop().catch(() => {});
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
