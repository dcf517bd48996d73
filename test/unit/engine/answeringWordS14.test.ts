/**
 * Session 14 (review debt, README "Not finished"): a one-word synonym or label matched anywhere inside a sentence:
 * "I don't want to track it, I want it cancelled" at the main menu picked Track my order (synonym "track"), and "No, I
 * want to cancel" at "Anything else?" picked "No, that's all" (the rating, the cancellation lost). A name inside a longer
 * sentence now counts only where the sentence answers with it: not negated, not followed by another request
 * (shared/engine/answeringWord.ts).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { converse } from './harness';
import { loadFlowText } from '../../../shared/flow/loadFlowText';
import { answersWithin } from '../../../shared/engine/answeringWord';
import { matchButton } from '../../../shared/engine/matchButton';
import { compileFlow } from '../../../shared/engine/compileFlow';
import type { Flow } from '../../../shared/flow/schema';

const template = () => loadFlowText(readFileSync(new URL('../../../flows/customer-support.json', import.meta.url), 'utf8')).flow!;
const MONDAY_10_LONDON = Date.parse('2026-12-07T10:00:00Z');

/** The template's choices of one Buttons block. */
function choicesOf(flow: Flow, blockId: string) {
  return compileFlow(flow).buttons(flow.blocks.find((b) => b.id === blockId) as never);
}
const pick = (flow: Flow, blockId: string, text: string) => matchButton(choicesOf(flow, blockId), text)?.id ?? null;

describe('a name inside a sentence counts only where the sentence answers with it', () => {
  it('the rule on its own: negation, contrast, a later request', () => {
    const track = ['track my order', 'track', 'tracking'];
    expect(answersWithin("I don't want to track it, I want it cancelled", 'track', track)).toBe(false);
    expect(answersWithin('I no longer want tracking', 'tracking', track)).toBe(false);
    expect(answersWithin('returns instead of tracking', 'tracking', track)).toBe(false);
    expect(answersWithin('not tracking but returns', 'returns', ['returns', 'return'])).toBe(true);
    expect(answersWithin("I don't know, where is my order", 'where is my order', ['where is my order'])).toBe(true);
    expect(answersWithin('can you track it for me', 'track', track)).toBe(true);
    const no = ['no that is all', 'no', 'no thanks'];
    expect(answersWithin('No, I want to cancel', 'no', no)).toBe(false);
    expect(answersWithin('nope i wanna change my address', 'no', no)).toBe(false);
    expect(answersWithin("no thanks, I'm fine", 'no', no)).toBe(true);
    expect(answersWithin('no, I want to go now', 'no', no)).toBe(true);
    const person = ['talk to a person', 'yes', 'a person', 'agent'];
    expect(answersWithin('yes I want to talk to a person', 'yes', person)).toBe(true);
    expect(answersWithin("yes I'd like that", 'yes', person)).toBe(true);
    expect(answersWithin('yes, can you change my address', 'yes', person)).toBe(false);
  });

  it("the template's main menu: a negated synonym is not picked, the sentence goes to the router", () => {
    const flow = template();
    expect(pick(flow, 'main_menu', "I don't want to track it, I want it cancelled")).toBeNull();
    expect(pick(flow, 'main_menu', 'I do not need tracking, I want to send it back')).toBe('returns');
    expect(pick(flow, 'main_menu', 'not the tracking but returns')).toBe('returns');
    // Positive: the same words answering.
    expect(pick(flow, 'main_menu', "I'd like to track my order please")).toBe('track');
    expect(pick(flow, 'main_menu', 'tracking please')).toBe('track');
    expect(pick(flow, 'main_menu', 'track')).toBe('track');

    const c = converse(flow, { now: MONDAY_10_LONDON });
    c.say("I don't want to track it, I want it cancelled");
    expect(c.variables().menuChoice).toBeUndefined();
    expect(c.lastBotText()).toBe('Which order would you like to cancel? (e.g. NW-104233)');
  });

  it('"No, I want to cancel" at "Anything else?" is the cancellation, not "No, that\'s all"', () => {
    const flow = template();
    expect(pick(flow, 'anything_else', 'No, I want to cancel')).toBeNull();
    expect(pick(flow, 'anything_else', 'no thanks, that is all')).toBe('no');
    expect(pick(flow, 'anything_else', 'No, I am fine')).toBe('no');
    expect(pick(flow, 'anything_else', 'yes I have another question')).toBe('yes');

    const c = converse(flow, { now: MONDAY_10_LONDON });
    c.click('Track my order');
    c.say('NW-104233');
    c.http(true, { status: 'shipped', eta: 'Monday' });
    expect(c.lastBotText()).toBe('Anything else I can help with?');
    c.say('No, I want to cancel');
    expect(c.variables().anythingElse).toBeUndefined();
    expect(c.botTexts()).not.toContain('Before you go: how would you rate this chat, from 1 (bad) to 5 (great)?');
    expect(c.lastBotText()).toBe('Just to check: shall I cancel order NW-104233?');
  });

  it('the cancel confirmation: "no" with a contrary request is not "No, keep it"; "no, keep it please" is', () => {
    const flow = template();
    expect(pick(flow, 'confirm_cancel_order', 'No, I want to cancel it')).not.toBe('keep');
    expect(pick(flow, 'confirm_cancel_order', 'no, I want to keep it please')).toBe('keep');
    expect(pick(flow, 'confirm_cancel_order', "yes, I'd like to cancel it")).toBe('same');
    expect(pick(flow, 'confirm_cancel_order', "I don't want to keep it")).not.toBe('keep');
  });
});
