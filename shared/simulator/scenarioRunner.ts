/**
 * Runs scenarios against a flow: each step is applied to a scenario session (scenarioSession.ts) and each
 * `expect` step is checked against what happened since the previous one (scenarioExpectations.ts). The
 * result is pass/fail with the FIRST difference: the step index, the step, expected and actual in words,
 * and the block to focus in the studio. Pure and deterministic: the same flow and scenario give the same
 * result in the studio, in `baton test` and in CI.
 */
import { parseZonedTime } from '../flow/zonedTime';
import type { TranscriptEntry } from '../engine/types';
import type { Flow } from '../flow/schema';
import type { Expectation } from './scenarioSchema';
import { DEFAULT_SCENARIO_NOW, type HttpMock, type Scenario, type ScenarioFile, type ScenarioStep } from './scenarioSchema';
import { checkExpectation } from './scenarioExpectations';
import { createScenarioSession, virtualAgentFrom, type ScenarioSession, type SessionSetup } from './scenarioSession';

export interface ScenarioFailure {
  /** 0-based index into `scenario.steps` (-1: the scenario could not start). */
  stepIndex: number;
  step: ScenarioStep | null;
  /** The expectation field that differs, or "action" when the step itself could not be done, or "setup". */
  check: keyof Expectation | 'action' | 'setup';
  expected: string;
  actual: string;
  /** The block to focus in the studio. */
  blockId: string | null;
}

export interface ScenarioResult {
  name: string;
  status: 'passed' | 'failed' | 'skipped';
  failure: ScenarioFailure | null;
  /** Steps applied (including the failing one). */
  stepsRun: number;
  /** Expectations that held. */
  expectationsPassed: number;
  transcript: TranscriptEntry[];
  visited: string[];
  /** The virtual clock at the end (ms since epoch). */
  endedAt: number;
}

export interface ScenarioDefaults {
  now?: string;
  agents?: ScenarioFile['agents'];
  http?: HttpMock[];
}

/** "customer says "hi"", "agent accepts as Ana", "wait 10m"... */
export function describeStep(step: ScenarioStep): string {
  if ('say' in step) return `customer says ${JSON.stringify(step.say)}`;
  if ('set' in step) return `set ${Object.entries(step.set).map(([k, v]) => `${k} = ${JSON.stringify(v)}`).join(', ')}`;
  if ('click' in step) return `customer clicks ${JSON.stringify(step.click)}`;
  if ('agent' in step) {
    switch (step.agent) {
      case 'accept':
        return step.as ? `agent accepts as ${step.as}` : 'agent accepts';
      case 'takeover':
        return step.as ? `${step.as} takes over from the bot` : 'an agent takes over from the bot';
      case 'open':
        return 'the assigned agent opens the chat';
      case 'say':
        return `agent says ${JSON.stringify(step.text)}`;
      case 'note':
        return `agent writes a private note ${JSON.stringify(step.text)}`;
      case 'transfer':
        return `agent transfers to ${step.to}`;
      case 'decline':
        return 'agent declines';
      case 'handback':
        return 'agent hands back to the bot';
      case 'resolve':
        return 'agent resolves the chat';
      case 'close':
        return 'agent closes the chat';
    }
  }
  if ('noAgent' in step) return 'the runtime finds no agent';
  if ('wait' in step) return step.wait === 'next_timer' ? 'wait until the next timer' : `wait ${step.wait}`;
  if ('setTime' in step) return `set the clock to ${step.setTime}`;
  if ('agents' in step) return `set the agents (${step.agents.map((a) => `${a.name} ${a.status ?? 'online'}`).join(', ') || 'none'})`;
  if ('online' in step) return `${step.online.join(', ')} online`;
  if ('busy' in step) return `${step.busy.join(', ')} busy`;
  if ('offline' in step) return `${step.offline.join(', ')} offline`;
  if ('nobodyOnline' in step) return 'nobody online';
  if ('outsideBusinessHours' in step) return 'move the clock outside business hours';
  if ('httpReply' in step) return `reply to the HTTP request with status ${step.httpReply.status ?? 200}`;
  if ('leave' in step) return 'customer leaves';
  if ('expect' in step) return `expect ${Object.keys(step.expect).filter((k) => k !== 'since').join(', ')}`;
  return JSON.stringify(step);
}

/** The session setup a scenario asks for (file defaults filled in). */
export function scenarioSetup(scenario: Scenario, defaults: ScenarioDefaults = {}, timeZone = 'UTC'): SessionSetup {
  const agents = scenario.agents ?? defaults.agents;
  // A time without Z or an offset is the flow's wall time (hostile s18 #22); the schema has refused non-dates.
  const start = parseZonedTime(scenario.now ?? defaults.now ?? DEFAULT_SCENARIO_NOW, timeZone);
  return {
    now: start.ok ? start.at : Date.parse(DEFAULT_SCENARIO_NOW),
    agents: agents?.map(virtualAgentFrom),
    startAt: scenario.startAt,
    variables: scenario.variables,
    http: [...(scenario.http ?? []), ...(defaults.http ?? [])],
    // HTTP calls no mock answers take the error exit, unless the scenario answers them itself (httpReply steps).
    httpDefault: scenario.steps.some((s) => 'httpReply' in s) ? 'wait' : 'fail',
    conversationId: scenario.conversationId ?? 'scenario',
  };
}

function result(session: ScenarioSession | null, name: string, status: ScenarioResult['status'], failure: ScenarioFailure | null, stepsRun: number, expectationsPassed: number): ScenarioResult {
  return {
    name,
    status,
    failure,
    stepsRun,
    expectationsPassed,
    transcript: session ? [...session.sim.transcript] : [],
    visited: session ? session.visited() : [],
    endedAt: session ? session.now : 0,
  };
}

export function runScenario(flow: Flow, scenario: Scenario, defaults: ScenarioDefaults = {}): ScenarioResult {
  if (scenario.skip) return result(null, scenario.name, 'skipped', null, 0, 0);
  let session: ScenarioSession;
  try {
    session = createScenarioSession(flow, scenarioSetup(scenario, defaults, flow.settings.timezone));
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    return result(null, scenario.name, 'failed', { stepIndex: -1, step: null, check: 'setup', expected: 'the scenario can start', actual: message, blockId: scenario.startAt ?? null }, 0, 0);
  }
  let segmentStart = 0;
  let passed = 0;
  for (let i = 0; i < scenario.steps.length; i++) {
    const step = scenario.steps[i];
    const here = () => session.sim.state.waiting?.blockId ?? session.visited().at(-1) ?? null;
    if ('expect' in step) {
      const diff = checkExpectation(step.expect, {
        steps: session.sim.steps.slice(step.expect.since === 'start' ? 0 : segmentStart),
        state: session.sim.state,
        buttons: session.sim.shownButtons(),
        blockIds: session.flow.blocks.map((b) => b.id),
      });
      if (diff) return result(session, scenario.name, 'failed', { stepIndex: i, step, ...diff }, i + 1, passed);
      passed++;
      segmentStart = session.sim.steps.length;
      continue;
    }
    const r = session.apply(step);
    if (!r.ok) {
      return result(session, scenario.name, 'failed', { stepIndex: i, step, check: 'action', expected: `${describeStep(step)} can be done`, actual: r.error ?? 'it could not be done', blockId: here() }, i + 1, passed);
    }
  }
  return result(session, scenario.name, 'passed', null, scenario.steps.length, passed);
}

export interface ScenarioFileReport {
  flowId: string;
  results: ScenarioResult[];
  passed: number;
  failed: number;
  skipped: number;
  /** Things worth knowing that do not fail a scenario (the file names another flow...). */
  warnings: string[];
}

export function runScenarioFile(flow: Flow, file: ScenarioFile): ScenarioFileReport {
  const warnings: string[] = [];
  if (file.flow !== undefined && file.flow !== flow.id) {
    warnings.push(`the scenario file is for flow "${file.flow}" but the flow's id is "${flow.id}"`);
  }
  if (file.scenarios.length === 0) warnings.push('the scenario file has no scenarios');
  const defaults: ScenarioDefaults = { now: file.now, agents: file.agents, http: file.http };
  const results = file.scenarios.map((s) => runScenario(flow, s, defaults));
  return {
    flowId: flow.id,
    results,
    passed: results.filter((r) => r.status === 'passed').length,
    failed: results.filter((r) => r.status === 'failed').length,
    skipped: results.filter((r) => r.status === 'skipped').length,
    warnings,
  };
}

/** A failure in a few lines, for the CLI and the studio's list: scenario, step, expected, actual, block. */
export function formatFailure(r: ScenarioResult): string {
  const f = r.failure;
  if (!f) return `${r.name}: passed`;
  const where = f.stepIndex < 0 ? 'before the first step' : `step ${f.stepIndex + 1} (${describeStep(f.step!)})`;
  return [
    `${r.name}: failed at ${where}`,
    `  expected: ${f.expected}`,
    `  actual:   ${f.actual}`,
    ...(f.blockId ? [`  block:    ${f.blockId}`] : []),
  ].join('\n');
}

export interface ScenarioCoverage {
  /** Blocks of the flow, and those at least one scenario visited. */
  blocks: number;
  reached: string[];
  /** Blocks no scenario visits, in the flow's order: where a bug would go unnoticed. */
  notReached: string[];
}

/** Which blocks the scenarios exercise (skipped scenarios count for nothing). */
export function scenarioCoverage(flow: Flow, results: readonly ScenarioResult[]): ScenarioCoverage {
  const seen = new Set(results.flatMap((r) => r.visited));
  const ids = flow.blocks.map((b) => b.id);
  return { blocks: ids.length, reached: ids.filter((id) => seen.has(id)), notReached: ids.filter((id) => !seen.has(id)) };
}
