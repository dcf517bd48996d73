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
import { behaviourOf } from './blockBehaviours';
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

/** Whether `targetId` found nobody just now (see the state's `nobodyFound`; for a state saved before it, `savedBefore`). */
function targetJustFoundNobody(run: Run, targetId: string): boolean {
  const f = run.s.nobodyFound;
  if (f === undefined) return savedBeforeTheField(run, targetId);
  return f.blockId === targetId && run.s.turn - f.turn <= FRESH_TURNS;
}

/**
 * Session 16 (review debt): a state saved before session 15 has no `nobodyFound`, also when it was saved in the middle of
 * a follow-up (at the ticket's email question right after "Sorry, no one from our team is available right now."). Read
 * without the field, such a conversation handed over again, once. The state still says it: the target's latest words
 * in the window are its "nobody" words (behaviour capability `saidNobodyFound`: the no-agent sentence, its out-of-hours
 * message, or a handoff of its own that expired or was rejected), no agent wrote since, and at most FRESH_TURNS
 * customer messages followed. For states saved since, this agrees with the field: every way the target leaves by
 * no_agent / timeout sets it, and what clears it (a takeover entered again, an agent, the fourth message) also ends
 * this reading (the target speaks again, an agent entry, the count). Not the pre-15 reading's "any words of the
 * target" (a handback with no word from the agent counted as nobody found).
 */
function savedBeforeTheField(run: Run, targetId: string): boolean {
  const target = run.c.blocks.get(targetId);
  const said = target === undefined ? undefined : behaviourOf(target.kind).saidNobodyFound;
  if (said === undefined || target === undefined) return false;
  const w = run.s.recentTranscript;
  let customerTurns = 0;
  for (let i = w.length - 1; i >= 0; i--) {
    const e = w[i];
    if (e.from === 'agent') return false;
    if (e.from === 'customer' && ++customerTurns > FRESH_TURNS) return false;
    if (e.from === 'bot' && e.blockId === targetId) return said(run, target, e.text);
  }
  return false;
}

/** Whether `blockId` (where the conversation waits) is in the follow-up of `targetId`'s no_agent / timeout exits, just after it found nobody. */
export function inNoAgentFollowUp(run: Run, targetId: string, blockId: string): boolean {
  if (!targetJustFoundNobody(run, targetId)) return false;
  // Hostile s15 H#4: someone came online since (the caller says who is signed in): the request goes to them.
  // A block-behaviour capability (reachesSomeoneNow): only blocks that reach people define it.
  const target = run.c.blocks.get(targetId);
  if (target !== undefined && behaviourOf(target.kind).reachesSomeoneNow?.(run, target) === true) return false;
  return inFollowUpOf(run, targetId, blockId);
}

/**
 * Session 45 (perf, issue 8; the lead's product decision): at the follow-up's own questions (the ticket's email and issue)
 * the follow-up's reading (engine.ts nobodyFreeText) holds for as long as the target is closed by its opening hours and
 * has told the customer so (its out-of-hours message or its still-closed line: the state's `closedNotice`), not only for
 * FRESH_TURNS messages. Before, from the customer's 4th message there every detector read an answer that did not fit,
 * though nothing it decided could reach a person (closed by its hours): a handoff came back as the still-closed line and
 * the question again, a loop or repeated fallbacks as a rephrase request or an offer of a person nobody could take.
 * Nobody signed in (open hours, no agent) is not "closed": a person may come online, and the rule stays FRESH_TURNS long.
 */
export function inClosedFollowUp(run: Run, targetId: string, blockId: string): boolean {
  const told = run.s.closedNotice;
  if (told === undefined || told.blockId !== targetId) return false;
  const target = run.c.blocks.get(targetId);
  if (target === undefined || behaviourOf(target.kind).closedByHours?.(run, target) !== true) return false;
  return inFollowUpOf(run, targetId, blockId);
}

/**
 * Answers of followUpOf per compiled flow, by target and block: they depend on the flow alone, and a message at a follow-up
 * question could walk the graph twice (inNoAgentFollowUp, then inClosedFollowUp; review of session 45).
 */
const followUps = new WeakMap<Run['c'], Map<string, boolean>>();

/** Whether `blockId` is reached from `targetId`'s no_agent / timeout exits through blocks that do not wait (the flow alone). */
function inFollowUpOf(run: Run, targetId: string, blockId: string): boolean {
  let known = followUps.get(run.c);
  if (known === undefined) {
    known = new Map();
    followUps.set(run.c, known);
  }
  const key = `${targetId}\u0000${blockId}`;
  let answer = known.get(key);
  if (answer === undefined) {
    answer = followUpOf(run, targetId, blockId);
    known.set(key, answer);
  }
  return answer;
}

function followUpOf(run: Run, targetId: string, blockId: string): boolean {
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
