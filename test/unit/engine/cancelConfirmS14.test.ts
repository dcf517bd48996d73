/**
 * Hostile s14 H#6, H#7, H#8 (the cancel confirmation), H#18 and newcomer s14 N#18 ("Anything else I can help with?"):
 * "yes, but cancel NW-555555 instead" stopped NW-104233; "yes please don't" cancelled; "go ahead", "y", "k" were
 * "Another order"; "I changed my mind" went to the team; "thank you", "bye", "cheers" at Anything else? got "Sorry, I
 * didn't get that"; "no thanks, but where is my order NW-104233?" ended the chat.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { converse } from './harness';
import { loadFlowText } from '../../../shared/flow/loadFlowText';
import { matchButton } from '../../../shared/engine/matchButton';
import { compileFlow } from '../../../shared/engine/compileFlow';

const template = () => loadFlowText(readFileSync(new URL('../../../flows/customer-support.json', import.meta.url), 'utf8')).flow!;
const MONDAY_10_LONDON = Date.parse('2026-12-07T10:00:00Z');
const pick = (blockId: string, text: string) => {
  const flow = template();
  return matchButton(compileFlow(flow).buttons(flow.blocks.find((b) => b.id === blockId) as never), text)?.id ?? null;
};

describe('the cancel confirmation and "Anything else?" read what the customer means', () => {
  it('H#6: "yes, but cancel NW-555555 instead" asks to confirm NW-555555; NW-104233 is never stopped', () => {
    const c = converse(template(), { now: MONDAY_10_LONDON });
    c.say('I want to cancel my order NW-104233');
    expect(c.lastBotText()).toBe('Just to check: shall I cancel order NW-104233?');
    c.say('yes, but cancel NW-555555 instead');
    expect(c.lastBotText()).toBe('Just to check: shall I cancel order NW-555555?');
    expect(c.botTexts().join('\n')).not.toContain('stop order NW-104233');
  });

  it('H#7: "yes please don\'t" is not a yes; H#8: go ahead / y / k / ok are yes, "I changed my mind" keeps it', () => {
    expect(pick('confirm_cancel_order', "yes please don't")).not.toBe('same');
    for (const t of ['go ahead', 'y', 'k', 'ok', 'yes please', 'Yes, cancel it']) expect(pick('confirm_cancel_order', t), t).toBe('same');
    for (const t of ['I changed my mind', 'please do not cancel', 'no, keep it please']) expect(pick('confirm_cancel_order', t), t).toBe('keep');
  });

  it('N#18: thanks / bye at "Anything else?" end the chat; H#18: "no thanks, but <question>" is the question', () => {
    for (const t of ['thank you', 'bye', 'ok bye', 'thanks, bye', 'cheers', "I'm good", 'not now', 'no thanks']) expect(pick('anything_else', t), t).toBe('no');
    expect(pick('anything_else', 'yes thanks')).toBe('yes');
    expect(pick('anything_else', 'no thanks, but where is my order NW-104233?')).toBeNull();
    expect(pick('anything_else', 'No worries, one more question: returns?')).toBeNull();

    const c = converse(template(), { now: MONDAY_10_LONDON });
    c.click('Shipping');
    expect(c.lastBotText()).toBe('Anything else I can help with?');
    c.say('thanks, bye');
    expect(c.lastBotText()).toBe('Before you go: how would you rate this chat, from 1 (bad) to 5 (great)?');
    const d = converse(template(), { now: MONDAY_10_LONDON });
    d.click('Shipping');
    d.say('no thanks, but where is my order NW-104233?');
    // Not ended on "No, that's all": the router reads the question after "no thanks" and the order is looked up.
    expect(d.variables().anythingElse).toBeUndefined();
    expect(d.botTexts()).not.toContain('Before you go: how would you rate this chat, from 1 (bad) to 5 (great)?');
    expect(d.effects('http_request')).toHaveLength(1);
    expect(d.variables().orderNumber).toBe('NW-104233');
  });
});
