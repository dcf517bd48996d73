/**
 * Session 15 (newcomer s15 N#13): a text that shows a variable some way to its block never sets is a warning
 * (variable_maybe_unset) that writes the way out; ways that set it, guards, built-in, defaulted and website-passed
 * variables are not warned about. And the shipped templates have no such gap.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { validateFlow } from '../../../shared/flow/validateFlow';

const pos = { x: 0, y: 0 };
type B = { id: string; kind: string; data: Record<string, unknown> };
type E = [from: string, exit: string, to: string];

function flow(blocks: B[], edges: E[], extra: Record<string, unknown> = {}): any {
  return {
    version: 1,
    id: 'gaps',
    name: 'Gaps',
    blocks: [{ id: 'start', kind: 'start', position: pos, data: {} }, ...blocks.map((b) => ({ ...b, position: pos }))],
    edges: edges.map(([from, exit, to]) => ({ id: `e-${from}-${exit}`, from, exit, to })),
    ...extra,
  };
}

const ask: B = { id: 'ask', kind: 'question', data: { text: 'What is your booking reference?', variable: 'bookingRef', maxRetries: 1 } };
const quote: B = { id: 'quote', kind: 'message', data: { text: 'Please call the desk, quoting booking {{bookingRef}}.' } };
const bye: B = { id: 'bye', kind: 'end', data: { text: 'Bye.' } };
const gaps = (doc: unknown) => validateFlow(doc).problems.filter((p) => p.code === 'variable_maybe_unset');

describe('variable_maybe_unset (N#13)', () => {
  it('warns when the question can be left by its fallback and the text still shows the answer, with the way', () => {
    const doc = flow([ask, quote, bye], [['start', 'next', 'ask'], ['ask', 'next', 'quote'], ['ask', 'fallback', 'quote'], ['quote', 'next', 'bye']]);
    const found = gaps(doc);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ severity: 'warning', blockId: 'quote', path: '$.blocks[2].data.text' });
    expect(found[0].message).toContain('{{bookingRef}}');
    expect(found[0].message).toContain('start -> ask (fallback) -> quote');
    expect(found[0].hint).toMatch(/Condition 'bookingRef is set'/);
    expect(validateFlow(doc).ok).toBe(true); // a warning, not an error
  });

  it('is quiet when every way to the text sets the variable', () => {
    const doc = flow([ask, quote, bye], [['start', 'next', 'ask'], ['ask', 'next', 'quote'], ['ask', 'fallback', 'bye'], ['quote', 'next', 'bye']]);
    expect(gaps(doc)).toEqual([]);
  });

  it('follows the hand-over to the escalation target from a block that waits, before it stores its answer (the Skyline Air case)', () => {
    const blocks: B[] = [ask, { id: 'desk', kind: 'human_takeover', data: { assignation: 'simple' } }, quote, bye];
    const edges: E[] = [['start', 'next', 'ask'], ['ask', 'next', 'bye'], ['ask', 'fallback', 'bye'], ['desk', 'resolved', 'bye'], ['desk', 'no_agent', 'quote'], ['desk', 'timeout', 'quote'], ['quote', 'next', 'bye']];
    const found = gaps(flow(blocks, edges, { escalation: { targetBlockId: 'desk' } }));
    expect(found).toHaveLength(1);
    expect(found[0].message).toContain('start -> ask (handed over to a person) -> desk (no_agent) -> quote');
    // Without an escalation target nothing reaches the takeover: nothing to warn about.
    expect(gaps(flow(blocks, edges))).toEqual([]);
  });

  it('a Condition that proves the variable is set guards its true exit; its false exit is still a gap', () => {
    const guard: B = { id: 'known', kind: 'condition', data: { combinator: 'and', rules: [{ variable: 'bookingRef', op: 'exists' }] } };
    const noRef: B = { id: 'noref', kind: 'message', data: { text: 'Please call the desk.' } };
    const guarded = flow([ask, guard, quote, noRef, bye], [['start', 'next', 'ask'], ['ask', 'next', 'known'], ['ask', 'fallback', 'known'], ['known', 'true', 'quote'], ['known', 'false', 'noref'], ['quote', 'next', 'bye'], ['noref', 'next', 'bye']]);
    expect(gaps(guarded)).toEqual([]);
    // A pattern the empty text cannot match proves it too ("matches ^[A-Z0-9]{6}$").
    const pattern = structuredClone(guarded);
    pattern.blocks[2].data = { combinator: 'and', rules: [{ variable: 'bookingRef', op: 'matches', value: '^[A-Z0-9]{6}$' }] };
    expect(gaps(pattern)).toEqual([]);
    // "is not set" on the false exit proves it as well.
    const negated = structuredClone(guarded);
    negated.blocks[2].data = { combinator: 'and', rules: [{ variable: 'bookingRef', op: 'not_exists' }] };
    negated.edges = negated.edges.map((e: any) => (e.from === 'known' ? { ...e, to: e.exit === 'true' ? 'noref' : 'quote' } : e));
    expect(gaps(negated)).toEqual([]);
    // The text on the false exit of "is set" is a gap.
    const wrong = structuredClone(guarded);
    wrong.edges = wrong.edges.map((e: any) => (e.from === 'known' ? { ...e, to: e.exit === 'true' ? 'noref' : 'quote' } : e));
    expect(gaps(wrong).map((p) => p.blockId)).toEqual(['quote']);
    // A rule group where another rule may hold instead ("or") proves nothing.
    const either = structuredClone(guarded);
    either.blocks[2].data = { combinator: 'or', rules: [{ variable: 'bookingRef', op: 'exists' }, { variable: 'lastMessage', op: 'contains', value: 'x' }] };
    expect(gaps(either).map((p) => p.blockId)).toEqual(['quote']);
  });

  it('a Jump carries the gap along', () => {
    const jump: B = { id: 'go', kind: 'jump', data: { target: 'quote' } };
    const doc = flow([ask, jump, quote, bye], [['start', 'next', 'ask'], ['ask', 'next', 'quote'], ['ask', 'fallback', 'go'], ['quote', 'next', 'bye']]);
    expect(gaps(doc)[0].message).toContain('start -> ask (fallback) -> go (jump) -> quote');
  });

  it('never warns about built-in variables, variables with a default, or variables only the website passes in', () => {
    const text: B = { id: 'hello', kind: 'message', data: { text: 'Hi {{customerName}} ({{customerEmail}}, {{agentName}}), plan {{plan}}, cart {{cartValue}}, tier {{tier}}.' } };
    const setTier: B = { id: 'tier', kind: 'set_variable', data: { assignments: [{ variable: 'tier', op: 'set', value: 'gold' }] } };
    const doc = flow([text, setTier, bye], [['start', 'next', 'hello'], ['hello', 'next', 'tier'], ['tier', 'next', 'bye']], {
      variables: [{ name: 'plan', type: 'string' }, { name: 'tier', type: 'string', default: 'basic' }, { name: 'cartValue', type: 'number' }],
    });
    expect(gaps(doc)).toEqual([]);
    // The same text after the only block that sets a variable without a default: a gap.
    const noDefault = structuredClone(doc);
    noDefault.variables = noDefault.variables.filter((v: { name: string }) => v.name !== 'tier');
    expect(gaps(noDefault).map((p) => p.message.match(/\{\{(\w+)\}\}/)?.[1])).toEqual(['tier']);
  });

  it('a Set variable that clears the variable opens a gap after it, even on a way that had set it', () => {
    const clear: B = { id: 'forget', kind: 'set_variable', data: { assignments: [{ variable: 'bookingRef', op: 'clear' }] } };
    const doc = flow([ask, clear, quote, bye], [['start', 'next', 'ask'], ['ask', 'next', 'forget'], ['ask', 'fallback', 'bye'], ['forget', 'next', 'quote'], ['quote', 'next', 'bye']]);
    expect(gaps(doc)[0].message).toContain('One way: forget -> quote.');
    // Set again after the clear: no gap.
    const setAgain = structuredClone(doc);
    setAgain.blocks[2].data.assignments.push({ variable: 'bookingRef', op: 'set', value: 'unknown' });
    expect(gaps(setAgain)).toEqual([]);
  });

  it('a long way is cut to its end, with the start and how many blocks were left out; a 1,000-block flow is checked quickly', () => {
    const blocks: B[] = [];
    const edges: E[] = [];
    let prev = 'start';
    for (let i = 0; i < 20; i++) {
      blocks.push({ id: `m${i}`, kind: 'message', data: { text: `Step ${i}.` } });
      edges.push([prev, 'next', `m${i}`]);
      prev = `m${i}`;
    }
    blocks.push(ask, quote, bye);
    edges.push([prev, 'next', 'ask'], ['ask', 'next', 'quote'], ['ask', 'fallback', 'quote'], ['quote', 'next', 'bye']);
    const found = gaps(flow(blocks, edges));
    expect(found[0].message).toContain('One way: start -> ... (14 more) -> m14 -> m15 -> m16 -> m17 -> m18 -> m19 -> ask (fallback) -> quote.');

    // 500 questions, each followed by a text showing its answer and another one: every text is a gap (fallback).
    const many: B[] = [];
    const wires: E[] = [];
    prev = 'start';
    for (let i = 0; i < 500; i++) {
      many.push({ id: `q${i}`, kind: 'question', data: { text: `Q${i}?`, variable: `v${i % 60}` } });
      many.push({ id: `t${i}`, kind: 'message', data: { text: `{{v${i % 60}}} {{v${(i + 7) % 60}}}` } });
      wires.push([prev, 'next', `q${i}`], [`q${i}`, 'next', `t${i}`], [`q${i}`, 'fallback', `t${i}`]);
      prev = `t${i}`;
    }
    const t0 = performance.now();
    const all = gaps(flow(many, wires));
    const ms = performance.now() - t0;
    expect(all.length).toBeGreaterThanOrEqual(500);
    expect(all.every((p) => p.message.length < 1000)).toBe(true);
    expect(ms, `${ms.toFixed(0)} ms for 1,001 blocks`).toBeLessThan(3000); // whole validation; the gap check alone took 700-900 ms of it before the way was cut
  });

  it('the shipped templates have no such gap', () => {
    for (const name of ['customer-support', 'insurance-claims', 'lead-gen', 'travel-urgency']) {
      const doc = JSON.parse(readFileSync(fileURLToPath(new URL(`../../../flows/${name}.json`, import.meta.url)), 'utf8'));
      expect({ name, gaps: gaps(doc).map((p) => p.message) }).toEqual({ name, gaps: [] });
    }
  });
});
