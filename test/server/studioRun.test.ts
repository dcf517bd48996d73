/**
 * The studio's Run button, server side (runtime/studio/run/studioRunner.ts): a start that fails must release the
 * runtime's data folder, a taken port must not break Run, and failures are answers, not bare 500s.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StudioRunner } from '../../runtime/studio/run/studioRunner';
import { StudioError } from '../../runtime/studio/flowStore';

const flow = JSON.parse(readFileSync(join(__dirname, '../../flows/customer-support.json'), 'utf8'));
const cleanup: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

function home(): string {
  const dir = mkdtempSync(join(tmpdir(), 'baton-run-'));
  cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

function occupy(port: number): Promise<Server> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(port, '127.0.0.1', () => resolve(s));
  });
}

describe('studio Run', () => {
  it("runs a first flow whose Human takeover's exits are not wired yet (newcomer s26 F14: warnings, not a refusal)", async () => {
    const first = {
      version: 1,
      id: 'first-try',
      name: 'First try',
      blocks: [
        { id: 'start', kind: 'start', position: { x: 0, y: 0 }, data: {} },
        { id: 'hello', kind: 'message', position: { x: 300, y: 0 }, data: { text: 'Hello!' } },
        { id: 'human-takeover-1', kind: 'human_takeover', position: { x: 600, y: 0 }, data: {} },
      ],
      edges: [
        { id: 'e1', from: 'start', exit: 'next', to: 'hello' },
        { id: 'e2', from: 'hello', exit: 'next', to: 'human-takeover-1' },
      ],
    };
    const runner = new StudioRunner({ home: home() });
    cleanup.push(() => runner.stop());
    const info = await runner.run(first);
    expect((await fetch(`${info.runtimeUrl}/healthz`)).status).toBe(200);
  });

  it('when the last port was taken meanwhile, Run starts on a free one (and the data folder is not left locked)', async () => {
    const dir = home();
    const runner = new StudioRunner({ home: dir });
    cleanup.push(() => runner.stop());
    const first = await runner.run(flow);
    const port = Number(new URL(first.runtimeUrl).port);
    await runner.stop();
    const squatter = await occupy(port);
    cleanup.push(() => new Promise<void>((r) => squatter.close(() => r())));
    const second = await runner.run(flow);
    expect(Number(new URL(second.runtimeUrl).port)).not.toBe(port);
    const health = await fetch(`${second.runtimeUrl}/healthz`);
    expect(health.status).toBe(200);
  });

  it('a start that fails answers 503 with the reason and releases the data folder for the next Run', async () => {
    const dir = home();
    // 192.0.2.1 (TEST-NET-1) is not an address of this machine: listen fails after the store was opened.
    const broken = new StudioRunner({ home: dir, host: '192.0.2.1' });
    const err = await broken.run(flow).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(StudioError);
    expect((err as StudioError).status).toBe(503);
    expect((err as StudioError).code).toBe('run_failed');
    expect((err as StudioError).message).toMatch(/could not be started/);
    // Same home: this would fail with "the data folder is in use" if the first start had kept its lock.
    const runner = new StudioRunner({ home: dir });
    cleanup.push(() => runner.stop());
    const info = await runner.run(flow);
    expect((await fetch(`${info.runtimeUrl}/healthz`)).status).toBe(200);
  });
});

describe('studio Run again: a new chat with the edits (newcomer s35 #6)', () => {
  it("each press gives the widget link its own key; the chat page hands it to the widget's frame", async () => {
    const runner = new StudioRunner({ home: home() });
    cleanup.push(() => runner.stop());
    const first = await runner.run(flow);
    const again = await runner.run({ ...flow, name: 'Edited' });
    const keyOf = (u: string) => new URL(u).searchParams.get('newChat');
    expect(keyOf(first.widgetUrl)).toMatch(/^[A-Za-z0-9_-]{8,}$/);
    expect(keyOf(again.widgetUrl)).toMatch(/^[A-Za-z0-9_-]{8,}$/);
    expect(keyOf(again.widgetUrl)).not.toBe(keyOf(first.widgetUrl));
    const page = await (await fetch(again.widgetUrl)).text();
    expect(page).toContain(`data-new-chat="${keyOf(again.widgetUrl)}"`);
    // The loader passes it on to the chat frame (renderer/widget/main.tsx reads ?newChat).
    const loader = await (await fetch(`${again.runtimeUrl}/widget.js`)).text();
    expect(loader).toContain("'&newChat=' + encodeURIComponent(newChat)");
    // Anything but a plain key is dropped, not written into the page.
    const odd = await (await fetch(`${again.runtimeUrl}/chat/${encodeURIComponent(flow.id)}?newChat=%22%3E%3Cscript%3E`)).text();
    expect(odd).not.toContain('data-new-chat');
  });
});
