/**
 * Newcomer s11 #18: a Buttons block with two buttons that read the same was not flagged (the escalation offer's
 * identical buttons were). The customer sees the same button twice and typing it only ever reaches the first.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { validateFlow } from '../../../shared/flow/validateFlow';

const northwind = () => JSON.parse(readFileSync(fileURLToPath(new URL('../../../flows/customer-support.json', import.meta.url)), 'utf8'));

function withMenuLabels(labels: Record<string, string>) {
  const doc = northwind();
  const menu = doc.blocks.find((b: any) => b.id === 'main_menu');
  for (const o of menu.data.options) if (labels[o.id] !== undefined) o.label = labels[o.id];
  return validateFlow(doc);
}

describe('a Buttons block with two identical labels (newcomer s11 #18)', () => {
  it('is an error on the second button, saying which two and what the customer sees', () => {
    const r = withMenuLabels({ shipping: 'Returns' });
    expect(r.ok).toBe(false);
    const found = r.problems.filter((p) => p.code === 'duplicate_option_label');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ severity: 'error', blockId: 'main_menu', path: expect.stringMatching(/^\$\.blocks\[\d+\]\.data\.options\[2\]\.label$/) });
    expect(found[0].message).toContain('two buttons that read "Returns" (buttons 2 and 3)');
    expect(found[0].hint).toContain('button 3');
  });

  it('case and spacing do not make labels different; different words are fine', () => {
    expect(withMenuLabels({ shipping: '  returns ' }).problems.some((p) => p.code === 'duplicate_option_label')).toBe(true);
    expect(withMenuLabels({ shipping: 'Return policy' }).problems.some((p) => p.code === 'duplicate_option_label')).toBe(false);
    expect(validateFlow(northwind()).problems.some((p) => p.code === 'duplicate_option_label')).toBe(false);
  });
});
