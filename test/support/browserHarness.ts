/**
 * Headless Chromium for the end-to-end tests (the runtime's pages: widget, inbox; and the studio).
 *
 *   const browser = await launchChromium();
 *   const page = await newWatchedPage(browser, { width: 1440, height: 900 }, { errors });  // errors collected
 *
 *   const s = await openStudioSession();      // renderer built, studio server, browser with one page
 *   s.studio.api.createFlow(...); s.page.goto(s.studio.flowUrl(key)); ... await s.close();
 *
 *   const { panel, say } = simulatorPanel(() => page);   // the studio's simulator panel; say(text) waits for it
 */
import type { Browser, Page } from 'playwright-core';
import { expect } from 'vitest';
import { ensureRendererBuilt, leaseChromium, openBrowser, startStudio, type BrowserHandle, type StudioHandle } from '../e2e/support/studio';

/**
 * Debian's Chromium, headless, with the project's flags: a lease on the worker's shared browser (session 44, see
 * leaseChromium in test/e2e/support/studio.ts); each newContext / newPage is a fresh profile, close() closes those.
 */
export function launchChromium(): Promise<Browser> {
  return leaseChromium();
}

export interface PageWatch {
  /** Uncaught page errors. */
  errors: string[];
  /** Console errors other than "Failed to load resource" (CSP violations ...): into `errors` unless given. */
  consoleErrors?: string[];
  /** Responses with status >= 400 as "STATUS /path"; not watched unless given. */
  failedLoads?: string[];
}

/** Records what went wrong on `page` into the arrays of `watch` (a test then asserts they stay empty). */
export function watchPage(page: Page, watch: PageWatch): Page {
  const consoleErrors = watch.consoleErrors ?? watch.errors;
  page.on('pageerror', (e) => watch.errors.push(e.message));
  page.on('console', (m) => m.type() === 'error' && !m.text().startsWith('Failed to load resource') && consoleErrors.push(m.text()));
  const failed = watch.failedLoads;
  if (failed) page.on('response', (r) => r.status() >= 400 && failed.push(`${r.status()} ${new URL(r.url()).pathname}`));
  return page;
}

/** A page in a fresh context (its own cookies and storage) of `browser`, watched by `watchPage`. */
export async function newWatchedPage(browser: Browser, viewport: { width: number; height: number }, watch: PageWatch): Promise<Page> {
  const page = await (await browser.newContext({ viewport })).newPage();
  return watchPage(page, watch);
}

export interface StudioSession {
  studio: StudioHandle;
  browser: BrowserHandle;
  page: Page;
  /** Closes the browser, then the studio (and its temp home). */
  close(): Promise<void>;
}

/** The browser studio (in-process studio server, temp home) and headless Chromium with one page (1440x900). */
export async function openStudioSession(): Promise<StudioSession> {
  ensureRendererBuilt();
  const studio = await startStudio();
  let browser: BrowserHandle;
  try {
    browser = await openBrowser();
  } catch (e) {
    await studio.close();
    throw e;
  }
  return {
    studio,
    browser,
    page: browser.page,
    async close() {
      await browser.close();
      await studio.close();
    },
  };
}

/** The studio's simulator panel on the page `page()` returns (a getter: tests set their page in beforeAll). */
export function simulatorPanel(page: () => Page) {
  const panel = () => page().getByRole('complementary', { name: 'Simulator' });
  const transcript = () => panel().getByRole('list', { name: 'Transcript' });
  /** Types `text` as the customer and waits until the transcript shows it. */
  const say = async (text: string) => {
    const input = panel().getByLabel('Customer message');
    await input.fill(text);
    await input.press('Enter');
    await expect.poll(() => transcript().getByText(text, { exact: true }).count()).toBeGreaterThan(0);
  };
  return { panel, transcript, say };
}
