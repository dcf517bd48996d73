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
 * no_agent path leads back to its main menu never handed a request at that menu over again, not even a first one):
 * the target spoke last among the bot's blocks that led here (its "nobody is available" or out-of-hours words are in the
 * state's transcript window), no agent has written since, and the customer has written at most FRESH_TURNS messages
 * since (the follow-up's own questions: the ticket's email and issue).
 */
import type { Run } from './run';
import { getBlockDefinition } from '../flow/blockRegistry';

const FOLLOW_UP_EXITS = ['no_agent', 'timeout'];
/** How many blocks that do not wait are followed from the exit (a chain of messages and conditions). */
const MAX_STEPS = 8;

/** Whether `blockId` (where the conversation waits) is in the follow-up of `targetId`'s no_agent / timeout exits. */
const FRESH_TURNS = 3;

/** Whether the target found nobody just now: its words are the latest from it, no agent wrote after, few customer turns since. */
function targetJustFoundNobody(run: Run, targetId: string): boolean {
  const w = run.s.recentTranscript;
  let customerTurns = 0;
  for (let i = w.length - 1; i >= 0; i--) {
    const e = w[i];
    if (e.from === 'agent') return false;
    if (e.from === 'customer' && ++customerTurns > FRESH_TURNS) return false;
    if (e.from === 'bot' && e.blockId === targetId) return true;
  }
  return false;
}

export function inNoAgentFollowUp(run: Run, targetId: string, blockId: string): boolean {
  if (!targetJustFoundNobody(run, targetId)) return false;
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
