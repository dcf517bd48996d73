/**
 * A conversation of runtimeFixtures' shop flow at its Rating block: a customer asked for a person, Ann accepted, said
 * "Sorted!" and handed back. Shared by fixengineS16Rating and fixengineS17Rating (session 17 review: the same set-up
 * was written in both).
 */
import { expect } from 'vitest';
import { converse } from './harness';
import { shopFlowRatingAfterHandback } from '../../server/runtimeFixtures';

const NOW = Date.parse('2026-11-30T10:00:00Z');

export function atRating() {
  const c = converse(shopFlowRatingAfterHandback(), { now: NOW });
  c.say('I want to talk to a human');
  c.agent.accept('ann', 'Ann');
  c.agent.say('Sorted!', 'ann');
  c.agent.handback();
  expect(c.state.waiting && 'blockId' in c.state.waiting ? c.state.waiting.blockId : null).toBe('rating');
  return c;
}
