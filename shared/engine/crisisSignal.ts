/**
 * Session 29 (hostile s28 H11): whether a decision's signals include the built-in self-harm / crisis reading
 * (Signal.crisis, set by detectUrgency). A takeover that finds nobody (out of hours, nobody online) and the ticket after
 * it then say where to get help now instead of only "we'll get back to you first thing". Pure.
 */
import type { Signal } from '../escalation/types';

export function selfHarmSignalIn(signals: readonly Signal[] | undefined): boolean {
  return signals?.some((x) => x.crisis === true) === true;
}

/**
 * Session 41 (injury, hostile s40 H2): whether a decision's signals say a person is hurt or ill now (Signal.emergency,
 * set by detectUrgency on an urgency signal). The takeover then says the flow's emergency line first (emergencyLineOf).
 */
export function emergencySignalIn(signals: readonly Signal[] | undefined): boolean {
  return signals?.some((x) => x.emergency === true) === true;
}
