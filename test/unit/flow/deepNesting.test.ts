import { describe, expect, it } from 'vitest';
import { loadFlowText, MAX_NESTING } from '../../../shared/flow/loadFlowText';

describe('deeply nested files', () => {
  it('a 5,000-level nested file is refused with a clear problem instead of overflowing the stack', () => {
    const text = '{"a":' + '['.repeat(5000) + ']'.repeat(5000) + '}';
    const r = loadFlowText(text);
    expect(r.ok).toBe(false);
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]).toMatchObject({ code: 'too_deep', line: 1 });
    expect(r.problems[0].message).toContain(`more than ${MAX_NESTING} levels`);
  });

  it('brackets inside strings do not count, and ordinary flows pass the depth check', () => {
    const text = JSON.stringify({ version: 1, id: 'x', name: '[[[[' .repeat(100), blocks: [], edges: [] });
    const r = loadFlowText(text);
    expect(r.problems.some((p) => p.code === 'too_deep')).toBe(false);
  });
});
