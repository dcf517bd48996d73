/**
 * What a customer can still click: the buttons of the last bot message that had any, unless the customer has
 * spoken since. Reads a transcript (the runtime's log, the simulator's copy, or the state's `recentTranscript`). Used by
 * the simulator, the CLI and the benchmarks' scripted clicks; the runtime's log (runtime/effects/planStep.ts) applies
 * `buttonsStillAsked` when it writes a step, so the web widget offers the same buttons.
 *
 * Session 31 (review debt): here in shared/engine, beside the transcript and state it reads, since the simulator and the
 * runtime both use it (it stood in shared/simulator, and the runtime imported the simulator for it). Pure.
 */
import type { Button, ConversationState, TranscriptEntry } from './types';

/**
 * Whether the buttons of `entry` (a bot message) are still asked once the conversation is in `state`: newcomer s28 N4, a
 * message held during an HTTP call handed over after the reply's "Anything else?" [Yes / No]; the flow then waited at
 * the takeover's email question, and the old buttons stayed on screen ("the engine refused it"). Buttons said by another
 * block than the one the flow waits at are no longer asked.
 */
export function buttonsStillAsked(entry: Pick<TranscriptEntry, 'blockId'>, state: Pick<ConversationState, 'waiting'>): boolean {
  const at = state.waiting && state.waiting.kind !== 'restart' ? state.waiting.blockId : undefined;
  return at === undefined || entry.blockId === undefined || entry.blockId === at;
}

export function shownButtons(transcript: readonly TranscriptEntry[], state: Pick<ConversationState, 'mode' | 'waiting'>): Button[] {
  if (state.mode === 'closed' && state.waiting?.kind !== 'restart') return [];
  for (let i = transcript.length - 1; i >= 0; i--) {
    const entry = transcript[i];
    if (entry.from === 'customer') return [];
    if (entry.buttons?.length) return buttonsStillAsked(entry, state) ? entry.buttons : [];
  }
  return [];
}
