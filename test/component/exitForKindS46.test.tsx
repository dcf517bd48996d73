/**
 * Session 46 (lead, newcomer s46 N4): with a Human takeover selected, clicking Ticket in the palette connected the Ticket
 * to the takeover's 'resolved' exit (its first free one), which the takeover's own warnings say is for a rating or the
 * main menu; a Ticket belongs on 'no_agent' / 'timeout'. A block kind now names the exits a new block of a kind fits
 * (exitsFor); the palette's "add after" uses the first of them that is free, else the first free exit as before.
 */
import { describe, expect, it } from 'vitest';
import { addAfterEdit, firstFreeExit } from '../../renderer/studio/canvas/placeAfter';
import type { Flow } from '../../shared/flow/schema';
import { validateFlow } from '../../shared/flow/validateFlow';

function parse(flow: unknown): Flow {
  const r = validateFlow(flow);
  if (!r.flow) throw new Error(JSON.stringify(r.problems.slice(0, 2)));
  return r.flow;
}

const flow = (edges: { from: string; exit: string; to: string }[] = []): Flow =>
  parse({
    version: 1, id: 'f', name: 'F',
    blocks: [
      { id: 'start', kind: 'start', position: { x: 0, y: 0 }, data: {} },
      { id: 'ht', kind: 'human_takeover', position: { x: 300, y: 0 }, data: {} },
      { id: 'hours', kind: 'business_hours', position: { x: 300, y: 400 }, data: {} },
      { id: 'rate', kind: 'csat', position: { x: 300, y: 800 }, data: {} },
      { id: 'bye', kind: 'end', position: { x: 900, y: 900 }, data: {} },
    ],
    edges: [{ id: 'e0', from: 'start', exit: 'next', to: 'ht' }, ...edges.map((e, i) => ({ id: `e${i + 1}`, ...e }))],
  });

describe('a new block goes on the exit that fits its kind (newcomer s46 N4)', () => {
  it('a Ticket after a Human takeover: on No agent, then Timeout; a rating on Resolved', () => {
    expect(firstFreeExit(flow(), 'ht', 'ticket')).toBe('no_agent');
    expect(firstFreeExit(flow([{ from: 'ht', exit: 'no_agent', to: 'bye' }]), 'ht', 'ticket')).toBe('timeout');
    expect(firstFreeExit(flow(), 'ht', 'csat')).toBe('resolved');
    const out = addAfterEdit(flow(), {}, 'ht', 'ticket', 'ticket-1', 'Ticket')!;
    expect(out.connected).toBe('no_agent');
  });
  it('both fitting exits used: the first free exit, as before; a kind with no preference: the first free exit', () => {
    const used = flow([{ from: 'ht', exit: 'no_agent', to: 'bye' }, { from: 'ht', exit: 'timeout', to: 'bye' }]);
    expect(firstFreeExit(used, 'ht', 'ticket')).toBe('resolved');
    expect(firstFreeExit(flow(), 'ht', 'message')).toBe('resolved');
    expect(firstFreeExit(flow(), 'ht')).toBe('resolved');
  });
  it('Business hours: a Ticket on Closed, a takeover on Open; CSAT: a ticket or a person on Low rating', () => {
    expect(firstFreeExit(flow(), 'hours', 'ticket')).toBe('closed');
    expect(firstFreeExit(flow(), 'hours', 'human_takeover')).toBe('open');
    expect(firstFreeExit(flow(), 'rate', 'ticket')).toBe('low_rating');
    expect(firstFreeExit(flow(), 'rate', 'message')).toBe('next');
  });
});
