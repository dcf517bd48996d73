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

/** The lines for a question the flow cannot answer at the email question: who can, and why the email is asked. */
export const unansweredAtEmail = {
  takeover:
    "The colleague who joins can answer that. I only ask for your email so the team can reach you if the chat gets cut off: what is your email address? (If you'd rather not give one, just say so.)",
  ticket:
    "Our team can answer that when they reply. We only use your email to reply to you about this request: what email address should we reply to? (If you don't have one, just say so.)",
};
