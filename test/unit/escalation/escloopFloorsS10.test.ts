/**
 * Session 10 floors (escloop) for the conversation-level reasons (loop, repeated fallback, low confidence) and for how
 * many ordinary conversations are handed over as one of them, on the three new development writers (w22, w23, w24: odd
 * ids developed on, even ids only measured). escloop's session-10 work changed no decision (every turn of 15,150 corpus
 * conversations byte-identical before/after, see /work/coord/s10/readme-escloop.md), so these are the figures of the code
 * as it stood: measured at HEAD 336820d (16:12 UTC, clean worktree) and in the shared tree the same minutes, lower
 * count taken (ordinary: higher count; w23-odd ordinary 6 at HEAD, 7 in the shared tree). A drop is a regression to
 * look at, not noise to tune away.
 */
import { describeConversationReasonFloors, type ConversationFloor } from './support/writerFloors';

const FLOORS: Record<string, ConversationFloor> = {
  'w22-odd': { loop: 0, repeated_fallback: 0, low_confidence: 0, ordinaryAsConversationReason: 5, of: { loop: 0, repeated_fallback: 0, low_confidence: 0, none: 120 } },
  'w22-even': { loop: 0, repeated_fallback: 0, low_confidence: 0, ordinaryAsConversationReason: 6, of: { loop: 0, repeated_fallback: 0, low_confidence: 0, none: 114 } },
  'w23-odd': { loop: 50, repeated_fallback: 35, low_confidence: 11, ordinaryAsConversationReason: 7, of: { loop: 66, repeated_fallback: 44, low_confidence: 23, none: 117 } },
  'w23-even': { loop: 48, repeated_fallback: 37, low_confidence: 7, ordinaryAsConversationReason: 10, of: { loop: 54, repeated_fallback: 46, low_confidence: 17, none: 133 } },
  'w24-odd': { loop: 14, repeated_fallback: 13, low_confidence: 7, ordinaryAsConversationReason: 5, of: { loop: 17, repeated_fallback: 16, low_confidence: 8, none: 107 } },
  'w24-even': { loop: 10, repeated_fallback: 9, low_confidence: 7, ordinaryAsConversationReason: 4, of: { loop: 13, repeated_fallback: 9, low_confidence: 7, none: 108 } },
};

describeConversationReasonFloors('session 10 writers: loops, repeated fallback and low confidence hold their measured counts', FLOORS);
