/**
 * The studio server: serves the built studio (dist/renderer) and a small JSON API over the flow files of
 * one home folder (see flowStore.ts). Listens on 127.0.0.1 only, behind a per-launch secret (studioAuth.ts).
 * Electron's main process and `baton studio` start it in-process.
 *
 *   const studio = await startStudioServer({ home: '/tmp/h', port: 0 });
 *   console.log(studio.url);   // http://127.0.0.1:PORT/studio/?token=SECRET
 *   await studio.close();
 */
import { publishFlow } from './publishFlow';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyHelmet from '@fastify/helmet';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyReply, type FastifyRequest } from 'fastify';
import { FlowStore, StudioError } from './flowStore';
import { vocabularyMatchesOf } from '../../shared/escalation/vocabularyWarnings';
import { sizeProblemsText, studioSizeProblems } from './studioSizeLimits';
import { lockStudioHome } from './homeLock';
import { writeStudioLink } from './studioLink';
import { registerRunRoutes } from './run/studioRunner';
import { registerSimulateHttpRoute } from './simulateHttp';
import { allowedHosts, allowedOrigins, cookieName, newSecret, readCookies, sameSecret, SECRET_HEADER } from './studioAuth';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const defaultRendererDir = join(repoRoot, 'dist/renderer');

export interface StudioServerOptions {
  /** The studio's home folder (flows, history, journal, index). Created if missing. */
  home: string;
  /** 0 (default) picks a free port. */
  port?: number;
  /** Only loopback addresses are accepted. */
  host?: '127.0.0.1' | 'localhost' | '::1';
  /** The per-launch secret; a random one by default. */
  secret?: string;
  /** The built renderer (vite's output). */
  rendererDir?: string;
  /** Templates for "new from template" (default: the sample flows in flows/). */
  templatesDir?: string;
  /** Log requests with pino (off by default: the CLI prints its own lines). */
  logger?: boolean;
}

export interface StudioServer {
  /** The link to open: the studio page with the secret; opening it once sets the cookie. */
  url: string;
  /** http://127.0.0.1:PORT */
  origin: string;
  port: number;
  secret: string;
  store: FlowStore;
  /** The link that opens one flow on the canvas. */
  flowUrl(key: string): string;
  close(): Promise<void>;
}

/** The Content-Security-Policy of the studio page (also used by Electron's session). */
export const studioCsp = [
  "default-src 'self'",
  "script-src 'self'",
  // React Flow positions nodes with inline style attributes.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

interface ErrorBody {
  error: { code: string; message: string; hint: string; problems?: unknown[] };
}

function errorBody(code: string, message: string, hint: string, problems?: unknown[]): ErrorBody {
  return { error: { code, message, hint, ...(problems && problems.length ? { problems } : {}) } };
}

/** The page cookie lives as long as any studio server reasonably runs (the secret dies with the process). */
const COOKIE_MAX_AGE_S = 30 * 24 * 3600;

const lockedPage = (title: string, text: string) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title>
<style>body{font:16px/1.5 system-ui,sans-serif;color:#1f2937;background:#f8fafc;display:grid;place-items:center;min-height:100vh;margin:0}
main{max-width:32rem;padding:2rem;background:#fff;border:1px solid #e2e8f0;border-radius:12px}h1{font-size:1.25rem;margin:0 0 .5rem}code{background:#f1f5f9;padding:.1rem .3rem;border-radius:4px}</style>
</head><body><main><h1>${title}</h1><p>${text}</p></main></body></html>`;

export async function startStudioServer(opts: StudioServerOptions): Promise<StudioServer> {
  const host = opts.host ?? '127.0.0.1';
  if (!['127.0.0.1', 'localhost', '::1'].includes(host)) throw new Error(`The studio server only listens on loopback addresses, not ${host}.`);
  const secret = opts.secret ?? newSecret();
  const rendererDir = resolve(opts.rendererDir ?? defaultRendererDir);
  // One studio per home (hostile s9 #9): a second one is refused, naming the first, before it reads the index.
  // Hostile s13 #5: this studio stalled past the stale time and another one took the home over: it stops writing (every
  // write answers 503 saying so) and says it on stderr, instead of running on as a second writer beside it.
  let lockLost: string | null = null;
  const lock = lockStudioHome(opts.home, undefined, (why) => {
    lockLost = why;
    process.stderr.write(`Baton Studio: ${why}. Edits are no longer saved here; open the studio that holds the home now.\n`);
  });
  let store: FlowStore;
  try {
    store = await FlowStore.open({ home: opts.home, templatesDir: opts.templatesDir });
  } catch (err) {
    lock.release();
    throw err;
  }
  // Newcomer s42 N8: the templates are read (and checked) now, while the studio starts, not on the home screen's first
  // request (2.5-3.6 s on a busy machine, with "Loading…" and an empty template section meanwhile); the page carries them.
  void store.templates().catch(() => {});
  let port = opts.port ?? 0;

  const app = Fastify({
    logger: opts.logger ?? false,
    bodyLimit: 32 * 1024 * 1024,
    forceCloseConnections: true,
    // A broken %-escape in the path (or a too-long part) gets the studio's error shape, not Fastify's (hostile s5 #12).
    frameworkErrors: (err, _req, reply) => {
      const long = err.code === 'FST_ERR_MAX_PARAM_LENGTH';
      reply.hijack();
      reply.raw.writeHead(long ? 414 : 400, { 'content-type': 'application/json; charset=utf-8' });
      reply.raw.end(
        JSON.stringify(
          long
            ? errorBody('uri_too_long', 'A part of the path is too long.', 'Flow keys are short names; open the flow from the studio\'s list.')
            : errorBody('bad_url', 'The path has a broken percent-escape (such as "%E0%A4%A"), so it cannot be read.', 'Encode each path part with encodeURIComponent, as the studio page does.'),
        ),
      );
    },
  });

  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: Object.fromEntries(
        studioCsp.split('; ').map((d) => {
          const [name, ...values] = d.split(' ');
          return [name, values];
        }),
      ),
    },
    hsts: false,
    crossOriginEmbedderPolicy: false,
  });

  // Who may call: see studioAuth.ts.
  app.addHook('onRequest', async (req, reply) => {
    if (!allowedHosts(port).has(String(req.headers.host ?? ''))) {
      return reply.code(403).type('application/json').send(errorBody('bad_host', 'This studio server only answers requests addressed to 127.0.0.1 or localhost.', 'Open the link printed when the studio started.'));
    }
    // Flow keys and page paths are short: a path of thousands of characters reached the static file server, which
    // answered "Forbidden" (hostile s5 #12). Say what it is instead.
    if (req.url.split('?')[0].length > 2048) {
      return reply.code(414).type('application/json').send(errorBody('uri_too_long', 'The path is longer than 2048 characters, so it is not read.', 'Flow keys are short names; open the flow from the studio\'s list.'));
    }
    const isApi = req.url.startsWith('/api/');
    const origin = req.headers.origin;
    const site = req.headers['sec-fetch-site'];
    if ((origin !== undefined && !allowedOrigins(port).has(origin)) || (isApi && (site === 'cross-site' || site === 'same-site'))) {
      return reply.code(403).type('application/json').send(errorBody('bad_origin', 'Requests from other pages or sites are refused by the studio server.', 'Use the studio page itself.'));
    }
    if (isApi) {
      if (!sameSecret(req.headers[SECRET_HEADER] as string | undefined, secret)) {
        return reply.code(401).send(errorBody('no_secret', 'This request did not carry the studio secret, so it was refused.', `Open the link printed when the studio started; API clients send the secret in the ${SECRET_HEADER} header.`));
      }
      // Hostile s13 #5: a write is made only while this studio still holds its home (checked now, not at the last heartbeat).
      if (req.method !== 'GET' && req.method !== 'HEAD' && (lockLost !== null || !lock.holds())) {
        return reply.code(503).send(errorBody('home_lock_lost', `Nothing was written: ${lockLost ?? 'this studio no longer holds its home folder'}.`, 'Another Baton Studio uses this home now: copy your unsaved work out (Export) and continue in that studio, or stop it and start this one again.'));
      }
      return;
    }
    const q = req.url.indexOf('?');
    const params = new URLSearchParams(q >= 0 ? req.url.slice(q + 1) : '');
    const token = params.get('token');
    if (token !== null && sameSecret(token, secret)) {
      params.delete('token');
      const rest = params.toString();
      const path = q >= 0 ? req.url.slice(0, q) : req.url;
      // Max-Age: closing the tab (or the browser) keeps this browser signed in for as long as this server runs;
      // the secret changes on every start, so an old cookie opens nothing after a restart.
      reply.header('set-cookie', `${cookieName(port)}=${encodeURIComponent(secret)}; Path=/; Max-Age=${COOKIE_MAX_AGE_S}; HttpOnly; SameSite=Strict`);
      return reply.redirect(path + (rest ? `?${rest}` : ''), 302);
    }
    if (!readCookies(req.headers.cookie, cookieName(port)).some((v) => sameSecret(v, secret)) && !sameSecret(req.headers[SECRET_HEADER] as string | undefined, secret)) {
      return reply
        .code(401)
        .type('text/html; charset=utf-8')
        .send(
          lockedPage(
            'This Baton Studio is locked',
            'Open the full link printed in the terminal where you started the studio with <code>npm start</code> or <code>npx baton studio</code> (the line <code>Baton Studio: http://127.0.0.1:' +
              port +
              '/studio/?token=...</code>). The link changes every time the studio starts; after you open it once, this browser stays signed in until that studio is stopped. If the terminal is gone, run <code>npx baton studio</code> again (with the same <code>--home</code>, if you gave one): it is refused, and prints the running studio\'s full link.',
          ),
        );
    }
  });

  app.setErrorHandler((err: Error & { statusCode?: number; code?: string }, _req, reply) => {
    if (err instanceof StudioError) return reply.code(err.status).send(errorBody(err.code, err.message, err.hint, err.problems));
    if (err.statusCode && err.statusCode < 500) {
      const tooBig = err.code === 'FST_ERR_CTP_BODY_TOO_LARGE';
      // Fastify's JSON parser (secure-json-parse) also refuses a "__proto__" key with this same error.
      const badJson = err.code === 'FST_ERR_CTP_INVALID_JSON_BODY';
      return reply
        .code(err.statusCode)
        .send(
          errorBody(
            tooBig ? 'too_large' : 'bad_request',
            tooBig ? 'The request is too large (32 MB at most).' : badJson ? 'The request body is not valid JSON, or it holds a "__proto__" key, which the studio refuses for safety.' : `The request could not be read: ${err.message}`,
            badJson ? 'Send valid JSON and rename any "__proto__" key (in a variable name or a typed HTTP reply, for example).' : 'Send JSON as the studio client does.',
          ),
        );
    }
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOSPC') return reply.code(507).send(errorBody('disk_full', 'The disk is full, so the flow was not written. Nothing on disk changed.', 'Free some space; your edits are kept in the editor until then.'));
    if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') {
      return reply.code(403).send(errorBody('not_writable', `The studio cannot write its files: ${err.message}.`, 'Check the permissions of the studio home folder.'));
    }
    app.log.error(err);
    return reply.code(500).send(errorBody('unexpected', `Unexpected error in the studio server: ${err.message}`, 'Your edits are kept in the editor; please report this.'));
  });

  app.setNotFoundHandler((req, reply) => {
    if (req.url.startsWith('/api/')) return reply.code(404).send(errorBody('not_found', `There is no API route ${req.method} ${req.url.split('?')[0]}.`, 'See runtime/studio/startStudioServer.ts for the routes.'));
    return reply.code(404).type('text/html; charset=utf-8').send(lockedPage('Not found', 'This page does not exist. Go back to the <a href="/studio/">studio</a>.'));
  });

  /* ------------------------------------------------------------------ API */
  const keyOf = (req: FastifyRequest) => (req.params as { key: string }).key;
  const revOf = (req: FastifyRequest) => {
    const raw = (req.params as { rev: string }).rev;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < 1) throw new StudioError(400, 'bad_revision', `"${String(raw).slice(0, 50)}" is not a version number.`, 'Versions are numbered 1, 2, 3...');
    return n;
  };
  const body = (req: FastifyRequest): Record<string, any> => {
    const b = req.body;
    if (b === undefined || b === null || typeof b !== 'object' || Array.isArray(b)) {
      throw new StudioError(400, 'bad_body', 'This request needs a JSON object body.', 'Send Content-Type: application/json with a { ... } body.');
    }
    return b as Record<string, any>;
  };

  app.get('/api/health', async () => ({ ok: true }));
  app.get('/api/flows', async () => ({ flows: await store.list(), recent: store.recent() }));
  app.get('/api/templates', async () => ({ templates: await store.templates() }));
  app.post('/api/flows', async (req, reply) => {
    const b = req.body && typeof req.body === 'object' ? (req.body as Record<string, unknown>) : {};
    const r = await store.create({ template: typeof b.template === 'string' ? b.template : undefined, name: typeof b.name === 'string' ? b.name : undefined });
    return reply.code(201).send(r);
  });
  app.get('/api/flows/:key', async (req) => {
    const opened = await store.open(keyOf(req));
    // Hostile s28 H8: a flow that grew past what the canvas can draw (edited on disk) is not opened into a frozen tab.
    const tooLarge = studioSizeProblems(opened.flow);
    if (tooLarge.length > 0) throw new StudioError(422, 'flow_too_large', `This flow is too large for the studio: ${sizeProblemsText(tooLarge)} Its file ${opened.path} was not changed.`, tooLarge[0].hint, tooLarge);
    // Session 49 (ci6): the vocabulary warnings' matches for the page's first validation (kept by this process: opening
    // the flow above validated it already, so these are look-ups).
    return { ...opened, vocabularyMatches: vocabularyMatchesOf(opened.flow.escalation) };
  });
  app.put('/api/flows/:key', async (req) => {
    const b = body(req);
    if (!('flow' in b)) throw new StudioError(400, 'bad_body', 'A save needs { "flow": {...}, "journalSeq": n }.', 'Send the whole flow document.');
    return store.save(keyOf(req), b.flow, b.journalSeq ?? 0, { baseRevision: b.baseRevision, tab: typeof b.tab === 'string' ? b.tab.slice(0, 100) : undefined, overwriteDisk: b.overwriteDisk === true, ...(b.replacing !== undefined ? { replacing: b.replacing } : {}) });
  });
  // Newcomer s11 #17: has the file changed on disk since the studio loaded it (the page polls this), and "Reload".
  app.get('/api/flows/:key/disk', async (req) => store.diskStatus(keyOf(req)));
  app.post('/api/flows/:key/take-disk', async (req) => {
    const b = body(req);
    // Hostile s13 #2: `tab` names the sending tab, whose journaled edits alone are replayed onto its copy.
    return store.takeDiskVersion(keyOf(req), b.flow, b.journalSeq ?? 0, typeof b.tab === 'string' ? b.tab.slice(0, 100) : undefined);
  });
  app.post('/api/flows/:key/journal', async (req) => {
    const b = body(req);
    return store.appendJournal(keyOf(req), b.entries, { baseRevision: b.baseRevision, tab: typeof b.tab === 'string' ? b.tab.slice(0, 100) : undefined });
  });
  app.get('/api/flows/:key/scenarios', async (req) => store.readScenarios(keyOf(req)));
  // The scenarios body is kept as bytes and read by the same parser as `baton test` and the GET (strict UTF-8,
  // duplicate keys refused): Fastify's JSON parser keeps the last of two equal keys and decodes bad bytes leniently.
  app.register(async (raw) => {
    raw.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_req, bytes, done) => done(null, bytes));
    raw.put('/api/flows/:key/scenarios', async (req) => {
      if (!(req.body instanceof Uint8Array)) throw new StudioError(415, 'bad_content_type', 'The scenarios must be sent as JSON.', 'Send Content-Type: application/json with the scenario file document.');
      // If-Match: the revision GET gave; a file changed since (hand edit, another tab) is refused with 409.
      const ifMatch = req.headers['if-match'];
      const base = typeof ifMatch === 'string' && ifMatch.trim() ? ifMatch.trim().replace(/^W\//, '').replace(/^"|"$/g, '') : undefined;
      return store.writeScenarios(keyOf(req), req.body, base);
    });
  });
  app.get('/api/flows/:key/versions', async (req) => ({ versions: store.versions(keyOf(req)) }));
  app.get('/api/flows/:key/versions/:rev', async (req) => store.version(keyOf(req), revOf(req)));
  app.post('/api/flows/:key/versions/:rev/restore', async (req) => store.restoreVersion(keyOf(req), revOf(req)));
  app.get('/api/flows/:key/export', async (req, reply) => {
    const q = req.query as { layout?: string; download?: string };
    const r = await store.exportText(keyOf(req), { layout: q.layout === '1' || q.layout === 'true' });
    if (q.download === '1') {
      return reply.type('application/json; charset=utf-8').header('content-disposition', `attachment; filename="${r.fileName}"`).send(r.text);
    }
    return r;
  });
  // Publish to a running `baton serve` (runtime/studio/publishFlow.ts): the export's document, through its admin API.
  app.post('/api/flows/:key/publish', async (req) => {
    const b = body(req);
    const exported = await store.exportText(keyOf(req), { layout: false });
    return publishFlow(JSON.parse(exported.text) as { id: string }, b.url, b.token);
  });
  app.post('/api/flows/:key/duplicate', async (req, reply) => reply.code(201).send(await store.duplicate(keyOf(req))));
  app.delete('/api/flows/:key', async (req) => store.delete(keyOf(req)));
  app.post('/api/import', async (req, reply) => {
    const b = body(req);
    return reply.code(201).send(await store.importText(b.text, typeof b.fileName === 'string' ? b.fileName.slice(0, 200) : undefined));
  });
  app.get('/api/trash', async () => ({ trash: store.trash() }));
  app.post('/api/trash/:id/restore', async (req) => store.restoreFromTrash((req.params as { id: string }).id));
  app.get('/api/preferences', async () => ({ preferences: store.preferences() }));
  app.put('/api/preferences', async (req) => ({ preferences: await store.setPreferences(body(req)) }));
  registerRunRoutes(app, { store, home: opts.home }); // the Run button: runtime/studio/run/studioRunner.ts
  registerSimulateHttpRoute(app); // the simulator's HTTP Request blocks "call for real": runtime/studio/simulateHttp.ts

  /* ------------------------------------------------------------------ the studio page */
  const studioIndex = join(rendererDir, 'studio', 'index.html');
  const sendStudio = async (_req: FastifyRequest, reply: FastifyReply) => {
    reply.header('cache-control', 'no-store');
    if (!existsSync(studioIndex)) {
      return reply
        .code(503)
        .type('text/html; charset=utf-8')
        .send(lockedPage('The studio is not built', `There is no built studio in <code>${rendererDir}</code>. Run <code>npm run build</code>, then start the studio again (<code>npm start</code> builds it for you).`));
    }
    const html = await readFile(studioIndex, 'utf8');
    // The templates as read at start (newcomer s42 N8), as JSON a script tag cannot end early (no "<" in it).
    const templates = store.templatesAsRead();
    const inline = templates ? `<script type="application/json" id="baton-templates">${JSON.stringify(templates).replace(/</g, '\\u003c')}</script>` : '';
    const meta = `<meta name="baton-secret" content="${secret}">${inline}`;
    return reply.type('text/html; charset=utf-8').send(html.includes('</head>') ? html.replace('</head>', `${meta}</head>`) : meta + html);
  };
  app.get('/', async (_req, reply) => reply.redirect('/studio/', 302));
  app.get('/studio', async (_req, reply) => reply.redirect('/studio/', 302));
  app.get('/studio/', sendStudio);
  app.get('/studio/index.html', sendStudio);
  // Session 29 (newcomer s29 N1): registered even when the pages are not built yet. `baton studio` right after `npm
  // install` starts this server, then builds the pages (ensurePagesBuilt) before printing the link: registered only when
  // the folder existed, the first run served the page with every /assets file 404 (a blank white page) until a restart.
  // With `wildcard: true` each request looks the file up when it comes, so files the build writes later are served.
  await app.register(fastifyStatic, { root: rendererDir, prefix: '/', index: false, wildcard: true, cacheControl: false });

  try {
    await app.listen({ host, port });
  } catch (err) {
    lock.release();
    throw err;
  }
  const address = app.server.address();
  port = typeof address === 'object' && address ? address.port : port;
  const hostInUrl = host === '::1' ? '[::1]' : host;
  const origin = `http://${hostInUrl}:${port}`;
  lock.setOrigin(origin);
  const url = `${origin}/studio/?token=${secret}`;
  const dropLink = writeStudioLink(opts.home, url);
  return {
    url,
    origin,
    port,
    secret,
    store,
    flowUrl: (key: string) => `${url}#/flow/${encodeURIComponent(key)}`,
    close: async () => {
      try {
        await app.close();
      } finally {
        dropLink();
        lock.release();
      }
    },
  };
}
