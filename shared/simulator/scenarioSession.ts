/**
 * A simulated conversation driven by scenario steps: what the studio's simulator panel, the scenario
 * runner and `baton test` all use. It wraps `createSimulation` (the engine on a virtual clock, playing the
 * runtime's part) and adds what a tester controls:
 *
 *   - virtual agents (virtualAgents.ts): who is online, busy or offline, their skills, languages, teams and
 *     capacity; auto-assignment picks among them with the runtime's own policy (`pickAgent`), and each
 *     assignment is explained (`assignments`);
 *   - the agent's actions: accept as X, say, private note, transfer to Y, decline, hand back, close;
 *   - the virtual clock: wait a duration, to the next timer, set a date and time, "outside business hours";
 *   - HTTP replies: mocks (by block, URL, method), a reply typed by the tester, or a timeout;
 *   - start at any block with variables already set.
 *
 * Every action is `apply(step)` with a scenario step (scenarioSchema.ts) and returns the engine steps it
 * caused, or `ok: false` with the reason in words (a button that is not shown, an agent who is offline,
 * an event the engine refused). Successful actions are kept in `log`, so `recordScenario` can turn the
 * session into a scenario. Pure: no clock, no network.
 */
import { parseZonedTime } from '../flow/zonedTime';
import type { Step } from '../engine/types';
import type { BlockOf, Flow, Value, Variable } from '../flow/schema';
import type { HandoffStatus } from '../handoff/types';
import { getBlockDefinition } from '../flow/blockRegistry';
import { takeoverRatesResolved } from '../flow/takeoverRatesResolved';
import { isOpen } from '../flow/openingHours';
import { assignmentRequest, takeoverTexts } from '../engine/humanTakeover';
import { pickAgent } from '../handoff/assignment';
import { maskAgentWords } from '../engine/customerSecrets';
import { tidyAgentText } from '../handoff/agentText';
import { clockMoveProblem, createSimulation, type HttpEffect, type HttpResult, type Simulation } from './createSimulation';
import { parseDuration } from './parseDuration';
import { formatClock } from './simulatorView';
import type { z } from 'zod';
import type { HttpMock, ScenarioStep, virtualAgentSchema } from './scenarioSchema';
import { closedTime, nextTimerAt } from './virtualClock';
import {
  agentIdFromName,
  agentReleasedChat,
  agentTookChat,
  assignVirtualAgent,
  findVirtualAgent,
  nobodyOnline,
  setAgentStatus,
  toPresence,
  virtualAgent,
  type VirtualAgent,
} from './virtualAgents';

export type ActionStep = Exclude<ScenarioStep, { expect: unknown }>;

export interface SessionSetup {
  /** Virtual clock start, ms since epoch. */
  now: number;
  /** Who is signed in; undefined: unknown (nobody is auto-assigned, "nobody online" is never assumed). */
  agents?: VirtualAgent[];
  /** Start at this block instead of Start. */
  startAt?: string;
  /** Variables set before the conversation starts. */
  variables?: Record<string, Value>;
  /** Replies to HTTP Request blocks, first match wins. */
  http?: HttpMock[];
  /** Unmatched HTTP calls: 'fail' (take the error exit; the default) or 'wait' (pending for `httpReply`). */
  httpDefault?: 'fail' | 'wait';
  conversationId?: string;
}

export interface ActionResult {
  ok: boolean;
  /** Why the action could not be done; nothing changed. */
  error?: string;
  /** Engine steps the action caused, in order. */
  steps: Step[];
}

export interface AgentNote {
  at: number;
  handoffId: string;
  agentId: string;
  agentName: string;
  text: string;
  /**
   * Session 50 (studio18, newcomer s49 N3): how many transcript entries existed when it was written, so the Chat tab shows
   * it in its place among the messages (as the inbox shows a private note), not only in the agent pane, which folds.
   */
  afterTranscript?: number;
}

export interface AssignmentRecord {
  at: number;
  /** The handoff assigned; null when the Human Takeover block left by `no_agent` before requesting one. */
  handoffId: string | null;
  agentId: string | null;
  /** Why this agent, or why nobody (from the runtime's assignment policy). */
  explanation: string;
  /** Set when no handoff was requested: the block left at once by this exit (`no_agent`), and which block. */
  exit?: 'no_agent';
  blockId?: string;
  /** How many handoff requests had been made before this record (to tell whether a later one superseded it). */
  requestsBefore?: number;
}

export interface ScenarioSession {
  /** The flow as run (Start rewired when `startAt` is set; preset variables as defaults). */
  readonly flow: Flow;
  /**
   * The designer edited the flow: the next input runs on `next`, the conversation goes on where it is (the
   * engine's redeploy recovery restarts it when the block it waits at is gone). Not a scenario step.
   */
  replaceFlow(next: Flow): ActionResult;
  readonly sim: Simulation;
  readonly setup: SessionSetup;
  /** The virtual clock, ms since epoch. */
  readonly now: number;
  readonly agents: VirtualAgent[] | undefined;
  /** Successful actions so far, in order. */
  readonly log: ActionStep[];
  /** Private notes the agent wrote (the customer never sees them). */
  readonly notes: AgentNote[];
  /** Every auto-assignment decision, with its explanation. */
  readonly assignments: AssignmentRecord[];
  /**
   * After each logged action: how many engine steps and transcript entries existed (parallel to `log`), so
   * the studio can tell which action produced a transcript entry (`actionOfTranscriptEntry`).
   */
  readonly marks: { steps: number; transcript: number }[];
  /** The same counts before the first action (what the bot said on its own at the start). */
  readonly started: { steps: number; transcript: number };
  /** HTTP requests no mock answered that wait for `{httpReply}` (or for their timeout), oldest first. */
  readonly waitingHttp: readonly HttpEffect[];
  apply(step: ActionStep): ActionResult;
  /** Blocks visited so far, in order. */
  visited(): string[];
}

const ENTRY_EDGE_ID = '__scenario_entry';

function inferType(v: Value): Variable['type'] {
  return typeof v === 'number' ? 'number' : typeof v === 'boolean' ? 'boolean' : 'string';
}

/**
 * The flow to run for a scenario that starts at `startAt` with `variables` set: the Start block's `next`
 * edge points at `startAt`, and each preset variable becomes that variable's default. Throws a readable
 * error when `startAt` is not a block of the flow.
 */
export function flowWithEntry(flow: Flow, startAt: string | undefined, variables: Record<string, Value> | undefined): Flow {
  if (!startAt && (!variables || Object.keys(variables).length === 0)) return flow;
  let { edges } = flow;
  if (startAt) {
    const start = flow.blocks.find((b) => getBlockDefinition(b.kind).isEntry);
    if (!flow.blocks.some((b) => b.id === startAt)) {
      const ids = flow.blocks.map((b) => b.id);
      throw new ScenarioSetupError(`"startAt": there is no block "${startAt}" in flow "${flow.id}" (blocks: ${ids.slice(0, 12).join(', ')}${ids.length > 12 ? ', ...' : ''})`);
    }
    if (start && start.id !== startAt) {
      edges = [...edges.filter((e) => e.from !== start.id), { id: ENTRY_EDGE_ID, from: start.id, exit: 'next', to: startAt }];
    }
  }
  let vars = flow.variables;
  if (variables) {
    vars = [...vars];
    for (const [name, value] of Object.entries(variables)) {
      const i = vars.findIndex((v) => v.name === name);
      if (i >= 0) vars[i] = { ...vars[i], default: value };
      else vars.push({ name, type: inferType(value), default: value });
    }
  }
  return { ...flow, edges, variables: vars };
}

/** A setup problem (unknown start block...): the scenario cannot run at all. */
export class ScenarioSetupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ScenarioSetupError';
  }
}

function mockMatches(mock: HttpMock, request: HttpEffect, blockId: string | null): boolean {
  if (mock.block !== undefined && mock.block !== blockId) return false;
  if (mock.url !== undefined && !request.url.includes(mock.url)) return false;
  if (mock.method !== undefined && mock.method.toUpperCase() !== request.method.toUpperCase()) return false;
  return true;
}

function resultOf(reply: { status?: number; ok?: boolean; body?: unknown }): HttpResult {
  const status = reply.status ?? 200;
  return { ok: reply.ok ?? (status >= 200 && status < 300), status, body: reply.body ?? {} };
}

const fmtTime = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');

/**
 * "Online: Ana (skills: returns), Ben (skills: none). Busy: Chloe. Offline: Dev." showing the attributes the
 * request filtered on (skills, languages, teams), so the designer sees why nobody matched.
 */
export function describeAgents(agents: readonly VirtualAgent[], req: { skill: string; language: string; teams: string[] }): string {
  if (agents.length === 0) return 'No virtual agents are set.';
  const attrs = (a: VirtualAgent) => {
    const parts: string[] = [];
    if (req.skill.trim()) parts.push(`skills: ${a.skills.join(', ') || 'none'}`);
    if (req.language.trim()) parts.push(`languages: ${a.languages.join(', ') || 'none'}`);
    if (req.teams.some((t) => t.trim())) parts.push(`teams: ${a.teams.join(', ') || 'none'}`);
    return parts.length ? `${a.name} (${parts.join('; ')})` : a.name;
  };
  const groups: [string, VirtualAgent[]][] = [
    ['Online', agents.filter((a) => a.status === 'online')],
    ['Busy', agents.filter((a) => a.status === 'busy')],
    ['Offline', agents.filter((a) => a.status === 'offline')],
  ];
  return groups
    .filter(([, list]) => list.length > 0)
    .map(([label, list]) => `${label}: ${(label === 'Online' ? list.map(attrs) : list.map((a) => a.name)).join(', ')}.`)
    .join(' ');
}

export function createScenarioSession(flow: Flow, setup: SessionSetup): ScenarioSession {
  let runFlow = flowWithEntry(flow, setup.startAt, setup.variables);
  let agents: VirtualAgent[] | undefined = setup.agents ? setup.agents.map((a) => ({ ...a })) : undefined;
  const log: ActionStep[] = [];
  const notes: AgentNote[] = [];
  const assignments: AssignmentRecord[] = [];
  /** Who declined each handoff (newcomer s26 F9): left out when the block picks again (reassignAfterDecline). */
  const declines = new Map<string, Set<string>>();
  const marks: { steps: number; transcript: number }[] = [];
  /** HTTP requests that will never be answered by a mock (timeouts), or wait for the tester. */
  const held: HttpEffect[] = [];
  let lastStatus: HandoffStatus | null = null;
  let lastAgent: string | null = null;

  const sim = createSimulation(runFlow, {
    now: setup.now,
    conversationId: setup.conversationId ?? 'scenario',
    agents: agents ? toPresence(agents) : undefined,
  });

  /**
   * A Human Takeover block the engine left by `no_agent` in this step without requesting a handoff (out of
   * hours, or nobody among the known agents could take it): record why, in words, with who was there.
   */
  function explainImmediateNoAgent(step: Step): void {
    if (step.effects.some((e) => e.type === 'handoff_request')) return;
    for (const id of new Set(step.visited)) {
      const block = runFlow.blocks.find((b) => b.id === id);
      // The registry knows which kind hands over (the escalation policy's target): the Human Takeover.
      if (!block || !getBlockDefinition(block.kind).isHandoffTarget) continue;
      if (step.state.waiting?.blockId === id) continue; // it stayed (asking its questions)
      const said = step.transcript.filter((t) => t.from === 'bot' && t.blockId === id);
      if (said.length === 0) continue;
      const d = (block as BlockOf<'human_takeover'>).data;
      let explanation: string | null = null;
      if (d.assignation === 'custom' && d.availability && !isOpen(d.availability, sim.now)) {
        explanation = `Out of hours: no handoff was requested. It is ${formatClock(sim.now, d.availability.timezone)}, outside this block's opening hours.`;
      } else if (agents && said.some((t) => t.text === takeoverTexts.noAgent)) {
        const req = assignmentRequest(d, true);
        const r = pickAgent(toPresence(agents), req);
        if (r.agent) continue;
        explanation = `No handoff was requested. ${r.explanation} ${describeAgents(agents, req)}`;
      }
      if (explanation) {
        const requestsBefore = sim.effects.filter((e) => e.type === 'handoff_request').length;
        assignments.push({ at: sim.now, handoffId: null, agentId: null, explanation: `${explanation} The block took its “No agent” exit.`, exit: 'no_agent', blockId: id, requestsBefore });
      }
    }
  }

  /** Bookkeeping for one engine step: explain assignments and count each agent's chats. */
  function track(step: Step): void {
    explainImmediateNoAgent(step);
    for (const e of step.effects) {
      if (e.type === 'handoff_request' && e.autoAssign && agents) {
        const r = assignVirtualAgent(agents, {
          strategy: e.autoAssign.strategy,
          maxChatsPerAgent: e.autoAssign.maxChatsPerAgent,
          skill: e.skill,
          language: e.language,
          teams: e.teams,
          agents: e.agents,
        });
        assignments.push({ at: sim.now, handoffId: e.handoff.id, agentId: r.agent?.id ?? null, explanation: r.explanation });
      }
      if (e.type === 'handoff_update' || e.type === 'handoff_request') {
        const h = e.handoff;
        if (agents && lastStatus === 'assigned' && lastAgent && (h.status !== 'assigned' || h.agentId !== lastAgent)) {
          agents = agentReleasedChat(agents, lastAgent);
        }
        if (agents && h.status === 'assigned' && h.agentId && (lastStatus !== 'assigned' || lastAgent !== h.agentId)) {
          agents = agentTookChat(agents, h.agentId, sim.now);
        }
        lastStatus = h.status;
        lastAgent = h.agentId;
      }
    }
    if (agents) sim.agents = toPresence(agents);
  }

  /** After engine steps: bookkeeping, then answer HTTP calls from the mocks (which may cause more steps). */
  function after(steps: Step[]): Step[] {
    const out = [...steps];
    let i = 0;
    for (;;) {
      for (; i < out.length; i++) track(out[i]);
      const request = sim.pendingHttp.shift();
      if (!request) break;
      const w = sim.state.waiting;
      const blockId = w && w.kind === 'http' && w.requestId === request.requestId ? w.blockId : null;
      const mock = (setup.http ?? []).find((m) => mockMatches(m, request, blockId));
      if (mock?.timeout || (!mock && setup.httpDefault === 'wait')) {
        held.push(request);
        continue;
      }
      const result: HttpResult = mock ? resultOf(mock) : { ok: false, status: 0, body: null };
      out.push(...sim.send({ type: 'http_result', requestId: request.requestId, ...result }));
    }
    return out;
  }

  const fail = (error: string): ActionResult => ({ ok: false, error, steps: [] });

  function engine(steps: Step[]): ActionResult {
    const refused = steps.find((s) => s.rejected);
    const all = after(steps);
    if (refused && steps.length === 1) return { ok: false, error: `the engine refused it: ${refused.rejected!.reason}`, steps: all };
    return { ok: true, steps: all };
  }

  function moveClockTo(at: number, what: string): ActionResult {
    const problem = clockMoveProblem(sim.now, at);
    if (problem) return fail(`${what}: ${problem}`);
    return engine(sim.advance(at - sim.now));
  }

  function currentAgent(): { id: string; name: string } | string {
    const h = sim.state.handoff;
    if (!h || (sim.state.mode !== 'agent' && sim.state.mode !== 'waiting')) return 'no chat is with an agent: the bot is handling this conversation';
    if (h.status !== 'assigned' || !h.agentId) return 'no agent has accepted this chat yet: accept it first';
    return { id: h.agentId, name: h.agentName ?? h.agentId };
  }

  /** The virtual agent called `who` (id or name); when no agents are configured, anyone by that name. */
  function resolveAgent(who: string | undefined, forWhat: string): { id: string; name: string } | string {
    if (!agents) {
      if (!who) return `${forWhat}: say who ("as": "Ana"), no virtual agents are set for this scenario`;
      return { id: agentIdFromName(who), name: who };
    }
    if (!who) {
      const first = agents.find((a) => a.status === 'online');
      return first ? { id: first.id, name: first.name } : `${forWhat}: no virtual agent is online`;
    }
    const a = findVirtualAgent(agents, who);
    if (!a) return `${forWhat}: there is no virtual agent "${who}" (agents: ${agents.map((x) => x.name).join(', ') || 'none'})`;
    if (a.status !== 'online') return `${forWhat}: ${a.name} is ${a.status}; set them online first ({"online": ["${a.name}"]})`;
    return { id: a.id, name: a.name };
  }

  function doAgent(step: Extract<ActionStep, { agent: unknown }>): ActionResult {
    switch (step.agent) {
      case 'accept': {
        const who = resolveAgent(step.as, 'accept');
        if (typeof who === 'string') return fail(who);
        return engine(sim.agent({ type: 'agent_accepted', agentId: who.id, agentName: who.name }));
      }
      case 'takeover': {
        // An agent takes the live bot conversation over (the inbox's "Take over"; `/takeover` in baton chat).
        const who = resolveAgent(step.as, 'takeover');
        if (typeof who === 'string') return fail(who);
        return engine(sim.takeover(who.id, who.name));
      }
      case 'open': {
        // Session 42 (sim; newcomer s26 F12 / s28 N6 rest): an automatic assignment gives the chat to her, the customer
        // hears she will be with them shortly, and "joined" when she opens it (the inbox) or writes, as `baton serve` does.
        const who = currentAgent();
        if (typeof who === 'string') return fail(who);
        if (sim.state.handoff?.joined !== false) return fail(`${who.name} has the chat open already`);
        return engine(sim.agent({ type: 'agent_joined', agentId: who.id }));
      }
      case 'say': {
        const who = currentAgent();
        if (typeof who === 'string') return fail(who);
        const text = tidyAgentText(step.text ?? '');
        if (text === '') return fail('say: the message is empty (only spaces or blank lines); the customer would get an empty bubble');
        return engine(sim.agent({ type: 'agent_message', agentId: who.id, agentName: who.name, text }));
      }
      case 'note': {
        const h = sim.state.handoff;
        const who = currentAgent();
        if (typeof who === 'string' || !h) return fail(typeof who === 'string' ? who : 'no handoff');
        // Masked as `baton serve` masks a private note (hostile s18 #23: one rule for the server, baton chat and the studio).
        // Session 50 (studio18, hostile s49 L7): blank lines tidied as `baton serve` stores them (agentText.ts); a note of
        // nothing visible is refused.
        const text = tidyAgentText(step.text ?? '');
        if (text === '') return fail('note: the note is empty (only spaces or blank lines); write something');
        notes.push({ at: sim.now, handoffId: h.id, agentId: who.id, agentName: who.name, text: maskAgentWords({ text }).input.text, afterTranscript: sim.transcript.length });
        return { ok: true, steps: [] };
      }
      case 'transfer': {
        const from = currentAgent();
        if (typeof from === 'string') return fail(from);
        const to = resolveAgent(step.to, 'transfer');
        if (typeof to === 'string') return fail(to);
        if (to.id === from.id) return fail(`transfer: the chat is already with ${from.name}`);
        const note = step.note ?? `Transferred by ${from.name} to ${to.name}`;
        // Session 43 (studio5, newcomer s42 N6): as `baton serve` transfers (runtime/agents/agentRoutes.ts), the customer is
        // told who moves them to whom ("Ana is transferring you to Ben"), not "I am finding someone else", and the agent
        // pane's assignment line says it was a transfer (it kept "Least busy: Ana ..." under Ben's assignment).
        const declined = engine(sim.agent({ type: 'agent_declined', agentId: from.id, note, cause: 'transfer', transfer: { by: from.name, to: to.name } }));
        if (!declined.ok) return declined;
        const h = sim.state.handoff;
        if (h) assignments.push({ at: sim.now, handoffId: h.id, agentId: to.id, explanation: `${from.name} transferred the chat to ${to.name}${step.note ? `: ${step.note}` : '.'}` });
        // As `baton serve` transfers to a colleague: she is given the chat, and joins when she opens it or writes.
        const accepted = engine(sim.agent({ type: 'agent_accepted', agentId: to.id, agentName: to.name, auto: true }));
        return { ok: accepted.ok, error: accepted.error, steps: [...declined.steps, ...accepted.steps] };
      }
      case 'resolve': {
        // The inbox's Resolve (runtime/agents/agentRoutes.ts): when the block's resolved exit asks for a rating, the
        // customer is asked it first (a hand back that then closes), else the chat closes at once.
        const who = currentAgent();
        if (typeof who === 'string') return fail(who);
        const w = sim.state.waiting;
        const rates = w?.kind === 'handoff' && takeoverRatesResolved(runFlow, w.blockId);
        const note = step.note === undefined ? {} : { note: step.note };
        return engine(sim.agent(rates ? { type: 'agent_handback', agentId: who.id, closes: true, ...note } : { type: 'agent_closed', agentId: who.id, ...note }));
      }
      case 'decline':
      case 'handback':
      case 'close': {
        const who = currentAgent();
        if (typeof who === 'string') return fail(who);
        const type = step.agent === 'decline' ? 'agent_declined' : step.agent === 'handback' ? 'agent_handback' : 'agent_closed';
        const done = engine(sim.agent(step.note === undefined ? { type, agentId: who.id } : { type, agentId: who.id, note: step.note }));
        return done.ok && type === 'agent_declined' ? reassignAfterDecline(who, done) : done;
      }
    }
  }

  /**
   * Session 26 (newfix, newcomer s26 F9): after a decline, a block that assigns automatically picks again by its mode
   * among the other virtual agents (everyone who declined this handoff left out), as `baton serve`'s agent hub does;
   * the assignment line says who declined and who has the chat now, or why it waits in the queue.
   */
  function reassignAfterDecline(who: { id: string; name: string }, done: ActionResult): ActionResult {
    const h = sim.state.handoff;
    if (!agents || !h || h.status !== 'pending' || sim.state.mode !== 'waiting') return done;
    const request = sim.effects.find((e) => e.type === 'handoff_request' && e.handoff.id === h.id);
    if (!request || request.type !== 'handoff_request' || !request.autoAssign) return done;
    const declinedBy = declines.get(h.id) ?? new Set<string>();
    declinedBy.add(who.id);
    declines.set(h.id, declinedBy);
    const names = [...declinedBy].map((id) => agents!.find((a) => a.id === id)?.name ?? id);
    const declinedWords = `${names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names.at(-1)}` : names[0]} declined.`;
    const r = assignVirtualAgent(
      agents.filter((a) => !declinedBy.has(a.id)),
      {
        strategy: request.autoAssign.strategy,
        maxChatsPerAgent: request.autoAssign.maxChatsPerAgent,
        skill: request.skill,
        language: request.language,
        teams: request.teams,
        agents: request.agents,
      },
    );
    if (!r.agent) {
      assignments.push({ at: sim.now, handoffId: h.id, agentId: null, explanation: `${declinedWords} Nobody else can take it now, so the chat waits in the queue (any agent can still accept it). ${r.explanation}` });
      return done;
    }
    assignments.push({ at: sim.now, handoffId: h.id, agentId: r.agent.id, explanation: `${declinedWords} ${r.explanation}` });
    const accepted = engine(sim.agent({ type: 'agent_accepted', agentId: r.agent.id, agentName: r.agent.name, auto: true }));
    return { ok: true, steps: [...done.steps, ...accepted.steps] };
  }

  function setAgents(next: VirtualAgent[] | { agents: VirtualAgent[]; unknown: string[] }): ActionResult {
    if (Array.isArray(next)) agents = next;
    else {
      if (next.unknown.length) return fail(`there is no virtual agent ${next.unknown.map((n) => `"${n}"`).join(', ')} (agents: ${(agents ?? []).map((a) => a.name).join(', ') || 'none'})`);
      agents = next.agents;
    }
    sim.agents = toPresence(agents);
    return { ok: true, steps: [] };
  }

  function doApply(step: ActionStep): ActionResult {
    if ('say' in step) return engine(sim.say(step.say));
    if ('set' in step) {
      // What the tester does in the debug drawer: the variables change as if the flow had set them.
      sim.state = { ...sim.state, variables: { ...sim.state.variables, ...step.set } };
      return { ok: true, steps: [] };
    }
    if ('click' in step) {
      const shown = sim.shownButtons();
      const wanted = step.click.trim().toLowerCase();
      const button = shown.find((b) => b.id === step.click) ?? shown.find((b) => b.label.trim().toLowerCase() === wanted);
      if (!button) {
        return fail(shown.length ? `no button "${step.click}" is shown (shown: ${shown.map((b) => `"${b.label}"`).join(', ')})` : `no button "${step.click}" is shown: no buttons are on screen`);
      }
      return engine(sim.send({ type: 'choice', buttonId: button.id }));
    }
    if ('agent' in step) return doAgent(step);
    if ('noAgent' in step) return engine(sim.agent(typeof step.noAgent === 'string' ? { type: 'no_agent', note: step.noAgent } : { type: 'no_agent' }));
    if ('wait' in step) {
      if (step.wait === 'next_timer') {
        const at = nextTimerAt(sim.state);
        if (at === null) return fail('wait next_timer: no timer is set (no queue timeout, waiting email or HTTP deadline is pending)');
        return moveClockTo(Math.max(at, sim.now), 'wait next_timer');
      }
      const ms = parseDuration(step.wait);
      if (ms === null) return fail(`wait: "${step.wait}" is not a duration`);
      return moveClockTo(sim.now + ms, `wait ${step.wait}`);
    }
    if ('setTime' in step) {
      const read = parseZonedTime(step.setTime, runFlow.settings.timezone);
      if (!read.ok) return fail(`setTime: ${read.message}`);
      const at = read.at;
      if (at < sim.now) return fail(`setTime: the virtual clock cannot go back (it is ${fmtTime(sim.now)}, asked for ${fmtTime(at)})`);
      return moveClockTo(at, 'setTime');
    }
    if ('outsideBusinessHours' in step) {
      const c = closedTime(runFlow, sim.now);
      if (!c.ok) return fail(`outsideBusinessHours: ${c.reason}`);
      return moveClockTo(c.at, 'outsideBusinessHours');
    }
    if ('agents' in step) return setAgents(step.agents.map((a) => virtualAgentFrom(a)));
    if ('online' in step) return setAgents(setAgentStatus(agents ?? [], step.online, 'online'));
    if ('busy' in step) return setAgents(setAgentStatus(agents ?? [], step.busy, 'busy'));
    if ('offline' in step) return setAgents(setAgentStatus(agents ?? [], step.offline, 'offline'));
    if ('nobodyOnline' in step) return setAgents(nobodyOnline(agents ?? []));
    if ('httpReply' in step) {
      const request = held.shift();
      if (!request) return fail('httpReply: no HTTP request is waiting for a reply');
      return engine(sim.send({ type: 'http_result', requestId: request.requestId, ...resultOf(step.httpReply) }));
    }
    if ('leave' in step) return engine(sim.send({ type: 'customer_left' }));
    return fail(`unknown step ${JSON.stringify(step)}`);
  }

  const session: ScenarioSession = {
    get flow() {
      return runFlow;
    },
    replaceFlow(next) {
      try {
        runFlow = flowWithEntry(next, setup.startAt, setup.variables);
      } catch (e) {
        return { ok: false, error: e instanceof Error ? e.message : String(e), steps: [] };
      }
      sim.setFlow(runFlow);
      return { ok: true, steps: [] };
    },
    sim,
    setup,
    get now() {
      return sim.now;
    },
    get agents() {
      return agents;
    },
    log,
    notes,
    assignments,
    waitingHttp: held,
    marks,
    started: { steps: 0, transcript: 0 },
    apply(step) {
      let r: ActionResult;
      try {
        r = doApply(step);
      } catch (e) {
        // An engine error (a flow the validator should have refused): said in words, never thrown at the panel.
        // Cut: an engine error may quote a huge value (V8 quoted a 99 KB regular expression, hostile s5).
        const message = e instanceof Error ? e.message : String(e);
        r = fail(`the engine failed: ${message.length > 300 ? `${message.slice(0, 300)}… (${message.length} characters)` : message}`);
      }
      if (r.ok) {
        log.push(step);
        marks.push({ steps: sim.steps.length, transcript: sim.transcript.length });
      }
      return r;
    },
    visited() {
      return sim.steps.flatMap((s) => s.visited);
    },
  };
  after(sim.steps.slice());
  (session as { started: { steps: number; transcript: number } }).started = { steps: sim.steps.length, transcript: sim.transcript.length };
  return session;
}

/** A virtual agent from its scenario-file form. */
export function virtualAgentFrom(a: z.infer<typeof virtualAgentSchema>): VirtualAgent {
  return virtualAgent(a);
}

/**
 * Which logged action produced the transcript entry at `index` (0-based index into `sim.transcript`):
 * the action's index in `log`, or -1 for what the bot said before the first action.
 */
export function actionOfTranscriptEntry(session: ScenarioSession, index: number): number {
  if (index < session.started.transcript) return -1;
  for (let i = 0; i < session.marks.length; i++) if (index < session.marks[i].transcript) return i;
  return session.marks.length - 1;
}

/** What a returning customer brings along: the contact details the bot already learnt. */
const CUSTOMER_VARIABLES = ['customerName', 'customerEmail', 'customerPhone'] as const;

/**
 * The panel's "restart": a fresh conversation on `flow` with the same setup (agents as they are now, clock
 * where it is, start block, preset variables, HTTP mocks). As the same customer, the contact details the
 * bot learnt are kept as preset variables; as a new customer, none are (even preset ones). The conversation id changes, as
 * a real new conversation's would.
 */
/**
 * A new conversation after `session`: its agents and clock (or the clock at `now`: the studio's Restart starts again at
 * the setup's time, newcomer s28 N9), the contact details the bot learnt only for the same customer.
 */
export function restartSession(session: ScenarioSession, flow: Flow, as: 'same_customer' | 'new_customer', now: number = session.now): ScenarioSession {
  const variables: Record<string, Value> = { ...(session.setup.variables ?? {}) };
  const v = session.sim.state.variables;
  for (const name of CUSTOMER_VARIABLES) {
    if (as === 'new_customer') delete variables[name];
    else if (v[name] !== undefined && v[name] !== null) variables[name] = v[name];
  }
  const base = (session.setup.conversationId ?? 'scenario').replace(/~\d+$/, '');
  const n = Number(/~(\d+)$/.exec(session.setup.conversationId ?? '')?.[1] ?? 0) + 1;
  return createScenarioSession(flow, {
    ...session.setup,
    now,
    agents: session.agents?.map((a) => ({ ...a })),
    variables,
    conversationId: `${base}~${n}`,
  });
}
