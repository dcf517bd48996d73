/**
 * One rule for ratings (newcomer s13 #12, hostile s14 H#10, newcomer s14 N#12): an agent who is not an admin sees the
 * ratings of the chats they last held and those of the bot alone, nothing of a colleague's. Beside the rating lists,
 * a rating is in the conversation itself: the customer's answer to the rating question (a customer entry "5") and the
 * Rating block's variable ("csat": 5). For such a viewer these are hidden in the handoff detail and the transcript
 * download: the entry keeps its place and time with an empty text (in a download: RATING_HIDDEN_TEXT) and
 * `ratingHidden: true`, the variable is left out.
 */
import type { LogEntry, RecordItem } from '../store/types';

export interface RatingViewer {
  id: string;
  admin?: boolean;
}

/** Whether `viewer` may see this csat record (see the rule above). */
export function maySeeRating(viewer: RatingViewer, data: unknown): boolean {
  const by = (data as { agentId?: unknown } | null)?.agentId;
  return viewer.admin === true || typeof by !== 'string' || by === viewer.id;
}

/** Of `ratings` (the store's csat records: `listRecords('csat')`), those of `conversationId` that `viewer` may not see. */
export function hiddenRatingsOf(ratings: readonly RecordItem[], conversationId: string, viewer: RatingViewer): RecordItem[] {
  if (viewer.admin === true) return [];
  return ratings.filter((r) => r.conversationId === conversationId && !maySeeRating(viewer, r.data));
}

/** What a download says in place of a hidden rating answer. */
export const RATING_HIDDEN_TEXT = '(rating: only admins and the agent who held the chat see it)';

export type ShownEntry = LogEntry & { ratingHidden?: true };

/**
 * The log with the customer's rating answers of `hidden` blanked: the record is written in the step of the customer's
 * answer, so the answer is the customer entry with the record's time.
 */
export function withoutHiddenRatings(entries: readonly LogEntry[], hidden: readonly { at: number }[], text = ''): ShownEntry[] {
  if (hidden.length === 0) return entries as ShownEntry[];
  const blank = ratingAnswerIndexes(entries, hidden);
  return entries.map((e, i) => (blank.has(i) ? { ...e, text, ratingHidden: true as const } : e));
}

/**
 * Which of `entries` (a log, or its newest part: the answers are found from the end) are the customer's answers to the
 * ratings `records`: for each, the last customer entry of the record's time (a step has one customer entry; two steps
 * in one millisecond: the later). The handoff detail blanks these, the inbox search skips them (hostile s15 H#10).
 */
export function ratingAnswerIndexes(entries: readonly { from: string; at: number }[], records: readonly { at: number }[]): Set<number> {
  const out = new Set<number>();
  for (const r of records) {
    for (let i = entries.length - 1; i >= 0; i--) {
      if (entries[i].from === 'customer' && entries[i].at === r.at) {
        out.add(i);
        break;
      }
    }
  }
  return out;
}

/**
 * The variables without a Rating block's variable whose latest score in this conversation `viewer` may not see
 * (`records`: the conversation's csat records; a block's latest record set its variable).
 */
export function variablesWithoutHiddenRatings(variables: Record<string, unknown>, records: readonly RecordItem[], viewer: RatingViewer, flow: unknown): Record<string, unknown> {
  if (viewer.admin === true || records.length === 0) return variables;
  // The record names the Rating block that wrote it (data.blockId): that block's variable holds the score.
  const blocks = (flow as { blocks?: Array<{ id: string; data?: { variable?: unknown } }> } | null)?.blocks ?? [];
  const latest = new Map<unknown, RecordItem>();
  for (const r of records) {
    const blockId = (r.data as { blockId?: unknown } | null)?.blockId;
    const had = latest.get(blockId);
    if (!had || had.at <= r.at) latest.set(blockId, r);
  }
  const out = { ...variables };
  for (const [blockId, r] of latest) {
    const b = blocks.find((x) => x.id === blockId);
    if (!maySeeRating(viewer, r.data) && typeof b?.data?.variable === 'string') delete out[b.data.variable];
  }
  return out;
}
