import { readFileSync } from 'node:fs';
import { describe, it, expect } from 'vitest';
import { defaultClarifyText } from '../../../shared/engine/clarifyFirst';
import { converse } from './harness';
import { defaultTakeoverFlow } from './defaultTakeoverFlow';
import { takeoverLeadIn, takeoverPrompts, takeoverTexts } from '../../../shared/engine/humanTakeover';
import { loadFlowText } from '../../../shared/flow/loadFlowText';
import { exportFlow } from '../../../shared/flow/exportFlow';
import { validateFlow } from '../../../shared/flow/validateFlow';
import { humanTakeoverData } from '../../../shared/flow/blocks/humanTakeover';

// Session 12 fixbot: what newcomer s12 found in how the bot behaves (#20, #16, #9), and s11 #13 / #14 (template).

const defaultModeFlow = defaultTakeoverFlow;

describe('newcomer s12 #20: Default mode, the name question', () => {
  it('"hi, my parcel is late" is not the name "hi": the problem is kept as the reason and the name asked again', () => {
    const c = converse(defaultModeFlow());
    c.say('I want to talk to a human');
    expect(c.lastBotText()).toBe(takeoverPrompts.name);
    c.say('hi, my parcel is late');
    expect(c.variables().customerName).toBeUndefined();
    expect(c.variables().handoffReason).toBe('my parcel is late');
    expect(c.lastBotText()).toBe(takeoverTexts.nameRetryNoted);
    c.say('Kim');
    expect(c.variables().customerName).toBe('Kim');
    // The reason was given: only the email is asked before the handoff.
    expect(c.lastBotText()).toBe(takeoverPrompts.email);
    c.say('kim@example.com');
    const req = c.effects('handoff_request');
    expect(req).toHaveLength(1);
    expect(req[0].context.summary).toMatch(/^Kim \(kim@example.com\) needs help with: my parcel is late/);
    expect(c.botTexts()).not.toContain(takeoverPrompts.reason);
  });

  it('a bare greeting is not a name either; two non-names and the chat goes on without one (titled by the email)', () => {
    const c = converse(defaultModeFlow());
    c.say('I want to talk to a human');
    c.say('hello');
    expect(c.variables().customerName).toBeUndefined();
    expect(c.lastBotText()).toBe(takeoverTexts.nameRetry);
    c.say('hey there');
    expect(c.variables().customerName).toBeUndefined();
    expect(c.botTexts().slice(-2)).toEqual([takeoverTexts.nameSkipped, takeoverPrompts.email]);
  });

  it('a greeting before the name still gives the name', () => {
    for (const [answer, name] of [["Hi, I'm Kim", 'Kim'], ['hello, Kim Lee', 'Kim Lee'], ['Good morning, Ana Silva', 'Ana Silva']] as const) {
      const c = converse(defaultModeFlow());
      c.say('I want to talk to a human');
      c.say(answer);
      expect(c.variables().customerName, answer).toBe(name);
      expect(c.lastBotText(), answer).toBe(takeoverPrompts.email);
    }
  });

  it('the file of a Default-mode takeover says it asks for an email and the reason (the bot does)', () => {
    // As the studio exports it: the file text loaded (defaults filled in), then exportFlow.
    const text = (mode: string) =>
      JSON.stringify({
        version: 1,
        id: 'f',
        name: 'F',
        blocks: [
          { id: 'start', kind: 'start', data: {} },
          { id: 'ht', kind: 'human_takeover', data: { assignation: mode, askEmail: false, askReason: false } },
        ],
        edges: [{ id: 'e1', from: 'start', exit: 'next', to: 'ht' }],
      });
    const exported = (mode: string) => {
      const loaded = loadFlowText(text(mode));
      expect(loaded.flow, JSON.stringify(loaded.problems)).toBeTruthy();
      return JSON.parse(JSON.stringify(exportFlow(loaded.flow!).flow)).blocks[1].data as { askEmail: boolean; askReason: boolean };
    };
    expect(exported('default')).toMatchObject({ askEmail: true, askReason: true });
    // Custom keeps what the designer chose.
    expect(exported('custom')).toMatchObject({ askEmail: false, askReason: false });
  });
});

const template = () => loadFlowText(readFileSync(new URL('../../../flows/customer-support.json', import.meta.url), 'utf8')).flow!;
const MONDAY_10_LONDON = Date.parse('2026-12-07T10:00:00Z');

describe('newcomer s12 #16: the clarifying question, then the handoff', () => {
  it('the Debug entry of the clarifying question does not say "Handed over"; the handoff after it says a person is coming before asking the email', () => {
    const c = converse(template(), { now: MONDAY_10_LONDON });
    c.click('Something else');
    c.say('umm the thing from before');
    expect(c.lastBotText()).toBe(defaultClarifyText);
    const asked = c.lastStep.decision!;
    expect(asked.action).toBe('rephrase');
    expect(asked.explanation).toMatch(/asked once before handing over/);
    expect(asked.explanation).not.toMatch(/Handed over/);
    expect(asked.explanation).toMatch(/not handed over yet/);
    expect(c.effects('handoff_request')).toHaveLength(0);

    c.say('still the thing');
    expect(c.lastStep.decision!.action).toBe('handoff');
    expect(c.lastStep.decision!.explanation).toMatch(/^Handed over/);
    const said = c.lastStep.messages.filter((m) => m.from === 'bot').map((m) => m.text);
    expect(said).toEqual([takeoverTexts.leadIn.misunderstood, takeoverPrompts.email]);
  });

  it('the lead-in names why: asked for a person, or sent by the flow', () => {
    const asked = converse(template(), { now: MONDAY_10_LONDON });
    asked.say('I want to talk to a human');
    expect(asked.botTexts().slice(-2)).toEqual([takeoverLeadIn('explicit_request'), takeoverPrompts.email]);
    expect(takeoverLeadIn('explicit_request')).toBe(takeoverTexts.leadIn.asked);
  });
});

describe('newcomer s12 #9: an unexpected answer at the offer after a failed order lookup', () => {
  // Session 47 (conv8, retest-conv s46 M2): changed on purpose: an email address alone at this offer is how the colleague
  // should reach the customer: it picks "Talk to a person" at once (it was asked again, then dropped to the router).
  it('an email typed at the offer picks the person, and the agent is still told the lookup failed', () => {
    const c = converse(template(), { now: MONDAY_10_LONDON });
    c.click('Track my order');
    c.say('NW-55555');
    c.http(false, null, 0);
    expect(c.lastBotText()).toBe('Would you like to talk to a person?');
    c.say('kim@example.com');
    expect(c.botTexts()).toContain("Thanks, I've noted kim@example.com.");
    expect(c.botTexts()).not.toContain("Sorry, I didn't get that.");
    const req = c.effects('handoff_request');
    expect(req).toHaveLength(1);
    expect(req[0].context.summary + ' ' + req[0].context.suggestedResolution).toMatch(/"Look up order" failed/);
    // The email typed at the offer was kept: not asked again.
    expect(c.variables().customerEmail).toBe('kim@example.com');
    expect(c.botTexts()).not.toContain(takeoverPrompts.email);
  });

  it('a question the router understands still goes to it at once', () => {
    const c = converse(template(), { now: MONDAY_10_LONDON });
    c.click('Track my order');
    c.say('NW-55555');
    c.http(false, null, 0);
    c.say('what are your opening hours?');
    expect(c.botTexts().join('\n')).toMatch(/Monday to Friday 8am-8pm/);
  });
});

describe('newcomer s11 #13 / #14: the template reuses the order number and says what happens before the email', () => {
  it('#13 changing the address of the order just tracked asks "Is it order NW-104233...?" instead of the number again', () => {
    const c = converse(template(), { now: MONDAY_10_LONDON });
    c.click('Track my order');
    c.say('NW-104233');
    c.http(true, { status: 'shipped', eta: 'Friday' });
    c.say('I moved, please send it to 14 Rosewood Lane instead');
    expect(c.lastBotText()).toBe('Is it order NW-104233 that should go to a new address?');
    c.click('Yes, that one');
    expect(c.lastBotText()).toBe('What is the new delivery address? Please include the house number and postcode (e.g. 12 High Street, Leeds LS1 4AB).');
    expect(c.botTexts()).not.toContain('Which order should go to a new address? (e.g. NW-104233)');
  });

  it('#13 "Another order" asks for it', () => {
    const c = converse(template(), { now: MONDAY_10_LONDON });
    c.click('Track my order');
    c.say('NW-104233');
    c.http(true, { status: 'shipped', eta: 'Friday' });
    c.say('can I change the delivery address?');
    c.click('Another order');
    expect(c.lastBotText()).toBe('Which order should go to a new address? (e.g. NW-104233)');
  });

  it('#14 cancelling says what will happen before asking for an email', () => {
    const c = converse(template(), { now: MONDAY_10_LONDON });
    c.click('Something else');
    c.say('please cancel order NW-555123');
    // Session 13 (hostile s13 #7): every cancel is confirmed first.
    c.click('Yes, cancel it');
    expect(c.botTexts().slice(-2)).toEqual(["I'll ask the warehouse to stop order NW-555123, and we'll confirm by email.", 'What email address should we reply to?']);
  });
});

describe('newcomer s12 #19: the export warning with a Human takeover on the canvas but none chosen', () => {
  it('names the setting and the block to choose, with one full stop', () => {
    const doc = {
      version: 1,
      id: 'untitled-flow',
      name: 'Untitled flow',
      blocks: [
        { id: 'start', kind: 'start', data: {} },
        { id: 'human_takeover_1', kind: 'human_takeover', data: {} },
        { id: 'end_1', kind: 'end', data: { text: 'Bye' } },
      ],
      edges: [
        { id: 'e1', from: 'start', exit: 'next', to: 'human_takeover_1' },
        { id: 'e2', from: 'human_takeover_1', exit: 'resolved', to: 'end_1' },
        { id: 'e3', from: 'human_takeover_1', exit: 'no_agent', to: 'end_1' },
        { id: 'e4', from: 'human_takeover_1', exit: 'timeout', to: 'end_1' },
      ],
    };
    const p = validateFlow(doc).problems.find((x) => x.code === 'escalation_no_target')!;
    expect(p.message).toBe(
      "Escalation is on, but Flow settings > Escalation > Hand over to is empty, so escalations reach no one: choose 'human_takeover_1', the flow's Human takeover block.",
    );
    expect(p.message).not.toMatch(/has no Human takeover block/);
    expect(p.message).not.toMatch(/\.\.$/);
    // Without any takeover block the message says that.
    const none = validateFlow({ ...doc, blocks: doc.blocks.filter((b) => b.kind !== 'human_takeover'), edges: [{ id: 'e1', from: 'start', exit: 'next', to: 'end_1' }] });
    expect(none.problems.find((x) => x.code === 'escalation_no_target')!.message).toMatch(/has no Human takeover block/);
  });
});

describe('newcomer s12 #21: the Simple tab says agents pick the chat up from Unassigned', () => {
  it('the assignation help no longer reads like automatic assignment', () => {
    const choices = (humanTakeoverData.shape.assignation.meta() as { choices: Record<string, { help: string }> }).choices;
    expect(choices.simple.help).toMatch(/Unassigned/);
    expect(choices.simple.help).toMatch(/picks it up/);
    expect(choices.simple.help).not.toMatch(/Hands over at once to/);
    expect(choices.default.help).toMatch(/Unassigned/);
  });
});

describe('hostile s12 #12: a request at the end of a long message', () => {
  it('~700 filler words then "I want a human" hands over (the end of a long message is read)', () => {
    const c = converse(template(), { now: MONDAY_10_LONDON });
    c.click('Something else');
    c.say(`${'okay '.repeat(700)}I want a human`);
    expect(c.lastStep.decision?.reason).toBe('explicit_request');
    expect(c.botTexts()).toContain(takeoverTexts.leadIn.asked);
  });
});
