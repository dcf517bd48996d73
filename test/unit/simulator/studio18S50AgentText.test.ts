/**
 * Session 50 (studio18, hostile s49 L7): an agent message of blank lines was a tall empty bubble. The simulator's agent
 * (the agent box, scenario files' {"agent": "say"} and {"agent": "note"}) sends it as `baton serve` stores it: runs of
 * blank lines are one; nothing but white space is refused, saying so. Newcomer s49 N3: a note records where in the chat
 * it was written.
 */
import { describe, expect, it } from 'vitest';
import { createScenarioSession } from '../../../shared/simulator/scenarioSession';
import { virtualAgent } from '../../../shared/simulator/virtualAgents';
import { simulatorView } from '../../../shared/simulator/simulatorView';
import { loadFlow, MONDAY_10 } from './helpers';

const flow = loadFlow('customer-support');

function withAna() {
  const s = createScenarioSession(flow, { now: MONDAY_10, agents: [virtualAgent({ name: 'Ana' })] });
  s.apply({ say: 'Can I talk to a real person please?' });
  if (s.sim.state.waiting?.kind === 'takeover_question') s.apply({ say: 'sam@example.com' });
  expect(s.sim.state.handoff).toMatchObject({ status: 'assigned' });
  return s;
}

describe('an agent message or note of blank lines in the simulator', () => {
  it('"line1" + 20 blank lines + "line2" reaches the customer with one blank line', () => {
    const s = withAna();
    expect(s.apply({ agent: 'say', text: `line1${'\n'.repeat(20)}line2` }).ok).toBe(true);
    expect(s.sim.transcript.at(-1)).toMatchObject({ from: 'agent', text: 'line1\n\nline2' });
  });

  it('a message or note of only blank lines and spaces is refused, and nothing is said or kept', () => {
    const s = withAna();
    const before = s.sim.transcript.length;
    const said = s.apply({ agent: 'say', text: '\n\n  \n\t\n' });
    expect(said.ok).toBe(false);
    expect(said.error).toMatch(/empty .*customer would get an empty bubble/);
    const noted = s.apply({ agent: 'note', text: ' \n\n ' });
    expect(noted.ok).toBe(false);
    expect(s.sim.transcript.length).toBe(before);
    expect(s.notes).toEqual([]);
  });

  it('a note is tidied too and knows its place in the chat (N3)', () => {
    const s = withAna();
    s.apply({ agent: 'say', text: 'Hi Sam' });
    expect(s.apply({ agent: 'note', text: '\n\nbooked Tue 9am\n\n\n\ncheck BMS\n' }).ok).toBe(true);
    expect(s.notes.at(-1)).toMatchObject({ agentName: 'Ana', text: 'booked Tue 9am\n\ncheck BMS', afterTranscript: s.sim.transcript.length });
    expect(simulatorView(s).agentPane.notes.at(-1)!.afterTranscript).toBe(s.sim.transcript.length);
  });
});
