/**
 * Near misses of the current evaluation: detectors report signals that came close without firing here,
 * and evaluateEscalation collects them into the decision (for the simulator's debug drawer). Module-level
 * scratch is safe because evaluation is synchronous and never re-entrant.
 */
import type { Signal } from './types';

let collected: Signal[] = [];

export function startNearMisses(): void {
  collected = [];
}

export function reportNearMiss(signal: Signal): void {
  collected.push(signal);
}

/** Session 9: how many are collected so far, to drop what a look-ahead run added (see dropNearMissesSince). */
export function nearMissMark(): number {
  return collected.length;
}

/** Drops the near misses reported since `mark` (a detector run only to see what a switched-off reason would say). */
export function dropNearMissesSince(mark: number): void {
  collected.length = Math.min(collected.length, mark);
}

export function takeNearMisses(): Signal[] {
  const out = collected;
  collected = [];
  return out.sort((a, b) => b.score / (b.threshold || 1) - a.score / (a.threshold || 1));
}

/**
 * Session 42 (studio3): a firing sentence made the first half of a near miss ("Near miss: <this>, but ..., so it does not
 * fire."): its ", so it fires" is dropped (the words it names stay), which read "..., so it fires (words: "x"), but ...,
 * so it does not fire" before. The trailing full stop goes too.
 */
export function asMeasured(explanation: string): string {
  return explanation.replace(/\.$/, '').replace(/, so it fires(?= \(words: [^)]*\)$|$)/, '');
}
