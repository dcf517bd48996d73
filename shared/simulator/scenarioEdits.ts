/**
 * Step-by-step edits of a saved scenario (the studio's scenario editor): rename, delete a scenario, delete a
 * step, change a customer turn's text (or an agent reply's / note's), remove one expectation. Each edit is a function of the file, so the
 * studio can apply it again to a newer copy of the file (a hand edit or another tab saved meanwhile); it
 * checks that the scenario and step it targets are still the ones the designer saw and says so when not
 * (`ScenarioEditError`), instead of editing the wrong step. Pure.
 */
import { parseScenarioFile, type Expectation, type Scenario, type ScenarioFile, type ScenarioStep } from './scenarioSchema';

export class ScenarioEditError extends Error {}

export type ScenarioEdit =
  | { kind: 'rename'; scenario: string; to: string }
  | { kind: 'deleteScenario'; scenario: string }
  | { kind: 'deleteStep'; scenario: string; index: number; step: ScenarioStep }
  | { kind: 'sayText'; scenario: string; index: number; step: ScenarioStep; text: string }
  | { kind: 'removeExpectation'; scenario: string; index: number; step: ScenarioStep; key: keyof Expectation };

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

function find(file: ScenarioFile, name: string): number {
  const i = file.scenarios.findIndex((s) => s.name === name);
  if (i < 0) throw new ScenarioEditError(`The scenario "${name}" is no longer in the file (renamed or deleted elsewhere).`);
  return i;
}

function stepAt(s: Scenario, index: number, expected: ScenarioStep): ScenarioStep {
  const step = s.steps[index];
  if (!step || !same(step, expected)) throw new ScenarioEditError(`Step ${index + 1} of "${s.name}" changed in the file since it was shown; look at it again.`);
  return step;
}

function replace(file: ScenarioFile, i: number, scenario: Scenario): ScenarioFile {
  const scenarios = [...file.scenarios];
  scenarios[i] = scenario;
  return { ...file, scenarios };
}

/** Applies one edit; throws ScenarioEditError (in words) when it cannot apply or would make the file invalid. */
export function applyScenarioEdit(file: ScenarioFile, edit: ScenarioEdit): ScenarioFile {
  const i = find(file, edit.scenario);
  const s = file.scenarios[i];
  let next: ScenarioFile;
  switch (edit.kind) {
    case 'rename': {
      const to = edit.to.trim();
      if (!to) throw new ScenarioEditError('A scenario needs a name.');
      if (to !== s.name && file.scenarios.some((x) => x.name === to)) throw new ScenarioEditError(`Another scenario is already called "${to}".`);
      next = replace(file, i, { ...s, name: to });
      break;
    }
    case 'deleteScenario':
      next = { ...file, scenarios: file.scenarios.filter((_, j) => j !== i) };
      break;
    case 'deleteStep': {
      stepAt(s, edit.index, edit.step);
      if (s.steps.length === 1) throw new ScenarioEditError('This is the scenario\'s only step: delete the scenario instead.');
      next = replace(file, i, { ...s, steps: s.steps.filter((_, j) => j !== edit.index) });
      break;
    }
    case 'sayText': {
      const step = stepAt(s, edit.index, edit.step);
      const steps = [...s.steps];
      if ('say' in step) steps[edit.index] = { ...step, say: edit.text };
      else if ('agent' in step && (step.agent === 'say' || step.agent === 'note')) {
        if (!edit.text.trim()) throw new ScenarioEditError(`An agent ${step.agent === 'say' ? 'reply' : 'note'} needs a text.`);
        steps[edit.index] = { ...step, text: edit.text };
      } else throw new ScenarioEditError(`Step ${edit.index + 1} is not a customer message.`);
      next = replace(file, i, { ...s, steps });
      break;
    }
    case 'removeExpectation': {
      const step = stepAt(s, edit.index, edit.step);
      if (!('expect' in step)) throw new ScenarioEditError(`Step ${edit.index + 1} is not an expectation.`);
      const { [edit.key]: _gone, ...rest } = step.expect;
      const left = Object.keys(rest).filter((k) => k !== 'since');
      const steps = [...s.steps];
      if (left.length === 0) {
        // Nothing left to check: the step goes (unless it is the only one).
        if (s.steps.length === 1) throw new ScenarioEditError('This is the scenario\'s only check: delete the scenario instead.');
        steps.splice(edit.index, 1);
      } else steps[edit.index] = { ...step, expect: rest };
      next = replace(file, i, { ...s, steps });
      break;
    }
  }
  // The edited file must still be a valid scenario file (e.g. a step the schema refuses).
  const checked = parseScenarioFile(next);
  if (!checked.ok) throw new ScenarioEditError(`The edit would make the file invalid: ${checked.problems[0].path}: ${checked.problems[0].message}.`);
  return next;
}

/** The expectation keys of a step, in the file's order (what the editor lists with a remove button each). */
export function expectationKeys(step: ScenarioStep): (keyof Expectation)[] {
  return 'expect' in step ? (Object.keys(step.expect).filter((k) => k !== 'since') as (keyof Expectation)[]) : [];
}

