/**
 * Measures the studio Run button's widget greeting (the wait in test/e2e/handoffRun.test.ts): from the moment the
 * widget page opens to the bot's first message, with each request the widget page made and when it finished.
 *   npx tsx test/e2e/support/measureRunGreeting.ts [rounds=3]
 * Prints one timeline per round (ms since the widget page opened). Not a test: a tool to find what waits.
 */
import type { Page, Request } from 'playwright-core';
import { ensureRendererBuilt, openBrowser, startStudio } from './studio';

const rounds = Number(process.argv[2] ?? 3);

async function main() {
  ensureRendererBuilt();
  const studio = await startStudio();
  const b = await openBrowser();
  try {
    const { key } = await studio.api.createFlow({ template: 'customer-support' });
    for (let round = 1; round <= rounds; round++) {
      const ctx = round === 1 ? b.context : await b.browser.newContext({ viewport: { width: 1440, height: 900 } });
      const page = round === 1 ? b.page : await ctx.newPage();
      await page.goto(studio.flowUrl(key));
      const opened: Array<{ page: Page; at: number }> = [];
      const lines: string[] = [];
      let t0 = 0;
      ctx.on('page', (p) => {
        const at = Date.now();
        if (!t0) t0 = at;
        const name = opened.length === 0 ? 'widget' : 'inbox';
        opened.push({ page: p, at });
        const started = new Map<Request, number>();
        p.on('request', (r) => started.set(r, Date.now()));
        const done = (r: Request, how: string) => {
          const s = started.get(r) ?? 0;
          const u = new URL(r.url());
          if (name === 'widget') lines.push(`${String(s - t0).padStart(6)} -> ${String(Date.now() - t0).padStart(6)} ms  ${how} ${r.method()} ${u.pathname}${u.search.slice(0, 30)}`);
        };
        p.on('requestfinished', (r) => done(r, 'ok    '));
        p.on('requestfailed', (r) => done(r, 'FAILED'));
      });
      const clicked = Date.now();
      await page.getByRole('button', { name: 'Run this flow in a real chat' }).click();
      const pop = page.getByRole('dialog', { name: 'Running flow' });
      await pop.getByText(/is live on http:\/\/127\.0\.0\.1:\d+/).waitFor({ timeout: 60_000 });
      const live = Date.now();
      while (opened.length < 2) await new Promise((r) => setTimeout(r, 50));
      const widget = opened[0].page;
      await widget.frameLocator('iframe[title]').getByText('What can I help you with?').waitFor({ timeout: 120_000 });
      const greeted = Date.now();
      const visibility = await widget.evaluate(() => document.visibilityState);
      console.log(`round ${round}: click -> live ${live - clicked} ms; widget page opened ${t0 - clicked} ms after click; greeting ${greeted - t0} ms after it opened; widget page visibility: ${visibility}`);
      for (const l of lines.sort()) console.log('   ' + l);
      await pop.getByRole('button', { name: 'Stop' }).click();
      await new Promise((r) => setTimeout(r, 500));
      for (const o of opened) await o.page.close();
      if (round > 1) await ctx.close();
    }
  } finally {
    await b.close();
    await studio.close();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
