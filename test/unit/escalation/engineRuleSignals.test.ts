/**
 * The engine acts on edge-triggered variable rules (evaluateRuleSignals): after the step that makes a rule
 * group true, not per message and not again while it stays true.
 */
import { describe, it, expect } from 'vitest';
import { converse, makeFlow, DEFAULT_NOW } from '../engine/harness';

const takeover = { id: 'ht', kind: 'human_takeover' };

function leadFlow(mode: 'immediate' | 'graduated' = 'immediate') {
  return makeFlow(
    [
      { id: 'budget', kind: 'question', data: { text: 'What is your budget?', inputType: 'number', variable: 'budget' } },
      { id: 'company', kind: 'question', data: { text: 'Which company are you with?', variable: 'company' } },
      { id: 'notes', kind: 'question', data: { text: 'Anything else we should know?', variable: 'notes' } },
      { id: 'done', kind: 'end', data: { text: 'Thanks!' } },
      takeover,
    ],
    [['budget', 'next', 'company'], ['company', 'next', 'notes'], ['notes', 'next', 'done'], ['ht', 'resolved', 'company']],
    {
      escalation: {
        targetBlockId: 'ht',
        mode,
        hotLead: { enabled: true, rules: { combinator: 'or', rules: [{ variable: 'budget', op: 'gte', value: 5000 }] } },
      },
    },
  );
}

describe('engine: hot lead rules are edge-triggered', () => {
  it('hands a lead over right after the answer that makes it hot, with the answer stored', () => {
    const c = converse(leadFlow());
    const step = c.say('12000');
    expect(step.decision?.action).toBe('handoff');
    expect(step.decision?.reason).toBe('hot_lead');
    expect(step.decision?.explanation).toBe('Handed over at once (a variable rule became true): hot lead (budget >= 5000 (budget = 12000)).');
    expect(c.variables().budget).toBe(12000);
    expect(c.mode()).toBe('waiting');
    expect(c.state.lastEscalation?.reason).toBe('hot_lead');
    expect(c.state.handoff?.reason).toBe('hot_lead');
    const [req] = c.effects('handoff_request');
    expect(req.context.reason).toBe('hot_lead');
    expect(req.context.signals.map((s) => s.reason)).toEqual(['hot_lead']);
  });

  it('is not asked the next question first: the hand-over happens before the bot would ask', () => {
    const c = converse(leadFlow());
    const step = c.say('12000');
    expect(step.messages.map((m) => m.text)).not.toContain('Which company are you with?');
    expect(step.visited).not.toContain('company');
  });

  it("lets the flow's own blocks before the next question run first (e.g. a Slack notify for hot leads)", () => {
    const flow = makeFlow(
      [
        { id: 'budget', kind: 'question', data: { text: 'What is your budget?', inputType: 'number', variable: 'budget' } },
        { id: 'ping', kind: 'notify', data: { channel: 'slack', to: ['#sales'], text: 'Hot lead, budget {{budget}}' } },
        { id: 'company', kind: 'question', data: { text: 'Which company are you with?', variable: 'company' } },
        { id: 'done', kind: 'end' },
        takeover,
      ],
      [['budget', 'next', 'ping'], ['ping', 'next', 'company'], ['company', 'next', 'done'], ['ht', 'resolved', 'done']],
      { escalation: { targetBlockId: 'ht', hotLead: { enabled: true, rules: { combinator: 'or', rules: [{ variable: 'budget', op: 'gte', value: 5000 }] } } } },
    );
    const c = converse(flow);
    const step = c.say('12000');
    expect(step.effects.find((e) => e.type === 'notify')).toMatchObject({ channel: 'slack', text: 'Hot lead, budget 12000' });
    expect(step.decision?.reason).toBe('hot_lead');
    expect(step.messages.map((m) => m.text)).not.toContain('Which company are you with?');
    expect(c.mode()).toBe('waiting');
  });

  it('does not hand over a lead below the threshold', () => {
    const c = converse(leadFlow());
    expect(c.say('800').decision?.action).toBe('none');
    expect(c.lastBotText()).toBe('Which company are you with?');
    expect(c.mode()).toBe('bot');
  });

  it('hands over at once in graduated mode too (no rephrase or offer first)', () => {
    const c = converse(leadFlow('graduated'));
    expect(c.say('9000').decision?.action).toBe('handoff');
    expect(c.mode()).toBe('waiting');
  });

  it('after an agent hands back, the same hot lead is not handed over again', () => {
    const c = converse(leadFlow());
    c.say('12000');
    c.agent.accept();
    c.agent.handback();
    expect(c.mode()).toBe('bot');
    expect(c.lastBotText()).toBe('Which company are you with?');
    const step = c.say('Acme Ltd');
    expect(step.decision?.action).toBe('none');
    expect(c.mode()).toBe('bot');
    expect(c.lastBotText()).toBe('Anything else we should know?');
    c.say('we need 40 seats');
    expect(c.mode()).toBe('closed');
    expect(c.effects('handoff_request')).toHaveLength(1);
  });
});

describe('engine: a click can make a lead hot', () => {
  it('hands over right after the button that sets the variable', () => {
    const flow = makeFlow(
      [
        {
          id: 'plan',
          kind: 'buttons',
          data: { text: 'Which plan?', variable: 'plan', options: [{ id: 'starter', label: 'Starter' }, { id: 'enterprise', label: 'Enterprise' }] },
        },
        { id: 'seats', kind: 'question', data: { text: 'How many seats?', inputType: 'number', variable: 'seats' } },
        takeover,
      ],
      [['plan', 'starter', 'seats'], ['plan', 'enterprise', 'seats']],
      {
        escalation: {
          targetBlockId: 'ht',
          hotLead: { enabled: true, rules: { combinator: 'or', rules: [{ variable: 'plan', op: 'contains', value: 'enterprise' }] } },
        },
      },
    );
    const c = converse(flow);
    const step = c.click('Enterprise');
    expect(step.decision?.reason).toBe('hot_lead');
    expect(c.mode()).toBe('waiting');
    const calm = converse(flow);
    expect(calm.click('Starter').decision).toBeNull();
    expect(calm.mode()).toBe('bot');
    expect(calm.lastBotText()).toBe('How many seats?');
  });
});

describe('engine: urgency rules are edge-triggered and follow the clock', () => {
  function flightFlow() {
    return makeFlow(
      [
        { id: 'when', kind: 'question', data: { text: 'When does your flight leave?', variable: 'departureTime' } },
        { id: 'what', kind: 'question', data: { text: 'What do you need?', variable: 'need' } },
        { id: 'more', kind: 'question', data: { text: 'Anything else?', variable: 'more' } },
        { id: 'done', kind: 'end' },
        takeover,
      ],
      [['when', 'next', 'what'], ['what', 'next', 'more'], ['more', 'next', 'done']],
      { escalation: { targetBlockId: 'ht', urgency: { rules: [{ variable: 'departureTime', op: 'within_minutes', value: 20 }] } } },
    );
  }
  const inMinutes = (m: number) => new Date(DEFAULT_NOW + m * 60_000).toISOString();

  it('a departure 25 minutes away becomes urgent once the clock moves 6 minutes and the customer writes', () => {
    const c = converse(flightFlow());
    expect(c.say(inMinutes(25)).decision?.action).toBe('none');
    expect(c.mode()).toBe('bot');
    c.wait('6m');
    const step = c.say('I need my boarding pass');
    expect(step.decision?.action).toBe('handoff');
    expect(step.decision?.reason).toBe('urgency');
    expect(step.decision?.signals[0].explanation).toBe('Urgency (departureTime is within 20 minutes (in 19 min)).');
    expect(c.mode()).toBe('waiting');
  });

  it('a departure given inside the window hands over on that answer', () => {
    const c = converse(flightFlow());
    expect(c.say(inMinutes(10)).decision?.reason).toBe('urgency');
    expect(c.mode()).toBe('waiting');
  });

  it('does not fire while the departure is still far away', () => {
    const c = converse(flightFlow());
    c.say(inMinutes(90));
    c.wait('6m');
    expect(c.say('I need my boarding pass').decision?.action).toBe('none');
    expect(c.mode()).toBe('bot');
  });
});
