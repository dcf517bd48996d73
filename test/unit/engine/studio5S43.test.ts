/**
 * Session 43 (studio5), newcomer s42 blind pass:
 * - N13: a 1 of 5 got the same cheery thanks and goodbye as a 5. The CSAT block answers a rating of 1 or 2 with its
 *   `lowThanks` (an apology; left out: LOW_RATING_THANKS; emptied: the Thanks as before) and follows its optional
 *   `low_rating` exit when wired (Northwind asks what went wrong); "Ann has left the chat" on Resolve is said in the
 *   inbox's words (customerEndedLine), and the runtime's status line carries how the handoff ended.
 * - N6: a transfer in the simulator told the customer "I am finding someone else" and kept a stale assignment line.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { converse, makeFlow } from './harness';
import { loadFlowText } from '../../../shared/flow/loadFlowText';
import { LOW_RATING_THANKS, csatBlock } from '../../../shared/flow/blocks/csat';
import { validateFlow } from '../../../shared/flow/validateFlow';
import { customerEndedLine } from '../../../shared/handoff/statusWords';
import { createScenarioSession } from '../../../shared/simulator/scenarioSession';
import { virtualAgent } from '../../../shared/simulator/virtualAgents';
import { simulatorView } from '../../../shared/simulator/simulatorView';
import { planStep } from '../../../runtime/effects/planStep';
import type { Flow } from '../../../shared/flow/schema';
import { loadFlow, MONDAY_10 } from '../simulator/helpers';

function rating(data: Record<string, unknown>, lowWired: boolean): Flow {
  return makeFlow(
    [
      { id: 'rate', kind: 'csat', data: { thanks: 'Thanks, great!', ...data } },
      { id: 'bye', kind: 'end', data: { text: 'Have a lovely day!' } },
      { id: 'why', kind: 'question', data: { text: 'What went wrong?', variable: 'why' } },
      { id: 'noted', kind: 'end', data: { text: 'Noted, sorry again.' } },
    ],
    [['rate', 'next', 'bye'], ...(lowWired ? [['rate', 'low_rating', 'why'] as [string, string, string]] : []), ['why', 'next', 'noted']],
  );
}

describe('N13: a low rating', () => {
  it.each(['1', '2', '1 star', 'one star, useless'])('"%s" gets the apology and goes to the low_rating exit when wired', (answer) => {
    const c = converse(rating({ lowThanks: 'Sorry it went badly.' }, true));
    c.say(answer);
    const said = c.botTexts().join('\n');
    expect(said).toMatch(/Sorry it went badly\.\nWhat went wrong\?$/);
    expect(said).not.toMatch(/Thanks, great!|lovely day/);
    expect(c.effects('record_csat')).toHaveLength(1);
    c.say('slow answers');
    expect(c.variables().why).toBe('slow answers');
    expect(c.lastBotText()).toBe('Noted, sorry again.');
  });

  it.each(['3', '4', '5'])('"%s" gets the Thanks and the next exit, as before', (answer) => {
    const c = converse(rating({ lowThanks: 'Sorry it went badly.' }, true));
    c.say(answer);
    expect(c.botTexts().join('\n')).toMatch(/Thanks, great!\nHave a lovely day!$/);
  });

  it('left out, the built-in apology; the low_rating exit unwired, on by next', () => {
    const c = converse(rating({}, false));
    c.say('1');
    expect(c.botTexts().join('\n')).toMatch(new RegExp(`${LOW_RATING_THANKS.replace(/[.?]/g, '\\$&')}\\nHave a lovely day!$`));
  });

  it('emptied by the designer: the Thanks, as before session 43', () => {
    const c = converse(rating({ lowThanks: '' }, true));
    c.say('2');
    expect(c.botTexts().join('\n')).toMatch(/Thanks, great!\nWhat went wrong\?$/);
  });

  it('"2 bye": the apology, then on by next (not asked what went wrong)', () => {
    const c = converse(rating({ lowThanks: 'Sorry it went badly.' }, true));
    c.say('2 bye');
    expect(c.botTexts().join('\n')).toMatch(/Sorry it went badly\.\nHave a lovely day!$/);
  });

  it('the block: an optional low_rating exit (no problem when unwired) and an optional lowThanks (a saved flow keeps its revision)', () => {
    expect(csatBlock.exits(csatBlock.defaultData() as never)).toEqual(['next', 'low_rating', 'fallback']);
    const r = validateFlow(rating({}, false));
    expect(r.problems.filter((p) => p.blockId === 'rate')).toEqual([]);
    expect(r.flow!.blocks.find((b) => b.id === 'rate')!.data).not.toHaveProperty('lowThanks');
    expect(csatBlock.defaultData()).toMatchObject({ lowThanks: LOW_RATING_THANKS });
  });

  it('Northwind: a 1 at the rating is apologised for and asked what went wrong; a 5 gets the thanks and goodbye', () => {
    const support = loadFlowText(readFileSync(new URL('../../../flows/customer-support.json', import.meta.url), 'utf8')).flow!;
    const low = converse(support);
    for (const t of ['Shipping', "No, that's all", '1']) low.say(t);
    expect(low.botTexts().slice(-2)).toEqual(["I'm sorry this chat didn't go as well as it should have.", 'Could you tell us in a few words what went wrong? It helps us do better.']);
    low.say('the answer did not cover Ireland');
    expect(low.variables().csatComment).toBe('the answer did not cover Ireland');
    expect(low.lastBotText()).toBe('Thank you for telling us. Sorry again, and take care.');
    const high = converse(support);
    for (const t of ['Shipping', "No, that's all", '5']) high.say(t);
    expect(high.botTexts().slice(-2)).toEqual(['Thank you for your feedback, and thanks for shopping with Northwind Goods!', 'Have a lovely day!']);
  });
});

describe('N13: the end of the person\'s part in the inbox\'s words', () => {
  it('resolved, handed back, or unknown (stored before session 43: resolved); nobody named', () => {
    expect(customerEndedLine('Ann', 'closed')).toBe('Ann marked this chat as resolved');
    expect(customerEndedLine('Ann', undefined)).toBe('Ann marked this chat as resolved');
    expect(customerEndedLine('Ann', 'handback')).toBe('Ann handed the chat back to the bot');
    expect(customerEndedLine(null)).toBe('This chat was marked as resolved');
    expect(customerEndedLine('  ', 'handback')).toBe('The chat is back with the bot');
    expect(customerEndedLine('Ann', 'closed')).not.toMatch(/left/);
  });

  it("the runtime's status line carries how the handoff ended", () => {
    const handoff = (ended?: 'handback' | 'closed') => ({ id: 'h1', status: 'resolved', reason: 'explicit_request', requestedAt: 1, transitions: [{ to: 'assigned' }, { to: 'resolved', ...(ended ? { ended } : {}) }] });
    const statusOf = (ended?: 'handback' | 'closed') => {
      const plan = planStep({
        record: { id: 'c1', flowId: 'f', lastSeq: 0, closedAt: null } as never,
        priorState: { mode: 'agent', handoff: { id: 'h1', status: 'assigned', reason: 'explicit_request', requestedAt: 1 } },
        step: { state: { mode: 'bot', handoff: handoff(ended), transcript: [] }, effects: [], transcript: [] } as never,
        now: 10,
        knownHandoffs: new Map(),
      });
      return plan.write.append!.find((e) => e.from === 'system')!.status!.handoff;
    };
    expect(statusOf('closed')).toMatchObject({ status: 'resolved', ended: 'closed' });
    expect(statusOf('handback')).toMatchObject({ status: 'resolved', ended: 'handback' });
    expect(statusOf()).not.toHaveProperty('ended');
  });
});

describe('N6: a transfer in the simulator', () => {
  it('tells the customer who moves them to whom, and the assignment line says it was a transfer', () => {
    const s = createScenarioSession(loadFlow('customer-support'), { now: MONDAY_10, agents: [virtualAgent({ name: 'Ana' }), virtualAgent({ name: 'Ben' })] });
    s.apply({ say: 'Can I talk to a real person please?' });
    s.apply({ say: 'sam@example.com' });
    const first = s.sim.state.handoff!.agentName!;
    const other = first === 'Ana' ? 'Ben' : 'Ana';
    const before = s.sim.transcript.length;
    expect(s.apply({ agent: 'transfer', to: other }).ok).toBe(true);
    const said = s.sim.transcript.slice(before).map((e) => e.text).join('\n');
    expect(said).toContain(`${first} is transferring you to ${other}. Please stay with us.`);
    expect(said).not.toMatch(/finding someone else/);
    expect(s.sim.state.handoff).toMatchObject({ status: 'assigned', agentName: other });
    const line = simulatorView(s).agentPane.assignments.at(-1)!;
    expect(line.explanation).toBe(`${first} transferred the chat to ${other}.`);
    expect(line.explanation).not.toMatch(/Least busy/);
  });
});
