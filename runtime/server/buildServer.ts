/**
 * The runtime's HTTP server (Fastify 5): customer API, Server-Sent Events push channel, Rasa REST channel,
 * admin API, health, readiness and Prometheus metrics, with the OpenAPI document generated from the zod
 * schemas that validate every request. Every error is a 4xx JSON body naming the field and what to do.
 */
import { randomUUID, timingSafeEqual, createHash } from 'node:crypto';
import Fastify, { LogController, type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import cors from '@fastify/cors';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import { hasZodFastifySchemaValidationErrors, jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Logger } from 'pino';
import type { Input } from '../../shared/engine/types';
import { agentWordsMasked, maskAgentText } from '../agents/agentWords';
import { cleanTypedText } from '../../shared/simulator/utf8';
import { nameProblem, nothingVisible } from '../visibleText';
import { validateFlow } from '../../shared/flow/validateFlow';
import type { Flow } from '../../shared/flow/schema';
import type { LogEntry, RuntimeStore } from '../store/types';
import { ApiError, ConversationService, hashBody, publicHandoff } from './conversationService';
import type { FlowCatalog } from './flowCatalog';
import type { RuntimeMetrics } from './metrics';
import * as s from './schemas';
import { registerPages } from './servePages';
import { registerTranscriptExport } from './transcriptExport';
import { AddressLimitStore, errorResponse, jsonText, leanServer } from './leanRoute';
import { ConversationLimiter } from './conversationLimiter';
import { withForbiddenKeyAnswer, type JsonParser } from './jsonBody';

export { ConversationLimiter };

/** Open customer push streams allowed per conversation: tabs of one chat (hostile s7 #4). */
export const MAX_STREAMS_PER_CONVERSATION = 10;

export interface ServerOptions {
  /** See RuntimeOptions.drainGraceMs (runtime/serve/startRuntime.ts). */
  drainGraceMs?: number;
  store: RuntimeStore;
  catalog: FlowCatalog;
  service: ConversationService;
  metrics: RuntimeMetrics;
  logger: Logger;
  now: () => number;
  /** Flow used by the Rasa channel (default: the only flow, when there is one). */
  defaultFlowId?: string;
  adminToken?: string;
  corsOrigins?: string[];
  /** Requests per minute per client address (default 1200). */
  perAddressPerMinute?: number;
  /** Customer messages per minute per conversation (default 60). */
  perConversationPerMinute?: number;
  bodyLimitBytes?: number;
  /** Fastify's request log lines (off by default: one line per request costs throughput). */
  logRequests?: boolean;
  /**
   * Who may call the Rasa channel (runtime/serve/startRuntime.ts rasaAccessOf): callers with the shared token
   * (`?token=` or Bearer), anyone (`open`, rasa.allowWithoutToken), or nobody (`off`, the default: 403 saying how to
   * turn it on; hostile s47 H1).
   */
  rasa?: { mode: 'token'; token: string } | { mode: 'open' } | { mode: 'off' };
  /** Bearer token for GET /metrics; unset = public. */
  metricsToken?: string;
  /** With --redis: the per-conversation limit counted in Redis (every instance); throws the 429 ApiError. */
  conversationLimit?: (conversationId: string, now: number) => Promise<void>;
  /** With --redis: an ioredis client so the per-address rate limit counts requests to every instance. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  rateLimitRedis?: any;
  /**
   * Agent-side signals for the customer push channel (runtime/agents/customerSignals.ts, set with --agents): written
   * as id-less `typing` / `agent` frames between the `message` frames (Last-Event-ID stays the last message seq).
   */
  customerSignals?: {
    subscribe(conversationId: string, send: (s: { event: string; data: unknown }) => void, stream?: { page: boolean; createdAt?: number }): () => void;
    /** The customer called the API (read the conversation, sent a message): there without an open stream. */
    active?(conversationId: string, createdAt?: number): void;
  };
  /**
   * `baton serve --workers N` (runtime/shard/): the customer message route is run by the conversation's shard (token
   * check, per-conversation limit, idempotency, step), which answers the response's JSON text (a RawJson).
   */
  routeMessage?: (id: string, body: { text?: string; choice?: string }, headers: FastifyRequest['headers']) => Promise<unknown>;
  /** Extra routes registered before the app is ready (the agent API: runtime/agents/agentRoutes.ts). */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  registerRoutes?: (app: FastifyInstance<any, any, any, any, any>) => Promise<void>;
}

export interface RuntimeServer {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  app: FastifyInstance<any, any, any, any, any>;
  /** Readiness (false while starting and while draining). */
  setReady(ready: boolean): void;
}

function bearer(req: FastifyRequest): string | undefined {
  const h = req.headers.authorization;
  if (typeof h !== 'string') return undefined;
  const m = /^Bearer\s+(\S+)$/i.exec(h.trim());
  return m ? m[1] : undefined;
}

function sameSecret(a: string, b: string): boolean {
  const x = createHash('sha256').update(a).digest();
  const y = createHash('sha256').update(b).digest();
  return timingSafeEqual(x, y);
}

/** The headers @fastify/helmet sets with these options, read once from a probe Fastify instance. */
async function helmetHeaders(options: Parameters<typeof helmet>[1]): Promise<Array<[string, string]>> {
  const probe = Fastify();
  await probe.register(helmet, options);
  probe.get('/', (_req, reply) => reply.send(reply.raw.getHeaders()));
  const res = await probe.inject({ method: 'GET', url: '/' });
  await probe.close();
  const headers = res.json() as Record<string, string | string[]>;
  const out = Object.entries(headers).map(([k, v]): [string, string] => [k, Array.isArray(v) ? v.join(', ') : String(v)]);
  if (!out.some(([k]) => k === 'content-security-policy')) throw new Error('helmet probe set no content-security-policy header');
  return out;
}

/** The answer to an error Fastify raises before the hooks run (frameworkErrors), in the API's error shape. */
function frameworkError(err: FastifyError, opts: Parameters<typeof errorResponse>[1]): ReturnType<typeof errorResponse> {
  if (err.code === 'FST_ERR_BAD_URL') {
    return { status: 400, headers: {}, body: { error: 'bad_url', message: 'The path has a broken percent-escape (such as "%E0%A4%A"), so it cannot be read. Encode each path part with encodeURIComponent.', field: 'path' } };
  }
  if (err.code === 'FST_ERR_MAX_PARAM_LENGTH') {
    return { status: 414, headers: {}, body: { error: 'uri_too_long', message: 'A part of the path is longer than 500 characters; ids are much shorter.', field: 'path' } };
  }
  return errorResponse(err, opts);
}

export async function buildServer(o: ServerOptions): Promise<RuntimeServer> {
  let ready = false;
  let draining = false;
  // The hot customer route is answered in front of Fastify (runtime/server/leanRoute.ts); everything else by Fastify.
  const lean = leanServer();
  const app = Fastify({
    serverFactory: lean.serverFactory,
    loggerInstance: o.logger,
    logController: new LogController({ disableRequestLogging: !o.logRequests }),
    bodyLimit: o.bodyLimitBytes ?? 64 * 1024,
    genReqId: () => randomUUID(),
    // Our ids are UUIDs; long params are refused by the schemas rather than by a 414 from the router.
    routerOptions: { maxParamLength: 500 },
    // Errors Fastify answers before any hook (a broken %-escape in the path, a too-long param) and the 503s while
    // draining get the API's one error shape { error, message, field? } (hostile s5 #12), not Fastify's own.
    frameworkErrors: (err, req, reply) => {
      const a = frameworkError(err, { bodyLimitBytes: o.bodyLimitBytes ?? 64 * 1024, log: req.log });
      // Raw: this reply is made before the app's type provider and the hooks (security headers) apply.
      reply.hijack();
      for (const [name, value] of securityHeaders) reply.raw.setHeader(name, value);
      reply.raw.writeHead(a.status, { 'content-type': 'application/json; charset=utf-8', ...a.headers });
      reply.raw.end(JSON.stringify(a.body));
    },
    return503OnClosing: false,
  }).withTypeProvider<ZodTypeProvider>();
  // JSON sent as text/plain is refused with 415 like any other non-JSON body (docs/runtime.md), not parsed as a string.
  app.removeContentTypeParser('text/plain');
  // Fastify's JSON parser (prototype-poisoning checks kept), but a refused "__proto__" / "constructor" key is a 400
  // forbidden_key naming the key and why (runtime/server/jsonBody.ts), not "not valid JSON". Same parser for the lean route.
  const jsonParser = withForbiddenKeyAnswer(app.getDefaultJsonParser('error', 'error') as unknown as JsonParser);
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, jsonParser as never);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  const bodyLimitBytes = o.bodyLimitBytes ?? 64 * 1024;
  app.setErrorHandler((err: FastifyError, req, reply) => {
    // One mapping for Fastify's routes and the lean route (runtime/server/leanRoute.ts).
    const a = errorResponse(err, { bodyLimitBytes, log: req.log });
    for (const [k, v] of Object.entries(a.headers)) reply.header(k, v);
    return reply.code(a.status).send(a.body);
  });
  app.setNotFoundHandler((req, reply) =>
    reply.code(404).send({ error: 'not_found', message: `No route ${req.method} ${req.url.split('?')[0]}; see /openapi.json.` }),
  );

  // Security headers: @fastify/helmet builds a new helmet middleware (parsing the CSP directives) on every request,
  // ~5% of the CPU of a customer message in a profile. The headers are the same for every request, so they are
  // computed once by the same plugin in a probe instance and set on each response (raw, like helmet does).
  const addressLimit = new AddressLimitStore();
  const securityHeaders = await helmetHeaders({ contentSecurityPolicy: { directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] } } });
  app.addHook('onRequest', (_req, reply, done) => {
    for (const [name, value] of securityHeaders) reply.raw.setHeader(name, value);
    if (draining) {
      // New requests while draining (requests in progress finish): our error shape, and a hint to retry elsewhere.
      reply.header('Connection', 'close').header('Retry-After', '1');
      return reply.code(503).send({ error: 'draining', message: 'This server is shutting down; requests in progress finish, new ones are refused. Retry in a moment (another instance, or this one once restarted, will answer).' });
    }
    done();
  });
  await app.register(cors, { origin: o.corsOrigins && o.corsOrigins.length > 0 ? o.corsOrigins : false, methods: ['GET', 'POST'], allowedHeaders: ['Content-Type', 'Authorization', 'Idempotency-Key', 'Last-Event-ID'] });
  await app.register(rateLimit, {
    max: o.perAddressPerMinute ?? 1200,
    timeWindow: 60_000,
    // Counters shared with the lean route (same store object); with --redis the plugin's Redis store instead.
    ...(o.rateLimitRedis ? {} : { store: function AddressStore() { return addressLimit; } as never }),
    allowList: (req) => /^\/(healthz|readyz|metrics)\b/.test(req.url),
    // --redis: counters live in Redis (one limit across every instance); if Redis fails, requests are let through.
    ...(o.rateLimitRedis ? { redis: o.rateLimitRedis, nameSpace: 'baton-rl:', skipOnError: true } : {}),
    errorResponseBuilder: (_req, ctx) => ({
      statusCode: 429,
      error: 'rate_limited',
      message: `Too many requests from this address: at most ${ctx.max} a minute; retry after ${Math.ceil(ctx.ttl / 1000)} s.`,
    }),
  });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Baton runtime API', version: '1', description: 'Serve Baton flows to customers. Generated from the zod schemas that validate requests.' },
      components: { securitySchemes: { customerToken: { type: 'http', scheme: 'bearer' }, adminToken: { type: 'http', scheme: 'bearer' }, agentToken: { type: 'http', scheme: 'bearer' }, rasaToken: { type: 'apiKey', in: 'query', name: 'token' }, rasaBearer: { type: 'http', scheme: 'bearer' } } },
    },
    transform: jsonSchemaTransform,
  });

  // Push connections are hijacked from Fastify: end them ourselves when the server drains.
  const streams = new Set<import('node:http').ServerResponse>();
  const streamsByConversation = new Map<string, number>();
  app.addHook('preClose', async () => {
    draining = true;
    for (const res of streams) res.end();
    // Requests in progress finish and close their connection; requests arriving on open connections meanwhile get
    // the 503 above (hostile s18 #19: they got a connection reset), for up to drainGraceMs.
    await lean.close(o.drainGraceMs ?? 0);
  });
  // Hot customer routes answer with plain JSON.stringify: their response schemas still document them in
  // /openapi.json, but a zod encode per response is work the handler's own typed objects do not need.
  const plainJson = { serializerCompiler: () => jsonText };
  const perConversation = new ConversationLimiter(o.perConversationPerMinute ?? 60);
  const svc = o.service;
  type SendBody = { text?: string; choice?: string };
  const sendMessage = async (id: string, sent: SendBody, headers: FastifyRequest['headers']) => {
    // NUL, other control characters and lone surrogates are dropped / replaced before anything stores the text (hostile
    // s16 H#16: they were stored and exported as sent; decided with fixanswers: cleaned, never refused, as the customer
    // cannot see or fix what their client sent). Every door comes here: Fastify's route, the lean route, the shards.
    const body = sent.text === undefined ? sent : { ...sent, text: cleanTypedText(sent.text) };
    // Nothing visible left (only control or invisible characters: hostile s18 H#18, a 409 "the message is empty" for
    // "\u0000", an invisible bubble stored for "\u200b"): refused as an empty text is, before anything is stored.
    // Session 20 (hostile s19 #14): Hangul fillers, braille blanks, variation selectors, tag characters, C1 controls and
    // marks with no letter passed too (runtime/visibleText.ts).
    if (body.text !== undefined && nothingVisible(body.text)) {
      throw new ApiError(400, 'invalid_request', 'body.text: the message has nothing visible (only spaces, control or invisible characters); send some text, or a button\'s id as "choice"', 'body.text');
    }
    // Sharded: the shard's JSON text (RawJson, written as it is by both routes' serialisers).
    if (o.routeMessage) {
      const out = (await o.routeMessage(id, body, headers)) as Awaited<ReturnType<ConversationService['send']>>;
      o.customerSignals?.active?.(id); // the shard checked the token
      return out;
    }
    const h = headers.authorization;
    const m = typeof h === 'string' ? /^Bearer\s+(\S+)$/i.exec(h.trim()) : null;
    const rec = await svc.getAuthorized(id, m ? m[1] : undefined);
    // The customer is there, stream or not (runtime/agents/customerPresence.ts active; newcomer s35 #2).
    o.customerSignals?.active?.(rec.id, rec.createdAt);
    await (o.conversationLimit ? o.conversationLimit(id, o.now()) : perConversation.take(id, o.now()));
    const input: Input = body.text !== undefined ? { type: 'text', text: body.text } : { type: 'choice', buttonId: body.choice! };
    const key = headers['idempotency-key'];
    return svc.send(id, input, typeof key === 'string' ? { key, requestHash: hashBody(body) } : undefined);
  };
  const errors = { 400: s.errorSchema, 401: s.errorSchema, 404: s.errorSchema, 409: s.errorSchema, 422: s.errorSchema, 429: s.errorSchema };

  /* ------------------------------------------------------------ customer API */
  app.post('/api/v1/flows/:flowId/conversations', {
    schema: { summary: 'Start a conversation', tags: ['customer'], params: s.flowParams, body: s.createConversationBody, response: { 201: s.conversationCreated, ...errors } },
    handler: async (req, reply) => {
      const out = await svc.create(req.params.flowId, { variables: req.body?.variables, profile: req.body?.profile, identityToken: req.body?.identityToken });
      return reply.code(201).send({ conversationId: out.conversationId, token: out.token, mode: out.mode, messages: out.messages });
    },
  });

  app.post('/api/v1/conversations/:id/messages', {
    ...plainJson,
    schema: {
      summary: 'Send a customer message or button click',
      description: 'Send an Idempotency-Key header to make retries safe: a retried request returns the first answer and is not processed twice (a retry that arrives while the first request still waits for an HTTP request block waits for its answer; on another instance of a --redis deployment it gets 409 idempotency_in_progress with Retry-After).',
      tags: ['customer'],
      security: [{ customerToken: [] }],
      params: s.conversationParams,
      body: s.sendMessageBody,
      headers: s.idempotencyHeaders,
      response: { 200: s.stepResponse, ...errors },
    },
    handler: async (req) => sendMessage(req.params.id, req.body, req.headers),
  });
  // The same route in front of Fastify for plain requests (runtime/server/leanRoute.ts): identical checks and answers.
  // Off when Fastify logs every request (logRequests); with the per-address limit in Redis every request goes to Fastify.
  if (!o.logRequests) lean.enable({
    securityHeaders,
    corsOff: !(o.corsOrigins && o.corsOrigins.length > 0),
    addressLimit: o.rateLimitRedis ? null : addressLimit,
    perAddressPerMinute: o.perAddressPerMinute ?? 1200,
    bodyLimitBytes,
    jsonParser,
    schemas: { params: s.conversationParams, body: s.sendMessageBody, headers: s.idempotencyHeaders },
    handle: (id, body, headers) => sendMessage(id, body as SendBody, headers),
    log: o.logger,
  });

  app.get('/api/v1/conversations/:id', {
    ...plainJson,
    schema: { summary: 'Read messages since a sequence number', tags: ['customer'], security: [{ customerToken: [] }], params: s.conversationParams, querystring: s.afterQuery, response: { 200: s.stepResponse, ...errors } },
    handler: async (req) => {
      const rec = await svc.getAuthorized(req.params.id, bearer(req));
      o.customerSignals?.active?.(rec.id, rec.createdAt); // a poll: the customer is there (newcomer s35 #2)
      const messages = await o.store.readLog(rec.id, req.query.after ?? 0, 1000);
      return { mode: rec.mode, messages, handoff: publicHandoff(rec.state), lastSeq: rec.lastSeq };
    },
  });

  app.post('/api/v1/conversations/:id/leave', {
    ...plainJson,
    schema: {
      summary: 'The customer leaves the conversation',
      description:
        'Ends the conversation for the customer (the widget sends it before "Start a new conversation"): a handoff waiting for a person or in progress is cancelled ("The customer left"), so agents see it closed instead of answering nobody; a bot conversation is closed. Leaving a closed conversation changes nothing.',
      tags: ['customer'],
      security: [{ customerToken: [] }],
      params: s.conversationParams,
      response: { 200: s.stepResponse, ...errors },
    },
    handler: async (req) => {
      const rec = await svc.getAuthorized(req.params.id, bearer(req));
      await (o.conversationLimit ? o.conversationLimit(rec.id, o.now()) : perConversation.take(rec.id, o.now()));
      const closed = async () => {
        const now = (await o.store.getConversation(rec.id)) ?? rec;
        return { mode: now.mode, messages: [], handoff: publicHandoff(now.state), lastSeq: now.lastSeq };
      };
      if (rec.mode === 'closed') return closed();
      try {
        const out = await svc.apply(rec.id, { type: 'customer_left' });
        return out ?? closed();
      } catch (err) {
        // Closed meanwhile (an agent closed it, a second tab left first): leaving twice is not an error.
        if (err instanceof ApiError && err.code === 'input_rejected') return closed();
        throw err;
      }
    },
  });

  app.get('/api/v1/conversations/:id/events', {
    schema: {
      summary: 'Push channel (Server-Sent Events)',
      description:
        'text/event-stream of `message` events (id = seq, data = a message). Resume after a reconnect with the Last-Event-ID header (EventSource sends it) or ?after=SEQ: nothing missed, nothing repeated. A chat page gives its token as ?token= (EventSource cannot send headers): the agents see its page open or closed, and a customer whose page closed is served after those who are there. A stream opened with the Authorization header (an API client) only shows the customer there while it is open; closing it says nothing.',
      tags: ['customer'],
      security: [{ customerToken: [] }],
      params: s.conversationParams,
      querystring: s.eventsQuery,
    },
    handler: async (req, reply) => {
      const rec = await svc.getAuthorized(req.params.id, bearer(req) ?? req.query.token);
      // Open streams are capped per conversation (hostile s7: one token held 20,000 streams and the process ran out of
      // file descriptors; /healthz and new customers failed). Not per address: behind a proxy every customer has one.
      const byConv = streamsByConversation.get(rec.id) ?? 0;
      if (byConv >= MAX_STREAMS_PER_CONVERSATION) {
        throw new ApiError(429, 'too_many_streams', `This conversation already has ${MAX_STREAMS_PER_CONVERSATION} open push streams (one per open chat tab): close some tabs; a closed tab frees its stream at once.`, undefined, { 'Retry-After': '5' });
      }
      streamsByConversation.set(rec.id, byConv + 1);
      const release = () => {
        const c = (streamsByConversation.get(rec.id) ?? 1) - 1;
        if (c > 0) streamsByConversation.set(rec.id, c);
        else streamsByConversation.delete(rec.id);
      };
      const lastEventId = Number(req.headers['last-event-id']);
      let cursor = Number.isInteger(lastEventId) && lastEventId >= 0 ? lastEventId : (req.query.after ?? 0);
      reply.hijack();
      const res = reply.raw;
      res.writeHead(200, {
        'Content-Type': 'text/event-stream; charset=utf-8',
        'Cache-Control': 'no-cache, no-transform',
        Connection: 'keep-alive',
        'X-Accel-Buffering': 'no',
        'X-Content-Type-Options': 'nosniff',
      });
      res.write('retry: 2000\n\n');
      streams.add(res);
      let open = true;
      let buffer: LogEntry[] | null = [];
      const send = (entries: LogEntry[]) => {
        for (const e of entries) {
          if (!open || e.seq <= cursor) continue;
          cursor = e.seq;
          res.write(`id: ${e.seq}\nevent: message\ndata: ${JSON.stringify(e)}\n\n`);
        }
      };
      // Subscribe before reading the backlog, buffer live events meanwhile: nothing falls in between.
      const off = o.store.subscribe(rec.id, (entries) => (buffer ? buffer.push(...entries) : send(entries)));
      // Session 37 (README "Not finished": a customer who closed the live stream and never called again counted as
      // gone): only a page's stream tells that a page opened or closed. A browser's EventSource cannot send headers, so
      // a chat page (the widget, or any page) gives its token in the query; an API client (a REST or bridge client,
      // which may close its stream and wait for its webhooks) sends the Authorization header: its stream says the
      // customer is there while it is open, and its close says nothing (the customer is unknown, as any API client).
      const asPage = !bearer(req) && typeof req.query.token === 'string';
      const offSignals = o.customerSignals?.subscribe(
        rec.id,
        (sig) => {
          if (open) res.write(`event: ${sig.event}\ndata: ${JSON.stringify(sig.data)}\n\n`);
        },
        { page: asPage, createdAt: rec.createdAt },
      );
      const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), 15_000);
      heartbeat.unref();
      const close = () => {
        if (open) release();
        open = false;
        streams.delete(res);
        off();
        offSignals?.();
        clearInterval(heartbeat);
      };
      req.raw.on('close', close);
      try {
        for (;;) {
          const page = await o.store.readLog(rec.id, cursor, 500);
          send(page);
          if (page.length < 500) break;
        }
        const pending = buffer;
        buffer = null;
        send(pending.sort((a, b) => a.seq - b.seq));
      } catch (err) {
        req.log.warn({ err }, 'push channel backlog failed');
        close();
        res.end();
      }
    },
  });

  /* ------------------------------------------------------------ Rasa REST channel */
  app.post('/webhooks/rest/webhook', {
    schema: {
      summary: 'Rasa-compatible REST channel',
      description: 'Existing Rasa REST clients work with ?token=<token> added to the webhook URL (or Authorization: Bearer <token>), the token being the server\'s config rasa.token or BATON_RASA_TOKEN; a missing or wrong token is 401. Without a token configured the channel is off (403 rasa_channel_off), unless the server opts into Rasa\'s unauthenticated behaviour (config rasa.allowWithoutToken: true). One conversation per sender on the default flow. A handoff is announced as {custom: {handoff: {status, reason}}}; agent messages come on the next call.',
      tags: ['rasa'],
      security: [{ rasaToken: [] }, { rasaBearer: [] }],
      body: s.rasaBody,
      response: { 200: s.rasaResponse, ...errors },
    },
    // Shared token (config rasa.token / BATON_RASA_TOKEN): Rasa clients send ?token= (like Rasa's own --auth-token)
    // or "Authorization: Bearer <token>". Without one the channel is off (hostile s47 H1: anyone who knew a sender id
    // read that customer's agent replies, which the real customer then never got, and wrote as them) unless the team
    // chose rasa.allowWithoutToken. 403, not 401: no token can open a channel that has none configured; nor 404, so a
    // team wiring up its connector reads why and what to change. Checked on request, before the body is read.
    onRequest: async (req) => {
      const access = o.rasa ?? { mode: 'off' };
      if (access.mode === 'open') return;
      if (access.mode === 'off')
        throw new ApiError(
          403,
          'rasa_channel_off',
          'The Rasa channel is off on this server. Its operator turns it on with "rasa": {"token": "..."} in the baton serve --config file (or BATON_RASA_TOKEN); Rasa clients then add ?token=<token> to the webhook URL.',
        );
      const q = (req.query as { token?: unknown } | undefined)?.token;
      const t = bearer(req) ?? (typeof q === 'string' ? q : undefined);
      if (!t || !sameSecret(t, access.token)) throw new ApiError(401, 'invalid_rasa_token', 'This Rasa channel needs its token: add ?token=<token> to the webhook URL or send "Authorization: Bearer <token>".', 'token');
    },
    handler: async (req) => {
      const flowId = o.defaultFlowId ?? (o.catalog.flowIds().length === 1 ? o.catalog.flowIds()[0] : undefined);
      if (!flowId) throw new ApiError(409, 'no_default_flow', 'Several flows are served: start baton serve with --default-flow ID for the Rasa channel.');
      const sender = req.body.sender;
      // Hostile s19 #24: "\u200b" was a conversation key (recipient_id shown as nothing).
      if (nothingVisible(sender)) throw new ApiError(400, 'invalid_request', 'body.sender: has nothing visible (only spaces, control or invisible characters); send the Rasa sender id', 'body.sender');
      const key = `rasa:${flowId}:${sender}`;
      let rec = await o.store.findByExternalKey(key);
      const isNew = !rec;
      if (!rec) {
        try {
          const created = await svc.create(flowId, { externalKey: key });
          rec = await o.store.getConversation(created.conversationId);
        } catch (err) {
          if (!(err instanceof ApiError && err.code === 'conflict')) throw err;
          rec = await o.store.findByExternalKey(key); // created by a concurrent call
        }
      }
      if (!rec) throw new ApiError(409, 'conflict', 'Try again.');
      const id = rec.id;
      await (o.conversationLimit ? o.conversationLimit(id, o.now()) : perConversation.take(id, o.now()));
      // A Rasa client's usual opener ("hi", "/start") only starts the conversation this call creates: it is not judged
      // as an answer to the greeting's question the customer has not seen yet (newcomer s7 #17). An opener that asks
      // for something ("I want to talk to a person") still counts. A message written before a question the customer
      // has not been shown (the rating after a hand back, which came while they were away) is kept in the transcript
      // but not judged a wrong answer when it does not answer it: the question goes out with this answer
      // (ConversationService.send's `channel`; README "Rasa").
      const message = cleanTypedText(req.body.message); // as in sendMessage (hostile s16 H#16)
      const text = message.trim();
      // A message with nothing visible is no turn (hostile s19 #24: "\u200b\u200b" got the fallback and counted toward
      // the repeated-fallback handover): nothing stored; the answer carries what is waiting, as for an empty message.
      if (!nothingVisible(text) && !(isNew && RASA_HELLO.test(text))) await svc.send(id, { type: 'text', text: message }, undefined, { unseenQuestions: true });
      return o.store.runExclusive(id, async () => {
        const cur = (await o.store.getConversation(id))!;
        const entries = await o.store.readLog(id, cur.channelCursor ?? 0, 1000);
        const last = entries.length ? entries[entries.length - 1].seq : (cur.channelCursor ?? 0);
        if (last !== (cur.channelCursor ?? 0)) await o.store.commit({ conversation: { ...cur, channelCursor: last } });
        return toRasa(sender, entries);
      });
    },
  });

  /* ------------------------------------------------------------ admin API */
  const admin = async (req: FastifyRequest) => {
    if (!o.adminToken) throw new ApiError(403, 'admin_disabled', 'The admin API is off: set "adminToken" in the --config file or BATON_ADMIN_TOKEN.');
    const t = bearer(req);
    if (!t || !sameSecret(t, o.adminToken)) throw new ApiError(401, 'invalid_admin_token', 'Send the admin token: "Authorization: Bearer <admin token>".', 'authorization');
  };

  app.post('/api/v1/admin/flows', {
    schema: { summary: 'Deploy a new flow revision', description: 'Live conversations keep the revision they started on; new ones use this one.', tags: ['admin'], security: [{ adminToken: [] }], body: s.deployBody },
    preHandler: admin,
    handler: async (req, reply) => {
      const v = validateFlow(req.body.flow);
      if (!v.ok || !v.flow) {
        return reply.code(422).send({
          error: 'invalid_flow',
          message: 'The flow has errors; nothing was deployed. Fix them (baton validate shows the same list).',
          field: 'body.flow',
          problems: v.problems.filter((p) => p.severity === 'error'),
        });
      }
      const flow = v.flow as Flow;
      const r = await o.catalog.deploy(flow, o.now());
      o.logger.info({ flowId: flow.id, revision: r.revision, changed: r.changed }, 'flow deployed');
      return reply.code(r.changed ? 201 : 200).send({ flowId: flow.id, revision: r.revision, changed: r.changed });
    },
  });

  app.get('/api/v1/admin/handoffs', {
    schema: { summary: 'Handoff queue', tags: ['admin'], security: [{ adminToken: [] }], querystring: s.listQuery },
    preHandler: admin,
    handler: async (req) => ({ handoffs: await o.store.listHandoffs({ status: req.query.status, flowId: req.query.flowId }) }),
  });

  app.post('/api/v1/admin/handoffs/:handoffId/events', {
    schema: {
      summary: 'Agent event on a handoff (accept, message, decline, hand back, close, no agent)',
      description: 'A stop-gap for integrations until the live agent inbox lands: what an agent did, applied to the conversation in order.',
      tags: ['admin'],
      security: [{ adminToken: [] }],
      params: s.handoffParams,
      body: s.agentEventBody,
    },
    preHandler: admin,
    handler: async (req) => {
      const h = await o.store.getHandoff(req.params.handoffId);
      if (!h) throw new ApiError(404, 'handoff_not_found', `No handoff "${req.params.handoffId}"; list them with GET /api/v1/admin/handoffs.`, 'handoffId');
      const b = req.body;
      const base = { handoffId: h.id, eventId: b.eventId ?? randomUUID() };
      const agentId = b.agentId ?? '';
      if (b.type !== 'no_agent' && !agentId) throw new ApiError(400, 'invalid_request', 'body.agentId: required for agent events', 'body.agentId');
      // An id is stored and shown as it is (hostile s18 H#17: 'ext-4111111111111111' kept whole while the name was
      // masked): one the secrets rule would mask is refused, not changed (an id must keep naming the same agent).
      if (agentId && maskAgentText(agentId).hidden.length > 0) {
        throw new ApiError(400, 'invalid_request', 'body.agentId: looks like a card number, password or PIN; an agent id names the agent (e.g. "ext-42" or your system\'s user id) and is shown in transcripts and exports, so it must not hold a secret', 'body.agentId');
      }
      // Hostile s19 #15: the id (the name when none is given) and the name are read by the customer ("<name> from ...
      // has joined the chat"): nothing visible, a line break (a forged "System: ..." line), a bidi control (the line
      // turned around) or a control character is refused, naming the field.
      for (const [field, v] of [['agentId', b.agentId], ['agentName', b.agentName]] as const) {
        const why = v === undefined ? null : nameProblem(v);
        if (why) throw new ApiError(400, 'invalid_request', `body.${field}: ${why}; an agent ${field === 'agentId' ? 'id' : 'name'} is shown to the customer and in transcripts`, `body.${field}`);
      }
      let input: Input;
      switch (b.type) {
        case 'accepted':
          input = { type: 'agent_accepted', agentId, agentName: b.agentName ?? agentId, ...base } as Input;
          break;
        case 'message':
          if (!b.text) throw new ApiError(400, 'invalid_request', 'body.text: required for a message', 'body.text');
          if (nothingVisible(b.text)) throw new ApiError(400, 'invalid_request', 'body.text: the message has nothing visible (only spaces, control or invisible characters); the customer would get an empty bubble', 'body.text'); // hostile s19 #17
          input = { type: 'agent_message', agentId, agentName: b.agentName, text: b.text, ...base } as Input;
          break;
        case 'declined':
          input = { type: 'agent_declined', agentId, note: b.note, ...base } as Input;
          break;
        case 'handback':
          input = { type: 'agent_handback', agentId, note: b.note, ...base } as Input;
          break;
        case 'closed':
          input = { type: 'agent_closed', agentId, note: b.note, ...base } as Input;
          break;
        default:
          input = { type: 'no_agent', note: b.note, ...base } as Input;
      }
      // Masked and cleaned like the inbox's agents' words (hostile s17 H#5: this route wrote them verbatim).
      const out = await svc.apply(h.conversationId, agentWordsMasked(input));
      if (!out) throw new ApiError(404, 'conversation_not_found', 'The conversation of this handoff no longer exists.');
      return out;
    },
  });

  app.get('/api/v1/admin/tickets', {
    schema: { summary: 'Tickets opened by Ticket blocks', tags: ['admin'], security: [{ adminToken: [] }], querystring: s.listQuery },
    preHandler: admin,
    handler: async (req) => ({ tickets: await o.store.listRecords('ticket', { flowId: req.query.flowId }) }),
  });
  app.get('/api/v1/admin/csat', {
    schema: { summary: 'CSAT scores', tags: ['admin'], security: [{ adminToken: [] }], querystring: s.listQuery },
    preHandler: admin,
    handler: async (req) => ({ csat: await o.store.listRecords('csat', { flowId: req.query.flowId }) }),
  });
  await registerTranscriptExport(app, { store: o.store, admin }); // runtime/server/transcriptExport.ts

  /* ------------------------------------------------------------ operations */
  app.get('/healthz', { schema: { hide: true } }, async () => ({ status: 'ok' }));
  app.get('/readyz', { schema: { hide: true } }, async (_req, reply) => {
    if (!ready) return reply.code(503).header('Retry-After', '1').send({ error: 'not_ready', message: 'Starting up or draining.' });
    // Not ready while the data folder refuses writes (e.g. disk full); the store retries a probe write itself.
    const writeProblem = await (o.store as { writeProblem?: () => Promise<string | null> }).writeProblem?.();
    if (writeProblem) return reply.code(503).header('Retry-After', '30').send({ error: 'storage_unavailable', message: writeProblem });
    return { status: 'ready', flows: o.catalog.flowIds() };
  });
  o.metrics.csatPerAgent = Boolean(o.metricsToken); // per-agent CSAT never on a public page (hostile s14 H#11)
  app.get('/metrics', { schema: { hide: true } }, async (req, reply) => {
    // Optional token (config metricsToken / BATON_METRICS_TOKEN); Prometheus sends it with `authorization.credentials`.
    if (o.metricsToken) {
      const t = bearer(req);
      if (!t || !sameSecret(t, o.metricsToken)) throw new ApiError(401, 'invalid_metrics_token', 'Send the metrics token: "Authorization: Bearer <metrics token>".', 'authorization');
    }
    const text = await o.metrics.registry.metrics();
    return reply.type(o.metrics.registry.contentType).send(text);
  });
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  if (o.registerRoutes) await o.registerRoutes(app);
  await registerPages(app, { catalog: o.catalog }); // inbox, widget, demo pages (runtime/server/servePages.ts)
  await app.ready();
  return { app, setReady: (r) => (ready = r) };
}

type RasaMessage = {
  recipient_id: string;
  text?: string;
  buttons?: Array<{ title: string; payload: string }>;
  custom?: { handoff: { status: string; reason: string; joined?: boolean } };
};

/** A Rasa client's opener that only starts the conversation ("hi", "hello there", "/start", "/restart"). */
const RASA_HELLO = /^\s*(\/?(start|restart|greet)|hi+|hiya|hey+|hello+|hallo|howdy|yo|good (morning|afternoon|evening)|hi there|hello there|hey there)[\s!.,]*$/i;

function toRasa(recipient: string, entries: LogEntry[]): RasaMessage[] {
  const out: RasaMessage[] = [];
  for (const e of entries) {
    if (e.from === 'customer') continue;
    if (e.status) {
      if (e.status.handoff) {
        // `joined` (newcomer s28 N6): assigned automatically, false until the agent opens the chat, then true.
        const { status, reason, joined } = e.status.handoff;
        out.push({ recipient_id: recipient, custom: { handoff: joined === undefined ? { status, reason } : { status, reason, joined } } });
      }
      continue;
    }
    const m: RasaMessage = { recipient_id: recipient, text: e.text };
    if (e.buttons?.length) m.buttons = e.buttons.map((b) => ({ title: b.label, payload: b.label }));
    out.push(m);
  }
  return out;
}
