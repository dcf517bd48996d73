/**
 * A small driver for engine tests (and the CLI / property tests): plays the customer, the agent, the
 * runtime (HTTP replies, "no agent") and the clock against `start`/`receive`, and keeps every step.
 *
 *   const c = converse(flow, { now });
 *   c.say('hi'); c.click('opt1'); c.agent.accept('a1', 'Ana'); c.wait('10m');
 *   c.lastBotText(); c.mode(); c.effects();
 *
 * Every state is deep-frozen before it is handed back to the engine (unless `freeze: false`), so any
 * mutation of an input state throws in tests.
 */
import { nextDueTimer } from '../../../shared/simulator/nextDueTimer';
import { parseDuration } from '../../../shared/simulator/parseDuration';
import { flowSchema, type Flow, type FlowInput } from '../../../shared/flow/schema';
import { receive, start } from '../../../shared/engine/engine';
import type { Button, ConversationState, Effect, Input, OutMessage, Step, TranscriptEntry } from '../../../shared/engine/types';
import { pickAgent } from '../../../shared/handoff/assignment';
import type { AgentPresence } from '../../../shared/handoff/types';

export interface ConverseOptions {
  /** Start time, ms since epoch (default 2024-01-15T10:00:00Z, a Monday). */
  now?: number;
  agents?: AgentPresence[];
  conversationId?: string;
  /** Deep-freeze states between steps (default true). */
  freeze?: boolean;
}

export const DEFAULT_NOW = Date.UTC(2024, 0, 15, 10, 0, 0);

export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value as Record<string, unknown>)) deepFreeze(v);
  }
  return value;
}

/** "10m", "30s", "2h", "1500ms" or a number of milliseconds. */
export function durationMs(d: string | number): number {
  if (typeof d === 'number') return d;
  const ms = parseDuration(d);
  if (ms === null) throw new Error(`Unknown duration "${d}": use e.g. "30s", "10m" or "2h".`);
  return ms;
}

export interface Conversation {
  readonly flow: Flow;
  readonly now: number;
  readonly state: ConversationState;
  readonly steps: Step[];
  readonly lastStep: Step;
  send(input: Input): Step;
  say(text: string): Step;
  /** Clicks a button on screen by id (or, failing that, by its label). */
  click(buttonIdOrLabel: string): Step;
  /** Replies to the pending HTTP request. */
  http(ok: boolean, body?: unknown, status?: number): Step;
  timer(timerId: string): Step;
  /** Advances the clock, firing every timer that falls due (in order, each at its own time). */
  wait(duration: string | number): Step[];
  leave(): Step;
  noAgent(note?: string): Step;
  setAgents(agents: AgentPresence[] | undefined): void;
  agent: {
    accept(agentId?: string, agentName?: string): Step;
    say(text: string, agentId?: string): Step;
    decline(note?: string, transfer?: { by: string; to: string }): Step;
    handback(note?: string): Step;
    close(note?: string): Step;
  };
  /** Every transcript entry so far (Step.transcript of every step, in order): the runtime's log. */
  transcript(): TranscriptEntry[];
  mode(): ConversationState['mode'];
  variables(): ConversationState['variables'];
  /** Every message shown so far, in order. */
  messages(): OutMessage[];
  botTexts(): string[];
  lastBotText(): string | null;
  /** Buttons of the last message that had any. */
  lastButtons(): Button[];
  /** Every effect so far (optionally of one type), in order, without idempotency keys (see `plain`). */
  effects<T extends Effect['type']>(type?: T): Extract<Effect, { type: T }>[];
}

/** Effects without their idempotency keys, for comparing what an effect does (keys are tested on their own). */
export function plain(effects: readonly Effect[]): Effect[] {
  return effects.map(({ idempotencyKey: _k, ...rest }) => rest as Effect);
}

export function converse(flowInput: Flow | FlowInput, opts: ConverseOptions = {}): Conversation {
  const flow = flowSchema.parse(flowInput) as Flow;
  const freeze = opts.freeze ?? true;
  if (freeze) deepFreeze(flow);
  let now = opts.now ?? DEFAULT_NOW;
  let agents = opts.agents;
  let agentId = 'a1';
  let agentName = 'Ana';
  const steps: Step[] = [];

  let events = 0;
  const eventIds = () => ({ handoffId: steps[steps.length - 1].state.handoff?.id ?? 'none', eventId: `ev${++events}` });
  const record = (step: Step): Step => {
    if (freeze) deepFreeze(step.state);
    steps.push(step);
    // The runtime's part: the engine requests auto-assignment, the runtime picks an online agent.
    const req = step.effects.find((e) => e.type === 'handoff_request');
    if (req && req.type === 'handoff_request' && req.autoAssign && agents) {
      const { agent } = pickAgent(agents, { ...req.autoAssign, skill: req.skill, language: req.language, teams: req.teams, agents: req.agents });
      if (agent) {
        agentId = agent.id;
        agentName = agent.name;
        return record(receive(flow, step.state, { type: 'agent_accepted', agentId: agent.id, agentName: agent.name, handoffId: req.handoff.id, eventId: `ev${++events}` }, { now, agents }));
      }
    }
    return step;
  };
  record(start(flow, { now, conversationId: opts.conversationId ?? 'c1', agents }));

  const state = () => steps[steps.length - 1].state;
  const send = (input: Input) => record(receive(flow, state(), input, { now, agents }));
  const allMessages = () => steps.flatMap((s) => s.messages);

  const c: Conversation = {
    flow,
    get now() {
      return now;
    },
    get state() {
      return state();
    },
    steps,
    get lastStep() {
      return steps[steps.length - 1];
    },
    send,
    say: (text) => send({ type: 'text', text }),
    click(idOrLabel) {
      const buttons = c.lastButtons();
      const byId = buttons.find((b) => b.id === idOrLabel);
      const byLabel = buttons.find((b) => b.label.toLowerCase() === idOrLabel.toLowerCase());
      return send({ type: 'choice', buttonId: (byId ?? byLabel)?.id ?? idOrLabel });
    },
    http(ok, body = {}, status = ok ? 200 : 500) {
      const w = state().waiting;
      const requestId = w?.kind === 'http' ? w.requestId : 'none';
      return send({ type: 'http_result', requestId, ok, status, body });
    },
    timer: (timerId) => send({ type: 'timer', timerId }),
    wait(duration) {
      const until = now + durationMs(duration);
      const fired: Step[] = [];
      for (;;) {
        const due = nextDueTimer(state().timers, until);
        if (!due) break;
        now = Math.max(now, due.at);
        const before = state();
        const step = send({ type: 'timer', timerId: due.id });
        fired.push(step);
        if (step.state === before) break; // the engine ignored it; do not spin
      }
      now = until;
      return fired;
    },
    leave: () => send({ type: 'customer_left' }),
    noAgent: (note) => send(note === undefined ? { type: 'no_agent', ...eventIds() } : { type: 'no_agent', note, ...eventIds() }),
    setAgents(a) {
      agents = a;
    },
    agent: {
      accept(id = 'a1', name = 'Ana') {
        agentId = id;
        agentName = name;
        return send({ type: 'agent_accepted', agentId: id, agentName: name, ...eventIds() });
      },
      say: (text, id = agentId) => send({ type: 'agent_message', agentId: id, agentName, text, ...eventIds() }),
      decline: (note, transfer) => send({ type: 'agent_declined', agentId, note, ...(transfer ? { transfer } : {}), ...eventIds() }),
      handback: (note) => send({ type: 'agent_handback', agentId, note, ...eventIds() }),
      close: (note) => send({ type: 'agent_closed', agentId, note, ...eventIds() }),
    },
    transcript: () => steps.flatMap((s) => s.transcript),
    mode: () => state().mode,
    variables: () => state().variables,
    messages: allMessages,
    botTexts: () => allMessages().filter((m) => m.from === 'bot').map((m) => m.text),
    lastBotText() {
      const texts = c.botTexts();
      return texts.length ? texts[texts.length - 1] : null;
    },
    lastButtons() {
      const withButtons = allMessages().filter((m) => m.buttons && m.buttons.length > 0);
      return withButtons.length ? withButtons[withButtons.length - 1].buttons! : [];
    },
    effects<T extends Effect['type']>(type?: T) {
      const all = steps.flatMap((s) => plain(s.effects));
      return (type ? all.filter((e) => e.type === type) : all) as Extract<Effect, { type: T }>[];
    },
  };
  return c;
}

/** One block for `makeFlow`: `data` may leave out anything with a default. */
export interface BlockSpec {
  id: string;
  kind: string;
  data?: Record<string, unknown>;
}

/**
 * Builds a parsed flow from blocks and `[from, exit, to]` edges. A start block `start` wired to the first
 * listed block is added when none is given.
 */
export function makeFlow(
  blocks: BlockSpec[],
  edges: [string, string, string][],
  extra: Partial<Omit<FlowInput, 'blocks' | 'edges'>> = {},
): Flow {
  const hasStart = blocks.some((b) => b.kind === 'start');
  const allBlocks = hasStart ? blocks : [{ id: 'start', kind: 'start' }, ...blocks];
  const allEdges = hasStart || blocks.length === 0 ? edges : [['start', 'next', blocks[0].id] as [string, string, string], ...edges];
  return flowSchema.parse({
    version: 1,
    id: 'test-flow',
    name: 'Test flow',
    ...extra,
    blocks: allBlocks.map((b) => ({ id: b.id, kind: b.kind, data: b.data ?? {} })),
    edges: allEdges.map(([from, exit, to], i) => ({ id: `e${i}`, from, exit, to })),
  }) as Flow;
}
