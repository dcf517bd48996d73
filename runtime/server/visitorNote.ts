/**
 * Which of the details a chat started with the website signed (startDetails.ts), in words for people: the
 * notifications (effectRunner.ts), the handoff's and the ticket's summary (planStep.ts) and transcript exports.
 * Pure text; no server imports, so the planner and the exports can use it without the conversation service.
 */
import { quotable } from '../../shared/engine/unicodeText';
import type { VisitorDetails } from '../store/types';

/**
 * Session 48 (apisec3): which of the visitor's starting details are verified, in one line for the notifications about
 * this conversation (email, Slack, webhook: effectRunner.ts), so a person reading "Kim Lee (kim@example.org) is
 * waiting" away from the inbox knows whether the website vouched for it. Names only (the values are in the text or the
 * inbox), as they were at chat start: "Signed in on your website as cust-8841. Verified (signed by your website):
 * customerEmail, cartValue. Unverified (the page's word): orderNumber." Null when the page passed nothing.
 */
export function visitorNote(v: VisitorDetails | undefined): string | null {
  if (!v) return null;
  const signed = Object.keys(v.signed ?? {});
  const unsigned = Object.keys(v.unsigned ?? {});
  const parts: string[] = [];
  if (v.subject !== undefined) parts.push(`Signed in on your website as ${quotable(v.subject).replace(/\s+/g, ' ').slice(0, 200)}.`);
  if (signed.length > 0) parts.push(`Verified (signed by your website): ${signed.join(', ')}.`);
  if (unsigned.length > 0) parts.push(`Unverified (the page's word, not signed): ${unsigned.join(', ')}.`);
  return parts.length > 0 ? parts.join(' ') : null;
}

/**
 * Session 49 (apisec4): a text the runtime keeps for people (the handoff's summary, a ticket's summary) with
 * visitorNote after it, on its own paragraph, so whoever reads it away from the inbox's Variables panel (the handoff
 * API, the Tickets screen, transcript exports) knows which details the website vouched for. Unchanged when the page
 * passed nothing, or when the note is already there (a summary rewritten from a stored one keeps one note).
 */
export function withVisitorNote(text: string, v: VisitorDetails | undefined): string {
  const note = visitorNote(v);
  if (note === null || text.endsWith(note)) return text;
  return text === '' ? note : `${text}\n\n${note}`;
}
