/**
 * A conversation run on a virtual clock: the engine plus what the simulator does with its effects, playing
 * the runtime's part (it keeps the full transcript from `Step.transcript`, answers HTTP requests, fires
 * timers, and, like the runtime, ASSIGNS: when a handoff request asks for auto-assignment it picks an online
 * agent from `agents` and sends `agent_accepted` back to the engine).
 *
 * Used by the terminal simulator (`baton chat`), batch simulation (`baton simulate`), the studio and tests.
 * Pure: the clock is a number that only moves when `advance` is called; HTTP requests are answered by an
 * injected synchronous handler or left pending for the caller to answer with `send({type:'http_result', ...})`.
 */
import { receive, start } from '../engine/engine';
import type { ConversationState, Effect, EngineContext, Input, Step, TranscriptEntry } from '../engine/types';
import type { Flow } from '../flow/schema';
import type { AgentPresence } from '../handoff/types';
import { pickAgent } from '../handoff/assignment';
import { nextDueTimer } from './nextDueTimer';
import { shownButtons } from '../engine/shownButtons';

export type HttpEffect = Extract<Effect, { type: 'http_request' }>;
export type HttpResult = { ok: boolean; status: number; body: unknown };

/** An agent or runtime event without the ids the simulator fills in (current handoff, a fresh event id). */
export type AgentInput = Input extends infer I ? (I extends { handoffId: string; eventId: string } ? Omit<I, 'handoffId' | 'eventId'> : never) : never;

export interface SimulationOptions {
  /** Virtual clock start, ms since epoch. */
  now: number;
  /** Default 'sim'. */
  conversationId?: string;
  /** Agents' presence (who is online): the engine sees it for "nobody online", the simulator assigns from it. */
  agents?: AgentPresence[];
  /** Answers HTTP request effects at once; when absent they stay in `pendingHttp`. */
  http?: (request: HttpEffect) => HttpResult;
}

export interface Simulation {
  /** The flow the next input runs on (see `setFlow`). */
  readonly flow: Flow;
  state: ConversationState;
  now: number;
  /** Every step so far, oldest first. */
  readonly steps: Step[];
  /** The whole transcript (the state only keeps a window). */
  readonly transcript: TranscriptEntry[];
  /** HTTP requests waiting for an answer. */
  readonly pendingHttp: HttpEffect[];
  /** Effects the simulator carried out virtually (notifications, tickets, CSAT, handoff records), oldest first. */
  readonly effects: Effect[];
  /** Agents' presence (undefined: unknown, nobody is assigned automatically). */
  agents: AgentPresence[] | undefined;
  send(input: Input): Step[];
  /** An agent or runtime event about the current handoff; the simulator adds the handoff id and an event id. */
  agent(input: AgentInput): Step[];
  /** An agent takes over the live bot conversation (`agent_takeover`); the simulator adds an event id. */
  takeover(agentId: string, agentName: string): Step[];
  /** Customer types `text`; if it equals a label of the buttons shown last, it is sent as that button's click. */
  say(text: string): Step[];
  /** Moves the virtual clock forward by `ms`, firing due timers in order. */
  advance(ms: number): Step[];
  /** Buttons of the last bot message that had any, if still shown. */
  shownButtons(): { id: string; label: string }[];
  /**
   * Runs the next inputs on `flow` (the studio applies edits without losing the conversation). Like a redeploy:
   * when the block the conversation waits at is gone, the engine tells the customer and restarts at Start.
   */
  setFlow(flow: Flow): void;
}

/** Longest virtual-clock move accepted at once (100 years): beyond it dates stop being representable. */
export const MAX_ADVANCE_MS = 100 * 365 * 24 * 3_600_000;
/** The virtual clock stops at the end of year 9999 (JavaScript dates end in year 275760; ISO text at 9999). */
export const MAX_CLOCK_MS = Date.UTC(9999, 11, 31);

/**
 * Why the virtual clock cannot move from `now` to `at`, in words, or null when it can. The engine used to clamp a
 * longer move silently (asked for 2300, the clock read 2126) or throw "Invalid time value" past year 275760.
 */
export function clockMoveProblem(now: number, at: number): string | null {
  if (Number.isNaN(at)) return 'that is not a date and time the clock can show';
  if (at < now) return null; // going back is refused by the callers with their own words
  if (at - now > MAX_ADVANCE_MS) {
    const years = (at - now) / (365 * 86_400_000);
    return `the clock can move at most ${MAX_ADVANCE_MS / (365 * 86_400_000)} years at once${Number.isFinite(years) && years < 1e6 ? ` (asked for ${Math.round(years)} years)` : ''}; move it in steps`;
  }
  if (at > MAX_CLOCK_MS) return 'the clock cannot go past the year 9999';
  return null;
}

export function createSimulation(initialFlow: Flow, options: SimulationOptions): Simulation {
  let events = 0;
  let flow = initialFlow;
  const sim: Simulation = {
    get flow() {
      return flow;
    },
    state: undefined as unknown as ConversationState,
    now: options.now,
    steps: [],
    transcript: [],
    pendingHttp: [],
    effects: [],
    agents: options.agents,
    send(input) {
      return run((ctx) => receive(flow, sim.state, input, ctx));
    },
    agent(input) {
      const handoffId = sim.state.handoff?.id ?? '(no handoff)';
      events += 1;
      return sim.send({ ...input, handoffId, eventId: `${sim.state.id}:ev${events}` } as Input);
    },
    takeover(agentId, agentName) {
      events += 1;
      return sim.send({ type: 'agent_takeover', agentId, agentName, eventId: `${sim.state.id}:ev${events}` });
    },
    say(text) {
      const wanted = text.trim().toLowerCase();
      const button = sim.shownButtons().find((b) => b.label.trim().toLowerCase() === wanted);
      return sim.send(button ? { type: 'choice', buttonId: button.id } : { type: 'text', text });
    },
    advance(ms) {
      const until = sim.now + Math.min(MAX_ADVANCE_MS, Math.max(0, Number.isFinite(ms) ? ms : 0));
      const out: Step[] = [];
      // Fire due timers one at a time, in time order: a timer's step may set or cancel others.
      for (;;) {
        const due = nextDueTimer(sim.state.timers, until);
        if (!due) break;
        sim.now = Math.max(sim.now, due.at);
        out.push(...sim.send({ type: 'timer', timerId: due.id }));
        if (sim.state.timers.some((t) => t.id === due.id)) break; // the engine ignored it: do not spin
      }
      sim.now = until;
      return out;
    },
    shownButtons() {
      return shownButtons(sim.transcript, sim.state);
    },
    setFlow(next) {
      flow = next;
    },
  };

  function ctx(): EngineContext {
    return { now: sim.now, conversationId: options.conversationId ?? 'sim', agents: sim.agents };
  }

  function run(make: (c: EngineContext) => Step): Step[] {
    const out: Step[] = [];
    let step = make(ctx());
    for (let guard = 0; guard < 50; guard++) {
      sim.state = step.state;
      sim.steps.push(step);
      out.push(step);
      for (const entry of step.transcript) sim.transcript.push(entry);
      let next: Step | null = null;
      for (const effect of step.effects) {
        if (effect.type === 'http_request') {
          if (options.http) {
            const result = options.http(effect);
            const requestId = effect.requestId;
            next = receive(flow, sim.state, { type: 'http_result', requestId, ...result }, ctx());
          } else sim.pendingHttp.push(effect);
        } else if (effect.type !== 'set_timer' && effect.type !== 'cancel_timer') {
          sim.effects.push(effect);
          // The runtime's part: auto-assignment to an online agent.
          if (effect.type === 'handoff_request' && effect.autoAssign && sim.agents && !next) {
            const { agent } = pickAgent(sim.agents, {
              strategy: effect.autoAssign.strategy,
              maxChatsPerAgent: effect.autoAssign.maxChatsPerAgent,
              skill: effect.skill,
              language: effect.language,
              teams: effect.teams,
              agents: effect.agents,
            });
            if (agent) {
              events += 1;
              next = receive(
                flow,
                sim.state,
                // `auto: true` as `baton serve`'s agent hub sends it (session 42, newcomer s26 F12 / s28 N6): she is
                // assigned, the customer hears she will be with them shortly, and "joined" only when she opens the chat
                // (`agent_joined`) or writes.
                { type: 'agent_accepted', agentId: agent.id, agentName: agent.name, auto: true, handoffId: effect.handoff.id, eventId: `${sim.state.id}:ev${events}` },
                ctx(),
              );
            }
          }
        }
      }
      if (!next) break;
      step = next;
    }
    return out;
  }

  run((c) => start(flow, c));
  return sim;
}
