/**
 * Session 39 (fix, hostile s38 M1): "track NW-250778 and also how much is shipping to France?" at the menu was read as
 * one request (the menu's "Shipping" matched by its synonym): the shipping answer came, the order was never looked up and
 * nothing was said of it.
 *
 * At a block where the customer says what they want (a menu, an intent router: behaviour `readsRequests` /
 * `acceptsForwardedText`), a message made of two parts joined by "and also" / "also" / "and then" / "plus" or after a
 * question mark, each of which the flow's request reader (its intent router) reads as a request, two different ones,
 * is two requests. A request the flow answers with messages alone (otherRequest.ts answerOnly: shipping costs, opening
 * hours) is answered first, and the other request's way is then followed, so both are served; when both need more than
 * messages (asks, lookups), the first is served and the customer is told to ask about the second after it. A part that
 * only leads back to the reader (a greeting: "Hello. Where is my order?") is no request. The escalation policy has read
 * the whole message before this (engine.ts inputText): only what the bot does with an ordinary message changes.
 */
import type { Block } from '../flow/schema';
import type { Run } from './run';
import { bot } from './run';
import type { Classified, InputWaiting } from './behaviours/types';
import { behaviourOf } from './blockBehaviours';
import { classifyInput } from './runBlocks';
import { answerOnly, exitOfReading, requestReaders } from './otherRequest';
import { sayAnswer } from './questionAtEmail';

/**
 * Where one request ends and another begins: "and also", "also", "and then", "plus", or after a question mark (two
 * questions). Not after a full stop: a story before the question ("I ordered the wrong colour, typical me. How do
 * returns work?") is the question's context, not a request of its own (it was read as tracking: escrfEval w11-087).
 *
 * Session 46 (lead, hostile s46 H1): written so that it reads any text in linear time. It was `\s*,?\s*\b(...)`: over a
 * run of whitespace the two `\s*` split the run every way, from every start inside it (cubic: 2,500 spaces took 20 s and
 * stalled every conversation of the shard). It finds the same matches: a match never starts right after whitespace (that
 * whitespace would extend it, and the leftmost start wins), and `\s*(?:,\s*)?` is `\s*,?\s*` with one way to split.
 */
const JOIN = /(?<!\s)\s*(?:,\s*)?\b(?:and\s+also|and\s+then|also|plus)\b[\s,:]*|(?<=\?)\s+(?=\S)/i;

interface Part {
  text: string;
  exit: string;
  inner: Classified;
  /** The Message blocks that are the whole answer, or null when the way does more. */
  aside: Block[] | null;
}

/** `text`'s reading by `router` as a request, or null (not read, or a way that comes straight back to the router). */
function readPart(run: Run, router: Block, text: string): Part | null {
  if (!/[\p{L}\d]/u.test(text)) return null;
  const w: InputWaiting = { kind: 'input', blockId: router.id, retries: 0 };
  const inner = classifyInput(run, router, w, text, null, null);
  if (inner.fallback) return null;
  const exit = exitOfReading(router, inner.intent);
  if (exit === null) return null;
  const aside = answerOnly(run, router, exit);
  // A greeting's reply that leads back to the router asks for nothing.
  if (aside !== null && run.c.exitOf(aside[aside.length - 1]!.id, 'next') === router.id) return null;
  return { text: text.replace(/^[\s,.;:!?-]+|[\s,;:-]+$/g, ''), exit, inner, aside };
}

/**
 * When `text` at `block` holds two requests the flow reads differently: serves them (see the file's comment) and
 * returns true; false otherwise (the caller applies its own reading).
 */
export function servesTwoRequests(run: Run, block: Block, text: string): boolean {
  const beh = behaviourOf(block.kind);
  if (beh.readsRequests !== true && beh.acceptsForwardedText !== true) return false;
  const m = JOIN.exec(text);
  if (m === null || m.index === 0) return false;
  const router = requestReaders(run)[0];
  if (router === undefined) return false;
  const first = readPart(run, router, text.slice(0, m.index));
  if (first === null) return false;
  const second = readPart(run, router, text.slice(m.index + m[0].length));
  if (second === null || second.exit === first.exit) return false;
  const [now, then] = first.aside === null && second.aside !== null ? [second, first] : [first, second];
  if (now.aside !== null) sayAnswer(run, now.aside);
  else bot(run, `You asked me two things, so one at a time: I'll start with this one. Ask me about "${then.text}" after that.`, block.id);
  const forward = now.aside !== null ? then : now;
  run.s.waiting = { kind: 'input', blockId: router.id, retries: 0 };
  run.visited.push(router.id);
  forward.inner.apply();
  return true;
}
