/**
 * Session 39 (fix, hostile s38 M4): a question typed at an email question (the takeover's, a ticket's) got "That doesn't
 * look like an email address. Could you check it?": "wait, what are your opening hours?", "when are you open again?",
 * "how much is shipping to France?". Only "why do you need it?" was understood (emailNonAnswers.asksWhyEmail).
 *
 * A message with no address in it that asks something by its form (a question mark or a question's opening words) is
 * read by the flow's own request reader as at a Buttons or Question block (otherRequest.ts otherRequestAt): a question
 * the flow answers with messages alone (its opening hours, its shipping costs) is answered there and the email asked
 * again; any other question is told that the team can answer it and why the email is asked. Neither counts as a wrong
 * address, and the customer stays at the email question (the way to a person is not left for the router's way).
 */
import type { Block } from '../flow/schema';
import type { Run } from './run';
import { bot } from './run';
import { behaviourOf } from './blockBehaviours';
import { asksByForm, otherRequestAt } from './otherRequest';
import { normalizeText } from '../nlu/normalizeText';
import { asksForAPersonAgain } from './questionValidators';

/** Words of the email itself: a question with them is about the question asked. */
const ABOUT_EMAIL = /\b(?:e-?mail|mail|address|inbox|gmail|outlook|hotmail)\b/i;

/** What a message at an email question asks, when it is a question: the flow's answer (Message blocks), or none. */
export type SideQuestion = { said: readonly Block[] } | { said: null };

/**
 * The question `text` asks at `block`'s email question, or null when it asks none (it holds an address, or asks nothing
 * by its form). Called only once the message gave no address, declined none and named no one.
 */
export function sideQuestionAtEmail(run: Run, block: Block, text: string): SideQuestion | null {
  // A request for a person ("can I just talk to someone?") is what the customer is getting: no question to answer.
  if (text.includes('@') || !asksByForm(text, normalizeText(text)) || asksForAPersonAgain(text)) return null;
  const other = otherRequestAt(run, block, text);
  if (other?.aside) return { said: other.aside };
  // A question about the email itself ("where do I find my email for this") gets the email question's own lines.
  return ABOUT_EMAIL.test(text) ? null : { said: null };
}

/** Says the flow's answer to a side question (its Message blocks, in order); the caller asks its question again. */
export function sayAnswer(run: Run, said: readonly Block[]): void {
  for (const m of said) {
    run.visited.push(m.id);
    behaviourOf(m.kind).enter(run, m, null);
  }
}

/**
 * Session 48 (conv9, hostile s47 M1): a customer who kept asking questions at the takeover's email question got the same
 * line word for word forever ("The colleague who joins can answer that. ... what is your email address?") and never
 * reached the queue; at the ticket's, the flow's answer and the email question were said again and again. A question
 * there now counts as a non-answer (with the wrong addresses before it): the first is answered (or told who can) as
 * before; the next goes on without the email at the takeover (the person is what they are waiting for), and at the ticket
 * is asked once more in other words (the reply needs the address), then goes on without it. The flow's answer just said
 * is not said again: the customer is pointed to it.
 */
export interface AsideCount {
  retries: number;
  asides?: number;
  asideIds?: string[];
}

/** What to do with a side question at an email question that allows `before` non-answers before going on without it. */
export function nextAside<W extends AsideCount>(w: W, side: SideQuestion, before: number): { w: W; goOn: boolean; again: boolean; repeat: boolean } {
  const ids = side.said === null ? undefined : side.said.map((b) => b.id);
  const repeat = ids !== undefined && w.asideIds !== undefined && ids.join(' ') === w.asideIds.join(' ');
  const count = (w.asides ?? 0) + w.retries;
  const next: W = { ...w, asides: (w.asides ?? 0) + 1 };
  if (ids !== undefined) next.asideIds = ids;
  else delete next.asideIds;
  return { w: next, goOn: count >= before, again: count >= 1, repeat };
}

/** Says the flow's answer to a side question unless it was the answer just given (then points to it). */
export function sayAnswerOnce(run: Run, said: readonly Block[], repeat: boolean, blockId: string): void {
  if (repeat) bot(run, asideTexts.answeredAbove, blockId);
  else sayAnswer(run, said);
}

export const asideTexts = {
  answeredAbove: 'I answered that just above.',
  takeoverGoOn: "The colleague who joins can answer that, so I won't keep you waiting: let's go on without your email.",
  takeoverGoOnAnswered: "Let's go on without your email, so you're not kept waiting.",
  ticketAgain:
    'I can\'t answer that here, I\'m afraid; our team can when they reply. What email address should we reply to? (Or say "no email" and I\'ll pass this on without one.)',
  ticketAgainAnswered: 'Our team needs it to reply to you: what email address should we reply to? (Or say "no email" and I\'ll pass this on without one.)',
  ticketGoOn: "I'll pass this on without an email address, then. Our team can't reply to you by email without one.",
};

/** The lines for a question the flow cannot answer at the email question: who can, and why the email is asked. */
export const unansweredAtEmail = {
  takeover:
    "The colleague who joins can answer that. I only ask for your email so the team can reach you if the chat gets cut off: what is your email address? (If you'd rather not give one, just say so.)",
  ticket:
    "Our team can answer that when they reply. We only use your email to reply to you about this request: what email address should we reply to? (If you don't have one, just say so.)",
};
