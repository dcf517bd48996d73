/**
 * Session 50 (rt5, newcomer s49 N4): after the agent clicked Resolve (Close) the customer read the built-in "This
 * conversation has ended. You can start again whenever you like." and never the flow's own goodbye. Now the flow's
 * closing is said when the takeover's Resolved exit has one: its Message blocks' texts on the way to an End block and
 * the End's goodbye (a Rating on the way is passed: Resolve did not ask it). Anything else there (a menu, a question,
 * nothing, an End that says nothing): the built-in ending as before.
 */
import { describe, expect, it } from 'vitest';
import { takeoverTexts } from '../../../shared/engine/humanTakeover';
import { converse, makeFlow, plain, type BlockSpec } from './harness';

const GOODBYE = 'Thanks for choosing Spoke & Chain. Ride safe!';
const takeover = (data: Record<string, unknown> = {}): BlockSpec => ({ id: 'ht', kind: 'human_takeover', data });

/** Hands over, Ana accepts and writes, then clicks Resolve (closes): the bot's texts after her words. */
function resolved(blocks: BlockSpec[], edges: [string, string, string][]) {
  const c = converse(makeFlow(blocks, edges));
  c.agent.accept('a1', 'Ana');
  c.agent.say('All sorted, see you at 8:30!');
  const step = c.agent.close();
  return { c, step, said: step.messages.filter((m) => m.from === 'bot') };
}

describe("Resolve says the flow's own closing (newcomer s49 N4)", () => {
  it('Resolved -> End: the End\'s goodbye, not the built-in ending; the chat is closed by the agent', () => {
    const { c, step, said } = resolved([takeover(), { id: 'bye', kind: 'end', data: { text: GOODBYE } }], [['ht', 'resolved', 'bye']]);
    expect(said.map((m) => m.text)).toEqual([GOODBYE]);
    expect(c.mode()).toBe('closed');
    expect(plain(step.effects)).toContainEqual({ type: 'end', reason: 'agent_closed' });
    expect(c.botTexts().join('\n')).not.toContain('This conversation has ended');
  });

  it('Resolved -> Message -> End: both, in order, variables filled', () => {
    const { said } = resolved(
      [takeover(), { id: 'thanks', kind: 'message', data: { text: 'Glad {{agentName}} could help.' } }, { id: 'bye', kind: 'end', data: { text: GOODBYE } }],
      [['ht', 'resolved', 'thanks'], ['thanks', 'next', 'bye']],
    );
    expect(said.map((m) => [m.text, m.blockId])).toEqual([['Glad Ana could help.', 'thanks'], [GOODBYE, 'bye']]);
  });

  it('Resolved -> Rating -> End (Resolve asked no rating): the goodbye, no rating question', () => {
    const { said } = resolved(
      [takeover(), { id: 'rate', kind: 'csat', data: {} }, { id: 'bye', kind: 'end', data: { text: 'Have a lovely day!' } }],
      [['ht', 'resolved', 'rate'], ['rate', 'next', 'bye']],
    );
    expect(said.map((m) => m.text)).toEqual(['Have a lovely day!']);
  });

  it('a custom takeover with restart buttons: the goodbye carries "Start again"', () => {
    const { c, said } = resolved([takeover({ assignation: 'custom', restartButtons: true }), { id: 'bye', kind: 'end', data: { text: GOODBYE } }], [['ht', 'resolved', 'bye']]);
    expect(said.map((m) => m.text)).toEqual([GOODBYE]);
    expect(said[0].buttons?.map((b) => b.label)).toEqual([takeoverTexts.restartLabel]);
    expect(c.state.waiting).toMatchObject({ kind: 'restart' });
  });

  it('no closing of its own: the built-in ending (a menu after Resolved, an End that says nothing, nothing wired)', () => {
    const menu = resolved(
      [takeover(), { id: 'menu', kind: 'buttons', data: { text: 'Anything else?', options: [{ id: 'o1', label: 'No' }] } }, { id: 'bye', kind: 'end', data: { text: GOODBYE } }],
      [['ht', 'resolved', 'menu'], ['menu', 'o1', 'bye']],
    );
    expect(menu.said.map((m) => m.text)).toEqual([takeoverTexts.ended]);
    const silent = resolved([takeover(), { id: 'bye', kind: 'end', data: { text: '' } }], [['ht', 'resolved', 'bye']]);
    expect(silent.said.map((m) => m.text)).toEqual([takeoverTexts.ended]);
    const open = resolved([takeover()], []);
    expect(open.said.map((m) => m.text)).toEqual([takeoverTexts.ended]);
  });
});
