/**
 * Hostile s14 H#15 (names): real names refused at the name question: "Will", "Nguyễn Văn A", a Persian name with a
 * zero-width non-joiner, a six-word name. Sentences and non-names are still refused.
 */
import { describe, expect, it } from 'vitest';
import { nameFromAnswer } from '../../../shared/engine/questionValidators';

describe('names (hostile s14 H#15)', () => {
  it('accepts the refused real names', () => {
    for (const t of ['Will', 'Nguyễn Văn A', 'علی\u200cرضا', 'Ali\u200cReza', 'Anna Maria de la Cruz Santos']) expect(nameFromAnswer(t), t).toBe(t);
  });
  it('still refuses sentences and non-names', () => {
    for (const t of ['will', 'I will', 'a jumper came in the wrong colour', 'hi', 'agent', 'I am A', 'please can you help me now', 'nah']) expect(nameFromAnswer(t), t).toBeNull();
  });
});
