/**
 * Session 46 (details5, retest s45 M3, L7): an answer, then a question, in one message ("it's SKY123, can I bring a pet?"
 * at a booking-reference question, "about 300, do you have SSO?" at a company-size menu). The readers took the answer and
 * dropped the question without a word, or read nothing because of the question. One cut for the Question block and the
 * Buttons block, the later menu that may answer the question, and the line said when nothing in the flow does.
 */
import type { Run } from '../run';
import { matchButton } from '../matchButton';

/** The clause breaks an answer ends at, and a linking word after the break that belongs to neither part. */
const THEN_ASKS = /(?:[,.;:!\n]+|\s[-\u2013\u2014]+\s)\s*(?:(?:and|also|but|oh|btw|plus)\s+)?/g;

/**
 * The ways to cut `text` into an answer and a question after it, first break first: the question part holds a question
 * mark and some letters, the answer part none. Empty when the message has no question after a break.
 */
export function answerThenQuestionParts(text: string): { answer: string; question: string }[] {
  if (!text.includes('?')) return [];
  const out: { answer: string; question: string }[] = [];
  for (const m of text.matchAll(THEN_ASKS)) {
    const answer = text.slice(0, m.index).trim();
    const question = text.slice(m.index + m[0].length).trim();
    if (answer === '' || answer.includes('?') || !question.includes('?') || question.replace(/[^\p{L}]/gu, '').length < 4) continue;
    out.push({ answer, question });
  }
  return out;
}

/** Said when a question typed beside an answer has nothing in the flow to answer it. */
export const cannotAnswerHere = (question: string): string =>
  `I can't answer "${question.length > 80 ? `${question.slice(0, 77)}...` : question}" here, sorry.`;

/** Session 44 (details2, M5 / N7): said before the question again when a later menu will take the request. */
export const LATER_LINE = "I'll help with that in a moment.";

/** Blocks read on the way to a later menu. */
const LATER_WAY = 12;
/**
 * Session 44 (details2): the first Buttons block on the way from `starts` (through questions, conditions, variables and
 * messages, at most LATER_WAY blocks; `from` is not entered again) whose option `text` picks (matchButton): its id, or null.
 */
export function laterMenuOnWay(run: Run, from: string, starts: readonly string[], text: string): string | null {
  const seen = new Set<string>([from]);
  const queue = [...starts];
  while (queue.length > 0 && seen.size <= LATER_WAY) {
    const id = queue.shift()!;
    if (seen.has(id)) continue;
    seen.add(id);
    const b = run.c.blocks.get(id);
    if (b === undefined) continue;
    if (b.kind === 'buttons') {
      if (matchButton(run.c.buttons(b), text) !== null) return b.id;
      continue;
    }
    if (b.kind === 'question' || b.kind === 'condition' || b.kind === 'set_variable' || b.kind === 'message') queue.push(...run.c.exitsFrom(id));
  }
  return null;
}
