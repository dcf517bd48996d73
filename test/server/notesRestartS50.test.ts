/**
 * Session 50 (lead, newcomer s50 N6): an agent's private note disappeared when `baton serve` restarted (the embedded
 * store kept notes in the process's memory): messages, the assignment and the chat survived, the notes to colleagues did
 * not. Now they are written to the data folder and read from it, with the one worker thread (`baton serve`'s default)
 * and without. (A pruned conversation's notes are removed with it: embeddedWriter.mjs prune; not tested here.)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { auth } from './runtimeFixtures';
import { agent, handoffOf, hid, online, startAgentRuntime, stopAgentRuntimes, tok } from './agentFixtures';
import { EmbeddedStore } from '../../runtime/store/embeddedStore';

const ada = agent('ada', { name: 'Ada', admin: true });
const dirs: string[] = [];
afterEach(async () => {
  await stopAgentRuntimes();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('newcomer s50 N6: private notes survive a restart', () => {
  for (const workers of [0, 1]) {
    it(`--workers ${workers}: the note is there after the server restarts on the same data folder`, async () => {
      const dir = mkdtempSync(join(tmpdir(), 'baton-notes-'));
      dirs.push(dir);
      const rt = await startAgentRuntime({ agents: [ada], dir, workers });
      await online(rt, ada);
      const c = await rt.post('/api/v1/flows/shop/conversations', {});
      const cid = c.body.conversationId;
      await rt.post(`/api/v1/conversations/${cid}/messages`, { text: 'I want to talk to a human' }, auth(c.body.token));
      await rt.tick();
      const h = await handoffOf(rt, cid, ada);
      expect((await rt.post(`${hid(h.id)}/accept`, {}, tok(ada))).status).toBe(200);
      expect((await rt.post(`${hid(h.id)}/messages`, { text: 'Possible cruciate, offer Dr Patel tomorrow 10:30', private: true }, tok(ada))).status).toBe(200);
      expect((await rt.post(`${hid(h.id)}/messages`, { text: 'second note', private: true }, tok(ada))).status).toBe(200);
      await rt.stop();

      const again = await startAgentRuntime({ agents: [ada], dir, workers });
      await online(again, ada);
      const res = await fetch(`${again.url}${hid(h.id)}`, { headers: tok(ada) });
      expect(res.status).toBe(200);
      const body = (await res.json()) as { notes: { text: string; agentName: string }[] };
      expect(body.notes.map((n) => n.text)).toEqual(['Possible cruciate, offer Dr Patel tomorrow 10:30', 'second note']);
      expect(body.notes[0]!.agentName).toBe('Ada');
    });
  }

  it('the store keeps each conversation\'s notes across a reopen; one shared state per store', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'baton-notes-'));
    dirs.push(dir);
    const store = new EmbeddedStore({ dir });
    try {
      await store.sharedState().addNote('c-gone', { id: 'n1', at: 5, text: 'x' });
      await store.sharedState().addNote('c-kept', { id: 'n2', at: 6, text: 'y' });
      expect(await store.sharedState().notes('c-gone')).toEqual([{ id: 'n1', at: 5, text: 'x' }]);
    } finally {
      await store.close();
    }
    const reopened = new EmbeddedStore({ dir });
    try {
      expect(await reopened.sharedState().notes('c-kept')).toEqual([{ id: 'n2', at: 6, text: 'y' }]);
      expect(reopened.sharedState()).toBe(reopened.sharedState());
    } finally {
      await reopened.close();
    }
  });
});
