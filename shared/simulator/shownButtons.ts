/**
 * What a customer can still click: the buttons of the last bot message that had any, unless the customer has
 * spoken since. Reads a transcript (the runtime's log, the simulator's copy, or the state's `recentTranscript`). Used by
 * the simulator, the CLI and the benchmarks' scripted clicks.
 */
import type { Button, ConversationState, TranscriptEntry } from '../engine/types';

export function shownButtons(transcript: readonly TranscriptEntry[], state: Pick<ConversationState, 'mode' | 'waiting'>): Button[] {
  if (state.mode === 'closed' && state.waiting?.kind !== 'restart') return [];
  for (let i = transcript.length - 1; i >= 0; i--) {
    const entry = transcript[i];
    if (entry.from === 'customer') return [];
    if (entry.buttons?.length) return entry.buttons;
  }
  return [];
}
