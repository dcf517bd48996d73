import { describe, expect, it } from 'vitest';
import { applyEdit, variableUses } from '../../../shared/flow/edit';
import { validateFlow } from '../../../shared/flow/validateFlow';
import { apply, block, sampleFlow, tinyFlow } from './helpers';

describe('add, update and delete variables', () => {
  it('adds a declared variable with defaults', () => {
    const r = apply(tinyFlow(), { type: 'add_variable', variable: { name: 'plan', type: 'string' } });
    expect(r.flow.variables.at(-1)).toEqual({ name: 'plan', type: 'string' });
  });

  it('refuses bad, taken, built-in and dangerous names', () => {
    expect(() => applyEdit(tinyFlow(), { type: 'add_variable', variable: { name: 'name' } })).toThrow(/already a variable 'name'/);
    expect(() => applyEdit(tinyFlow(), { type: 'add_variable', variable: { name: '9lives' } })).toThrow(/must not start with a digit/);
    expect(() => applyEdit(tinyFlow(), { type: 'add_variable', variable: { name: 'agentName' } })).toThrow(/set by Baton itself/);
    expect(() => applyEdit(tinyFlow(), { type: 'add_variable', variable: { name: '__proto__' } })).toThrow(/cannot be a variable name/);
    expect(() => applyEdit(tinyFlow(), { type: 'add_variable', variable: { name: 'a.constructor' } })).toThrow(/cannot be a variable name/);
  });

  it('updates the type, default and description, not the name', () => {
    const r = apply(tinyFlow(), { type: 'update_variable', name: 'order', changes: { description: 'Order number', default: 'none' } });
    expect(r.flow.variables[1]).toEqual({ name: 'order', type: 'string', description: 'Order number', default: 'none' });
    expect(() => applyEdit(tinyFlow(), { type: 'update_variable', name: 'order', changes: { name: 'x' } as never })).toThrow(/rename_variable/);
    expect(() => applyEdit(tinyFlow(), { type: 'update_variable', name: 'order', changes: { type: 'colour' as never } })).toThrow(/type/);
  });

  it('deletes the declaration; the uses stay and variableUses lists them', () => {
    const flow = tinyFlow();
    const uses = variableUses(flow, 'name');
    expect(uses.map((u) => `${u.blockId}:${u.path.slice(3).join('.')}:${u.template}`)).toEqual([
      'hello:text:true',
      'ask:variable:false',
      'check:rules.0.variable:false',
      'null::true',
    ]);
    const r = apply(flow, { type: 'delete_variable', name: 'name' });
    expect(r.flow.variables.map((v) => v.name)).toEqual(['order', 'choice']);
  });
});

describe('rename_variable', () => {
  it('renames every template and every field naming it, and nothing else', () => {
    const r = apply(tinyFlow(), { type: 'rename_variable', from: 'name', to: 'customer_first_name' });
    expect(r.flow.variables[0].name).toBe('customer_first_name');
    expect(block(r.flow, 'hello')!.data).toEqual({ text: 'Hi {{ customer_first_name }}, order {{order}}' });
    expect(block(r.flow, 'ask')!.data).toMatchObject({ variable: 'customer_first_name', text: 'Name?' });
    expect(block(r.flow, 'check')!.data).toMatchObject({ rules: [{ variable: 'customer_first_name', op: 'exists' }] });
    expect(r.flow.settings.fallbackMessage).toBe('Sorry {{customer_first_name}}, again?');
    expect(variableUses(r.flow, 'name')).toEqual([]);
  });

  it('renames rules in the escalation policy', () => {
    const r = apply(tinyFlow(), { type: 'rename_variable', from: 'order', to: 'orderNumber' });
    expect(r.flow.escalation.urgency.rules).toEqual([{ variable: 'orderNumber', op: 'exists' }]);
    expect(block(r.flow, 'hello')!.data).toEqual({ text: 'Hi {{ name }}, order {{orderNumber}}' });
  });

  it('on a real sample flow the validator finds nothing new after a rename', () => {
    const flow = sampleFlow();
    const before = validateFlow(flow).problems.map((p) => p.code).sort();
    const r = apply(flow, { type: 'rename_variable', from: 'orderNumber', to: 'order_ref' });
    expect(variableUses(r.flow, 'orderNumber')).toEqual([]);
    expect(variableUses(r.flow, 'order_ref').length).toBe(variableUses(flow, 'orderNumber').length);
    expect(validateFlow(r.flow).problems.map((p) => p.code).sort()).toEqual(before);
  });

  it('refuses an unknown source or a taken target', () => {
    expect(() => applyEdit(tinyFlow(), { type: 'rename_variable', from: 'ghost', to: 'x' })).toThrow(/no variable 'ghost'/);
    expect(() => applyEdit(tinyFlow(), { type: 'rename_variable', from: 'name', to: 'order' })).toThrow(/already a variable 'order'/);
  });
});

describe('flow info, settings and escalation', () => {
  it('sets the name and description', () => {
    const r = apply(tinyFlow(), { type: 'set_flow_info', name: 'Renamed', description: 'New' });
    expect([r.flow.name, r.flow.description]).toEqual(['Renamed', 'New']);
    expect(() => applyEdit(tinyFlow(), { type: 'set_flow_info', name: ' ' })).toThrow(/1 to 200/);
  });

  it('merges settings and refuses unknown ones', () => {
    const r = apply(tinyFlow(), { type: 'set_settings', settings: { timezone: 'Europe/Paris' } });
    expect(r.flow.settings).toMatchObject({ timezone: 'Europe/Paris', language: 'en' });
    expect(() => applyEdit(tinyFlow(), { type: 'set_settings', settings: { timezon: 'UTC' } as never })).toThrow(/did you mean 'timezone'/);
  });

  it('deep-merges the escalation policy and checks the target block', () => {
    const r = apply(tinyFlow(), { type: 'set_escalation', escalation: { mode: 'graduated', negativeSentiment: { threshold: -0.7 } } });
    expect(r.flow.escalation).toMatchObject({ mode: 'graduated', negativeSentiment: { threshold: -0.7, enabled: true, trendTurns: 2 } });
    expect(r.patches.map((p) => p.path.join('/'))).toEqual(['escalation/mode', 'escalation/negativeSentiment']);
    expect(() => applyEdit(tinyFlow(), { type: 'set_escalation', escalation: { targetBlockId: 'ghost' } })).toThrow(/not a block/);
    expect(() => applyEdit(tinyFlow(), { type: 'set_escalation', escalation: { loop: { count: 1 } } })).toThrow(/loop.count/);
    const off = apply(tinyFlow(), { type: 'set_escalation', escalation: { targetBlockId: null } });
    expect(off.flow.escalation.targetBlockId).toBeNull();
  });
});
