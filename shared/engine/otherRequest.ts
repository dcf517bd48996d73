/**
 * Session 18 (newcomer s17 N#17): a question about something else at a block whose answer the flow would otherwise
 * take as one of its choices. "So order NW-10234 should go to: 5 Elm Street, Leeds LS1 4AB. Is that right? [Yes, that's
 * right | Change it]" -> "Shipping costs to Canada?" took the fallback, which leads where "Change it" leads: the customer
 * was asked for a new address, and every later question was refused as one.
 *
 * The rule: text that matched no choice, is no answer that starts by picking ("no, 7 Oak Road ..."), and that the flow's
 * own request reader (an intent or keyword router: behaviour `acceptsForwardedText`) understands as a request whose way
 * does not lead back to this very block, is that request: it goes to the router as at the main menu. A request whose
 * way leads back here ("actually cancel NW-555555" at the cancel confirmation) is about this block and is read as
 * before. A question the flow answers with messages alone (shipping costs, opening hours) is answered and the block asks its
 * question again (the choice stays pending); a request that starts something else (tracking another order) goes to
 * the router. A question the flow understands nowhere is not taken as a choice either: the block asks its question again.
 */
import type { Block } from '../flow/schema';
import type { IntentMatch } from '../nlu/types';
import type { Run } from './run';
import type { Classified, InputWaiting } from './behaviours/types';
import { behaviourOf } from './blockBehaviours';
import { getBlockDefinition } from '../flow/blockRegistry';
import { classifyInput } from './runBlocks';
import { questionType } from '../escalation/questionConcepts';
import { splitLeadingAnswer } from './answeringWord';
import { normalizeText } from '../nlu/normalizeText';
import { bot } from './run';

/** How far a router's way is followed to see whether it comes back to the asking block. */
const WAY_DEPTH = 24;

/** Whether the message asks something by its form: a question mark or a question's opening words. */
export function asksByForm(text: string, normalized: string): boolean {
  return text.includes('?') || questionType(normalized) !== null;
}

/** The blocks that read what a customer wants from typed text (intent and keyword routers), in flow order. */
export function requestReaders(run: Run): Block[] {
  return run.flow.blocks.filter((b) => behaviourOf(b.kind).acceptsForwardedText === true);
}

/**
 * Whether the way out of `router` by `exit` reaches `target` before it comes to a block that reads requests again (a
 * menu, a router, "Anything else?": from there on the customer picks anew).
 */
function wayReaches(run: Run, router: Block, exit: string, target: string): boolean {
  const first = run.c.exitOf(router.id, exit);
  return first !== undefined && reachedFrom(run, [first], readsRequests).has(target);
}

/** Whether a block reads what the customer wants (a menu, a router, "Anything else?"). */
export function readsRequests(b: Block): boolean {
  const beh = behaviourOf(b.kind);
  return beh.readsRequests === true || beh.acceptsForwardedText === true;
}

/**
 * The blocks reached from `starts` (themselves included), at most WAY_DEPTH steps on, not going on past a block for
 * which `stopsAt` holds (it is reached, its exits are not followed).
 */
export function reachedFrom(run: Run, starts: string[], stopsAt: (b: Block) => boolean): Set<string> {
  const seen = new Set<string>();
  let frontier = starts;
  for (let depth = 0; depth < WAY_DEPTH && frontier.length > 0; depth++) {
    const next: string[] = [];
    for (const id of frontier) {
      if (seen.has(id)) continue;
      seen.add(id);
      const b = run.c.blocks.get(id);
      if (b === undefined || stopsAt(b)) continue;
      next.push(...run.c.exitsFrom(id));
    }
    frontier = next;
  }
  return seen;
}

export interface OtherRequest {
  router: Block;
  inner: Classified;
  /**
   * The Message blocks that are the whole answer on the router's way (it then comes to a block that reads requests again,
   * "Anything else?", or ends): the asking block says them and asks its question again, so the choice it waits for is
   * kept. Null when the way does more (asks, looks something up, hands over): the customer goes there.
   */
  aside: Block[] | null;
}

/** The Message blocks from `exit` of `router` up to a block that reads requests (or the way's end); null otherwise. */
export function answerOnly(run: Run, router: Block, exit: string | null): Block[] | null {
  if (exit === null) return null;
  const said: Block[] = [];
  let at = run.c.exitOf(router.id, exit);
  while (at !== undefined && said.length < WAY_DEPTH) {
    const b = run.c.blocks.get(at);
    if (b === undefined) return null;
    const beh = behaviourOf(b.kind);
    if (beh.readsRequests === true || beh.acceptsForwardedText === true) break;
    if (beh.onlySays !== true) return null;
    said.push(b);
    at = run.c.exitOf(b.id, 'next');
  }
  return said.length > 0 ? said : null;
}

/**
 * The flow's router that understands `text` as a request for something other than what `block` asks, with its reading;
 * null when none does (or the message opens with an answer: "no, 7 Oak Road, York YO1 7HH" is a change, not a request).
 */
export function otherRequestAt(run: Run, block: Block, text: string): OtherRequest | null {
  if (splitLeadingAnswer(text) !== null) return null;
  for (const router of requestReaders(run)) {
    if (router.id === block.id) continue;
    const w: InputWaiting = { kind: 'input', blockId: router.id, retries: 0 };
    const inner = classifyInput(run, router, w, text, null, null);
    if (inner.fallback) continue;
    const exit = exitOfReading(router, inner.intent);
    // A keyword router names no intent: its reading cannot be followed, so it is taken only when nothing leads back.
    if (exit !== null && wayReaches(run, router, exit, block.id)) return null;
    return { router, inner, aside: answerOnly(run, router, exit) };
  }
  return null;
}

/** The exit a router's reading takes (an intent router's intent id); null when it names none. */
export function exitOfReading(router: Block, intent: IntentMatch | null): string | null {
  return behaviourOf(router.kind).exitOfReading?.(intent) ?? null;
}

/**
 * Session 20 (newcomer s19 F5): whether the flow's router reads `text` as the very request whose way leads to `block`
 * ("returns" at the return's "Why are you sending it back?"): the customer names what they are already doing, which is
 * no answer the block failed to understand (after two such misses the escalation policy handed over on the bot's own
 * word). The block asks its question again (buttons.ts).
 */
export function requestLeadingHere(run: Run, block: Block, text: string): boolean {
  // Only the topic named ("returns", "a return"): a sentence saying the request again ("I've given the order number, I
  // would just like to cancel it") is the customer going round in circles, which the loop check is for (measured: two
  // corpus loops were lost when any length was read here).
  if (text.trim().split(/\s+/).length > 3 || splitLeadingAnswer(text) !== null) return false;
  for (const router of requestReaders(run)) {
    if (router.id === block.id) continue;
    const inner = classifyInput(run, router, { kind: 'input', blockId: router.id, retries: 0 }, text, null, null);
    if (inner.fallback) continue;
    const exit = exitOfReading(router, inner.intent);
    return exit !== null && wayReaches(run, router, exit, block.id);
  }
  return false;
}

/** The blocks reached from `from`'s exits up to (not past) a block that reads requests. */
function reachedBefore(run: Run, from: string): Set<string> {
  return reachedFrom(run, run.c.exitsFrom(from), readsRequests);
}

/**
 * Session 24 (hostile s14 #15 rest): the block the customer came through to `block` and chose there (see question.ts
 * leaveQuestion): a router (intent or keyword) or, with `anyReader`, also a Buttons block, one of whose ways reaches
 * the block before any other block that reads requests, while the block's own ways do not come back to it before such
 * a block (that one is a step after the block, a confirmation, not where the customer chose). The first in flow order;
 * null when none.
 */
export function readerBefore(run: Run, block: Block, anyReader = false): Block | null {
  const after = reachedBefore(run, block.id);
  const readers = anyReader ? run.flow.blocks.filter(readsRequests) : requestReaders(run);
  for (const reader of readers) {
    if (reader.id === block.id || after.has(reader.id)) continue;
    if (reachedBefore(run, reader.id).has(block.id)) return reader;
  }
  return null;
}

/** Whether block `id` is a person: a Human takeover (the registry's handoff target). */
export function isHandoffBlock(run: Run, id: string): boolean {
  const b = run.c.blocks.get(id);
  return b !== undefined && getBlockDefinition(b.kind).isHandoffTarget === true;
}

/**
 * Whether the way from block `id` (itself included) goes straight to a person: a Human takeover reached before any
 * block that waits for the customer (a question, buttons, a router: from there the customer chooses again).
 */
export function wayReachesPerson(run: Run, id: string): boolean {
  const waits = (b: Block) => behaviourOf(b.kind).waitsAs?.includes('input') === true;
  for (const at of reachedFrom(run, [id], waits)) {
    if (isHandoffBlock(run, at)) return true;
  }
  return false;
}

/**
 * Session 47 (conv8, retest-conv s46 L1): the question after the yes that takes a person ("sure, and do you take
 * PayPal?" at Northwind's "Would you like to talk to a person?", a Buttons offer or the policy's own) was dropped: "I'll
 * get a person for you." and no word about it. A question the flow answers with messages alone (its router's way to them,
 * answerOnly: payments, opening hours) is answered before the person comes; any other question is passed on ("I'll pass
 * your question on to them."; the agent's summary quotes the message). A statement after the yes ("yes please, my parcel
 * is damaged") is the person's to read, as before.
 */
export const PASS_QUESTION_ON = "I'll pass your question on to them.";
export function questionBeforePerson(run: Run, request: string): { said?: readonly Block[]; note?: string } {
  // Any of the flow's routers, the one the offer stands at too (the policy's offer at "What's your question?"): the person
  // comes whatever it reads, so no way back to the asking block is looked for (otherRequestAt).
  for (const router of requestReaders(run)) {
    const inner = classifyInput(run, router, { kind: 'input', blockId: router.id, retries: 0 }, request, null, null);
    if (inner.fallback) continue;
    const aside = answerOnly(run, router, exitOfReading(router, inner.intent));
    if (aside !== null) return { said: aside };
    break;
  }
  return asksByForm(request, normalizeText(request)) ? { note: PASS_QUESTION_ON } : {};
}
/** Says what questionBeforePerson found (the flow's answer, or the line that passes the question on) at `blockId`. */
export function sayBeforePerson(run: Run, blockId: string, beside: { said?: readonly Block[]; note?: string }): void {
  for (const m of beside.said ?? []) {
    run.visited.push(m.id);
    behaviourOf(m.kind).enter(run, m, null);
  }
  if (beside.note !== undefined) bot(run, beside.note, blockId);
}
