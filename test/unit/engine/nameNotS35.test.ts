/** Session 35 (hostile s35 F12): "don't bother" at the name question was taken as the customer's name. */
import { describe, expect, it } from 'vitest';
import { nameFromAnswer } from '../../../shared/engine/questionValidators';

describe('a word with "n\'t" is never a name', () => {
  it('refuses "don\'t bother", "Can\'t say", "won\'t tell"', () => {
    for (const t of ["don't bother", 'Don’t bother', "Can't say", "won't tell", "Wouldn't"]) expect(nameFromAnswer(t), t).toBeNull();
  });
  it('still reads names with apostrophes', () => {
    expect(nameFromAnswer("Siobhan O'Brien")).toBe("Siobhan O'Brien");
    expect(nameFromAnswer("D'Angelo")).toBe("D'Angelo");
    expect(nameFromAnswer('Ana')).toBe('Ana');
  });
});
