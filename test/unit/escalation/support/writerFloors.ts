/**
 * Floors on blind writers' corpora (odd ids developed on, even ids only measured), shared by the per-session floor
 * files (writerFloorsS7, escmsgFloorsS8: message-level reasons; escflowFloorsS7, escloopFloorsS8: conversation-level
 * reasons). Each session's file keeps its own measured figures; a drop is a regression to look at, not noise to tune away.
 */
import { describe, expect, it } from 'vitest';
import { loadItems } from '../../../../scripts/train-escalation/sensReport';
import { loadSupportFlow, readLabelled, REPORT_NOW } from '../../../bench/escalationReport';
import { playedOnce } from '../../../bench/playedOnce';
import { escalationOrClarify } from '../../../../shared/simulator/playConversation';

const corpusFile = (writer: string) => new URL(`../../../fixtures/escalation-corpus/${writer}-conversations.jsonl`, import.meta.url).pathname;

export const MESSAGE_REASONS = ['explicit_request', 'negative_sentiment', 'sensitive_topic', 'urgency'] as const;
export type MessageFigures = Partial<Record<(typeof MESSAGE_REASONS)[number], number>> & { ordinaryAsMessageReason: number };

function messageFigures(writer: string, half: 'odd' | 'even'): MessageFigures {
  // As sensReport's playAll (the support flow at REPORT_NOW, the reason of the first escalation), each conversation played
  // once per test worker (test/bench/playedOnce.ts): several sessions' floor files measure the same writer's half.
  const flow = loadSupportFlow();
  const now = Date.parse(REPORT_NOW);
  const played = loadItems(corpusFile(writer), half).map((item) => ({ item, got: playedOnce(flow, item.id, item.turns, now).escalation?.reason ?? null }));
  const out: MessageFigures = { ordinaryAsMessageReason: 0 };
  for (const reason of MESSAGE_REASONS) {
    const of = played.filter((p) => p.item.expect === reason);
    if (of.length > 0) out[reason] = of.filter((p) => p.got === reason).length / of.length;
  }
  out.ordinaryAsMessageReason = played.filter((p) => p.item.expect === 'none' && (MESSAGE_REASONS as readonly string[]).includes(p.got ?? '')).length;
  return out;
}

/** Message-level reasons: recall per reason (at least) and ordinary conversations named one of them (at most). */
export function describeMessageReasonFloors(title: string, floors: Record<string, MessageFigures>): void {
  describe(title, () => {
    for (const [name, floor] of Object.entries(floors)) {
      const [writer, half] = name.split('-') as [string, 'odd' | 'even'];
      it(`${name}: ${JSON.stringify(floor)}`, () => {
        const f = messageFigures(writer, half);
        for (const reason of MESSAGE_REASONS) if (floor[reason] !== undefined) expect(f[reason], reason).toBeGreaterThanOrEqual(floor[reason]!);
        expect(f.ordinaryAsMessageReason).toBeLessThanOrEqual(floor.ordinaryAsMessageReason);
      }, 60_000);
    }
  });
}

export const CONVERSATION_REASONS = ['loop', 'repeated_fallback', 'low_confidence'] as const;
type ConversationReason = (typeof CONVERSATION_REASONS)[number];
export type ConversationFloor = Record<ConversationReason, number> & { ordinaryAsConversationReason: number; of: Record<ConversationReason | 'none', number> };

/** Conversation-level reasons: conversations named right (at least) and ordinary ones named one of them (at most). */
export function describeConversationReasonFloors(title: string, floors: Record<string, ConversationFloor>): void {
  const flow = loadSupportFlow();
  const now = Date.parse(REPORT_NOW);
  describe(title, () => {
    for (const [name, floor] of Object.entries(floors)) {
      const [writer, half] = name.split('-');
      it(`${name}: ${CONVERSATION_REASONS.map((r) => `${r} >= ${floor[r]}/${floor.of[r]}`).join(', ')}, ordinary named one of them <= ${floor.ordinaryAsConversationReason}/${floor.of.none}`, () => {
        const items = readLabelled(corpusFile(writer)).filter((l) => (Number(l.id.slice(-3)) % 2 === 0) === (half === 'even'));
        const got = new Map(items.map((l) => [l.id, escalationOrClarify(playedOnce(flow, l.id, l.turns, now), l.turns.length)?.reason ?? null]));
        for (const reason of CONVERSATION_REASONS) {
          const of = items.filter((l) => l.expect === reason);
          expect(of.length, `${reason} conversations`).toBe(floor.of[reason]);
          expect(of.filter((l) => got.get(l.id) === reason).length, reason).toBeGreaterThanOrEqual(floor[reason]);
        }
        const ordinary = items.filter((l) => l.expect === 'none');
        expect(ordinary.length).toBe(floor.of.none);
        expect(ordinary.filter((l) => (CONVERSATION_REASONS as readonly string[]).includes(got.get(l.id) ?? '')).length).toBeLessThanOrEqual(floor.ordinaryAsConversationReason);
      }, 60_000);
    }
  });
}
