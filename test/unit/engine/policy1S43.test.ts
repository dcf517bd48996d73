/**
 * Session 43 (policy1): one policy rule for a complaint the flow understood (shared/escalation/complaintFirst.ts), which
 * replaces session 42's TurnFacts.picked (the lead's hostile s42 M1) and makes ticketq's answersFirstWhileNobody its
 * nobody-now caller; hostile s42 L6 (a reference typed while waiting reaches the handoff's context) and L8 (Harbor
 * Mutual's own injury path: the email question stays for a bare "yes", not for a person hurt now). Positive and
 * negative cases for each, in the sample flows' own words.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { converse } from './harness';
import { loadFlowText } from '../../../shared/flow/loadFlowText';
import type { AgentPresence } from '../../../shared/handoff/types';
import type { HandoffContext } from '../../../shared/engine/types';
import { evaluateEscalation, initialEscalationMemory } from '../../../shared/escalation/evaluateEscalation';
import { analyzeText } from '../../../shared/nlu/analyzeText';
import type { EscalationMemory, TurnFacts } from '../../../shared/escalation/types';
import { conversationStateSchema } from '../../../shared/engine/conversationStateSchema';

const load = (f: string) => loadFlowText(readFileSync(`flows/${f}.json`, 'utf8')).flow!;
const OPEN = Date.parse('2026-03-09T11:30:00Z');
const CLOSED = Date.parse('2026-03-07T13:30:00Z');
const ana: AgentPresence[] = [{ id: 'ana', name: 'Ana', status: 'online', activeChats: 0, skills: [], languages: ['en'], teams: [], lastAssignedAt: null }];
const northwind = () => converse(load('customer-support'), { now: OPEN, agents: ana });
const lastDecision = (c: ReturnType<typeof converse>) => c.steps[c.steps.length - 1]!.decision!;
const saidAfter = (c: ReturnType<typeof converse>, n: number) => c.botTexts().slice(n);

describe('a complaint the flow understood is the request (positive)', () => {
  it('"so annoyed, where is my parcel" in opening hours with Ana online: the apology, then the order question; no handover', () => {
    const c = northwind();
    const n = c.botTexts().length;
    c.say('so annoyed, where is my parcel');
    expect(saidAfter(c, n)).toEqual(["I'm sorry about this.", expect.stringMatching(/^What's your order number\?/)]);
    expect(c.effects('handoff_request')).toHaveLength(0);
    const d = lastDecision(c);
    expect(d).toMatchObject({ action: 'none', reason: 'negative_sentiment', understoodComplaint: 'answered' });
    expect(d.explanation).toMatch(/^Not handed over: the bot understood the message/);
    expect(c.state.escalation.complained).toBe(true);
    // The state as persisted (strict schema) keeps the memory; a strong complaint's handoff decision is stored too.
    expect(conversationStateSchema.safeParse(c.state).success).toBe(true);
    const strong = northwind();
    strong.say('you useless idiots, where is my parcel');
    expect(strong.state.lastEscalation?.understoodComplaint).toBe('strong');
    expect(conversationStateSchema.safeParse(strong.state).success).toBe(true);
  });

  it('Skyline Air: "my bag never arrived" picks the lost-bag option; its answer apologises itself, so no second apology (hostile s42 M1)', () => {
    const c = converse(load('travel-urgency'), { now: OPEN });
    c.say('K7XQ2P');
    c.say('2026-03-20 18:45');
    const n = c.botTexts().length;
    c.say('my bag never arrived');
    const said = saidAfter(c, n);
    expect(said[0]).toMatch(/^I'm sorry about your bag\./);
    expect(said).not.toContain("I'm sorry about this.");
    expect(c.variables().topic).toBe('Lost, delayed or damaged bag');
    expect(c.effects('handoff_request')).toHaveLength(0);
  });

  it('a flow whose takeover rewrote its upset lead-in says no built-in apology (the designer\'s words are theirs)', () => {
    const f = load('customer-support');
    for (const b of f.blocks) if (b.id === 'human_agent') (b.data as { leadIn?: unknown }).leadIn = { misunderstood: 'A', asked: 'B', escalated: 'C', upset: 'Désolé. Je vous passe quelqu\'un.', flow: 'D' };
    const c = converse(f, { now: OPEN, agents: ana });
    const n = c.botTexts().length;
    c.say('so annoyed, where is my parcel');
    expect(saidAfter(c, n)).toEqual([expect.stringMatching(/^What's your order number\?/)]);
  });
});

describe('a complaint the flow understood still hands over (negative)', () => {
  it('a second complaint in the same conversation hands over', () => {
    const policy = load('customer-support').escalation;
    const facts = (text: string): TurnFacts => ({ text, analysis: analyzeText(text), turn: 1, now: OPEN, variables: {}, intent: { intentId: 'track_order', intentName: 'track_order', confidence: 0.9, ranking: [{ intentId: 'track_order', intentName: 'track_order', score: 0.9 }] }, fallback: false, understood: true });
    const first = evaluateEscalation(policy, facts('so annoyed, where is my parcel'), initialEscalationMemory());
    expect(first.decision).toMatchObject({ action: 'none', understoodComplaint: 'answered' });
    const second = evaluateEscalation(policy, { ...facts('so annoyed, where is my parcel'), turn: 2 }, first.memory as EscalationMemory);
    expect(second.decision).toMatchObject({ action: 'handoff', reason: 'negative_sentiment', understoodComplaint: 'again' });
    expect(second.decision.explanation).toMatch(/already answered first/);
    // The handoff clears the memory: after a person hands back, a first complaint is answered again.
    expect(second.memory.complained).toBeUndefined();
  });

  it.each([
    ['you useless idiots, where is my parcel', /strong \(an insult or swear word \("useless"\)\)/],
    ['so annoyed 🙄 where is my parcel', /strong \(an emoji of anger or mockery/],
    ['so annoyed, where is my parcel, I will never order from you again and I will tell everyone', /strong|not the first time/],
  ])('strong: "%s" hands over at once, with Ana online', (text, why) => {
    const c = northwind();
    c.say(text);
    expect(c.effects('handoff_request').length + (c.state.waiting?.kind === 'takeover_question' ? 1 : 0)).toBeGreaterThan(0);
    const d = lastDecision(c);
    expect(d.action).toBe('handoff');
    expect(d.explanation).toMatch(why);
  });

  it('said before: "still waiting, so annoyed, where is my parcel" hands over (a repeat of a complaint)', () => {
    const c = northwind();
    c.say('still waiting, so annoyed, where is my parcel');
    const d = lastDecision(c);
    expect(d).toMatchObject({ action: 'handoff', understoodComplaint: 'again' });
    expect(d.explanation).toMatch(/not the first time \("still"\)/);
  });

  it('a request for a person beside the complaint hands over (explicit request)', () => {
    const c = northwind();
    c.say('so annoyed, where is my parcel, let me talk to a person');
    expect(lastDecision(c)).toMatchObject({ action: 'handoff', reason: 'explicit_request' });
    expect(lastDecision(c).understoodComplaint).toBeUndefined();
  });

  it('an upset message the bot did not understand hands over as before (not the rule\'s)', () => {
    const c = northwind();
    c.say('this is absolutely useless, I am furious');
    expect(lastDecision(c).action).toBe('handoff');
    expect(lastDecision(c).understoodComplaint).toBeUndefined();
  });

  it('venting that asks nothing, matched to an intent, is not an understood request: it hands over as before', () => {
    const c = northwind();
    c.say('Something else');
    c.say('Thank you for nothing. Really, thank you for wasting my whole morning.');
    expect(lastDecision(c).action).toBe('handoff');
    expect(c.botTexts().join('\n')).not.toMatch(/What's your order number\?/);
  });
});

describe('the nobody-now caller (ticketq\'s rule): strong or repeated complaints the bot understood, nobody to come', () => {
  const allHours = () => {
    const f = load('customer-support');
    for (const b of f.blocks) if (b.id === 'human_agent') delete (b.data as { availability?: unknown }).availability;
    return f;
  };
  it('"you useless idiots, where is my parcel" with nobody signed in: the apology and the order question, no ticket', () => {
    const c = converse(allHours(), { now: CLOSED, agents: [] });
    const n = c.botTexts().length;
    c.say('you useless idiots, where is my parcel');
    const said = saidAfter(c, n);
    expect(said[0]).toBe("I'm sorry about this.");
    expect(said.join('\n')).toMatch(/What's your order number\?/);
    expect(said.join('\n')).not.toMatch(/no one from our team is available/);
    expect(lastDecision(c)).toMatchObject({ action: 'handoff', understoodComplaint: 'strong' });
    expect(lastDecision(c).explanation).toMatch(/^Not handed over: nobody can take the chat now/);
  });
  it('negative: with Ana online the same message hands over', () => {
    const c = converse(allHours(), { now: CLOSED, agents: ana });
    c.say('you useless idiots, where is my parcel');
    expect(c.botTexts().join('\n')).toMatch(/I'll get a person to help you with this/);
  });
});

describe('hostile s42 L6: a reference typed while waiting for a person reaches the handoff context', () => {
  const queued = () => {
    const c = northwind();
    c.say('talk to a human');
    c.say('no email sorry');
    expect(c.mode()).toMatch(/waiting|agent/);
    return c;
  };
  it('"my order number is NW-777777 by the way": remembered, and a handoff_update carries the context made again', () => {
    const c = queued();
    const before = c.effects('handoff_update').length;
    c.say('my order number is NW-777777 by the way');
    expect(c.state.entities).toEqual(expect.arrayContaining([expect.objectContaining({ type: 'order_id', value: 'NW-777777' })]));
    const updates = c.effects('handoff_update').slice(before);
    expect(updates).toHaveLength(1);
    const ctx = updates[0]!.context as HandoffContext;
    expect(ctx.summary).toMatch(/Reference: NW-777777\./);
    expect(ctx.reason).toBe('explicit_request');
    expect(ctx.summary).toMatch(/Key message: "talk to a human"/);
    expect(ctx.suggestedResolution).toMatch(/Look up order NW-777777/);
  });
  it('negative: no reference, a reference taken back, or the same reference again: no context update', () => {
    const c = queued();
    const before = c.effects('handoff_update').filter((e) => e.context !== undefined).length;
    c.say('hello? is anyone there? it has been 5 minutes');
    c.say('NW-777777 sorry I mean NW-777778');
    const afterCorrection = c.effects('handoff_update').filter((e) => e.context !== undefined);
    expect(afterCorrection.length - before).toBeLessThanOrEqual(1);
    for (const e of afterCorrection.slice(before)) {
      expect(e.context!.summary).toMatch(/Reference: NW-777778\./);
      expect(e.context!.summary).not.toMatch(/Reference: [^.]*NW-777777/);
    }
    const n = c.effects('handoff_update').filter((e) => e.context !== undefined).length;
    c.say('order NW-777778 again');
    expect(c.effects('handoff_update').filter((e) => e.context !== undefined).length).toBe(n);
  });
});

describe('hostile s42 L8: Harbor Mutual\'s own injury path (decided: a bare "yes" keeps the email question, a person hurt now does not)', () => {
  const claire: AgentPresence[] = [{ id: 'claire', name: 'Claire', status: 'online', activeChats: 0, skills: ['claims'], languages: ['en', 'fr'], teams: ['claims'], lastAssignedAt: null }];
  const injured = () => {
    const c = converse(load('insurance-claims'), { now: OPEN, agents: claire });
    c.say('HM-2231-0457');
    c.say('1');
    expect(c.lastBotText()).toBe('Was anyone injured?');
    return c;
  };
  it('"yes" (the injury may be over: the flow asked whether anyone was hurt): the flow\'s 112 line, then the email question', () => {
    const c = injured();
    const n = c.botTexts().length;
    c.say('yes');
    const said = saidAfter(c, n);
    expect(said[0]).toMatch(/If you have not yet, call 112/);
    expect(said.filter((t) => /112/.test(t))).toHaveLength(1);
    expect(c.lastBotText()).toBe('What is your email address, in case we get disconnected?');
    expect(c.effects('handoff_request')).toHaveLength(0);
  });
  it('"yes, my husband is hurt and can\'t move" (hurt now, in the customer\'s words): the emergency line, handed over at once, urgent, no email question', () => {
    const c = injured();
    c.say("yes, my husband is hurt and can't move");
    expect(c.botTexts().join('\n')).toMatch(/please call 112 now/);
    expect(c.botTexts().join('\n')).not.toMatch(/What is your email address/);
    const req = c.effects('handoff_request');
    expect(req).toHaveLength(1);
    expect(req[0]).toMatchObject({ priority: 'urgent' });
    expect(c.variables().injured).toBe('yes');
  });
});
