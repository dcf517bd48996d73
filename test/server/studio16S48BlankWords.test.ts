/**
 * Session 48 (studio16, newcomer s47 N8): a BLANK flow's flow-wide reply to a question the bot cannot look up spoke of a
 * shop ("Sorry, I can't see product details here ...") for a bike workshop. A blank flow now stores neutral words;
 * a flow made from a template keeps the template's.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FlowStore } from '../../runtime/studio/flowStore';
import { NEUTRAL_UNANSWERABLE_MESSAGE } from '../../shared/engine/shopQuestion';
import { validateFlow } from '../../shared/flow/validateFlow';

let home: string;
let store: FlowStore;
beforeEach(async () => {
  home = await mkdtemp(join(tmpdir(), 'studio16-blank-'));
  store = await FlowStore.open({ home });
});
afterEach(async () => {
  await rm(home, { recursive: true, force: true });
});

describe('a blank flow talks about no shop (newcomer s47 N8)', () => {
  it('the new blank flow stores the neutral reply, kept on reopening, and has no problem for it', async () => {
    const made = await store.create({ name: 'Spoke & Chain bike repairs' });
    expect(made.flow.settings.shopQuestionMessage).toBe(NEUTRAL_UNANSWERABLE_MESSAGE);
    expect(NEUTRAL_UNANSWERABLE_MESSAGE).not.toMatch(/product|shop|order/i);
    const opened = await store.open(made.key);
    expect(opened.flow.settings.shopQuestionMessage).toBe(NEUTRAL_UNANSWERABLE_MESSAGE);
    expect(validateFlow(opened.flow).problems.filter((p) => String(p.path).includes('shopQuestionMessage'))).toEqual([]);
  });

  it('a template keeps its own (customer-support: its shop line)', async () => {
    const t = await store.create({ template: 'customer-support' });
    expect(t.flow.settings.shopQuestionMessage).toMatch(/product details/);
  });
});
