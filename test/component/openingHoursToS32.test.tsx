// @vitest-environment jsdom
/**
 * Session 32 (newcomer s32 #1): the Human takeover's opening hours showed "To" as a raw JSON box ("20:00" with quotes):
 * typing 23:59 there was refused as "Not valid JSON" and the flow stopped saving. "To" is a text field, as "From" is,
 * and its value is checked as HH:MM or 24:00.
 */
import './support/setup';
import { describe, expect, it } from 'vitest';
import { timeRangeSchema } from '../../shared/flow/blocks/fields';
import { newListItem, widgetOf } from '../../renderer/studio/inspector/FieldEditor';
import type { z } from 'zod';

const field = (name: 'from' | 'to') => (timeRangeSchema.shape as Record<string, z.ZodType>)[name]!;
const meta = (s: z.ZodType) => (s.meta?.() ?? undefined) as Parameters<typeof widgetOf>[1];

describe('opening hours: "To" is a text field like "From"', () => {
  it('both render as text, not JSON', () => {
    expect(widgetOf(field('from'), meta(field('from')))).toBe('text');
    expect(widgetOf(field('to'), meta(field('to')))).toBe('text');
  });

  it('"To" takes HH:MM and 24:00 and refuses anything else with the rule', () => {
    for (const ok of ['23:59', '17:00', '00:30', '24:00']) expect(field('to').safeParse(ok).success).toBe(true);
    for (const bad of ['24:01', '25:00', '5pm', '"20:00"', '']) {
      const r = field('to').safeParse(bad);
      expect(r.success).toBe(false);
      expect(r.error?.issues[0]?.message).toMatch(/24-hour HH:MM/);
    }
  });
});

describe('"+ Add" on a day of opening hours (newcomer s32 #2)', () => {
  it('makes a time range from the fields\' examples, 09:00 to 17:00', () => {
    expect(newListItem(timeRangeSchema, 'Monday', [])).toEqual({ from: '09:00', to: '17:00' });
  });
});
