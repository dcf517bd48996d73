/**
 * Review debt s11: the Buttons block's duplicate check and the escalation offer's same-label check now share one
 * definition of "reads the same" (shared/flow/sameLabel.ts). Each used to miss what the other caught: the Buttons
 * check let "Yes!" / "Yes" and a hidden zero-width space through, the offer check let full-width "ＯＫ" / "OK" through,
 * although typing either label always reaches the first (the engine forgives punctuation, case and width).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { validateFlow } from '../../../shared/flow/validateFlow';
import { createSimulation } from '../../../shared/simulator/createSimulation';
import { flowSchema } from '../../../shared/flow/schema';
import { tinyFlow } from '../../component/support/sampleFlow';

const northwind = () => JSON.parse(readFileSync(fileURLToPath(new URL('../../../flows/customer-support.json', import.meta.url)), 'utf8'));

function menuWith(labels: Record<string, string>) {
  const doc = northwind();
  const menu = doc.blocks.find((b: any) => b.id === 'main_menu');
  for (const o of menu.data.options) if (labels[o.id] !== undefined) o.label = labels[o.id];
  return doc;
}
const duplicates = (doc: unknown) => validateFlow(doc).problems.filter((p) => p.code === 'duplicate_option_label');

describe('one definition of labels that read the same (Buttons block and the escalation offer)', () => {
  it('Buttons: "Returns!" after "Returns" is a duplicate; typing "returns" reaches button 2, never 3', () => {
    const doc = menuWith({ shipping: 'Returns!' });
    const found = duplicates(doc);
    expect(found).toHaveLength(1);
    expect(found[0].message).toContain('two buttons that read "Returns!" (buttons 2 and 3)');
    // What the error claims: a customer who types the label as people do ("returns", "Returns") gets button 2, never 3.
    const flow = flowSchema.parse(doc);
    for (const said of ['returns', 'Returns', 'RETURNS']) {
      const sim = createSimulation(flow, { now: Date.parse('2026-03-02T10:00:00Z'), conversationId: said, http: () => ({ ok: false, status: 0, body: null }) });
      const before = sim.transcript.length;
      sim.say(said);
      const answer = sim.transcript.slice(before).map((t) => t.text).join('\n');
      expect(answer).toContain('You can return unused items');
      expect(answer).not.toContain('UK standard delivery');
    }
  });

  it('Buttons: a label that differs only by an invisible character is a duplicate', () => {
    expect(duplicates(menuWith({ shipping: 'Re\u200bturns' }))).toHaveLength(1);
    expect(duplicates(menuWith({ shipping: 'Return policy' }))).toHaveLength(0);
  });

  it('the offer: full-width "ＯＫ" and "OK" read the same', () => {
    const flow: any = structuredClone(tinyFlow());
    flow.escalation = { ...(flow.escalation ?? {}), enabled: true, mode: 'graduated', texts: { personButton: 'OK', botButton: 'ＯＫ' } };
    const same = validateFlow(flow).problems.filter((p) => p.code === 'offer_buttons_same_label');
    expect(same.map((p) => [p.severity, p.path])).toEqual([['error', '$.escalation.texts.botButton']]);
    flow.escalation.texts.botButton = 'Keep chatting';
    expect(validateFlow(flow).problems.some((p) => p.code === 'offer_buttons_same_label')).toBe(false);
  });
});
