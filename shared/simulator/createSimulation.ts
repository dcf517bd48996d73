/**
 * A conversation run on a virtual clock: the engine plus what the simulator does with its effects.
 *
 * Used by the terminal simulator (`baton chat`), batch simulation (`baton simulate`) and tests. Pure: the
 * clock is a number that only moves when `advance` is called; HTTP requests are answered by an injected
 * synchronous handler or left pending for the caller to answer with `send({type:'http_result', ...})`.
 */
import { receive, start } from '../engine/engine';
import type { ConversationState, Effect, EngineContext, Input, Step } from '../engine/types';
import type { Flow } from '../flow/schema';
import type { AgentPresence } from '../handoff/types';
import { nextDueTimer } from './nextDueTimer';
import { shownButtons } from './shownButtons';

export type HttpEffect = Extract<Effect, { type: 'http_request' }>;
export type HttpResult = { ok: boolean; status: number; body: unknown };

export interface SimulationOptions {
  /** Virtual clock start, ms since epoch. */
  now: number;
  conversationId?: string;
  /** Agents' presence the engine sees (enables auto-assignment and `no_agent`). */
  agents?: AgentPresence[];
  /** Answers HTTP request effects at once; when absent they stay in `pendingHttp`. */
  http?: (request: HttpEffect) => HttpResult;
}

export interface Simulation {
  readonly flow: Flow;
  state: ConversationState;
  now: number;
  /** Every step so far, oldest first. */
  readonly steps: Step[];
  /** HTTP requests waiting for an answer. */
  readonly pendingHttp: HttpEffect[];
  /** Effects the simulator carried out virtually (notifications, tickets, CSAT, handoff records), oldest first. */
  readonly effects: Effect[];
  send(input: Input): Step[];
  /** Customer types `text`; if it equals a label of the buttons shown last, it is sent as that button's click. */
  say(text: string): Step[];
  /** Moves the virtual clock forward by `ms`, firing due timers in order. */
  advance(ms: number): Step[];
  /** Buttons of the last bot message that had any, if still shown. */
  shownButtons(): { id: string; label: string }[];
}

export function createSimulation(flow: Flow, options: SimulationOptions): Simulation {
  const sim: Simulation = {
    flow,
    state: undefined as unknown as ConversationState,
    now: options.now,
    steps: [],
    pendingHttp: [],
    effects: [],
    send(input) {
      return run((ctx) => receive(flow, sim.state, input, ctx));
    },
    say(text) {
      const wanted = text.trim().toLowerCase();
      const button = sim.shownButtons().find((b) => b.label.trim().toLowerCase() === wanted);
      return sim.send(button ? { type: 'choice', buttonId: button.id } : { type: 'text', text });
    },
    advance(ms) {
      const until = sim.now + Math.max(0, ms);
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
      return shownButtons(sim.state);
    },
  };

  function ctx(): EngineContext {
    return { now: sim.now, conversationId: options.conversationId, agents: options.agents };
  }

  function run(make: (c: EngineContext) => Step): Step[] {
    const out: Step[] = [];
    let step = make(ctx());
    for (let guard = 0; guard < 50; guard++) {
      sim.state = step.state;
      sim.steps.push(step);
      out.push(step);
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
