/**
 * Session 14 (newcomer s14 N#7, HIGH): out of hours, the template's Human takeover leaves by `no_agent` to a Ticket that
 * asks "What email address should we reply to?". A reply there that also asks for a person ("call me on 07700 900123
 * instead, my email is kim@example.com", "I want a human, kim@...") was read by the escalation policy as an explicit
 * request: the takeover was entered again, was closed again, and the same paragraph and question came back, endlessly,
 * the email dropped and no ticket made.
 *
 * The rule: while the conversation waits at a block the escalation target's `no_agent` or `timeout` exit leads to
 * (directly, or through blocks that do not wait for the customer: messages, conditions, jumps...), the policy does not
 * hand over to that target again: a person was just found unavailable, and that block is the flow's answer to it. The
 * message goes to the waiting block (the ticket takes the email in it). Pure; reads the compiled flow.
 *
 * Only right after the target found nobody (lead, session 14: the first version read the flow alone, so a flow whose
 * no_agent path leads back to its main menu never handed a request at that menu over again, not even a first one).
 * Session 15: the engine knows the exit it took, so it says so in the state (`nobodyFound`: the takeover block and the
 * customer turn count when it left by no_agent / timeout) instead of this module inferring it from the transcript
 * window; the rule is the same: it holds until a takeover is entered again, an agent takes the conversation over, or
 * the customer has written more than FRESH_TURNS messages since (the follow-up's own questions: the ticket's email and
 * issue). And only while nobody can be reached: when the caller says someone is signed in and reachable now (an agent
 * came online, hostile s15 H#4), the request hands over at once.
 */
import type { Run } from './run';
import type { ConversationState } from './types';
import { someoneReachableNow } from './humanTakeover';
import { getBlockDefinition } from '../flow/blockRegistry';

const FOLLOW_UP_EXITS = ['no_agent', 'timeout'];
/** How many blocks that do not wait are followed from the exit (a chain of messages and conditions). */
const MAX_STEPS = 8;

/** Customer messages after nobody was found during which the rule holds. */
export const FRESH_TURNS = 3;

/** The takeover `blockId` just left by no_agent / timeout (humanTakeover.ts). */
export function noteNobodyFound(s: ConversationState, blockId: string): void {
  s.nobodyFound = { blockId, turn: s.turn };
}

/** A takeover entered again, or an agent took the conversation over: nobody was not "just" found any more. */
export function forgetNobodyFound(s: ConversationState): void {
  if (s.nobodyFound !== undefined) delete s.nobodyFound;
}

/** Called on every input: the rule ends once the customer has written more than FRESH_TURNS messages since. */
export function ageNobodyFound(s: ConversationState): void {
  if (s.nobodyFound !== undefined && s.turn - s.nobodyFound.turn > FRESH_TURNS) delete s.nobodyFound;
}

/** Whether `targetId` found nobody just now (see the state's `nobodyFound`). */
function targetJustFoundNobody(run: Run, targetId: string): boolean {
  const f = run.s.nobodyFound;
  return f !== undefined && f.blockId === targetId && run.s.turn - f.turn <= FRESH_TURNS;
}

/** Whether `blockId` (where the conversation waits) is in the follow-up of `targetId`'s no_agent / timeout exits, just after it found nobody. */
export function inNoAgentFollowUp(run: Run, targetId: string, blockId: string): boolean {
  if (!targetJustFoundNobody(run, targetId)) return false;
  // Hostile s15 H#4: someone came online since (the caller says who is signed in): the request goes to them.
  const target = run.c.blocks.get(targetId);
  if (someoneReachableNow(run, target)) return false;
  for (const exit of FOLLOW_UP_EXITS) {
    const seen = new Set<string>();
    let frontier: string[] = [];
    const first = run.c.exitOf(targetId, exit);
    if (first !== undefined) frontier.push(first);
    for (let step = 0; step < MAX_STEPS && frontier.length > 0; step++) {
      const next: string[] = [];
      for (const id of frontier) {
        if (id === blockId) return true;
        if (seen.has(id) || id === targetId) continue;
        seen.add(id);
        const block = run.c.blocks.get(id);
        if (!block || getBlockDefinition(block.kind).waitsForCustomer) continue;
        for (const to of run.c.exitsFrom(id)) next.push(to);
      }
      frontier = next;
    }
  }
  return false;
}
