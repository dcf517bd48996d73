/**
 * Session 29 (fixflow; newcomer s28 N8): a customer who closes the chat where the bot waits for something else ("thanks,
 * that is all", "no, that's it", "nothing else", "that will be all") at "Which order should go to a new address?" got
 * the question's retry line again, and at "What's your question?" "Sorry, I didn't get that". Only the "Anything else?"
 * menu knew those words. `closesChat` reads such a message; `closingChoice` finds the flow's own way to close (the menu
 * choice "that's all" picks: Northwind's "Anything else?" -> "No, that's all", then the rating and goodbye), which a
 * Question (question.ts) and an intent router (intentRouter.ts) follow. "I'm done" is not one (as often said in anger),
 * and a closing is read by the whole escalation policy (an angry "that's it" still hands over). Pure.
 */
import type { BlockOf } from '../flow/schema';
import type { Run } from './run';
import { behaviourOf } from './blockBehaviours';
import { matchButton } from './matchButton';
import { saysGoodbye } from '../nlu/courtesy';
import { TextMemo } from '../escalation/textMemo';

const CLOSES = new RegExp(
  "^(?:(?:ok|okay|no|nope|nah|thanks|thank you|cheers|ta|great|lovely|perfect|right|actually|oh|well|sorry|um|erm)\\s+)*" +
    "(?:that'?s\\s+(?:all|it|everything)|that\\s+is\\s+(?:all|it|everything)|that\\s+will\\s+be\\s+all|that'?ll\\s+be\\s+all|nothing\\s+else|" +
    "no\\s+more\\s+questions|all\\s+done)" +
    "(?:\\s+(?:thanks|thank\\s+you|cheers|ta|for\\s+now|then|now|really|today|x+))*$",
);

/**
 * Whether the whole message closes the chat ("thanks, that is all"): no digit, no question mark, at most 80 characters.
 * Session 31 (brief answers item 4, newcomer s28 N8 rest): a goodbye is one too ("bye", "ok bye then", "thanks, have a
 * nice day": courtesy.saysGoodbye): "bye" at "Which order should go to a new address?" got the retry line and was then
 * handed over as a loop, and at "What's your question?" it got "Sorry, I didn't get that".
 */
export function closesChat(text: string): boolean {
  // Session 39 (perf): readClosesChat's first check, before the memo (no look-up or entry for the texts it answers).
  if (cannotClose(text)) return false;
  let known = closesMemo.get(text);
  if (known === undefined) closesMemo.set(text, (known = readClosesChat(text)));
  return known;
}
/**
 * Session 34 (perf): closesChat's answers per text. One message is asked several times (the ticket's email question
 * whether it fits, then what it says; the intent router and the Question block), each a lower-casing and three rewrites.
 */
const closesMemo = new TextMemo<boolean>(1000);
/** Too long, a question or a digit: no closing (readClosesChat). */
function cannotClose(text: string): boolean {
  return text.length > 80 || text.includes('?') || /\p{Nd}/u.test(text);
}
function readClosesChat(text: string): boolean {
  if (cannotClose(text)) return false;
  const t = text.toLowerCase().replace(/[\u2018\u2019]/g, "'").replace(/[^\p{L}\p{N}'\s]/gu, ' ').replace(/\s+/g, ' ').trim();
  return CLOSES.test(t) || saysGoodbye(text);
}

/** The words a flow's closing choice is found by ("No, that's all" at "Anything else?"). */
const CLOSING_WORDS = "that's all";

export interface ClosingChoice {
  menu: BlockOf<'buttons'>;
  id: string;
  value: string;
}

/**
 * The flow's closing: the choice that "that's all" picks at a menu block (a block that reads requests with buttons),
 * when exactly one menu's choice does and its way does not go straight back to a block that reads requests (a "No
 * thanks" that returns to "Anything else?" is not the closing); null otherwise. `except`: the block asking (never its own).
 */
export function closingChoice(run: Run, except: string): ClosingChoice | null {
  let found: ClosingChoice | null = null;
  for (const b of run.flow.blocks) {
    if (b.id === except || behaviourOf(b.kind).readsRequests !== true) continue;
    const menu = b as BlockOf<'buttons'>;
    const choice = matchButton(run.c.buttons(menu), CLOSING_WORDS);
    if (choice === null) continue;
    const to = run.c.exitOf(menu.id, choice.id);
    const next = to === undefined ? undefined : run.c.blocks.get(to);
    if (next === undefined) continue;
    const beh = behaviourOf(next.kind);
    if (beh.readsRequests === true || beh.acceptsForwardedText === true) continue;
    if (found !== null) return null;
    found = { menu, id: choice.id, value: choice.value };
  }
  return found;
}
