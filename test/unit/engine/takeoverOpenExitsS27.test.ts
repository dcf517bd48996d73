/**
 * Session 27 (newcomer s26 F14): a Human takeover's exits left unwired are a warning, not a refusal, so the engine ends
 * the conversation there in the customer's words, never with the designer's "This flow has no next step here" line.
 */
import { describe, expect, it } from 'vitest';
import { validateFlow } from '../../../shared/flow/validateFlow';
import { converse, makeFlow, plain } from './harness';

/** start -> takeover, every exit open. */
const openFlow = () => makeFlow([{ id: 'ht', kind: 'human_takeover' }], []);

describe('a Human takeover with its exits open', () => {
  it('validates with three warnings, no error, each saying what the customer gets', () => {
    const r = validateFlow(openFlow());
    const open = r.problems.filter((p) => p.code === 'takeover_exit_unwired');
    expect(open.map((p) => p.severity)).toEqual(['warning', 'warning', 'warning']);
    expect(r.problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(open[0].message).toMatch(/'resolved' exit: when an agent clicks "Hand back to bot" in the inbox, the customer is told "This conversation has ended\."/);
    expect(open[1].message).toMatch(/'no_agent' exit: when no agent is available, the customer is told "Sorry, no one from our team is available right now\." and the conversation ends/);
    expect(open[2].message).toMatch(/'timeout' exit: when nobody picks the chat up within 10 minutes, the customer is told "Sorry, no one/);
  });

  it('no agent: "no one is available", then the conversation ends in the customer\'s words', () => {
    const c = converse(openFlow());
    const step = c.noAgent('nobody online');
    expect(c.botTexts()).toContain('Sorry, no one from our team is available right now.');
    expect(c.mode()).toBe('closed');
    expect(plain(step.effects)).toContainEqual({ type: 'end', reason: 'flow_end' });
    expect(JSON.stringify(c.transcript())).not.toMatch(/no next step here/);
    expect(c.transcript().at(-1)).toMatchObject({ from: 'system', text: 'This conversation has ended.' });
  });

  it('timeout: the customer is told nobody is available before it ends', () => {
    const c = converse(openFlow());
    c.timer('c1:t2');
    expect(c.state.handoff?.status).toBe('expired');
    expect(c.botTexts()).toContain('Sorry, no one from our team is available right now.');
    expect(c.mode()).toBe('closed');
    expect(JSON.stringify(c.transcript())).not.toMatch(/no next step here/);
  });

  it('resolved: after the agent hands back, the conversation ends', () => {
    const c = converse(openFlow());
    c.agent.accept('a1', 'Ana');
    c.agent.handback('done');
    expect(c.mode()).toBe('closed');
    expect(c.transcript().at(-1)).toMatchObject({ from: 'system', text: 'This conversation has ended.' });
  });

  it('a wired exit is followed as before', () => {
    const c = converse(makeFlow([{ id: 'ht', kind: 'human_takeover' }, { id: 'tk', kind: 'ticket' }, { id: 'bye', kind: 'end' }], [['ht', 'no_agent', 'tk'], ['tk', 'next', 'bye']]));
    c.noAgent();
    expect(c.lastBotText()).toBe('What email address should we reply to?');
  });
});
