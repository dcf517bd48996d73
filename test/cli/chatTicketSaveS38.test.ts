/**
 * Session 38 (hostile mini-pass of session 37): `baton chat` refused to save a chat that opened a ticket ("not saved:
 * the scenario would not replay this chat (message 11: chat "... ticket T-CLI ...", scenario "... T-SCENARIO ...")"):
 * the ticket number derives from the conversation id, and the chat's recording ran under another id. It records under
 * the chat's own id now and the saved scenario keeps it; `baton test` replays it and passes.
 */
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { batonInProcess, chatInProcess } from './runInProcess';

const dir = mkdtempSync(join(tmpdir(), 'baton-chat-ticket-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('baton chat: a chat that opened a ticket is saved as a scenario (session 38)', () => {
  it('customer-support out of hours: the ticket chat saves, and baton test passes it', async () => {
    const flow = join(dir, 'customer-support.json');
    copyFileSync('flows/customer-support.json', flow);
    const chat = await chatInProcess(flow, ['I want to talk to a person', 'Sam', 'sam@example.com', 'my parcel never arrived', '/save ticket chat'], Date.parse('2026-03-01T03:00:00Z'));
    expect(chat.stdout).toContain("We've opened ticket T-CLI.");
    expect(chat.stdout).toContain('saved scenario "ticket chat"');
    const file = JSON.parse(readFileSync(join(dir, 'customer-support.scenarios.json'), 'utf8'));
    expect(file.scenarios[0]).toMatchObject({ name: 'ticket chat', conversationId: 'cli' });
    const test = await batonInProcess(['test', flow]);
    expect(test.stdout).toContain('PASS ticket chat');
    expect(test.code).toBe(0);
  });
});
