/**
 * takeoverRatesResolved (moved out of runtime/agents/agentRoutes.ts): the inbox's Resolve asks the customer for a
 * rating only when the chat's Human Takeover block's resolved exit leads, through messages at most, to a rating block.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { takeoverRatesResolved, type FlowGraphLike } from '../../../shared/flow/takeoverRatesResolved';

const support = JSON.parse(readFileSync(fileURLToPath(new URL('../../../flows/customer-support.json', import.meta.url)), 'utf8')) as FlowGraphLike;

function flow(afterResolved: Array<{ id: string; kind: string }>, exits: Record<string, string> = {}): FlowGraphLike {
  const blocks = [{ id: 'start', kind: 'start' }, { id: 'ht', kind: 'human_takeover' }, ...afterResolved];
  const edges = [{ from: 'start', exit: 'next', to: 'ht' }];
  let from = 'ht';
  let exit = 'resolved';
  for (const b of afterResolved) {
    edges.push({ from, exit, to: b.id });
    from = b.id;
    exit = exits[b.id] ?? 'next';
  }
  return { blocks, edges };
}

describe('takeoverRatesResolved', () => {
  it('the Northwind template rates resolved chats; its other blocks are not takeovers', () => {
    expect(takeoverRatesResolved(support, 'human_agent')).toBe(true);
    expect(takeoverRatesResolved(support, 'csat')).toBe(false);
    expect(takeoverRatesResolved(support, 'no_such_block')).toBe(false);
  });

  it('straight to the rating, or through a few messages', () => {
    expect(takeoverRatesResolved(flow([{ id: 'r', kind: 'csat' }]), 'ht')).toBe(true);
    expect(takeoverRatesResolved(flow([{ id: 'm1', kind: 'message' }, { id: 'm2', kind: 'message' }, { id: 'r', kind: 'csat' }]), 'ht')).toBe(true);
    const four = [1, 2, 3, 4].map((i) => ({ id: `m${i}`, kind: 'message' }));
    expect(takeoverRatesResolved(flow([...four, { id: 'r', kind: 'csat' }]), 'ht')).toBe(true);
    const five = [1, 2, 3, 4, 5].map((i) => ({ id: `m${i}`, kind: 'message' }));
    expect(takeoverRatesResolved(flow([...five, { id: 'r', kind: 'csat' }]), 'ht')).toBe(false);
  });

  it('not through a question, buttons or a branch; not when resolved ends or goes nowhere', () => {
    expect(takeoverRatesResolved(flow([{ id: 'q', kind: 'question' }, { id: 'r', kind: 'csat' }]), 'ht')).toBe(false);
    expect(takeoverRatesResolved(flow([{ id: 'b', kind: 'buttons' }, { id: 'r', kind: 'csat' }], { b: 'o1' }), 'ht')).toBe(false);
    expect(takeoverRatesResolved(flow([{ id: 'c', kind: 'condition' }, { id: 'r', kind: 'csat' }], { c: 'true' }), 'ht')).toBe(false);
    expect(takeoverRatesResolved(flow([{ id: 'e', kind: 'end' }]), 'ht')).toBe(false);
    expect(takeoverRatesResolved(flow([]), 'ht')).toBe(false);
  });

  it('a message loop without a rating ends (no endless walk); an unknown kind is not a rating', () => {
    const loop: FlowGraphLike = {
      blocks: [{ id: 'ht', kind: 'human_takeover' }, { id: 'a', kind: 'message' }, { id: 'b', kind: 'message' }],
      edges: [{ from: 'ht', exit: 'resolved', to: 'a' }, { from: 'a', exit: 'next', to: 'b' }, { from: 'b', exit: 'next', to: 'a' }],
    };
    expect(takeoverRatesResolved(loop, 'ht')).toBe(false);
    expect(takeoverRatesResolved(flow([{ id: 'x', kind: 'stars_v2' }]), 'ht')).toBe(false);
  });
});
