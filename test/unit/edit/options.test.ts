import { describe, expect, it } from 'vitest';
import { applyEdit, FlowEditError } from '../../../shared/flow/edit';
import { flowSchema } from '../../../shared/flow/schema';
import { apply, block, edgesFrom, tinyFlow } from './helpers';

const options = (flow: ReturnType<typeof tinyFlow>, id = 'menu') => (block(flow, id)!.data as { options: { id: string; label: string }[] }).options;

describe('add_option', () => {
  it('adds a button option named after its label, at the end or at a position', () => {
    const r = apply(tinyFlow(), { type: 'add_option', blockId: 'menu', label: 'Talk to someone' });
    expect(options(r.flow).map((o) => o.id)).toEqual(['a', 'b', 'c', 'talk_to_someone']);
    const r2 = apply(tinyFlow(), { type: 'add_option', blockId: 'menu', index: 0 });
    expect(options(r2.flow)[0]).toEqual({ id: 'option-4', label: 'Option 4', synonyms: [] });
  });

  it('never reuses an exit name (a label that slugs to an existing exit gets a number)', () => {
    const r = apply(tinyFlow(), { type: 'add_option', blockId: 'menu', label: 'Fallback' });
    expect(options(r.flow).at(-1)!.id).toBe('option-4');
    expect(() => applyEdit(tinyFlow(), { type: 'add_option', blockId: 'menu', id: 'a' })).toThrow(/already has an exit 'a'/);
  });

  it('adds intents and keyword routes too', () => {
    const flow = flowSchema.parse({
      ...tinyFlow(),
      blocks: [
        ...tinyFlow().blocks,
        { id: 'router', kind: 'intent_router', data: {} },
        { id: 'kw', kind: 'keyword_router', data: {} },
      ],
    });
    const r = apply(flow, { type: 'add_option', blockId: 'router', label: 'Billing' });
    expect(block(r.flow, 'router')!.data).toMatchObject({ intents: [{ id: 'billing', name: 'Billing', examples: [] }] });
    const r2 = apply(flow, { type: 'add_option', blockId: 'kw', label: 'refund' });
    expect(block(r2.flow, 'kw')!.data).toMatchObject({ routes: [{ id: 'refund', keywords: ['refund'] }] });
  });

  it('refuses blocks without options', () => {
    expect(() => applyEdit(tinyFlow(), { type: 'add_option', blockId: 'hello' })).toThrow(FlowEditError);
    expect(() => applyEdit(tinyFlow(), { type: 'add_option', blockId: 'hello' })).toThrow(/has no options/);
  });
});

describe('remove_option', () => {
  it('removes the option and the edge leaving through it, nothing else', () => {
    const r = apply(tinyFlow(), { type: 'remove_option', blockId: 'menu', optionId: 'a' });
    expect(options(r.flow).map((o) => o.id)).toEqual(['b', 'c']);
    expect(edgesFrom(r.flow, 'menu')).toEqual([{ id: 'e4', from: 'menu', exit: 'b', to: 'human' }]);
    expect(() => applyEdit(tinyFlow(), { type: 'remove_option', blockId: 'menu', optionId: 'z' })).toThrow(/no option 'z'/);
  });
});

describe('reorder_option', () => {
  it('moves the option; edges stay on the same exit (they follow the option, not the position)', () => {
    const flow = tinyFlow();
    const r = apply(flow, { type: 'reorder_option', blockId: 'menu', optionId: 'c', toIndex: 0 });
    expect(options(r.flow).map((o) => o.label)).toEqual(['Gamma', 'Alpha', 'Beta']);
    expect(r.flow.edges).toBe(flow.edges);
    expect(edgesFrom(r.flow, 'menu').map((e) => `${e.exit}->${e.to}`)).toEqual(['a->ask', 'b->human']);
    expect(r.patches).toHaveLength(2);
  });

  it('refuses a position outside the list', () => {
    expect(() => applyEdit(tinyFlow(), { type: 'reorder_option', blockId: 'menu', optionId: 'c', toIndex: 3 })).toThrow(/outside the 3 options/);
  });
});

describe('renaming an intent', () => {
  const withRouter = () =>
    flowSchema.parse({
      ...tinyFlow(),
      blocks: [
        ...tinyFlow().blocks,
        { id: 'router', kind: 'intent_router', data: { intents: [{ id: 'i1', name: 'refund', examples: ['money back'] }, { id: 'i2', name: 'legal' }] } },
        { id: 'router2', kind: 'intent_router', data: { intents: [{ id: 'j1', name: 'legal' }] } },
      ],
      escalation: { ...tinyFlow().escalation, sensitiveTopics: { topics: [{ name: 'money', intents: ['refund', 'legal'] }] } },
    });

  it('follows into the escalation policy sensitive topics', () => {
    const r = apply(withRouter(), { type: 'set_block_field', id: 'router', path: ['intents', 0, 'name'], value: 'refund_request' });
    expect(r.flow.escalation.sensitiveTopics.topics[0].intents).toEqual(['refund_request', 'legal']);
  });

  it('keeps the reference when another block still defines the old name', () => {
    const r = apply(withRouter(), { type: 'set_block_field', id: 'router', path: ['intents', 1, 'name'], value: 'lawyer' });
    expect(r.flow.escalation.sensitiveTopics.topics[0].intents).toEqual(['refund', 'legal']);
  });
});

describe('data edits that change exits', () => {
  it('replacing the options keeps edges on options that remain and drops the others', () => {
    const r = apply(tinyFlow(), {
      type: 'set_block_data',
      id: 'menu',
      data: { options: [{ id: 'b', label: 'Beta' }, { id: 'n', label: 'New' }] },
    });
    expect(edgesFrom(r.flow, 'menu')).toEqual([{ id: 'e4', from: 'menu', exit: 'b', to: 'human' }]);
  });

  it('changing an option id by path drops its edge (the exit it was on is gone)', () => {
    const r = apply(tinyFlow(), { type: 'set_block_field', id: 'menu', path: ['options', 0, 'id'], value: 'alpha' });
    expect(edgesFrom(r.flow, 'menu').map((e) => e.exit)).toEqual(['b']);
  });
});
