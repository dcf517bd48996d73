/**
 * What a customer can still click: the buttons of the last bot message that had any, unless the customer has
 * spoken since. Used by the simulator, the CLI and the benchmarks' scripted clicks.
 */
import type { Button, ConversationState } from '../engine/types';

export function shownButtons(state: Pick<ConversationState, 'mode' | 'waiting' | 'transcript'>): Button[] {
  if (state.mode === 'closed' && state.waiting?.kind !== 'restart') return [];
  for (let i = state.transcript.length - 1; i >= 0; i--) {
    const entry = state.transcript[i];
    if (entry.from === 'customer') return [];
    if (entry.buttons?.length) return entry.buttons;
  }
  return [];
}
