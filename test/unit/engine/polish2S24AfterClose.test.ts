/**
 * Session 24 (polish2), hostile s17 #13 rest: after the chat ended, a 👍 restarted the flow and fell to "Sorry, I didn't
 * get that", and "bye" said three times was a fallback streak handed over to a person. A closed conversation's customer
 * who only says thanks, bye, ok or an emoji gets one short polite answer, then nothing; never a handover or a loop. A
 * real request after the end still restarts the flow and is answered (session 16, newcomer s15 N#4).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { converse } from './harness';
import { loadFlowText } from '../../../shared/flow/loadFlowText';
import { CLOSED_GOODBYE_MESSAGE, DEFAULT_CLOSED_COURTESY_MESSAGE as CLOSED_COURTESY_REPLY } from '../../../shared/engine/afterClose';
import { onlyCourtesy } from '../../../shared/nlu/courtesy';

const template = (name: string) => loadFlowText(readFileSync(new URL(`../../../flows/${name}.json`, import.meta.url), 'utf8')).flow!;
const NOW = Date.parse('2026-03-02T10:00:00Z');

/** Northwind: track an order, say no more, rate 5: the chat ends ("Have a lovely day!"). */
function ended() {
  const c = converse(template('customer-support'), { now: NOW });
  c.say('where is my order NW-230918');
  c.http(true, { status: 'shipped', eta: 'Friday' });
  c.say('no thanks');
  c.say('5');
  expect(c.mode()).toBe('closed');
  return c;
}
const newBotTexts = (c: ReturnType<typeof converse>, from: number) => c.botTexts().slice(from);
/** Lines of session 24's hostile pass (#1): thanks, then something that is not a courtesy. */
const HOSTILE_S24 = ['thanks, my son swallowed a magnet', 'thank you. I was charged twice', 'thanks. you charged me twice', 'thanks, I was overcharged',
  'thanks, I got scammed', 'thanks 👍 my account was hacked', 'thanks, the charger caught fire', 'thanks, it arrived faulty', 'cheers, the item is cracked',
  'thanks, delete my data', 'thanks, unsubscribe me', 'ok thanks, I am going to sue you', 'thanks, you people are a joke', 'thanks a lot, useless bot',
  'k thanks for wasting my time', 'thank u, im suicidal', 'thanks, kill me now', 'thanks, someone used my card'];

describe('after the chat ended', () => {
  it.each(['👍', 'bye', 'thanks', 'thank you so much!', 'ok', '🙂🙂', 'cheers, bye', 'have a nice day'])('"%s" gets one polite line, the chat stays closed', (line) => {
    const c = ended();
    const before = c.botTexts().length;
    c.say(line);
    // Session 39 (hostile s38 L4): a goodbye with no thanks gets the built-in goodbye line instead of "You're welcome!".
    expect(newBotTexts(c, before)).toEqual([['bye', 'have a nice day'].includes(line) ? CLOSED_GOODBYE_MESSAGE : CLOSED_COURTESY_REPLY]);
    expect(c.mode()).toBe('closed');
    expect(c.effects('handoff_request')).toHaveLength(0);
    expect(c.transcript().at(-2)).toMatchObject({ from: 'customer', text: line });
  });

  it('👍 then "bye" three times: one reply, no loop, no handover, no fallback', () => {
    const c = ended();
    const before = c.botTexts().length;
    for (const line of ['👍', 'bye', 'bye', 'bye', '👍']) c.say(line);
    expect(newBotTexts(c, before)).toEqual([CLOSED_COURTESY_REPLY]);
    expect(c.effects('handoff_request')).toHaveLength(0);
    expect(c.mode()).toBe('closed');
  });

  it('a real request after the end restarts and is answered; a courtesy after that restart is the flow\'s again', () => {
    const c = ended();
    c.say('bye');
    const before = c.botTexts().length;
    c.say('where is my order NW-230919');
    c.http(true, { status: 'packed', eta: 'Monday' });
    const said = newBotTexts(c, before);
    expect(said[0]).toBe('Welcome back!');
    expect(said.join('\n')).toMatch(/NW-230919 is packed/);
    expect(c.mode()).toBe('bot');
  });

  // Session 25 (review of session 24): the line is a flow text (settings.closedCourtesyMessage), no language special case.
  it('a flow in another language says its own line to a thanks after the end (empty: nothing), and stays closed', () => {
    const fr = template('customer-support');
    for (const [line, said] of [['Je vous en prie ! Écrivez-nous ici si besoin.', ['Je vous en prie ! Écrivez-nous ici si besoin.']], ['', []]] as const) {
      const c = converse({ ...fr, settings: { ...fr.settings, language: 'fr', closedCourtesyMessage: line } }, { now: NOW });
      c.leave();
      const before = c.botTexts().length;
      c.say('merci');
      c.say('merci beaucoup');
      expect(newBotTexts(c, before)).toEqual(said);
      expect(c.mode()).toBe('closed');
      c.say('où est ma commande NW-230918 ?');
      expect(c.mode()).toBe('bot');
    }
  });

  it('"I want a person" after the end still hands over', () => {
    const c = ended();
    c.say('thanks');
    c.say('I want to talk to a person');
    expect(c.effects('handoff_request').length + c.botTexts().filter((t) => /email/i.test(t)).length).toBeGreaterThan(0);
  });

  it('the other templates: a 👍 and "bye" after their end neither restart nor hand over', () => {
    for (const name of ['lead-gen', 'insurance-claims', 'travel-urgency']) {
      const flow = template(name);
      const c = converse(flow, { now: NOW });
      // End the conversation the way the runtime does when the customer closes the page, then come back.
      c.leave();
      expect(c.mode(), name).toBe('closed');
      const before = c.botTexts().length;
      c.say('👍');
      c.say('bye');
      c.say('bye');
      expect(newBotTexts(c, before), name).toEqual([CLOSED_COURTESY_REPLY]);
      expect(c.effects('handoff_request'), name).toHaveLength(0);
    }
  });

  it('onlyCourtesy: bare courtesies yes; questions, requests and anything said beside the thanks no', () => {
    for (const t of ['bye', '👍🏽', 'ok', 'thx', 'take care', 'thanks for your help', ':)', 'no worries']) expect(onlyCourtesy(t), t).toBe(true);
    for (const t of ['hi', 'where is my order?', 'ok but where is my parcel', 'thanks, I want a refund', 'I want a person', 'no', '?', '😡', 'Regards, Hilary', ...HOSTILE_S24]) {
      expect(onlyCourtesy(t), t).toBe(false);
    }
  });

  // Session 24's hostile pass (#1, a regression of this file's first version; #6, older): a new problem after the thanks
  // got "You're welcome!" and the chat stayed closed; and a message restarting a closed chat was read for routing only,
  // so what hands over mid-conversation only got the menu after the end.
  it.each(HOSTILE_S24)('"%s" after the end: no courtesy line, the chat starts again and is read as mid-conversation', (line) => {
    const c = ended();
    const before = c.botTexts().length;
    c.say(line);
    const said = newBotTexts(c, before);
    expect(said).not.toContain(CLOSED_COURTESY_REPLY);
    expect(said[0]).toBe('Welcome back!');
    expect(c.mode()).not.toBe('closed');
    const mid = converse(template('customer-support'), { now: NOW });
    mid.say('Something else');
    mid.say(line);
    const handsOver = (texts: string[]) => texts.some((t) => /What is your email address, in case we get disconnected/.test(t)) || false;
    expect(handsOver(said) || c.effects('handoff_request').length > 0, 'handed over as mid-conversation').toBe(handsOver(mid.botTexts()) || mid.effects('handoff_request').length > 0);
  });

  it('"thanks, my son swallowed a magnet" and "thank you. I was charged twice" after the end go to a person', () => {
    const c = ended();
    c.say('thank you. I was charged twice');
    expect(c.lastBotText()).toBe('What is your email address, in case we get disconnected?');
    // Session 45 (emerg, hostile s45 H1; changed on purpose): a swallowed magnet is an emergency at once: the 999 line
    // and the handover without the email question.
    const e = ended();
    const before = e.botTexts().length;
    e.say('thanks, my son swallowed a magnet');
    const said = e.botTexts().slice(before).join(' ');
    expect(said).toMatch(/please call 999 now/);
    expect(said).not.toMatch(/What is your email address/);
    expect(e.effects('handoff_request').length).toBeGreaterThan(0);
  });
});
