/**
 * Session 26 (shopfb, issue 11 product): a clear question about the shop that the flow has no answer for ("do the led
 * strips work w alexa") was answered "Sorry, I didn't get that". The bot understood it as a shop question and has no
 * data for it, so it now says so and offers a person: settings.shopQuestionMessage (absent: the built-in English
 * sentence; empty: the fallback message; a template), said by an intent or keyword router instead of its fallback
 * message when the escalation policy reads the message as a clear shop question (EscalationDecision.shopQuestion).
 * Gibberish, off-topic requests and answers at a block's own question still get the fallback message. A flow in another
 * language that leaves the line out gets the warning shop_question_english.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { converse } from './harness';
import { loadFlowText } from '../../../shared/flow/loadFlowText';
import { validateFlow } from '../../../shared/flow/validateFlow';
import { DEFAULT_SHOP_QUESTION_MESSAGE } from '../../../shared/engine/shopQuestion';

const raw = () => JSON.parse(readFileSync(new URL('../../../flows/customer-support.json', import.meta.url), 'utf8'));
const NOW = Date.parse('2026-03-02T10:00:00Z');
const SHIPPED = raw().settings.shopQuestionMessage as string;
function chat(settings: Record<string, unknown> = {}, drop: string[] = []) {
  const doc = raw();
  doc.settings = { ...doc.settings, ...settings };
  for (const k of drop) delete doc.settings[k];
  return converse(loadFlowText(JSON.stringify(doc)).flow!, { now: NOW });
}
/** The bot's texts after the customer says `text` (at the support flow's question prompt). */
function reply(c: ReturnType<typeof chat>, text: string): string[] {
  const before = c.botTexts().length;
  c.say(text);
  return c.botTexts().slice(before);
}
function atQuestion(settings: Record<string, unknown> = {}, drop: string[] = []) {
  const c = chat(settings, drop);
  c.say('Something else');
  return c;
}

describe('a clear shop question the flow cannot answer', () => {
  it('is told the bot cannot see product details, and offered a person (the support flow\'s line)', () => {
    expect(SHIPPED).toMatch(/can't see product details/);
    const said = reply(atQuestion(), 'do the led strips work w alexa');
    expect(said[0]).toBe(SHIPPED);
    expect(said).not.toContain("Sorry, I didn't get that.");
  });
  it('left out: the built-in sentence', () => {
    expect(reply(atQuestion({}, ['shopQuestionMessage']), 'is the sofa cover machine washable?')[0]).toBe(DEFAULT_SHOP_QUESTION_MESSAGE);
  });
  it('a template: variables are filled in', () => {
    const said = reply(atQuestion({ shopQuestionMessage: 'I cannot see that here ({{lastMessage}}). Ask for a person.' }), 'do the led strips work w alexa');
    expect(said[0]).toMatch(/^I cannot see that here \(.+\)\. Ask for a person\.$/);
  });
  it('empty: the fallback message, as before', () => {
    expect(reply(atQuestion({ shopQuestionMessage: '' }), 'do the led strips work w alexa')[0]).toBe("Sorry, I didn't get that.");
  });
});

describe('what still gets the fallback message', () => {
  it('gibberish and off-topic requests', () => {
    const c = atQuestion();
    expect(reply(c, 'qqqq wwww zzzz')[0]).toBe("Sorry, I didn't get that.");
    expect(reply(atQuestion(), 'what is the weather in Hong Kong')[0]).toBe("Sorry, I didn't get that.");
  });
  it('a message the policy hands over on is not answered with the line', () => {
    const c = atQuestion();
    c.say('qqqq wwww zzzz');
    expect(reply(c, 'xxxx yyyy vvvv')).not.toContain(SHIPPED);
  });
});

describe('validateFlow: shop_question_english', () => {
  const check = (settings: Record<string, unknown>, drop: string[] = []) => {
    const doc = raw();
    doc.settings = { ...doc.settings, ...settings };
    for (const k of drop) delete doc.settings[k];
    return validateFlow(doc).problems.filter((p) => p.code === 'shop_question_english');
  };
  it('warns for a flow in another language that leaves the line out', () => {
    const [w] = check({ language: 'fr' }, ['shopQuestionMessage']);
    expect(w).toMatchObject({ severity: 'warning', path: '$.settings.shopQuestionMessage' });
  });
  it('not when the line is written, emptied, or the flow is English', () => {
    expect(check({ language: 'fr', shopQuestionMessage: 'Je ne vois pas les détails des produits ici.' })).toEqual([]);
    expect(check({ language: 'fr', shopQuestionMessage: '' })).toEqual([]);
    expect(check({ language: 'en-GB' }, ['shopQuestionMessage'])).toEqual([]);
  });
  it('an unknown variable in the line is reported like the fallback message\'s', () => {
    const issues = validateFlow({ ...raw(), settings: { ...raw().settings, shopQuestionMessage: 'Hi {{nope}}' } }).problems;
    expect(issues.some((i) => i.path === '$.settings.shopQuestionMessage')).toBe(true);
  });
});
