/**
 * Hostile s18 #23 (session 19): `baton chat` and the studio's simulator showed an agent's card number or password as
 * typed, while `baton serve` masked it. The engine now masks every agent event's words by the one rule
 * (customerSecrets.maskAgentWords, the function the server uses too), and an agent message's transcript entry keeps
 * the kinds hidden (newcomer s17 #7 rest). Studio path: createScenarioSession (the simulator panel's session).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createSimulation } from '../../../shared/simulator/createSimulation';
import { createScenarioSession } from '../../../shared/simulator/scenarioSession';
import { maskAgentWords } from '../../../shared/engine/customerSecrets';
import { agentWordsMasked } from '../../../runtime/agents/agentWords';
import { loadFlowText } from '../../../shared/flow/loadFlowText';

const flow = loadFlowText(readFileSync('flows/customer-support.json', 'utf8')).flow!;
const NOW = Date.parse('2026-11-24T10:00:00Z');
const SECRET_TEXT = 'I see card 5555 5555 5555 4444 on file; your new password is Zebra!Zebra99';

function takenOver() {
  const sim = createSimulation(flow, { now: NOW });
  const steps = sim.takeover('agent-ana', 'Ana');
  expect(steps.some((s) => s.rejected)).toBe(false);
  return sim;
}

describe('hostile s18 #23: an agent secret in the simulator (baton chat, studio) is masked as in production', () => {
  it('the message shown and the transcript entry are masked and keep the kinds', () => {
    const sim = takenOver();
    const steps = sim.agent({ type: 'agent_message', agentId: 'agent-ana', agentName: 'Ana', text: SECRET_TEXT });
    const shown = steps.flatMap((s) => s.messages).filter((m) => m.from === 'agent');
    expect(shown).toHaveLength(1);
    expect(shown[0].text).not.toContain('5555 5555 5555 4444');
    expect(shown[0].text).not.toContain('Zebra!Zebra99');
    expect(shown[0].text).toMatch(/•+ ?4444 on file; your new password is \[hidden\]/);
    const entry = sim.transcript.filter((e) => e.from === 'agent').at(-1)!;
    expect(entry.text).toBe(shown[0].text);
    expect([...entry.secretsHidden!].sort()).toEqual(['card', 'password']);
    expect(JSON.stringify(sim.state)).not.toContain('Zebra!Zebra99');
  });

  it('the same text masked by the server first comes out the same, with the server\'s kinds kept; a plain message gets no mark', () => {
    const viaServer = agentWordsMasked({ type: 'agent_message' as const, agentId: 'agent-ana', agentName: 'Ana', text: SECRET_TEXT });
    expect((viaServer as { secretsHidden?: string[] }).secretsHidden).toEqual(['card', 'password']);
    const a = takenOver();
    const b = takenOver();
    const direct = a.agent({ type: 'agent_message', agentId: 'agent-ana', agentName: 'Ana', text: SECRET_TEXT });
    const server = b.agent(viaServer);
    const text = (steps: typeof direct) => steps.flatMap((s) => s.messages).find((m) => m.from === 'agent')!.text;
    expect(text(server)).toBe(text(direct));
    expect(b.transcript.filter((e) => e.from === 'agent').at(-1)!.secretsHidden).toEqual(['card', 'password']);
    a.agent({ type: 'agent_message', agentId: 'agent-ana', agentName: 'Ana', text: 'Your order ships on Friday.' });
    const plain = a.transcript.filter((e) => e.from === 'agent').at(-1)!;
    expect(plain.text).toBe('Your order ships on Friday.');
    expect('secretsHidden' in plain).toBe(false);
    // Masking again changes nothing and finds nothing (the engine re-masks what the server masked).
    expect(maskAgentWords({ text: text(direct) })).toEqual({ input: { text: text(direct) }, hidden: [] });
  });

  it('a close note with a card is masked in the handoff record', () => {
    const sim = takenOver();
    sim.agent({ type: 'agent_closed', agentId: 'agent-ana', note: 'closing, card 4012 8888 8888 1881' });
    expect(JSON.stringify(sim.state)).not.toContain('4012 8888 8888 1881');
    expect(JSON.stringify(sim.effects)).not.toContain('4012 8888 8888 1881');
  });

  it("the studio's simulator session: an agent's message and private note are masked", () => {
    const session = createScenarioSession(flow, { now: NOW });
    expect(session.apply({ agent: 'takeover', as: 'Ana' }).ok).toBe(true);
    const said = session.apply({ agent: 'say', text: 'your card 4111 1111 1111 1111 and your password is hunter2 are on file' });
    expect(said.ok).toBe(true);
    const shown = said.steps.flatMap((s) => s.messages).find((m) => m.from === 'agent')!;
    expect(shown.text).not.toContain('4111 1111 1111 1111');
    expect(shown.text).not.toContain('hunter2');
    expect(session.apply({ agent: 'note', text: 'PIN is 4829, card 4111 1111 1111 1111' }).ok).toBe(true);
    expect(JSON.stringify(session.notes)).not.toMatch(/4829|4111 1111 1111 1111/);
  });
});
