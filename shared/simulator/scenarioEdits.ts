/**
 * Step-by-step edits of a saved scenario (the studio's scenario editor): rename, delete a scenario, delete a
 * step, insert a step anywhere, move a step, change a customer turn's text (or an agent reply's / note's),
 * change or remove one expectation, undo an edit. Each edit is a function of the file, so the
 * studio can apply it again to a newer copy of the file (a hand edit or another tab saved meanwhile); it
 * checks that the scenario and step it targets are still the ones the designer saw and says so when not
 * (`ScenarioEditError`), instead of editing the wrong step. Pure.
 */
import { escalationReasons } from '../flow/schema';
import { expectationSchema, parseScenarioFile, parseStep, type Expectation, type Scenario, type ScenarioFile, type ScenarioStep } from './scenarioSchema';

export class ScenarioEditError extends Error {}

export type ScenarioEdit =
  | { kind: 'rename'; scenario: string; to: string }
  | { kind: 'deleteScenario'; scenario: string }
  | { kind: 'deleteStep'; scenario: string; index: number; step: ScenarioStep }
  | { kind: 'sayText'; scenario: string; index: number; step: ScenarioStep; text: string }
  | { kind: 'removeExpectation'; scenario: string; index: number; step: ScenarioStep; key: keyof Expectation }
  /** Inserts `step` at `index` (0: first; steps.length: last); `after` is the step shown just above (null: none). */
  | { kind: 'insertStep'; scenario: string; index: number; after: ScenarioStep | null; step: ScenarioStep }
  /** Moves the step at `from` so that it ends at `to` (both indexes in the scenario as shown). */
  | { kind: 'moveStep'; scenario: string; from: number; to: number; step: ScenarioStep }
  /** Sets (adds or changes) one expectation of an `expect` step. */
  | { kind: 'setExpectation'; scenario: string; index: number; step: ScenarioStep; key: Exclude<keyof Expectation, 'since'>; value: unknown }
  /**
   * Undo: the scenario `after` (as an edit left it; null: the edit deleted it) becomes `before` again
   * (null: the edit created it). `position` is where a deleted scenario goes back.
   */
  | { kind: 'undo'; before: Scenario | null; after: Scenario | null; position: number };

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
  if (edit.kind === 'undo') return checked(undoEdit(file, edit));
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
    case 'insertStep': {
      if (!Number.isInteger(edit.index) || edit.index < 0 || edit.index > s.steps.length) throw new ScenarioEditError(`"${s.name}" has ${s.steps.length} steps: a step cannot go at position ${edit.index + 1}.`);
      const above = edit.index === 0 ? null : s.steps[edit.index - 1];
      if (!same(above, edit.after)) throw new ScenarioEditError(`The steps of "${s.name}" changed in the file since they were shown; look at them again.`);
      const p = parseStep(edit.step, ['steps', edit.index]);
      if (!p.ok) throw new ScenarioEditError(`The new step is not valid: ${p.problems[0].message}.`);
      const steps = [...s.steps];
      steps.splice(edit.index, 0, p.step);
      next = replace(file, i, { ...s, steps });
      break;
    }
    case 'moveStep': {
      const step = stepAt(s, edit.from, edit.step);
      if (!Number.isInteger(edit.to) || edit.to < 0 || edit.to >= s.steps.length) throw new ScenarioEditError(`Step ${edit.from + 1} cannot move to position ${edit.to + 1}: "${s.name}" has ${s.steps.length} steps.`);
      if (edit.to === edit.from) return file;
      const steps = [...s.steps];
      steps.splice(edit.from, 1);
      steps.splice(edit.to, 0, step);
      next = replace(file, i, { ...s, steps });
      break;
    }
    case 'setExpectation': {
      const step = stepAt(s, edit.index, edit.step);
      if (!('expect' in step)) throw new ScenarioEditError(`Step ${edit.index + 1} is not an expectation.`);
      const problem = expectationValueProblem(edit.key, edit.value);
      if (problem) throw new ScenarioEditError(problem);
      const steps = [...s.steps];
      steps[edit.index] = { ...step, expect: { ...step.expect, [edit.key]: edit.value } };
      next = replace(file, i, { ...s, steps });
      break;
    }
  }
  return checked(next);
}

/** The edited file must still be a valid scenario file (e.g. a step the schema refuses). */
function checked(next: ScenarioFile): ScenarioFile {
  const r = parseScenarioFile(next);
  if (!r.ok) throw new ScenarioEditError(`The edit would make the file invalid: ${r.problems[0].path}: ${r.problems[0].message}.`);
  return next;
}

function undoEdit(file: ScenarioFile, edit: Extract<ScenarioEdit, { kind: 'undo' }>): ScenarioFile {
  const changed = 'The scenario changed in the file since that edit (a hand edit or another tab); nothing was undone.';
  if (edit.after) {
    const i = file.scenarios.findIndex((x) => x.name === edit.after!.name);
    if (i < 0 || !same(file.scenarios[i], edit.after)) throw new ScenarioEditError(changed);
    if (!edit.before) return { ...file, scenarios: file.scenarios.filter((_, j) => j !== i) };
    if (edit.before.name !== edit.after.name && file.scenarios.some((x) => x.name === edit.before!.name)) throw new ScenarioEditError(`Another scenario is now called "${edit.before.name}"; nothing was undone.`);
    return replace(file, i, edit.before);
  }
  if (!edit.before) return file;
  if (file.scenarios.some((x) => x.name === edit.before!.name)) throw new ScenarioEditError(`A scenario called "${edit.before.name}" is in the file again; nothing was undone.`);
  const scenarios = [...file.scenarios];
  scenarios.splice(Math.min(Math.max(0, edit.position), scenarios.length), 0, edit.before);
  return { ...file, scenarios };
}

/** The scenario an edit leaves (null: deleted) — with the one before it, what an undo needs. */
export function undoOf(before: ScenarioFile, after: ScenarioFile, edit: Exclude<ScenarioEdit, { kind: 'undo' }>): Extract<ScenarioEdit, { kind: 'undo' }> {
  const position = before.scenarios.findIndex((x) => x.name === edit.scenario);
  const was = before.scenarios[position] ?? null;
  const newName = edit.kind === 'rename' ? edit.to.trim() : edit.scenario;
  const now = edit.kind === 'deleteScenario' ? null : (after.scenarios.find((x) => x.name === newName) ?? null);
  // Copies: the undo must describe the file as it was, whatever happens to these objects later.
  return { kind: 'undo', before: was && structuredClone(was), after: now && structuredClone(now), position };
}

/** Words for each expectation: what it takes, with an example (shown when a typed value is refused). */
export const EXPECTATION_HINTS: Record<Exclude<keyof Expectation, 'since'>, string> = {
  reaches: 'a block id, or a list: ["human_agent", "csat"]',
  notReaches: 'a block id, or a list: ["human_agent"]',
  waitingAt: 'a block id, or null for "waits nowhere"',
  botSays: 'text the bot says (any case), "/regex/i", or a list: ["email", "/order \\d+/"]',
  botDoesNotSay: 'text the bot must not say, "/regex/i", or a list',
  agentSays: 'text the agent says, "/regex/i", or a list',
  escalates: `a reason (${escalationReasons.join(', ')}) or false`,
  handoff: 'pending, assigned, resolved, expired, rejected, cancelled, none, or {"status": "assigned", "agent": "Ana"}',
  mode: 'bot, waiting, agent or closed',
  variables: 'an object of values, e.g. {"email": "sam@example.com", "orderNumber": null}',
  effects: 'a list, e.g. [{"type": "notify", "channel": "email"}]',
  noEffects: 'a list of effect types, e.g. ["create_ticket"]',
  buttons: 'a list of button labels, e.g. ["Yes", "No"] ([] for none)',
};

/** Why `value` cannot be the expectation `key` (in words), or null when it can. */
export function expectationValueProblem(key: string, value: unknown): string | null {
  if (key === 'since' || !Object.prototype.hasOwnProperty.call(EXPECTATION_HINTS, key)) return `"${key}" is not an expectation. Expectations: ${Object.keys(EXPECTATION_HINTS).join(', ')}.`;
  const schema = expectationSchema.shape[key as Exclude<keyof Expectation, 'since'>];
  const r = schema.safeParse(value);
  if (r.success && value !== undefined) return null;
  const issue = r.success ? null : r.error.issues[0];
  const at = issue && issue.path.length ? ` (at ${issue.path.join('.')})` : '';
  const why = issue && issue.code === 'custom' ? `: ${issue.message}` : '';
  return `${JSON.stringify(value) ?? 'nothing'} is not a valid "${key}"${at}${why}. "${key}" takes ${EXPECTATION_HINTS[key as keyof typeof EXPECTATION_HINTS]}.`;
}

/**
 * What the editor shows in a value field: strings as they are (no quotes), other values as JSON; a string
 * that would read back as something else (`false`, `null`, `42`, `["a"]`) keeps its quotes.
 */
export function expectationValueText(value: unknown): string {
  if (typeof value === 'string') return looksLikeJson(value) ? JSON.stringify(value) : value;
  return JSON.stringify(value) ?? '';
}

function looksLikeJson(text: string): boolean {
  const t = text.trim();
  return t === '' || t !== text || /^(?:true|false|null|-?\d|["[{])/.test(t);
}

/** Reads a value field back: JSON when it looks like JSON, else the text itself (the inverse of expectationValueText). */
export function readExpectationValue(key: string, text: string): { ok: true; value: unknown } | { ok: false; message: string } {
  const t = text.trim();
  if (t === '') return { ok: false, message: `Type a value: "${key}" takes ${EXPECTATION_HINTS[key as keyof typeof EXPECTATION_HINTS] ?? 'a value'}.` };
  let value: unknown = t;
  if (looksLikeJson(t)) {
    try {
      value = JSON.parse(t);
    } catch {
      return { ok: false, message: `This is not valid JSON (write plain text without quotes, or JSON like ["a", "b"]). "${key}" takes ${EXPECTATION_HINTS[key as keyof typeof EXPECTATION_HINTS] ?? 'a value'}.` };
    }
  }
  const problem = expectationValueProblem(key, value);
  return problem ? { ok: false, message: problem } : { ok: true, value };
}

/** The kinds of step the editor's "Insert a step" form offers, with what its field asks for. */
export const NEW_STEP_KINDS = {
  say: { label: 'Customer says', field: 'Text' },
  click: { label: 'Customer clicks a button', field: 'Button label' },
  wait: { label: 'Wait (move the clock)', field: 'Duration, e.g. 10m or next_timer' },
  setTime: { label: 'Set the clock', field: 'Date and time, e.g. 2026-03-02T21:00:00Z' },
  accept: { label: 'Agent accepts', field: 'As (agent name; empty: the first online)' },
  takeover: { label: 'Agent takes over from the bot', field: 'As (agent name; empty: the first online)' },
  open: { label: 'Assigned agent opens the chat', field: null },
  agentSay: { label: 'Agent replies', field: 'Text' },
  agentNote: { label: 'Agent writes a private note', field: 'Text' },
  transfer: { label: 'Agent transfers', field: 'To (agent name)' },
  decline: { label: 'Agent declines', field: null },
  handback: { label: 'Agent hands back to the bot', field: null },
  resolve: { label: 'Agent resolves (the inbox’s Resolve)', field: null },
  close: { label: 'Agent closes the chat (no rating)', field: null },
  noAgent: { label: 'No agent found', field: null },
  nobodyOnline: { label: 'Nobody online', field: null },
  outsideBusinessHours: { label: 'Outside business hours', field: null },
  leave: { label: 'Customer leaves', field: null },
  expect: { label: 'Expect…', field: 'Value' },
  json: { label: 'Any step as JSON', field: 'Step, e.g. {"online": ["Ana"]}' },
} as const;
export type NewStepKind = keyof typeof NEW_STEP_KINDS;

/**
 * The step the "Insert a step" form describes, or what is wrong with it in words. `expectKey` is the
 * expectation chosen for kind "expect".
 */
export function stepFromForm(kind: NewStepKind, text: string, expectKey?: string): { ok: true; step: ScenarioStep } | { ok: false; message: string } {
  const t = text.trim();
  const need = (what: string) => ({ ok: false as const, message: what });
  let raw: unknown;
  switch (kind) {
    case 'say':
      if (!t) return need('Type what the customer says.');
      raw = { say: text };
      break;
    case 'click':
      if (!t) return need('Type the label (or id) of the button the customer clicks.');
      raw = { click: t };
      break;
    case 'wait':
      raw = { wait: t };
      break;
    case 'setTime':
      raw = { setTime: t };
      break;
    case 'accept':
      raw = t ? { agent: 'accept', as: t } : { agent: 'accept' };
      break;
    case 'takeover':
      raw = t ? { agent: 'takeover', as: t } : { agent: 'takeover' };
      break;
    case 'agentSay':
    case 'agentNote':
      if (!t) return need(`Type the agent's ${kind === 'agentSay' ? 'reply' : 'note'}.`);
      raw = { agent: kind === 'agentSay' ? 'say' : 'note', text };
      break;
    case 'transfer':
      if (!t) return need('Type the name of the agent who takes the chat.');
      raw = { agent: 'transfer', to: t };
      break;
    case 'open':
    case 'decline':
    case 'handback':
    case 'resolve':
    case 'close':
      raw = { agent: kind };
      break;
    case 'noAgent':
    case 'nobodyOnline':
    case 'outsideBusinessHours':
    case 'leave':
      raw = { [kind]: true };
      break;
    case 'expect': {
      if (!expectKey) return need('Choose what to expect.');
      const v = readExpectationValue(expectKey, text);
      if (!v.ok) return v;
      raw = { expect: { [expectKey]: v.value } };
      break;
    }
    case 'json':
      if (!t) return need('Type the step as JSON, e.g. {"online": ["Ana"]}.');
      try {
        raw = JSON.parse(t);
      } catch {
        return need('This is not valid JSON. A step looks like {"say": "hello"} or {"online": ["Ana"]}.');
      }
      break;
  }
  const p = parseStep(raw, []);
  if (p.ok) return { ok: true, step: p.step };
  const first = p.problems[0];
  const what = /^is /.test(first.message) ? `${JSON.stringify(t)} ${first.message}` : first.message;
  const at = kind === 'json' && first.path !== '$' ? ` (at ${first.path})` : '';
  return need(`${what}${at}.${kind === 'json' ? ` ${first.hint}` : ''}`.replace(/([.?])\./g, '$1'));
}

/** The expectation keys of a step, in the file's order (what the editor lists with a remove button each). */
export function expectationKeys(step: ScenarioStep): (keyof Expectation)[] {
  return 'expect' in step ? (Object.keys(step.expect).filter((k) => k !== 'since') as (keyof Expectation)[]) : [];
}

