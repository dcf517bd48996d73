/**
 * Property test: thousands of random customer messages, button clicks, agent events and clock moves on every
 * sample flow. Nothing may throw, every state must survive a JSON round trip and match the persisted-state
 * schema, and the same inputs on the same clock must give the same outputs.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { conversationStateSchema } from '../../../shared/engine/conversationStateSchema';
import type { Input, Step } from '../../../shared/engine/types';
import { loadFlowText } from '../../../shared/flow/loadFlowText';
import type { Flow } from '../../../shared/flow/schema';
import { createSimulation, type AgentInput } from '../../../shared/simulator/createSimulation';
import { messagePool } from '../../bench/conversationGenerator';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const flowNames = ['customer-support', 'travel-urgency', 'lead-gen', 'insurance-claims'];
const flows: [string, Flow][] = flowNames.map((name) => {
  const loaded = loadFlowText(readFileSync(`${root}flows/${name}.json`, 'utf8'));
  if (!loaded.ok || !loaded.flow) throw new Error(`flows/${name}.json is invalid`);
  return [name, loaded.flow];
});

const NOW = Date.parse('2026-11-24T10:00:00Z');

type Command =
  | { kind: 'say'; text: string }
  | { kind: 'click'; index: number }
  | { kind: 'wait'; ms: number }
  | { kind: 'agent'; input: AgentInput }
  | { kind: 'raw'; input: Input }
  | { kind: 'http'; ok: boolean };

const agentInputs: AgentInput[] = [
  { type: 'agent_accepted', agentId: 'a1', agentName: 'Ana' },
  { type: 'agent_accepted', agentId: 'a2', agentName: 'Bo' },
  { type: 'agent_message', agentId: 'a1', agentName: 'Ana', text: 'Hello, I can see your order.' },
  { type: 'agent_declined', agentId: 'a1' },
  { type: 'agent_handback', agentId: 'a1' },
  { type: 'agent_closed', agentId: 'a1' },
  { type: 'no_agent' },
  // Session 29 (newcomer s28 N6): an automatic assignment (not joined yet), then the agent opening the chat.
  { type: 'agent_accepted', agentId: 'a1', agentName: 'Ana', auto: true },
  { type: 'agent_joined', agentId: 'a1' },
];
/** Inputs that must be refused or handled without a crash: stale and duplicate events, unknown timers and buttons. */
const rawInputs: Input[] = [
  { type: 'customer_left' },
  { type: 'timer', timerId: 't999' },
  { type: 'choice', buttonId: 'no-such-button' },
  { type: 'agent_accepted', agentId: 'a3', agentName: 'Cy', handoffId: 'prop:h1', eventId: 'dup' },
  { type: 'agent_handback', agentId: 'a1', handoffId: 'old-handoff', eventId: 'stale' },
];

const command: fc.Arbitrary<Command> = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom(...messagePool).map((text) => ({ kind: 'say' as const, text })) },
  { weight: 2, arbitrary: fc.string({ maxLength: 60 }).map((text) => ({ kind: 'say' as const, text })) },
  {
    weight: 1,
    arbitrary: fc
      .constantFrom('2026-11-24T10:10:00Z', 'tomorrow', 'jane@example.com', '+44 20 7946 0958', '4', '12000', 'https://x.io', '🤬🤬', 'A'.repeat(3000))
      .map((text) => ({ kind: 'say' as const, text })),
  },
  { weight: 4, arbitrary: fc.nat({ max: 6 }).map((index) => ({ kind: 'click' as const, index })) },
  { weight: 2, arbitrary: fc.integer({ min: 0, max: 15 * 60_000 }).map((ms) => ({ kind: 'wait' as const, ms })) },
  { weight: 3, arbitrary: fc.constantFrom(...agentInputs).map((input) => ({ kind: 'agent' as const, input })) },
  { weight: 1, arbitrary: fc.constantFrom(...rawInputs).map((input) => ({ kind: 'raw' as const, input })) },
  { weight: 1, arbitrary: fc.boolean().map((ok) => ({ kind: 'http' as const, ok })) },
);

function play(flow: Flow, commands: Command[]): Step[] {
  const sim = createSimulation(flow, { now: NOW, conversationId: 'prop' });
  for (const c of commands) {
    if (c.kind === 'say') sim.say(c.text);
    else if (c.kind === 'click') {
      const buttons = sim.shownButtons();
      if (buttons.length) sim.send({ type: 'choice', buttonId: buttons[c.index % buttons.length].id });
    } else if (c.kind === 'wait') sim.advance(c.ms);
    else if (c.kind === 'agent') sim.agent(c.input);
    else if (c.kind === 'raw') {
      const before = sim.state;
      const [step] = sim.send(c.input);
      // A refused input changes nothing and says why.
      if (step.rejected && (step.state !== before || step.effects.length || step.messages.length)) throw new Error('a refused input changed the state');
    }
    else {
      const req = sim.pendingHttp.shift();
      if (req) sim.send({ type: 'http_result', requestId: req.requestId, ok: c.ok, status: c.ok ? 200 : 500, body: c.ok ? { status: 'shipped', eta: 'Friday' } : null });
    }
    const state = sim.state;
    const copy = JSON.parse(JSON.stringify(state));
    if (JSON.stringify(copy) !== JSON.stringify(state)) throw new Error('state does not survive a JSON round trip');
    const parsed = conversationStateSchema.safeParse(copy);
    if (!parsed.success) throw new Error(`state no longer matches the schema: ${parsed.error.message}`);
  }
  return sim.steps;
}

describe.each(flows)('engine properties on flows/%s.json', (_name, flow) => {
  it('never throws, and every state serialises and validates', () => {
    fc.assert(
      fc.property(fc.array(command, { minLength: 1, maxLength: 25 }), (commands) => {
        play(flow, commands);
      }),
      { numRuns: 150, seed: 20261122 },
    );
  });

  it('is deterministic: same flow, inputs and clock give the same outputs', () => {
    fc.assert(
      fc.property(fc.array(command, { minLength: 1, maxLength: 15 }), (commands) => {
        expect(play(flow, commands)).toEqual(play(flow, commands));
      }),
      { numRuns: 40, seed: 7 },
    );
  });
});
