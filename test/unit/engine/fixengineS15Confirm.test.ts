/**
 * Session 15 (fixengine): the cancel confirmation, by rule (shared/engine/answeringWord.ts rules 4 and 5).
 * Hostile s14 rest: "yes, no problem" at "shall I cancel order NW-104233?" was asked again (its "no" also matched "No,
 * keep it"): "no problem" / "no worries" after a yes word is part of the yes. Hostile s15 H#6 (HIGH): "no, I want to
 * cancel it later", "not yet, I want to cancel it next week", "yes please, once my replacement arrives", "cancel it
 * tomorrow" stopped the order at once: a name followed by a time it is put off to does not answer now.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { converse } from './harness';
import { loadFlowText } from '../../../shared/flow/loadFlowText';
import { matchButton } from '../../../shared/engine/matchButton';
import { compileFlow } from '../../../shared/engine/compileFlow';
import { answersWithin } from '../../../shared/engine/answeringWord';

const template = () => loadFlowText(readFileSync(new URL('../../../flows/customer-support.json', import.meta.url), 'utf8')).flow!;
const MONDAY_10_LONDON = Date.parse('2026-12-07T10:00:00Z');
const pick = (blockId: string, text: string) => {
  const flow = template();
  return matchButton(compileFlow(flow).buttons(flow.blocks.find((b) => b.id === blockId) as never), text)?.id ?? null;
};
const STOP = "I'll ask the warehouse to stop order NW-104233, and we'll confirm by email.";

describe('rule 4: "no problem" after a yes agrees', () => {
  it('"yes, no problem", "sure, no worries", "ok no rush" confirm; "no problem" alone and "no, keep it" do not', () => {
    for (const t of ['yes, no problem', 'Yes no problem', 'sure, no worries', 'ok no rush', 'yes please, no problem at all']) expect(pick('confirm_cancel_order', t), t).toBe('same');
    for (const t of ['no, keep it', 'no thanks', 'no']) expect(pick('confirm_cancel_order', t), t).toBe('keep');
    expect(answersWithin('no problem', 'no', ['no'])).toBe(true); // alone: read as before
  });

  it('in the conversation: the order is stopped, not asked for again', () => {
    const c = converse(template(), { now: MONDAY_10_LONDON });
    c.say('I want to cancel my order NW-104233');
    c.say('yes, no problem');
    expect(c.botTexts()).toContain(STOP);
  });
});

describe('rule 5: put off to later is not now (hostile s15 H#6)', () => {
  const later = ['no, I want to cancel it later', 'not yet, I want to cancel it next week', 'no wait, I want to cancel it after I talk to my wife', 'yes please, once my replacement arrives', 'cancel it tomorrow', 'go ahead and cancel it after the weekend'];
  it('none of them picks "Yes, cancel it"', () => {
    for (const t of later) expect(pick('confirm_cancel_order', t), t).not.toBe('same');
  });

  it('"after all", "as soon as possible" and a plain yes still confirm', () => {
    for (const t of ['yes cancel it after all', 'yes, cancel it as soon as possible', 'yes please', 'go ahead']) expect(pick('confirm_cancel_order', t), t).toBe('same');
  });

  it('in the conversation the order is not stopped', () => {
    for (const t of later) {
      const c = converse(template(), { now: MONDAY_10_LONDON });
      c.say('I want to cancel my order NW-104233');
      c.say(t);
      expect(c.botTexts(), t).not.toContain(STOP);
    }
  });
});

describe('hostile s15 H#21: a request after the "no" at "Anything else?" is read', () => {
  it('"no thanks, cancel it after all", "no. Cancel NW-104233 after all", "No, that\'s all, but cancel it" do not pick "No, that\'s all"', () => {
    for (const t of ['no thanks, cancel it after all', 'no. Cancel NW-104233 after all', "No, that's all, but cancel it"]) expect(pick('anything_else', t), t).toBeNull();
    for (const t of ['no thanks', "No, that's all", "No, that's all, but thanks", 'no thanks, bye']) expect(pick('anything_else', t), t).not.toBeNull();
  });

  it('in the conversation the cancellation is asked for, not the rating', () => {
    for (const t of ['no thanks, cancel it after all', "No, that's all, but cancel it"]) {
      const c = converse(template(), { now: MONDAY_10_LONDON });
      c.say('I want to cancel my order');
      c.say('NW-104233');
      c.say('No, keep it');
      c.say(t);
      expect(c.lastBotText(), t).toBe('Just to check: shall I cancel order NW-104233?');
    }
  });
});
