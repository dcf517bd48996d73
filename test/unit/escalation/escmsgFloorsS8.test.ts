/**
 * Session 8 floors on the three new writers (w16, w17, w18: odd ids developed on, even ids only measured), for the
 * message-level reasons (explicit request, negative sentiment, sensitive topic, urgency) and how many ordinary
 * conversations escalate as one of them. Each floor is the figure measured at the end of escmsg's work (session 8,
 * HEAD 98310ff + the shared tree at 10:03 UTC): a drop is a regression to look at, not noise to tune away. Loops,
 * repeated fallback and low confidence are escloop's.
 */
import { describe, expect, it } from 'vitest';
import { loadItems, playAll } from '../../../scripts/train-escalation/sensReport';

const MESSAGE_REASONS = ['explicit_request', 'negative_sentiment', 'sensitive_topic', 'urgency'] as const;
type Figures = Partial<Record<(typeof MESSAGE_REASONS)[number], number>> & { ordinaryAsMessageReason: number };

function figures(writer: string, half: 'odd' | 'even'): Figures {
  const file = new URL(`../../fixtures/escalation-corpus/${writer}-conversations.jsonl`, import.meta.url).pathname;
  const played = playAll(loadItems(file, half));
  const out: Figures = { ordinaryAsMessageReason: 0 };
  for (const reason of MESSAGE_REASONS) {
    const of = played.filter((p) => p.item.expect === reason);
    if (of.length > 0) out[reason] = of.filter((p) => p.got === reason).length / of.length;
  }
  out.ordinaryAsMessageReason = played.filter((p) => p.item.expect === 'none' && (MESSAGE_REASONS as readonly string[]).includes(p.got ?? '')).length;
  return out;
}

// Measured (recall per reason, rounded down; ordinary conversations named one of the four reasons, count).
const FLOORS: Record<string, Figures> = {
  'w16-odd': { ordinaryAsMessageReason: 2 },
  'w16-even': { ordinaryAsMessageReason: 1 },
  'w17-odd': { explicit_request: 1, negative_sentiment: 0.771, sensitive_topic: 0.92, urgency: 0.962, ordinaryAsMessageReason: 8 },
  'w17-even': { explicit_request: 1, negative_sentiment: 0.771, sensitive_topic: 0.902, urgency: 1, ordinaryAsMessageReason: 13 },
  'w18-odd': { explicit_request: 1, negative_sentiment: 0.777, sensitive_topic: 0.911, urgency: 1, ordinaryAsMessageReason: 2 },
  'w18-even': { explicit_request: 0.966, negative_sentiment: 0.852, sensitive_topic: 0.93, urgency: 0.956, ordinaryAsMessageReason: 7 },
};

describe('session 8 writers: message-level reasons hold their measured figures', () => {
  for (const [name, floor] of Object.entries(FLOORS)) {
    const [writer, half] = name.split('-') as [string, 'odd' | 'even'];
    it(`${name}: ${JSON.stringify(floor)}`, () => {
      const f = figures(writer, half);
      for (const reason of MESSAGE_REASONS) if (floor[reason] !== undefined) expect(f[reason], reason).toBeGreaterThanOrEqual(floor[reason]!);
      expect(f.ordinaryAsMessageReason).toBeLessThanOrEqual(floor.ordinaryAsMessageReason);
    }, 60_000);
  }
});
