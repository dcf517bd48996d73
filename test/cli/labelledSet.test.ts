/**
 * The escalation detectors against labelled conversations, played through the real CLI exactly as a user
 * runs it: `baton simulate flows/customer-support.json --conversations <set> --now ...`.
 *
 * - labelled.jsonl is the set the detectors were tuned on: it must meet the targets.
 * - heldout.jsonl was written before any tuning, with new wordings, and was not looked at while tuning: it
 *   measures how well the detectors generalise, so it only gets looser floors.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { scoreLabelled, type Labelled, type ReasonScore, type SimulatedLine } from '../bench/labelledReport';

const root = fileURLToPath(new URL('../../', import.meta.url));
const NOW = '2026-11-24T10:00:00Z';

function score(set: string): ReasonScore[] {
  const file = `test/fixtures/escalation/${set}`;
  const labelled = readFileSync(root + file, 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Labelled);
  const r = spawnSync(process.execPath, ['bin/baton.js', 'simulate', 'flows/customer-support.json', '--conversations', file, '--now', NOW], {
    cwd: root,
    encoding: 'utf8',
    timeout: 60_000,
  });
  expect(r.status, r.stderr).toBe(0);
  const lines = r.stdout
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as SimulatedLine);
  expect(lines).toHaveLength(labelled.length);
  const scores = scoreLabelled(labelled, lines);
  console.log(
    [
      `${set}:`,
      '| reason | n | correct | rate |',
      '|---|---|---|---|',
      ...scores.map((s) => `| ${s.reason === 'none' ? 'none (false escalations)' : s.reason} | ${s.total} | ${s.correct} | ${(s.rate * 100).toFixed(1)}% |`),
      ...scores.flatMap((s) => s.misses.map((m) => `  miss ${m.id} (${s.reason}) -> ${m.got}: ${JSON.stringify(m.turns)}`)),
    ].join('\n'),
  );
  return scores;
}

function rateOf(scores: ReasonScore[], reason: string): number {
  const s = scores.find((x) => x.reason === reason);
  expect(s, `no conversations labelled ${reason}`).toBeDefined();
  return s!.rate;
}

describe('escalation on the labelled set (tuning set): the issue targets', () => {
  const scores = score('labelled.jsonl');
  it.each([
    ['explicit_request', 0.98],
    ['sensitive_topic', 0.95],
    ['negative_sentiment', 0.9],
    ['urgency', 0.9],
    ['repeated_fallback', 1],
    ['loop', 1],
  ])('recall of %s >= %s', (reason, target) => {
    expect(rateOf(scores, reason)).toBeGreaterThanOrEqual(target);
  });

  it('escalates at most 3% of ordinary conversations', () => {
    expect(rateOf(scores, 'none')).toBeLessThanOrEqual(0.03);
  });
});

describe('escalation on the held-out set (new wordings, never tuned on): floors', () => {
  const scores = score('heldout.jsonl');
  it('covers every reason with enough conversations', () => {
    expect(scores.reduce((n, s) => n + s.total, 0)).toBeGreaterThanOrEqual(80);
    expect(scores.find((s) => s.reason === 'none')!.total).toBeGreaterThanOrEqual(30);
    for (const r of ['explicit_request', 'sensitive_topic', 'negative_sentiment', 'urgency', 'repeated_fallback', 'loop', 'low_confidence']) {
      expect(scores.find((s) => s.reason === r)?.total ?? 0, r).toBeGreaterThan(0);
    }
  });

  // Floors below what the first (and only) run on this set measured, so a small regression fails. Loop is
  // low: in half of its conversations the bot does not understand the question at all (e.g. "are you open
  // on Boxing Day?"), so the second miss hands over as repeated_fallback before the third asking.
  it.each([
    ['explicit_request', 0.8],
    ['sensitive_topic', 0.8],
    ['negative_sentiment', 0.8],
    ['urgency', 0.9],
    ['repeated_fallback', 1],
    ['loop', 0.5],
    ['low_confidence', 0.85],
  ])('recall of %s >= %s', (reason, floor) => {
    expect(rateOf(scores, reason)).toBeGreaterThanOrEqual(floor);
  });

  it('escalates at most 5% of ordinary conversations', () => {
    expect(rateOf(scores, 'none')).toBeLessThanOrEqual(0.05);
  });
});
