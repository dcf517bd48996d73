/**
 * HTTP request: asks the runtime to call an API, waits for the reply (never forever: an `http_timeout`
 * timer is set at the request's deadline, and if it fires first the block takes its `error` exit), maps
 * the reply into variables.
 *
 * Template values are escaped for where they land (see shared/flow/template.ts): percent-encoded in the
 * URL, JSON-escaped in a JSON body, line breaks removed from header values. `{{secrets.NAME}}` stays
 * verbatim for the runtime to fill (`secretRefs`, shared/engine/secrets.ts).
 */
import type { BlockBehaviour } from './types';
import { addTimer, cancelTimers, nextId, removeTimer, setVar } from '../run';
import { readPath } from '../readPath';
import { endConversation, follow } from '../runBlocks';
import { MAX_HTTP_CALLS_PER_TURN } from '../../flow/limits';
import { bodyFormat, renderBody, renderHeader, renderUrl, secretNames } from '../../flow/template';

/** Extra time after the request's own timeout before the engine gives up on the reply (runtime latency). */
export const HTTP_DEADLINE_GRACE_MS = 5_000;

/** What the customer (and the designer, in the simulator) reads when the HTTP call budget is spent. */
export const httpLoopStoppedText = (blockName: string) =>
  `Sorry, something went wrong on our side, so this conversation has stopped. Write again to start over. (Block "${blockName}" was about to make its ${MAX_HTTP_CALLS_PER_TURN + 1}th outside call without a message from you: the flow keeps retrying a request that fails. Send its error exit to a message, or limit the retries.)`;

export const httpRequestBehaviour: BlockBehaviour<'http_request'> = {
  waitsAs: ['http'],
  enter(run, block) {
    const d = block.data;
    const calls = run.s.httpCalls ?? 0;
    if (calls >= MAX_HTTP_CALLS_PER_TURN) {
      // A loop through an API that keeps failing (or a long chain of calls) without the customer saying
      // anything: stop calling, tell the customer, close the conversation (a new message starts it again).
      cancelTimers(run);
      endConversation(run, httpLoopStoppedText(block.label ?? block.id), block.id);
      return null;
    }
    run.s.httpCalls = calls + 1;
    const vars = run.s.variables;
    const requestId = nextId(run, 'r');
    const headers: Record<string, string> = {};
    let contentType: string | undefined;
    for (const [k, v] of Object.entries(d.headers)) {
      const name = k.replace(/[^!#$%&'*+\-.^_`|~0-9A-Za-z]/g, ''); // a header name is a token
      if (!name) continue;
      headers[name] = renderHeader(v, vars);
      if (name.toLowerCase() === 'content-type') contentType = headers[name];
    }
    const format = bodyFormat(d.body, contentType);
    const timeoutMs = d.timeoutMs;
    run.effects.push({
      type: 'http_request',
      requestId,
      method: d.method,
      url: renderUrl(d.url, vars),
      headers,
      body: renderBody(d.body, vars, format),
      bodyFormat: format,
      timeoutMs,
      secretRefs: secretNames(d.url, d.body, ...Object.values(d.headers)),
    });
    const timer = addTimer(run, 'http_timeout', run.now + timeoutMs + HTTP_DEADLINE_GRACE_MS);
    run.s.waiting = { kind: 'http', blockId: block.id, requestId, timerId: timer.id };
    return null;
  },
  httpResult(run, block, ok, body) {
    const w = run.s.waiting;
    if (w?.kind === 'http') {
      removeTimer(run, w.timerId);
      run.effects.push({ type: 'cancel_timer', timerId: w.timerId });
    }
    if (ok) {
      let parsed = body;
      if (typeof body === 'string') {
        try {
          parsed = JSON.parse(body);
        } catch {
          parsed = body;
        }
      }
      for (const m of block.data.responseMapping) {
        if (m.variable.trim() === '') continue;
        const v = readPath(parsed, m.path);
        if (v === undefined) continue;
        setVar(run, m.variable, v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? v : JSON.stringify(v));
      }
    }
    follow(run, block, ok ? 'success' : 'error');
  },
};
