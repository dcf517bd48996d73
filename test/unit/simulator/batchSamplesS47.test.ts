/**
 * Session 47 (studio14, newcomer s46 N19): Simulator › Batch's conversations from the flow's saved scenarios and, with
 * none saved, from the flow itself (shared/simulator/batchSamples.ts); both play as `baton simulate` plays a file.
 */
import { describe, expect, it } from 'vitest';
import customerSupport from '../../../flows/customer-support.json';
import scenarios from '../../../flows/customer-support.scenarios.json';
import { conversationsJsonl, flowSampleConversations, scenariosAsBatch } from '../../../shared/simulator/batchSamples';
import { parseConversationsJsonl, runBatch } from '../../../shared/simulator/batchWhatIf';
import { validateFlow } from '../../../shared/flow/validateFlow';
import type { Flow } from '../../../shared/flow/schema';

const flow = () => validateFlow(structuredClone(customerSupport)).flow! as Flow;
const now = Date.parse('2026-03-02T10:00:00Z');

describe('saved scenarios as a batch', () => {
  it('each scenario: its customer messages and clicks in order (a click by option id is typed as its label)', () => {
    const b = scenariosAsBatch(flow(), {
      scenarios: [
        { name: 'By id', steps: [{ click: 'track' }, { say: 'NW-104233' }] },
        { name: 'By label', steps: [{ click: 'Returns' }, { agent: 'accept' }, { say: 'thanks' }] },
        { name: 'Skipped', skip: true, steps: [{ say: 'hi' }] },
        { name: 'Nothing said', steps: [{ nobodyOnline: true }, { wait: '10m' }] },
        { name: 'Elsewhere', startAt: 'router', variables: { plan: 'gold' }, steps: [{ say: 'refund please' }] },
      ] as never,
    });
    // main_menu's option "track" is labelled "Track my order".
    expect(b.conversations).toEqual([
      { id: 'By id', turns: ['Track my order', 'NW-104233'] },
      { id: 'By label', turns: ['Returns', 'thanks'] },
      { id: 'Elsewhere', turns: ['refund please'] },
    ]);
    expect(b.left).toEqual([
      { name: 'Skipped', why: 'skipped' },
      { name: 'Nothing said', why: 'no customer message' },
    ]);
    expect(b.fromStart).toEqual(['Elsewhere']);
  });

  it("the sample flow's own scenarios file: every one with a customer message, played whole; the file reads back the same", () => {
    const f = flow();
    const b = scenariosAsBatch(f, scenarios as never);
    expect(b.conversations.length + b.left.length).toBe((scenarios as { scenarios: unknown[] }).scenarios.length);
    expect(b.conversations.length).toBeGreaterThan(10);
    const text = conversationsJsonl(b.conversations);
    const back = parseConversationsJsonl(text);
    expect(back.problems).toEqual([]);
    expect(back.conversations).toEqual(b.conversations);
    expect(runBatch(f, back.conversations, { now }).total).toBe(b.conversations.length);
  });
});

describe('a sample made from the flow (no scenario saved)', () => {
  it("the first menu's buttons, a request for a person, an unclear message; ids unique, the file valid", () => {
    const sample = flowSampleConversations(flow());
    expect(sample.map((c) => c.id)).toEqual(['chooses-track-my-order', 'chooses-returns', 'chooses-shipping', 'chooses-something-else', 'asks-for-a-person', 'unclear']);
    const run = runBatch(flow(), parseConversationsJsonl(conversationsJsonl(sample)).conversations, { now });
    expect(run.total).toBe(6);
    expect(run.conversations.find((c) => c.id === 'asks-for-a-person')!.escalation?.reason).toBe('explicit_request');
  });

  it('an intent router first: its intents\' first examples; no menu: the two fixed ones; same labels get their own ids', () => {
    const f = flow();
    const routerFirst = { ...f, edges: f.edges.map((e) => (e.from === 'welcome' ? { ...e, to: 'router' } : e)) } as Flow;
    const s = flowSampleConversations(routerFirst);
    const router = f.blocks.find((b) => b.id === 'router')!.data as { intents: { name: string; examples: string[] }[] };
    expect(s.slice(0, -2).map((c) => c.turns[0])).toEqual(router.intents.filter((i) => i.examples.length).map((i) => i.examples[0]));
    const keywords = {
      ...f,
      blocks: [
        ...f.blocks.filter((b) => b.kind === 'start'),
        { id: 'kw', kind: 'keyword_router', position: { x: 0, y: 0 }, data: { prompt: 'Which?', routes: [{ id: 'billing', keywords: ['invoice', 'bill'] }, { id: 'empty', keywords: [] }] } },
      ],
      edges: [{ id: 'e', from: f.blocks.find((b) => b.kind === 'start')!.id, exit: 'next', to: 'kw' }],
    } as Flow;
    expect(flowSampleConversations(keywords).slice(0, -2)).toEqual([{ id: 'says-invoice', turns: ['invoice'] }]);
    const bare = { ...f, blocks: f.blocks.filter((b) => b.kind === 'start'), edges: [] } as Flow;
    expect(flowSampleConversations(bare).map((c) => c.id)).toEqual(['asks-for-a-person', 'unclear']);
    const twins = {
      ...f,
      blocks: f.blocks.map((b) => (b.id === 'main_menu' ? { ...b, data: { ...b.data, options: [{ id: 'a', label: 'Help!', synonyms: [] }, { id: 'b', label: 'Help?', synonyms: [] }] } } : b)),
    } as Flow;
    expect(flowSampleConversations(twins).slice(0, 2).map((c) => c.id)).toEqual(['chooses-help', 'chooses-help-2']);
  });
});
