// @vitest-environment jsdom
/**
 * Session 46 (lead, newcomer s46 N3): the canvas showed a Condition's regex JSON-escaped (`orderNumber matches
 * "^(?:[A-Za-z]{0,4}-?\\d...)$"`, doubled backslashes) while the inspector showed it as typed: a designer may "fix" a
 * correct pattern. The node now shows each value as typed, text in quotes.
 */
import { describe, expect, it } from 'vitest';
import { render } from '@testing-library/react';
import { nodeBodies, rulesSummary } from '../../renderer/studio/canvas/nodes/bodies';

describe('a Condition node shows its rules as typed (newcomer s46 N3)', () => {
  it("Northwind's order-number pattern: single backslashes, in quotes", () => {
    const pattern = '^(?:[A-Za-z]{0,4}-?\\d[\\dA-Za-z-]{3,15}|\\d{3,12})$';
    const text = rulesSummary({ combinator: 'and', rules: [{ variable: 'orderNumber', op: 'matches', value: pattern }] });
    expect(text).toBe(`orderNumber matches the pattern “${pattern}”`); // s48 studio16 (N3): the inspector's words
    expect(text).not.toContain('\\\\');
  });
  it('a quote inside a value stays one quote; numbers and booleans bare; is_set has no value', () => {
    expect(rulesSummary({ combinator: 'or', rules: [
      { variable: 'name', op: 'equals', value: 'say "hi"' },
      { variable: 'age', op: 'greater_than', value: 18 },
      { variable: 'vip', op: 'equals', value: true },
    ] })).toBe('name equals “say "hi"” or age greater than 18 or vip equals true');
    expect(rulesSummary({ rules: [{ variable: 'email', op: 'is_set' }] })).toBe('email is set');
  });
  it('the node renders that text', () => {
    const Body = nodeBodies.condition!;
    const { container } = render(<Body data={{ rules: [{ variable: 'code', op: 'matches', value: '\\d+' }] }} block={{} as never} />);
    expect(container.textContent).toBe('code matches the pattern “\\d+”');
  });
});
