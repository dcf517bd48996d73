// Review s19 (revcore R3): "she isn't okay now" is not "she is okay now". At 969ce1f^ these were urgency in every
// shipped flow; at 969ce1f the FINE_AGAIN check (a word of being fine right before "now") ignores the negation, so the
// emergency is dropped: lead-gen and travel-urgency do not hand over at all.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadFlowText } from '../../../shared/flow/loadFlowText';
import type { Flow } from '../../../shared/flow/schema';
import { playConversation } from '../../../shared/simulator/playConversation';

const now = Date.parse('2026-12-01T10:00:00Z');
const flowOf = (name: string) => loadFlowText(readFileSync(new URL(`../../../flows/${name}.json`, import.meta.url), 'utf8')).flow as Flow;

describe('an emergency that is not over', () => {
  for (const name of ['customer-support', 'lead-gen', 'travel-urgency']) {
    it(`is urgent in ${name}`, () => {
      const flow = flowOf(name);
      for (const text of [
        "My daughter swallowed a button battery from the toy, she isn't okay now",
        "My son swallowed one of the magnets, he's not fine now",
        "Smoke is coming out of the charger, now I don't know what to do",
      ]) {
        expect(playConversation(flow, 'c', ['Something else', text], now).escalation?.reason, `${name}: ${text}`).toBe('urgency');
      }
    });
  }
});
