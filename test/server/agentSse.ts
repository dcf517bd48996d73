/**
 * A push-stream (Server-Sent Events) reader for the agent tests: frames with their `id` (null when the frame has
 * none), `event` and parsed `data`, and `until(match)` to wait for one.
 */
import { request, type IncomingMessage } from 'node:http';
import { expect } from 'vitest';
import { takeSseFrames } from '../support/sse';

export interface Frame {
  id: string | null;
  event: string;
  data: any;
}

/**
 * Opens a push stream (the customer's or an agent's) over real HTTP (node:http, so closing it closes the socket at once); frames are
 * collected as they come.
 */
export async function openStream(url: string, headers: Record<string, string>) {
  const frames: Frame[] = [];
  const waiters: Array<() => void> = [];
  let buf = '';
  const req = request(url, { headers: { accept: 'text/event-stream', ...headers } });
  const res = await new Promise<IncomingMessage>((resolve, reject) => {
    req.on('response', resolve);
    req.on('error', reject);
    req.end();
  });
  req.on('error', () => undefined); // our own destroy() at the end
  expect(res.statusCode).toBe(200);
  expect(res.headers['content-type']).toContain('text/event-stream');
  res.setEncoding('utf8');
  res.on('data', (chunk: string) => {
    const taken = takeSseFrames(buf + chunk);
    buf = taken.rest;
    for (const f of taken.frames) {
      if (f.data === undefined) continue; // retry / keep-alive
      frames.push({ id: f.id ?? null, event: f.event ?? 'message', data: JSON.parse(f.data) });
      for (const w of waiters.splice(0)) w();
    }
  });
  /** Waits until a frame matches (5 s at most); returns it. */
  const until = async (match: (f: Frame) => boolean, what: string): Promise<Frame> => {
    const deadline = Date.now() + 5000;
    for (;;) {
      const hit = frames.find(match);
      if (hit) return hit;
      if (Date.now() > deadline) throw new Error(`no ${what} on the customer stream; got ${JSON.stringify(frames.map((f) => [f.event, f.data?.name ?? f.data?.text]))}`);
      await new Promise<void>((r) => {
        waiters.push(r);
        setTimeout(r, 100);
      });
    }
  };
  return { frames, until, close: () => req.destroy() };
}

/**
 * A chat page's push stream, as the widget's EventSource opens it: the token in the query (a browser cannot send the
 * header). Session 37: only such a stream counts as the customer's page (open, closed); an API client's stream (the
 * Authorization header) tells only that the customer is there while it is open.
 */
export function openPage(baseUrl: string, c: { id: string; token: string }) {
  return openStream(`${baseUrl}/api/v1/conversations/${encodeURIComponent(c.id)}/events?token=${encodeURIComponent(c.token)}`, {});
}
