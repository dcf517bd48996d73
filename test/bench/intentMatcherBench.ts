/**
 * Session 10 (escrf): the intent matcher's cost per message, for two checkouts alternating (a before/after in the same
 * minutes). Every customer message of the escalation corpora, matched by the support flow's router (string input, so
 * nothing is cached), best of ROUNDS:
 *
 *   npx tsx test/bench/intentMatcherBench.ts /tmp/s10start /work/main
 */
import { readFileSync, readdirSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

const roots = process.argv.slice(2).map((r) => r.replace(/\/?$/, '/'));
if (roots.length === 0) roots.push(new URL('../../', import.meta.url).pathname);
const ROUNDS = 5;
const dir = 'test/fixtures/escalation-corpus/';
const messages: string[] = [];
for (const f of readdirSync(roots[0] + dir).filter((x) => x.endsWith('.jsonl'))) {
  for (const l of readFileSync(roots[0] + dir + f, 'utf8').split('\n')) {
    if (l.trim() === '') continue;
    const c = JSON.parse(l);
    for (const t of c.turns ?? [c.text]) if (typeof t === 'string') messages.push(t);
  }
}
const matchers = await Promise.all(roots.map(async (r) => {
  const { createIntentMatcher } = await import(r + 'shared/nlu/createIntentMatcher.ts');
  const flow = JSON.parse(readFileSync(r + 'flows/customer-support.json', 'utf8'));
  return createIntentMatcher(flow.blocks.find((b: { kind: string }) => b.kind === 'intent_router').data.intents);
}));
const best = roots.map(() => ({ mean: Infinity, p99: Infinity }));
for (let round = 0; round < ROUNDS; round++) {
  matchers.forEach((m, i) => {
    const times = new Float64Array(messages.length);
    for (let k = 0; k < messages.length; k++) {
      const t0 = performance.now();
      m.match(messages[k]);
      times[k] = performance.now() - t0;
    }
    const sorted = Array.from(times).sort((a, b) => a - b);
    const mean = sorted.reduce((a, b) => a + b, 0) / sorted.length;
    best[i].mean = Math.min(best[i].mean, mean * 1000);
    best[i].p99 = Math.min(best[i].p99, sorted[Math.floor(sorted.length * 0.99)] * 1000);
  });
}
console.log(`${messages.length} messages, best of ${ROUNDS}, alternating`);
roots.forEach((r, i) => console.log(`${r.padEnd(24)} mean ${best[i].mean.toFixed(1)} us  p99 ${best[i].p99.toFixed(1)} us`));
