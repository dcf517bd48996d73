/**
 * Session 50 (studio18): hostile s50 L2 (a batch line nested 5,000 deep stopped the whole batch with "Maximum call stack
 * size exceeded") and L3 (a scenario's reaches / notReaches / waitingAt naming a block the flow does not have: notReaches
 * passed for ever, the others failed without saying the block is gone); newcomer s50 N1 (a warning showed "{{now}}" as if
 * a placeholder were left in it).
 *
 * The tester's cases first; "held out" ones were written after the change's first run.
 */
import { describe, expect, it } from 'vitest';
import { MAX_LINE_NESTING, nestedDeeperThan, parseConversationsJsonl, readConversationLine } from '../../../shared/simulator/batchWhatIf';
import { runScenario } from '../../../shared/simulator/scenarioRunner';
import { validateFlow } from '../../../shared/flow/validateFlow';
import { loadFlow, MONDAY_10 } from './helpers';

const deep = (n: number) => '['.repeat(n) + ']'.repeat(n);

describe('hostile s50 L2: a line nested too deep is one bad line, skipped and named', () => {
  it("the tester's line (turns nested 5,000 deep) and a line that is itself a deep array; the other lines are read", () => {
    const text = [`{"id":"n","turns":${deep(5000)}}`, '{"id":"ok","turns":["where is my order"]}', deep(5000)].join('\n');
    const r = parseConversationsJsonl(text);
    expect(r.conversations.map((c) => c.id)).toEqual(['ok']);
    expect(r.problems.map((p) => p.line)).toEqual([1, 3]);
    expect(r.problems[0]!.message).toMatch(/^nested too deep: more than 32 \[ \] or \{ \} inside each other\..*; line skipped$/);
  });

  it('held out: deep objects in a turn, in the id, under another key; brackets inside texts do not count', () => {
    const deepObject = (n: number) => '{"a":'.repeat(n) + '1' + '}'.repeat(n);
    for (const line of [`{"id":"a","turns":[${deepObject(3000)}]}`, `{"id":${deepObject(3000)},"turns":["hi"]}`, `{"id":"c","turnz":${deep(4000)}}`]) {
      const r = readConversationLine(line);
      expect(r.ok, line.slice(0, 30)).toBe(false);
      if (!r.ok) expect(r.message).toMatch(/^nested too deep/);
    }
    // A customer may type brackets: text in quotes is not nesting.
    const typed = readConversationLine(`{"id":"t","turns":["${'[['.repeat(100)} is my order {{{ lost"]}`);
    expect(typed.ok).toBe(true);
    expect(nestedDeeperThan(deep(MAX_LINE_NESTING), MAX_LINE_NESTING)).toBe(false);
    expect(nestedDeeperThan(deep(MAX_LINE_NESTING + 1), MAX_LINE_NESTING)).toBe(true);
    // Before the depth check, a turn of an object 1,500 deep was read and said as "(found …)": still a plain reason.
    const r = readConversationLine(`{"id":"x","turns":[${deep(20)}]}`);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(/^turn 1 is not text/);
  });
});

describe('hostile s50 L3: a scenario naming a block the flow does not have says so', () => {
  const flow = loadFlow('customer-support');
  const run = (expect: Record<string, unknown>) => runScenario(flow, { name: 'ghost', now: new Date(MONDAY_10).toISOString(), steps: [{ say: 'where is my order' }, { expect }] } as never);

  it("the tester's notReaches of a ghost block fails, with the reason and what to do", () => {
    const r = run({ notReaches: ['nope_block'] });
    expect(r.status).toBe('failed');
    expect(r.failure).toMatchObject({ check: 'notReaches', expected: 'notReaches names a block of the flow ("nope_block")' });
    expect(r.failure!.actual).toMatch(/the flow has no block with the id "nope_block" \(deleted, or its id changed\), so this check could never fail\. Change the id in the scenario, or remove it\./);
  });

  it('reaches and waitingAt of a ghost block say the block is gone (with a near id when there is one); real ids still pass', () => {
    const reaches = run({ reaches: 'no_such_block' });
    expect(reaches.failure).toMatchObject({ check: 'reaches' });
    expect(reaches.failure!.actual).toMatch(/no block with the id "no_such_block".*could never pass/);
    const id = flow.blocks.find((b) => b.kind === 'question')!.id;
    const typo = run({ waitingAt: `${id}x` });
    expect(typo.failure).toMatchObject({ check: 'waitingAt' });
    expect(typo.failure!.actual).toContain(`Did you mean "${id}"?`);
    // Held out: a list mixing a real id and a ghost one fails on the ghost; real ids alone behave as before.
    const start = flow.blocks.find((b) => b.kind === 'start')!.id;
    expect(run({ reaches: [start, 'gone'] }).failure!.actual).toMatch(/"gone"/);
    expect(run({ reaches: start }).status).toBe('passed');
    expect(run({ notReaches: start }).failure!.check).toBe('notReaches');
    expect(run({ waitingAt: null }).failure?.actual ?? '').not.toMatch(/no block with the id/);
  });
});

describe('newcomer s50 N1: the time-zone warning names {{now}} as a variable, not a left-over placeholder', () => {
  it('"dates, the time a message shows with the {{now}} variable and the simulator\'s clock follow UTC"', () => {
    const r = validateFlow({
      version: 1,
      id: 'f',
      name: 'F',
      settings: { timezone: 'UTC' },
      blocks: [
        { id: 'start', kind: 'start', position: { x: 0, y: 0 }, data: {} },
        { id: 'bh', kind: 'business_hours', position: { x: 300, y: 0 }, data: { timezone: 'Europe/London', weekly: { mon: [{ from: '09:00', to: '17:00' }] }, closedDates: [] } },
      ],
      edges: [{ id: 'e1', from: 'start', exit: 'next', to: 'bh' }],
    });
    const p = r.problems.find((x) => /counts its hours in Europe\/London/.test(x.message))!;
    expect(p.message).toMatch(/the flow's time zone is UTC: dates, the time a message shows with the \{\{now\}\} variable and the simulator's clock follow UTC\.$/);
  });
});
