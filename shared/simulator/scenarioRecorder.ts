/**
 * "Save as scenario": turns a simulated conversation (a scenario session played in the studio's simulator
 * or `baton chat`) into a scenario: its setup (clock, agents, start block, variables, HTTP mocks), every
 * action the tester did, and expectations. By default one final `expect` records how the conversation
 * ended (escalation, handoff status, mode, where it waits, the last thing the bot said); the studio adds
 * more by clicking in the transcript (`expectationFromEntry`, `expectationFromBlock`, `insertExpectation`).
 * Pure.
 */
import { maskCustomerSecrets } from '../engine/customerSecrets';
import type { ConversationState, Effect, TranscriptEntry } from '../engine/types';
import type { EscalationDecision } from '../escalation/types';
import type { Value } from '../flow/schema';
import type { EffectMatcher, Expectation, Scenario, ScenarioFile, ScenarioStep } from './scenarioSchema';
import { SCENARIO_FILE_VERSION } from './scenarioSchema';
import type { ScenarioSession } from './scenarioSession';
import type { VirtualAgent } from './virtualAgents';
import { agentIdFromName } from './virtualAgents';

export interface RecordOptions {
  name: string;
  description?: string;
  /** 'final' (default): add an `expect` describing how the conversation ended; 'none': only the actions. */
  expectations?: 'final' | 'none';
}

/** A virtual agent in its short file form (defaults left out). */
export function agentForFile(a: VirtualAgent): NonNullable<Scenario['agents']>[number] {
  const out: NonNullable<Scenario['agents']>[number] = { name: a.name };
  if (a.id !== agentIdFromName(a.name)) out.id = a.id;
  if (a.status !== 'online') out.status = a.status;
  if (a.skills.length) out.skills = [...a.skills];
  if (a.languages.length) out.languages = [...a.languages];
  if (a.teams.length) out.teams = [...a.teams];
  if (a.activeChats) out.activeChats = a.activeChats;
  if (a.capacity !== null) out.capacity = a.capacity;
  return out;
}

/** How the conversation ended, as an expectation over the whole conversation. */
export function finalExpectation(session: ScenarioSession): Expectation {
  const s = session.sim.state;
  // The whole conversation, so expectations inserted earlier (by clicking in the transcript) do not change it.
  const exp: Expectation = { since: 'start' };
  const first = session.sim.steps
    .map((st) => st.decision)
    .find((d) => d && d.reason && (d.action === 'handoff' || d.action === 'offer'));
  exp.escalates = first?.reason ?? false;
  exp.handoff = s.handoff ? s.handoff.status : 'none';
  exp.mode = s.mode;
  exp.waitingAt = s.waiting?.blockId ?? null;
  const lastBot = [...session.sim.transcript].reverse().find((t) => t.from === 'bot');
  if (lastBot) exp.botSays = lastBot.text;
  return exp;
}

export function recordScenario(session: ScenarioSession, options: RecordOptions): Scenario {
  const setup = session.setup;
  const scenario: Scenario = { name: options.name, steps: [] };
  if (options.description) scenario.description = options.description;
  scenario.now = new Date(setup.now).toISOString().replace('.000Z', 'Z');
  if (setup.agents) scenario.agents = setup.agents.map(agentForFile);
  if (setup.startAt) scenario.startAt = setup.startAt;
  if (setup.variables && Object.keys(setup.variables).length) scenario.variables = { ...setup.variables };
  if (setup.http?.length) scenario.http = setup.http.map((m) => ({ ...m }));
  // Session 38 (hostile mini-pass s37: a chat that opened a ticket could not be saved as a scenario): the ticket number
  // the customer is told derives from the conversation id (shared/engine/ticketBlock.ts ticketNumber: "T-CLI" in
  // `baton chat`, "T-STUDIO" in the studio), and a scenario replays as "scenario" ("T-SCENARIO"), so the replay said
  // another number. A conversation that opened a ticket keeps its id in the scenario (the runner uses it).
  if (setup.conversationId && setup.conversationId !== 'scenario' && session.sim.effects.some((e) => e.type === 'create_ticket')) {
    scenario.conversationId = setup.conversationId;
  }
  const steps: ScenarioStep[] = session.log.map((s) => structuredCloneStep(s));
  if ((options.expectations ?? 'final') === 'final') steps.push({ expect: finalExpectation(session) });
  scenario.steps = steps;
  return scenario;
}

/** A step of a recorded scenario that holds a card number or a password, as the conversation's masking reads it. */
export interface SecretStep {
  /** 1-based, as a tester counts the steps. */
  step: number;
  who: 'customer' | 'agent';
  hidden: string[];
}

/**
 * The steps of a recorded scenario whose text holds a secret (hostile s17 H#20: the studio's "Save as scenario" wrote
 * the customer's card number and password into FLOW.scenarios.json while the simulator showed them masked; H#6: an
 * agent's). The scenario file sits next to the flow and goes where the flow goes (git, exports), so a recorder refuses
 * such a save and says which steps; a file written by hand is the designer's own (a test card to test the masking).
 */
export function secretSteps(scenario: Scenario): SecretStep[] {
  const out: SecretStep[] = [];
  scenario.steps.forEach((s, i) => {
    let text: string | undefined;
    let who: SecretStep['who'] = 'customer';
    if ('say' in s) text = s.say;
    else if ('agent' in s && (s.agent === 'say' || s.agent === 'note')) {
      text = s.text;
      who = 'agent';
    }
    if (!text) return;
    const hidden = maskCustomerSecrets(text).hidden;
    if (hidden.length > 0) out.push({ step: i + 1, who, hidden: [...new Set(hidden)] });
  });
  return out;
}

/** Why a recorded scenario is not saved, in a tester's words, or null when it holds no secret. */
export function secretStepsRefusal(scenario: Scenario): string | null {
  const found = secretSteps(scenario);
  if (found.length === 0) return null;
  const what = (h: string) => (h === 'card' ? 'a card number' : h === 'pin' ? 'a PIN' : 'a password');
  const list = found
    .slice(0, 5)
    .map((f) => `step ${f.step} (${f.who === 'agent' ? "the agent's message" : "the customer's message"}: ${f.hidden.map(what).join(' and ')})`)
    .join(', ');
  const more = found.length > 5 ? ` and ${found.length - 5} more` : '';
  return `Not saved: ${list}${more} ${found.length === 1 ? 'holds' : 'hold'} a secret, shown masked in the conversation; the scenario file is kept next to the flow and would hold it as typed. Have the conversation again without it (e.g. "my card ends 1111") and save that.`;
}

function structuredCloneStep(s: ScenarioStep): ScenarioStep {
  return JSON.parse(JSON.stringify(s)) as ScenarioStep;
}

/** An expectation for a message clicked in the transcript: the bot (or agent) says this text. */
export function expectationFromEntry(entry: TranscriptEntry): Expectation | null {
  if (entry.from === 'bot') return { botSays: entry.text };
  if (entry.from === 'agent') return { agentSays: entry.text };
  return null;
}

/** An expectation for an escalation decision clicked in the debug drawer: escalates for its reason, or does not. */
export function expectationFromDecision(decision: EscalationDecision): Expectation {
  return { escalates: decision.reason && (decision.action === 'handoff' || decision.action === 'offer') ? decision.reason : false };
}

/** An expectation for an effect clicked in the effects log: it is emitted (type, and channel/recipient/status where it has one). */
export function expectationFromEffect(effect: Effect): Expectation {
  const m: EffectMatcher = { type: effect.type as EffectMatcher['type'] };
  if (effect.type === 'notify') {
    m.channel = effect.channel;
    if (effect.to[0]) m.to = effect.to[0];
  }
  if (effect.type === 'handoff_request' || effect.type === 'handoff_update') m.status = effect.handoff.status;
  if (effect.type === 'end') m.status = effect.reason;
  return { effects: [m] };
}

/** Expectations on the state now: the handoff's status (and agent), the mode, or variable values. */
export function expectationFromState(state: ConversationState, what: 'handoff' | 'mode' | { variables: string[] }): Expectation {
  if (what === 'handoff') {
    const h = state.handoff;
    return { handoff: h ? (h.agentName ? { status: h.status, agent: h.agentName } : h.status) : 'none' };
  }
  if (what === 'mode') return { mode: state.mode };
  const variables: Record<string, Value> = {};
  for (const name of what.variables) variables[name] = Object.prototype.hasOwnProperty.call(state.variables, name) ? state.variables[name] : null;
  return { variables };
}

/** An expectation for a block clicked on the canvas or in the path: the conversation reaches it. */
export function expectationFromBlock(blockId: string): Expectation {
  return { reaches: blockId };
}

/**
 * Inserts `{expect}` after the action at `afterAction` (0-based index among the scenario's non-expect
 * steps; -1 = before the first action). Expectations already there are merged with the new one. Returns a
 * new scenario.
 */
export function insertExpectation(scenario: Scenario, afterAction: number, expect: Expectation): Scenario {
  const steps = [...scenario.steps];
  let actions = -1;
  let at = 0;
  if (afterAction >= 0) {
    for (let i = 0; i < steps.length; i++) {
      if (!('expect' in steps[i])) actions++;
      if (actions === afterAction) {
        at = i + 1;
        break;
      }
      at = i + 1;
    }
  }
  const existing = steps[at];
  if (existing && 'expect' in existing) steps[at] = { ...existing, expect: { ...existing.expect, ...expect } };
  else steps.splice(at, 0, { expect });
  return { ...scenario, steps };
}

/** Adds (or replaces, by name) a scenario in a scenario file; creates the file when there is none. */
export function upsertScenario(file: ScenarioFile | null, flowId: string, scenario: Scenario): ScenarioFile {
  const base: ScenarioFile = file ?? { version: SCENARIO_FILE_VERSION, flow: flowId, scenarios: [] };
  const i = base.scenarios.findIndex((s) => s.name === scenario.name);
  const scenarios = [...base.scenarios];
  if (i >= 0) scenarios[i] = scenario;
  else scenarios.push(scenario);
  return { ...base, scenarios };
}
