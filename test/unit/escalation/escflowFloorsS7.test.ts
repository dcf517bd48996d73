/**
 * Session 7 floors (escflow) for the conversation-level reasons, loop, repeated fallback and low confidence, and for how
 * many ordinary conversations escalate as one of them, on the new writers' corpora (w13, w15: odd ids developed on, even
 * ids only measured) and w11's held-out even half. Each floor is the count measured at the end of session 7 (HEAD
 * eaf47fa, 07:14 UTC, flows/customer-support.json as escalationReport plays it): a drop is a regression to look at.
 * The message-level reasons' floors are in writerFloorsS7.test.ts (esclearn).
 */
import { describe, expect, it } from 'vitest';
import { loadSupportFlow, readLabelled, REPORT_NOW } from '../../bench/escalationReport';
import { playConversation } from '../../../shared/simulator/playConversation';

const REASONS = ['loop', 'repeated_fallback', 'low_confidence'] as const;
type Floor = { loop: number; repeated_fallback: number; low_confidence: number; ordinaryAsConversationReason: number };

// Conversations named right (at least), and ordinary conversations named loop / repeated fallback / low confidence (at most).
const FLOORS: Record<string, Floor & { of: Record<(typeof REASONS)[number] | 'none', number> }> = {
  'w13-odd': { loop: 26, repeated_fallback: 31, low_confidence: 14, ordinaryAsConversationReason: 8, of: { loop: 50, repeated_fallback: 35, low_confidence: 25, none: 130 } },
  'w13-even': { loop: 29, repeated_fallback: 31, low_confidence: 13, ordinaryAsConversationReason: 15, of: { loop: 50, repeated_fallback: 35, low_confidence: 25, none: 130 } },
  'w15-odd': { loop: 13, repeated_fallback: 15, low_confidence: 9, ordinaryAsConversationReason: 10, of: { loop: 30, repeated_fallback: 20, low_confidence: 15, none: 75 } },
  'w15-even': { loop: 17, repeated_fallback: 13, low_confidence: 9, ordinaryAsConversationReason: 7, of: { loop: 30, repeated_fallback: 20, low_confidence: 15, none: 75 } },
  'w11-even': { loop: 27, repeated_fallback: 12, low_confidence: 10, ordinaryAsConversationReason: 1, of: { loop: 43, repeated_fallback: 21, low_confidence: 14, none: 77 } },
};

const flow = loadSupportFlow();
const now = Date.parse(REPORT_NOW);

describe('session 7: loop, repeated fallback and low confidence hold their measured counts', () => {
  for (const [name, floor] of Object.entries(FLOORS)) {
    const [writer, half] = name.split('-');
    it(`${name}: ${REASONS.map((r) => `${r} >= ${floor[r]}/${floor.of[r]}`).join(', ')}, ordinary named one of them <= ${floor.ordinaryAsConversationReason}/${floor.of.none}`, () => {
      const file = new URL(`../../fixtures/escalation-corpus/${writer}-conversations.jsonl`, import.meta.url).pathname;
      const items = readLabelled(file).filter((l) => (Number(l.id.slice(-3)) % 2 === 0) === (half === 'even'));
      const got = new Map(items.map((l) => [l.id, playConversation(flow, l.id, l.turns, now).escalation?.reason ?? null]));
      for (const reason of REASONS) {
        const of = items.filter((l) => l.expect === reason);
        expect(of.length, `${reason} conversations`).toBe(floor.of[reason]);
        expect(of.filter((l) => got.get(l.id) === reason).length, reason).toBeGreaterThanOrEqual(floor[reason]);
      }
      const ordinary = items.filter((l) => l.expect === 'none');
      expect(ordinary.length).toBe(floor.of.none);
      expect(ordinary.filter((l) => (REASONS as readonly string[]).includes(got.get(l.id) ?? '')).length).toBeLessThanOrEqual(floor.ordinaryAsConversationReason);
    }, 60_000);
  }
});
