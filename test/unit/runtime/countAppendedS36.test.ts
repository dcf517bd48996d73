/**
 * Session 36 (perf): the service counts a step's appended transcript entries in baton_messages_total with one inc per
 * run of entries from the same sender (countAppended), not one per entry. The metrics page must be the same as with one
 * inc per entry: the same counts, and the label sets in the same order (prom-client lists them as first met).
 */
import { describe, expect, it } from 'vitest';
import { Counter, Registry } from 'prom-client';
import { countAppended } from '../../../runtime/server/conversationService';

type Entry = { from: string; status?: string };

function counterIn(registry: Registry): Counter<'from'> {
  return new Counter({ name: 'baton_messages_total', help: 'Messages appended to transcripts, by sender', labelNames: ['from'], registers: [registry] });
}

/** What the service did before: one inc per entry that is no status line. */
function perEntry(c: Counter<'from'>, appended: Entry[]): void {
  for (const e of appended) if (!e.status) c.inc({ from: e.from });
}

/** A seeded generator of steps' appended entries: senders in runs, some status lines, an unknown sender now and then. */
function steps(seed: number, count: number): Entry[][] {
  let x = seed;
  const rand = () => ((x = (x * 1103515245 + 12345) % 2147483648) / 2147483648);
  const senders = ['customer', 'bot', 'bot', 'agent', 'system', 'widget'];
  return Array.from({ length: count }, () =>
    Array.from({ length: Math.floor(rand() * 6) }, () => {
      const from = senders[Math.floor(rand() * senders.length)]!;
      return rand() < 0.15 ? { from, status: 'delivered' } : { from };
    }),
  );
}

describe('countAppended', () => {
  it('counts each sender as one inc per entry does, label sets in the same order', async () => {
    for (const seed of [1, 7, 36, 2026]) {
      const a = new Registry();
      const b = new Registry();
      const ca = counterIn(a);
      const cb = counterIn(b);
      for (const appended of steps(seed, 300)) {
        perEntry(ca, appended);
        countAppended(cb, appended);
      }
      const page = await a.metrics();
      expect(page).toMatch(/baton_messages_total\{from="bot"\} [1-9]\d*/);
      expect(await b.metrics()).toBe(page);
    }
  });

  it('a step of status lines only counts nothing; a run is counted by its entries that are no status line', async () => {
    const r = new Registry();
    const c = counterIn(r);
    countAppended(c, [{ from: 'bot', status: 'read' }, { from: 'bot', status: 'read' }]);
    expect((await c.get()).values).toEqual([]);
    countAppended(c, [{ from: 'customer' }, { from: 'bot' }, { from: 'bot', status: 'read' }, { from: 'bot' }, { from: 'customer' }]);
    const values = (await c.get()).values.map((v) => [v.labels.from, v.value]);
    expect(values).toEqual([
      ['customer', 2],
      ['bot', 2],
    ]);
  });
});
