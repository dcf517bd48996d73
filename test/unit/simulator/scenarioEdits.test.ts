/**
 * Pure edits behind the scenario editor (session 4): insert, move, set an expectation's value, undo; each
 * refuses a stale target or an invalid value in words, and the value field's text reads back as the value.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyScenarioEdit, expectationValueText, readExpectationValue, ScenarioEditError, stepFromForm, undoOf, type ScenarioEdit } from '../../../shared/simulator/scenarioEdits';
import type { ScenarioFile } from '../../../shared/simulator/scenarioSchema';

const file = (): ScenarioFile => ({
  version: 1,
  scenarios: [
    { name: 'a', steps: [{ say: 'one' }, { say: 'two' }, { expect: { mode: 'bot' } }] },
    { name: 'b', steps: [{ say: 'x' }] },
  ],
});

describe('scenario edits', () => {
  it('inserts at the start, middle and end; refuses a position outside or a changed neighbour', () => {
    let f = applyScenarioEdit(file(), { kind: 'insertStep', scenario: 'a', index: 0, after: null, step: { wait: '1m' } });
    expect(f.scenarios[0].steps[0]).toEqual({ wait: '1m' });
    f = applyScenarioEdit(f, { kind: 'insertStep', scenario: 'a', index: 4, after: { expect: { mode: 'bot' } }, step: { leave: true } });
    expect(f.scenarios[0].steps.at(-1)).toEqual({ leave: true });
    expect(() => applyScenarioEdit(file(), { kind: 'insertStep', scenario: 'a', index: 9, after: null, step: { leave: true } })).toThrow('a step cannot go at position 10');
    expect(() => applyScenarioEdit(file(), { kind: 'insertStep', scenario: 'a', index: 1, after: { say: 'changed' }, step: { leave: true } })).toThrow(/changed in the file/);
    expect(() => applyScenarioEdit(file(), { kind: 'insertStep', scenario: 'a', index: 1, after: { say: 'one' }, step: { wiat: '1m' } as never })).toThrow(/Did you mean "wait"/);
  });

  it('moves a step, refusing a stale step or a target outside the scenario', () => {
    const f = applyScenarioEdit(file(), { kind: 'moveStep', scenario: 'a', from: 2, to: 0, step: { expect: { mode: 'bot' } } });
    expect(f.scenarios[0].steps).toEqual([{ expect: { mode: 'bot' } }, { say: 'one' }, { say: 'two' }]);
    expect(() => applyScenarioEdit(file(), { kind: 'moveStep', scenario: 'a', from: 0, to: 3, step: { say: 'one' } })).toThrow(ScenarioEditError);
    expect(() => applyScenarioEdit(file(), { kind: 'moveStep', scenario: 'a', from: 0, to: 1, step: { say: 'two' } })).toThrow(/Step 1 of "a" changed/);
  });

  it('sets an expectation value only when the schema takes it', () => {
    const f = applyScenarioEdit(file(), { kind: 'setExpectation', scenario: 'a', index: 2, step: { expect: { mode: 'bot' } }, key: 'mode', value: 'agent' });
    expect(f.scenarios[0].steps[2]).toEqual({ expect: { mode: 'agent' } });
    expect(() => applyScenarioEdit(file(), { kind: 'setExpectation', scenario: 'a', index: 2, step: { expect: { mode: 'bot' } }, key: 'mode', value: 'robot' })).toThrow('"robot" is not a valid "mode"');
    expect(() => applyScenarioEdit(file(), { kind: 'setExpectation', scenario: 'a', index: 0, step: { say: 'one' }, key: 'mode', value: 'bot' })).toThrow('Step 1 is not an expectation');
    expect(() => applyScenarioEdit(file(), { kind: 'setExpectation', scenario: 'a', index: 2, step: { expect: { mode: 'bot' } }, key: 'since' as never, value: 'start' })).toThrow('is not an expectation');
  });

  it('undo puts back a renamed, edited or deleted scenario, and refuses when it changed since', () => {
    const edits: ScenarioEdit[] = [
      { kind: 'rename', scenario: 'a', to: 'c' },
      { kind: 'deleteScenario', scenario: 'a' },
      { kind: 'moveStep', scenario: 'a', from: 0, to: 1, step: { say: 'one' } },
      { kind: 'deleteStep', scenario: 'a', index: 1, step: { say: 'two' } },
    ];
    for (const e of edits) {
      const before = file();
      const after = applyScenarioEdit(before, e);
      const undo = undoOf(before, after, e as Exclude<ScenarioEdit, { kind: 'undo' }>);
      expect(applyScenarioEdit(after, undo)).toEqual(file());
    }
    const after = applyScenarioEdit(file(), edits[2]);
    const undo = undoOf(file(), after, edits[2] as Exclude<ScenarioEdit, { kind: 'undo' }>);
    after.scenarios[0].steps.push({ leave: true });
    expect(() => applyScenarioEdit(after, undo)).toThrow(/changed in the file since that edit/);
  });

  it('the value field text reads back as the same value for any valid expectation value', () => {
    const values = fc.oneof(
      fc.string({ minLength: 1 }).filter((s) => s.trim() === s && s.trim() !== '' && !s.startsWith('/')),
      fc.constantFrom('false', 'null', '42', '["a"]', ' spaced '),
      fc.array(fc.string({ minLength: 1 }).filter((s) => !s.startsWith('/')), { minLength: 1, maxLength: 3 }),
    );
    fc.assert(
      fc.property(values, (v) => {
        const r = readExpectationValue('botSays', expectationValueText(v));
        // " spaced " cannot be typed with its spaces (the field is trimmed): it reads back quoted, as JSON.
        expect(r).toEqual({ ok: true, value: v });
      }),
    );
  });

  it('the insert form builds steps, and says what is wrong in words', () => {
    expect(stepFromForm('accept', '')).toEqual({ ok: true, step: { agent: 'accept' } });
    expect(stepFromForm('transfer', 'Ben')).toEqual({ ok: true, step: { agent: 'transfer', to: 'Ben' } });
    expect(stepFromForm('setTime', 'tomorrow')).toEqual({ ok: false, message: '"tomorrow" is not a date and time; use ISO 8601, e.g. "2026-03-02T10:00:00Z".' });
    expect(stepFromForm('json', '{"online": ')).toMatchObject({ ok: false, message: expect.stringContaining('not valid JSON') });
    expect(stepFromForm('expect', 'nope', 'escalates')).toMatchObject({ ok: false, message: expect.stringContaining('"escalates" takes a reason (explicit_request') });
  });
});
