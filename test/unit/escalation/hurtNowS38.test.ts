// Session 38 (hostile s38 H4): "someone is hurt, my son fell through the ceiling" at Harbor Mutual's menu got "Please
// choose one of the options": a person hurt now, said as a state, is an emergency (urgency), read by detectUrgency.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadFlowText } from '../../../shared/flow/loadFlowText';
import type { Flow } from '../../../shared/flow/schema';
import { playConversation } from '../../../shared/simulator/playConversation';

const harbor = loadFlowText(readFileSync(new URL('../../../flows/insurance-claims.json', import.meta.url), 'utf8')).flow as Flow;
const now = Date.parse('2026-03-09T11:30:00Z');
const urgencyOf = (text: string) => playConversation(harbor, 'c', ['HM-2231-0457', text], now).escalation?.signals.find((s) => s.reason === 'urgency') ?? null;

describe('someone hurt now', () => {
  it('is urgent', () => {
    for (const text of ['someone is hurt, my son fell through the ceiling', 'my son got badly injured', "I'm hurt and the car is on its side", 'my passenger is bleeding', 'the driver is unconscious']) {
      expect(urgencyOf(text), text).not.toBeNull();
    }
  });
  it('negated, asked, or long ago is not', () => {
    for (const text of ['nobody is hurt, just the car', 'no one is hurt thankfully', 'my wife is not hurt but the car is wrecked', 'is anyone hurt covered by my policy', 'my son was hurt last week, can I claim', 'he got hurt two weeks ago playing football, is physio covered']) {
      expect(urgencyOf(text), text).toBeNull();
    }
  });
});
