/**
 * End-to-end harness: the real browser studio (studio server + built renderer) in headless Chromium.
 *
 *   ensureRendererBuilt();                        // vite build once, if dist/renderer is missing or stale
 *   const studio = await startStudio({ process: true });   // `baton studio` in a child process (killable)
 *   const { browser, page } = await openBrowser();
 *   await page.goto(studio.url);
 *   await screenshot(page, 'home');               // test/e2e/screenshots/home.png
 *   await studio.kill();  await studio.restart(); // SIGKILL, then the same home and port again
 *
 * The server runs in-process by default (fast); `process: true` runs the real CLI so a test can kill -9 it.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { createStudioApi, type StudioApi } from '../../../renderer/studio/api/studioApi';
import { repoRoot, startStudioServer, type StudioServer } from '../../../runtime/studio/startStudioServer';
import { newestUnder, pagesBuildEnv } from '../../../scripts/pagesBuild.mjs';

export const screenshotsDir = join(repoRoot, 'test/e2e/screenshots');

export const chromiumArgs = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

/** Newest modification time under a folder: the same staleness rule as `npm start` (scripts/pagesBuild.mjs). */
const newest = newestUnder;

const sleep = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

/**
 * Written next to the pages by ensureRendererBuilt after its production build. Pages without it (built by hand,
 * or by an older harness under vitest's NODE_ENV=test, i.e. React's development build, where StrictMode runs every
 * effect twice) are built again: the tests drive the production pages users get from npm start / baton serve.
 */
export const BUILD_STAMP = join(repoRoot, 'dist/renderer/.e2e-build.json');

interface BuildStamp {
  nodeEnv?: string;
  at?: string;
  /** Files of this build and of the one before (relative to dist/renderer): what open pages may still load. */
  files?: string[];
  previous?: string[];
}

function readStamp(path = BUILD_STAMP): BuildStamp | null {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as BuildStamp;
  } catch {
    return null;
  }
}

const stampedProduction = () => readStamp()?.nodeEnv === 'production';

function filesUnder(dir: string, root = dir): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(join(dir, e.name), root) : [relative(root, join(dir, e.name))]));
}

/**
 * Moves a finished build from `staging` into dist/renderer WITHOUT emptying it first: pages other test files (or
 * another test run in the same checkout) have open keep loading their hashed assets, and each page's index.html is
 * swapped in one rename, after its assets. Files neither this build nor the previous one has are removed.
 */
export function installBuild(staging: string, out: string, stamp = join(out, '.e2e-build.json')): void {
  const files = filesUnder(staging);
  const last = (f: string) => (f.endsWith('index.html') ? 1 : 0);
  for (const f of [...files].sort((a, b) => last(a) - last(b))) {
    mkdirSync(dirname(join(out, f)), { recursive: true });
    renameSync(join(staging, f), join(out, f));
  }
  const before = readStamp(stamp);
  const keep = new Set([...files, ...(before?.files ?? [])]);
  if (before?.files) for (const f of filesUnder(out)) if (!keep.has(f) && !f.startsWith('.')) rmSync(join(out, f), { force: true });
  writeFileSync(stamp, JSON.stringify({ nodeEnv: 'production', at: new Date().toISOString(), files, previous: before?.files ?? [] } satisfies BuildStamp) + '\n');
}

/**
 * Builds the renderer (production React, as users get it) when a page is missing, not built by this harness in
 * production mode, or older than renderer/ or shared/.
 * Test files run in parallel workers: a lock folder makes one build while the others wait for it.
 */
export function ensureRendererBuilt(): void {
  // Every app of the renderer (studio, inbox, widget): the e2e tests drive all three.
  const indexes = ['studio', 'inbox', 'widget']
    .filter((name) => existsSync(join(repoRoot, 'renderer', name, 'index.html')))
    .map((name) => join(repoRoot, 'dist/renderer', name, 'index.html'));
  // Built by the global setup for this run: only a missing build is rebuilt (pages must not change under test files
  // mid-run).
  const builtThisRun = process.env.BATON_RENDERER_BUILT === '1';
  const sources = () => Math.max(newest(join(repoRoot, 'renderer')), newest(join(repoRoot, 'shared')));
  const fresh = () =>
    indexes.every((index) => existsSync(index)) &&
    stampedProduction() &&
    (builtThisRun || indexes.every((index) => statSync(index).mtimeMs >= sources()));
  if (fresh()) return;
  mkdirSync(join(repoRoot, 'dist'), { recursive: true });
  const lock = join(repoRoot, 'dist/.renderer-build-lock');
  const deadline = Date.now() + 180_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      // someone else is building; a lock older than 3 minutes is stale
      if (existsSync(lock) && Date.now() - statSync(lock).mtimeMs > 180_000) rmSync(lock, { recursive: true, force: true });
      if (Date.now() > deadline) throw new Error('Waited 3 minutes for another test to build the renderer.');
      sleep(500);
      if (fresh()) return;
    }
  }
  try {
    // All entries (the e2e tests use the studio, the inbox and the widget); `npm run build` does the same.
    if (!fresh()) {
      // pagesBuildEnv: NODE_ENV=production (vitest's NODE_ENV=test would give React's development build). Built
      // aside, then moved in: vite's own emptyOutDir would empty dist/renderer under open pages for the build's length.
      // Session 49 (lead, newcomer s49 N13): `npm test` printed nothing for ~90 s after "RUN" while this ran.
      process.stderr.write('[test setup] building the studio, inbox and widget pages for the end-to-end tests (about a minute; the tests start after it)...\n');
      const staging = join(repoRoot, `dist/.renderer-staging-${process.pid}`);
      rmSync(staging, { recursive: true, force: true });
      try {
        execFileSync(process.execPath, [join(repoRoot, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn', '--outDir', staging, '--emptyOutDir'], {
          cwd: repoRoot,
          stdio: 'inherit',
          env: pagesBuildEnv(),
        });
        installBuild(staging, join(repoRoot, 'dist/renderer'), BUILD_STAMP);
      } finally {
        rmSync(staging, { recursive: true, force: true });
      }
    }
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

export interface StudioHandle {
  home: string;
  port: number;
  /** The link the CLI printed (with the per-launch secret). */
  url: string;
  origin: string;
  secret: string;
  flowUrl(key: string): string;
  /** A typed API client with this launch's secret (for checks from the test). */
  api: StudioApi;
  /** SIGKILL (process mode) or an abrupt close (in-process): no save, no goodbye. */
  kill(): Promise<void>;
  /** Starts again on the same home and port (a new secret, as after any restart). */
  restart(): Promise<void>;
  close(): Promise<void>;
}

export interface StartStudioOptions {
  home?: string;
  port?: number;
  /** Run `baton studio` in a child process (so it can be killed with SIGKILL). */
  process?: boolean;
  /** A flow file for `baton studio FLOW.json` (process mode). */
  file?: string;
}

async function spawnCli(home: string, port: number, file?: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [join(repoRoot, 'bin/baton.js'), 'studio', '--no-open', '--port', String(port), '--home', home, ...(file ? [file] : [])], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      // Session 44: not left running after the test gave up on it (a `baton studio` rebuilding stale pages outlived its run).
      child.kill('SIGKILL');
      reject(new Error(`baton studio did not print its link in 30 s.\n${out}\n${err}`));
    }, 30_000);
    child.stdout!.on('data', (d) => {
      out += d;
      const m = /Baton Studio: (\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    child.stderr!.on('data', (d) => (err += d));
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`baton studio exited with ${code}.\n${out}\n${err}`));
    });
  });
  child.removeAllListeners('exit');
  return { child, url };
}

export async function startStudio(opts: StartStudioOptions = {}): Promise<StudioHandle> {
  const ownHome = !opts.home;
  const home = opts.home ?? mkdtempSync(join(tmpdir(), 'baton-e2e-'));
  const port = opts.port ?? (await freePort());
  let server: StudioServer | null = null;
  let child: ChildProcess | null = null;
  const handle = {} as StudioHandle;

  const launch = async () => {
    if (opts.process) {
      const r = await spawnCli(home, port, opts.file);
      child = r.child;
      const u = new URL(r.url);
      handle.url = r.url;
      handle.origin = u.origin;
      handle.secret = new URLSearchParams(u.search).get('token') ?? '';
    } else {
      server = await startStudioServer({ home, port });
      handle.url = server.url;
      handle.origin = server.origin;
      handle.secret = server.secret;
    }
    handle.api = createStudioApi({ baseUrl: handle.origin, secret: handle.secret });
  };
  const stop = async (signal: NodeJS.Signals) => {
    if (child) {
      const c = child;
      child = null;
      const exited = new Promise((r) => c.once('exit', r));
      c.kill(signal);
      await exited;
    }
    if (server) {
      const s = server;
      server = null;
      await s.close();
    }
  };

  Object.assign(handle, {
    home,
    port,
    flowUrl: (key: string) => `${handle.url.split('#')[0]}#/flow/${encodeURIComponent(key)}`,
    kill: () => stop('SIGKILL'),
    restart: async () => {
      await stop('SIGKILL');
      await launch();
    },
    close: async () => {
      await stop('SIGTERM');
      if (ownHome) rmSync(home, { recursive: true, force: true });
    },
  });
  await launch();
  return handle;
}

export interface BrowserHandle {
  browser: Browser;
  context: BrowserContext;
  page: Page;
  /** Page errors (uncaught exceptions) seen so far: a test can assert there were none. */
  errors: string[];
  close(): Promise<void>;
}

/**
 * Session 44: one headless Chromium per test worker, shared by the files that worker runs one after another, as
 * Playwright's own runner does (one browser per worker, a new context per test). Starting Chromium took ~1.5 s and
 * closing it ~0.25 s on the 2-core CI machine under load, and the e2e files started it ~100 times per CI run. Each
 * caller still gets a fresh profile: a browser context (its own cookies, storage, cache, permissions), and closing its
 * lease closes the contexts it opened. With no lease open for IDLE_CLOSE_MS the browser is closed (the timer does not
 * keep the worker alive, and Playwright kills a browser it launched when the process exits), so a worker that
 * re-imports the modules for each file (project 'app') does not keep one Chromium per file.
 */
const IDLE_CLOSE_MS = 60_000;
let sharedBrowser: Promise<Browser> | undefined;
let leases = 0;
let idleTimer: NodeJS.Timeout | undefined;

async function sharedChromium(): Promise<Browser> {
  const current = sharedBrowser && (await sharedBrowser.catch(() => undefined));
  if (current?.isConnected()) return current;
  const launching = chromium.launch({ executablePath: '/usr/bin/chromium', args: chromiumArgs });
  sharedBrowser = launching;
  launching.then((b) => b.on('disconnected', () => sharedBrowser === launching && (sharedBrowser = undefined)), () => (sharedBrowser = undefined));
  return launching;
}

/**
 * Headless Debian Chromium for one caller: the worker's shared browser behind a lease. newContext / newPage open fresh
 * contexts (a new profile each), contexts() lists the lease's own, close() closes them (not the shared browser). The
 * other Browser members are the shared browser's.
 */
export async function leaseChromium(): Promise<Browser> {
  clearTimeout(idleTimer);
  leases++;
  let real: Browser;
  try {
    real = await sharedChromium();
  } catch (e) {
    leases--;
    throw e;
  }
  const own = new Set<BrowserContext>();
  let closed = false;
  const newContext = async (options?: Parameters<Browser['newContext']>[0]): Promise<BrowserContext> => {
    if (closed) throw new Error('this browser lease is closed');
    const context = await real.newContext(options);
    own.add(context);
    context.on('close', () => own.delete(context));
    return context;
  };
  const lease: Browser = new Proxy(real, {
    get(target, prop) {
      if (prop === 'newContext') return newContext;
      if (prop === 'newPage')
        return async (options?: Parameters<Browser['newPage']>[0]) => {
          // As Browser.newPage: a page in a context of its own, closed with the page.
          const context = await newContext(options);
          const page = await context.newPage();
          page.once('close', () => void context.close().catch(() => undefined));
          return page;
        };
      if (prop === 'contexts') return () => [...own];
      if (prop === 'close')
        return async () => {
          if (closed) return;
          closed = true;
          await Promise.all([...own].map((c) => c.close().catch(() => undefined)));
          if (--leases === 0) {
            idleTimer = setTimeout(() => {
              if (leases !== 0 || !sharedBrowser) return;
              const closing = sharedBrowser;
              sharedBrowser = undefined; // a lease taken from now on starts a new browser
              void closing.then((b) => b.close()).catch(() => undefined);
            }, IDLE_CLOSE_MS);
            idleTimer.unref();
          }
        };
      const value = Reflect.get(target, prop, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return lease;
}

/** Headless Debian Chromium with a fresh profile (a new context of the worker's shared browser, see leaseChromium). */
export async function openBrowser(viewport = { width: 1440, height: 900 }): Promise<BrowserHandle> {
  const browser = await leaseChromium();
  try {
    const context = await browser.newContext({ viewport });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    return { browser, context, page, errors, close: () => browser.close() };
  } catch (e) {
    await browser.close();
    throw e;
  }
}

/** Saves a PNG in test/e2e/screenshots/NAME.png (ignored by git) and returns its path: look at it. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(screenshotsDir, { recursive: true });
  const path = join(screenshotsDir, `${name}.png`);
  await page.screenshot({ path });
  return path;
}

/**
 * The usual set-up of a studio test file: the renderer built, one studio server and one browser page for the whole
 * describe block (1440x900), closed after it. `use` receives them once they are up:
 *
 *   let studio: StudioHandle;
 *   let page: Page;
 *   studioInBrowser((h) => ({ studio, page } = h)); // add `browser` when the file reads its page errors
 */
export function studioInBrowser(use: (h: { studio: StudioHandle; browser: BrowserHandle; page: Page }) => void): void {
  let browser: BrowserHandle | undefined;
  let studio: StudioHandle | undefined;
  beforeAll(async () => {
    ensureRendererBuilt();
    studio = await startStudio();
    browser = await openBrowser({ width: 1440, height: 900 });
    use({ studio, browser, page: browser.page });
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await studio?.close();
  });
}
