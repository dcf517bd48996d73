/**
 * Newcomer s6 #12: the same batch gave "handoff rate 33.3%, above the band" in the studio's Batch tab and "0.0%"
 * in `baton simulate`. Both now count a handoff the same way (batchHandoffOutcome, shared/simulator/playConversation.ts):
 * a handoff was requested; a conversation whose turns ran out while answering the takeover's questions is reported
 * beside the rate, not in it.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { simulateCommand } from '../../runtime/cli/simulateCommand';
import { flowSchema } from '../../shared/flow/schema';
import { parseConversationsJsonl, runBatch } from '../../shared/simulator/batchWhatIf';

const dir = mkdtempSync(join(tmpdir(), 'baton-rates-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The newcomer's batch: 6 conversations and a broken line. */
const LINES = [
  '{"id":"c1","turns":["where is my order","NW-104233"]}',
  '{"id":"c2","turns":["I want to return a jumper","NW-200200","Wrong size or fit"]}',
  '{"id":"c3","turns":["this is the third time I ask, where is my parcel??","useless bot","let me talk to someone"]}',
  '{"id":"c4","turns":["do you ship to canada"]}',
  'not json at all',
  '{"id":"c5","turns":["my card was charged twice, I will call my bank"]}',
  '{"id":"c6","turns":["hello","what are your opening hours"]}',
  // Two more that reach a person for sure, so the rate is not 0 in both by chance.
  '{"id":"c7","turns":["I want to speak to a human","Maria","maria@example.com","my parcel is lost"]}',
  '{"id":"c8","turns":["I need to speak to a human agent now","Tom","tom@example.com","refund"]}',
];
const NOW = Date.parse('2026-03-02T10:00:00Z');
const flow = flowSchema.parse(JSON.parse(readFileSync('flows/customer-support.json', 'utf8')));

async function cli(): Promise<string> {
  const file = join(dir, 'convs.jsonl');
  writeFileSync(file, LINES.join('\n') + '\n');
  let err = '';
  const o = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  const e = vi.spyOn(process.stderr, 'write').mockImplementation((c: string | Uint8Array) => ((err += String(c)), true));
  try {
    await simulateCommand(flow, { conversations: file, now: NOW });
  } finally {
    o.mockRestore();
    e.mockRestore();
  }
  return err;
}

describe('handoff rate: baton simulate and the studio Batch tab agree', () => {
  it("the newcomer's batch: same handoff count and rate, same number still answering the handoff's questions", async () => {
    const err = await cli();
    const { conversations } = parseConversationsJsonl(LINES.join('\n'));
    const run = runBatch(flow, conversations, { now: NOW });
    const m = /handoff rate: ([\d.]+)% \((\d+)\)(?:; (\d+) more were answering)?/.exec(err);
    expect(m, err).not.toBeNull();
    expect(Number(m![2])).toBe(run.handoffs);
    expect(m![1]).toBe((run.handoffRate * 100).toFixed(1));
    expect(Number(m![3] ?? 0)).toBe(run.answering);
    // The batch holds both kinds, so the comparison means something.
    expect(run.handoffs).toBeGreaterThan(0);
    expect(run.answering).toBeGreaterThan(0);
    const e = /escalation rate: ([\d.]+)%/.exec(err)!;
    expect(e[1]).toBe((run.escalationRate * 100).toFixed(1));
  });
});
