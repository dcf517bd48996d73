/**
 * Property: whatever a tester does in the simulator, "save as scenario" gives a scenario that replays green
 * on the same flow (the session is deterministic and the recorder keeps everything that mattered).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createScenarioSession, type ActionStep } from '../../../shared/simulator/scenarioSession';
import { recordScenario } from '../../../shared/simulator/scenarioRecorder';
import { runScenario, formatFailure } from '../../../shared/simulator/scenarioRunner';
import { virtualAgent } from '../../../shared/simulator/virtualAgents';
import { loadFlow, sampleNames, MONDAY_10 } from './helpers';

const flows = Object.fromEntries(sampleNames.map((n) => [n, loadFlow(n)]));

const phrases = ['hi', 'I want to talk to a person', 'this is useless!!', 'NW-104233', 'sam@example.com', 'where is my order', '5', 'K7XQ2P', 'asdf qwer', 'yes'];
type Move = { kind: 'say'; i: number } | { kind: 'click'; i: number } | { kind: 'agent'; a: number } | { kind: 'wait'; w: number } | { kind: 'presence'; p: number };
const move: fc.Arbitrary<Move> = fc.oneof(
  fc.record({ kind: fc.constant('say' as const), i: fc.nat(phrases.length - 1) }),
  fc.record({ kind: fc.constant('click' as const), i: fc.nat(5) }),
  fc.record({ kind: fc.constant('agent' as const), a: fc.nat(5) }),
  fc.record({ kind: fc.constant('wait' as const), w: fc.nat(2) }),
  fc.record({ kind: fc.constant('presence' as const), p: fc.nat(2) }),
);

function toStep(m: Move, shown: string[]): ActionStep {
  switch (m.kind) {
    case 'say':
      return { say: phrases[m.i] };
    case 'click':
      return { click: shown.length ? shown[m.i % shown.length] : 'nothing' };
    case 'agent':
      return ([{ agent: 'accept', as: 'Ana' }, { agent: 'say', text: 'Hello from Ana' }, { agent: 'handback' }, { agent: 'close' }, { agent: 'decline' }, { agent: 'transfer', to: 'Ben' }] as ActionStep[])[m.a];
    case 'wait':
      return ([{ wait: '1m' }, { wait: '6m' }, { wait: 'next_timer' }] as ActionStep[])[m.w];
    case 'presence':
      return ([{ nobodyOnline: true }, { online: ['Ana', 'Ben'] }, { busy: ['Ana'] }] as ActionStep[])[m.p];
  }
}

describe('save as scenario (property)', () => {
  it('any simulated session, saved as a scenario, replays green', () => {
    fc.assert(
      fc.property(fc.constantFrom(...sampleNames), fc.array(move, { maxLength: 12 }), (name, moves) => {
        const flow = flows[name];
        const s = createScenarioSession(flow, {
          now: MONDAY_10,
          agents: [virtualAgent({ name: 'Ana', languages: ['en'], teams: ['airport-desk', 'sales', 'claims'], skills: ['claims'] }), virtualAgent({ name: 'Ben', languages: ['en'], teams: ['airport-desk', 'sales', 'claims'], skills: ['claims'] })],
        });
        for (const m of moves) s.apply(toStep(m, s.sim.shownButtons().map((b) => b.label)));
        const scenario = recordScenario(s, { name: 'random' });
        const r = runScenario(flow, JSON.parse(JSON.stringify(scenario)));
        expect(r.status, formatFailure(r)).toBe('passed');
      }),
      { numRuns: 40, seed: 9 },
    );
  });
});
