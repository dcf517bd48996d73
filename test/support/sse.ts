/**
 * Reading server-sent events (text/event-stream) in tests: the customer's and the agent's push channels.
 *
 *   const ac = listenSse(url, (e) => events.push(e), headers);   // in the background until ac.abort()
 *   const live = await readEvents(url, headers, (ev) => ev.length >= 3, 5000);
 *   await live.done;                                               // until `until` holds or 5 s pass
 */
import { request } from 'node:http';
import { expect } from 'vitest';

/** The fields of one event frame (`event:`, `data:`, `id:` ...), each as the text after the colon. */
export type SseFrame = Record<string, string | undefined>;

/** The complete frames at the start of `buf` (each ends with a blank line) and the incomplete rest. */
export function takeSseFrames(buf: string): { frames: SseFrame[]; rest: string } {
  const frames: SseFrame[] = [];
  let i;
  while ((i = buf.indexOf('\n\n')) >= 0) {
    const chunk = buf.slice(0, i);
    buf = buf.slice(i + 2);
    const f: SseFrame = {};
    for (const line of chunk.split('\n')) {
      const m = /^(\w+): ?(.*)$/.exec(line);
      if (m) f[m[1]] = m[2];
    }
    frames.push(f);
  }
  return { frames, rest: buf };
}

/**
 * Reads a text/event-stream body, handing each read's complete frames to `onFrames`, until the body ends or
 * `stop()` holds before a read. A read aborted by the request's signal rejects (the caller decides).
 */
export async function readSseBody(body: ReadableStream<Uint8Array>, onFrames: (frames: SseFrame[]) => void, stop: () => boolean = () => false): Promise<void> {
  const reader = body.getReader();
  const dec = new TextDecoder();
  let buf = '';
  while (!stop()) {
    const { value, done } = await reader.read();
    if (done) return;
    const { frames, rest } = takeSseFrames(buf + dec.decode(value, { stream: true }));
    buf = rest;
    onFrames(frames);
  }
}

export interface SseEvent {
  /** The `event:` line, 'message' when the frame has none. */
  event: string;
  /** The `data:` line, parsed as JSON. */
  data: any;
  id?: string;
}

/** What went wrong with a background stream: a refused request (status and body), a network error, an early end. */
export type SseProblem = string;

/**
 * Listens in the background: each frame with data goes to `onEvent`, until the returned controller aborts.
 * A refused request (not 200), a network error or a stream that ends is reported to `o.onProblem` (never silently
 * dropped). With `o.reconnect` it then opens the stream again after `o.retryMs` (500 ms), sending the last event id
 * it saw as Last-Event-ID (or the caller's own header if it saw none), as the inbox's EventSource client does.
 */
export function listenSse(
  url: string,
  onEvent: (e: SseEvent) => void,
  headers: Record<string, string> = {},
  o: { reconnect?: boolean; retryMs?: number; onProblem?: (p: SseProblem) => void } = {},
): AbortController {
  const ac = new AbortController();
  let lastId: string | undefined;
  const once = async (): Promise<void> => {
    const res = await fetch(url, { signal: ac.signal, headers: lastId ? { ...headers, 'last-event-id': lastId } : headers });
    if (res.status !== 200) {
      const body = await res.text().catch(() => '');
      throw new Error(`HTTP ${res.status} ${body.slice(0, 200)}`);
    }
    await readSseBody(res.body!, (frames) => {
      for (const f of frames) {
        if (f.id) lastId = f.id;
        if (f.data !== undefined) onEvent({ event: f.event ?? 'message', data: JSON.parse(f.data), ...(f.id ? { id: f.id } : {}) });
      }
    });
    throw new Error('the stream ended');
  };
  void (async () => {
    for (;;) {
      try {
        await once();
      } catch (e) {
        if (ac.signal.aborted) return;
        o.onProblem?.(`${new Date().toISOString()} ${url.replace(/token=[^&]*/, 'token=...')}: ${(e as Error).message}${(e as any)?.cause?.code ? ` (${(e as any).cause.code})` : ''}`);
        if (!o.reconnect) return;
        await new Promise((r) => setTimeout(r, o.retryMs ?? 500));
        if (ac.signal.aborted) return;
      }
    }
  })();
  return ac;
}

export type NamedEvent = { id: string; event: string; data: any };

/**
 * Opens a push channel (it must answer 200 with text/event-stream) and collects its named events until `until`
 * holds or `ms` pass; the stream is aborted either way. `done` never rejects: the assertions after it say what
 * was missing.
 */
export async function readEvents(url: string, headers: Record<string, string>, until: (events: NamedEvent[]) => boolean, ms = 5000): Promise<{ events: NamedEvent[]; done: Promise<void> }> {
  const ctrl = new AbortController();
  const res = await fetch(url, { headers, signal: ctrl.signal });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toContain('text/event-stream');
  const events: NamedEvent[] = [];
  const timer = setTimeout(() => ctrl.abort(), ms);
  const done = (async () => {
    try {
      await readSseBody(
        res.body!,
        (frames) => {
          for (const f of frames) if (f.event) events.push({ id: f.id!, event: f.event, data: JSON.parse(f.data!) });
        },
        () => until(events),
      );
    } catch {
      // aborted at the deadline
    } finally {
      clearTimeout(timer);
      ctrl.abort();
    }
  })();
  return { events, done };
}

/** A customer push-channel `message` event as the runtime's tests read it: id = the message's seq. */
export interface SeqEvent {
  id: number;
  data: any;
}

/**
 * Opens a push channel with node:http (so `onOpen` fires when the stream is accepted) and collects the events that
 * have an id and data until `until` says stop, then closes it; after `ms` it gives what it has.
 */
export function readSeqEvents(url: string, headers: Record<string, string>, until: (events: SeqEvent[]) => boolean, onOpen?: () => void, ms = 5000): Promise<SeqEvent[]> {
  return new Promise((resolve, reject) => {
    const events: SeqEvent[] = [];
    const req = request(url, { headers: { accept: 'text/event-stream', ...headers } }, (res) => {
      if (res.statusCode !== 200) {
        reject(new Error('status ' + res.statusCode));
        res.resume();
        return;
      }
      onOpen?.();
      let buf = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buf += chunk;
        let i;
        while ((i = buf.indexOf('\n\n')) >= 0) {
          const block = buf.slice(0, i);
          buf = buf.slice(i + 2);
          const id = /^id: (\d+)$/m.exec(block);
          const data = /^data: (.*)$/m.exec(block);
          if (id && data) events.push({ id: Number(id[1]), data: JSON.parse(data[1]) });
        }
        if (until(events)) {
          req.destroy();
          resolve(events);
        }
      });
    });
    req.on('error', (err) => (events.length && until(events) ? resolve(events) : reject(err)));
    req.end();
    setTimeout(() => {
      req.destroy();
      resolve(events);
    }, ms).unref();
  });
}
