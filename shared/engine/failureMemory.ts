/**
 * "A failure the agent should hear about": the ONE lifetime rule for a failed HTTP call, in one place (session 13,
 * review debt: the engine refreshed the failure with its own `<= 2` checks in two places and the handoff summary had its
 * own `<= 1` age check).
 *
 * An HTTP block's call that failed (an error status, or status 0 = no answer / its deadline passed) is kept in
 * `state.lastFailure`, stamped with `turn`, the customer turn at which it was last CURRENT:
 *
 * 1. It is current when it is recorded (the turn the call failed in).
 * 2. It is HEARD (a handoff with reason 'flow' names it to the agent: `heardFailure`) while at most
 *    `FAILURE_HEARD_TURNS` (1) customer messages went by since it was last current: the takeover the error exit leads to
 *    straight away (0 messages), or the person the customer asks for with the next message ("Talk to a person" at an
 *    offer after the failure: 1 message). Two messages spent elsewhere and it is history, not the reason for this handoff.
 * 3. A customer message that only answers what the failure led to keeps it current (`keepFailureCurrent`), if it was
 *    still heard just before that message: a takeover's own questions (name, email, reason) and the same block asking
 *    again after an unexpected answer (the offer re-asked). So "failed -> Talk to a person -> email -> reason -> handoff"
 *    still names it, while a failure already aged out is never revived.
 * 4. It is forgotten when a later HTTP call succeeds (`rememberHttpOutcome`) and once a handoff has told it
 *    (`forgetToldFailure`): a later handoff of the same conversation does not blame it again.
 *
 * Pure: the state is changed in place by the engine's run (its own copy); time comes in as an argument.
 */
import type { ConversationState } from './types';

export type HttpFailure = NonNullable<ConversationState['lastFailure']>;

/** Customer messages that may go by after a failure was last current while it is still told to the agent. */
export const FAILURE_HEARD_TURNS = 1;

/** Is `f` heard at customer turn `turn` (rule 2)? */
function heardAt(f: HttpFailure, turn: number): boolean {
  return turn - f.turn <= FAILURE_HEARD_TURNS;
}

/** The failure a handoff made now would tell the agent about (rule 2), or null. */
export function heardFailure(state: Pick<ConversationState, 'lastFailure' | 'turn'>): HttpFailure | null {
  const f = state.lastFailure;
  return f && heardAt(f, state.turn) ? f : null;
}

/**
 * Rules 1 and 4: an HTTP block's call ended. A success forgets an earlier failure; a failure is remembered as current
 * (newcomer s9 #3), labelled as the designer named the block.
 */
export function rememberHttpOutcome(
  state: ConversationState,
  block: { id: string; label?: string },
  ok: boolean,
  status: number,
  now: number,
): void {
  if (ok) {
    if (state.lastFailure !== undefined) delete state.lastFailure;
    return;
  }
  state.lastFailure = { blockId: block.id, label: block.label?.trim() || block.id, status, at: now, turn: state.turn };
}

/**
 * Rule 3: the customer message just taken (the state's turn already counts it) only answered what `before` (the failure
 * as it was before that message) led to. It stays current if it was heard just before the message and nothing replaced
 * or cleared it meanwhile (a new call in the same step).
 */
export function keepFailureCurrent(state: ConversationState, before: HttpFailure | undefined): void {
  if (before === undefined || state.lastFailure !== before) return;
  if (!heardAt(before, state.turn - 1)) return;
  state.lastFailure = { ...before, turn: state.turn };
}

/** Rule 4: a handoff was requested in this step; its context told the failure (if heard), so it is not told again. */
export function forgetToldFailure(state: ConversationState, handedOver: boolean): void {
  if (handedOver && state.lastFailure !== undefined) delete state.lastFailure;
}
