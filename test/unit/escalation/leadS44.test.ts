// Session 44 (lead, retest-conv s44 H1): a texted breathing sign with the subject left out ("can't catch my breath and my
// chest is tight", "can't catch my breath") is a statement, not a question to the bot, so the emergency readers read it;
// a real question stays a question and "breathe a word" stays an idiom.
import { describe, expect, it } from 'vitest';
import { detectUrgency } from '../../../shared/escalation/detectors/detectUrgency';
import { fires, policy } from './facts';

const urgency = (text: string) => fires(detectUrgency, text, policy());

describe('lead s44: breathing signs with the subject left out', () => {
  it.each(["can't catch my breath and my chest is tight", "can't catch my breath", 'cant catch my breath', "he can't get his breath", "couldn't catch my breath and my chest is tight"])(
    '%j is an emergency',
    (text) => {
      const s = urgency(text);
      expect(s?.reason).toBe('urgency');
      expect(s?.emergency).toBe(true);
    },
  );
  it.each(["can't breathe a word of it", "can you tell me where my parcel is", 'can not find my order', 'could not catch the delivery man'])('%j is no emergency', (text) => {
    expect(urgency(text)?.emergency ?? false).toBe(false);
  });
});
