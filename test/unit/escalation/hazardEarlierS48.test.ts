/**
 * Session 48 (lead, CI of stop 47): session 47 (emerg4) made a product fire an emergency by itself; a fire or smoke told as
 * earlier today with no word of now ("the toaster I bought from you caught fire this morning") is over by the time it is
 * typed: the safety topic (a dangerous product to report), not a 999 call. Said as happening, or still going, it stays one.
 */
import { describe, expect, it } from 'vitest';
import { reasonOf } from './support/supportFlowPlay';
import { hazardNow } from '../../../shared/escalation/hazardNow';
import { canonicalTokens } from '../../../shared/escalation/canonicalTokens';
import { analyzeText } from '../../../shared/nlu/analyzeText';

const hazard = (t: string) => hazardNow(canonicalTokens(analyzeText(t)));

describe('a product fire told as earlier today', () => {
  it.each([
    'the toaster I bought from you caught fire this morning',
    'my kettle caught fire earlier, I want my money back',
    'the charger you sent caught fire overnight on my desk',
    'the fan heater caught fire on Sunday',
  ])('%j is no emergency now, and still the sensitive topic', (text) => {
    expect(hazard(text)).toBeNull();
    expect(reasonOf(text)).toBe('sensitive_topic');
  });

  it.each([
    'my toaster just caught fire',
    'the toaster caught fire this morning and it is still smoking',
    'the heater caught fire earlier and the room is full of smoke now',
  ])('%j is an emergency now', (text) => {
    expect(hazard(text)).not.toBeNull();
    expect(reasonOf(text)).toBe('urgency');
  });
});
