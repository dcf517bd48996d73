/**
 * Session 29 (hostile s28 H11): whether a decision's signals include the built-in self-harm / crisis reading. The urgency
 * detector names it in its signal (detectUrgency.ts: `Urgency, self-harm / crisis ("...")`); a takeover that finds nobody
 * (out of hours, nobody online) and the ticket after it then say where to get help now instead of only "we'll get back
 * to you first thing". The test crisisNobodyNowS29 pins the detector's wording this reads. Pure.
 */
import type { Signal } from '../escalation/types';
import { SELF_HARM_NAME } from '../escalation/selfHarm';

const PREFIX = `Urgency, ${SELF_HARM_NAME}`;

export function selfHarmSignalIn(signals: readonly Signal[] | undefined): boolean {
  return signals?.some((x) => x.reason === 'urgency' && x.explanation.startsWith(PREFIX)) === true;
}
