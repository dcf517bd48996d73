/**
 * Newcomer s23 #2, #3 (the simulator's words, without a browser; the e2e test polishS24Simulator drives the real studio):
 * the Chat tab's handover line says why in one sentence (since session 29; the decision's whole explanation is Debug's), for a handoff or an offer only; Debug's "collecting"
 * note names the deciding message, or says the flow reached the block when no escalation brought it there.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { collectingWords } from '../../renderer/studio/simulator/DebugDrawer';
import { handoverLines } from '../../renderer/studio/simulator/ChatPane';
import { validateFlow } from '../../shared/flow/validateFlow';
import { createScenarioSession } from '../../shared/simulator/scenarioSession';
import { simulatorView } from '../../shared/simulator/simulatorView';

const flow = validateFlow(JSON.parse(readFileSync('flows/customer-support.json', 'utf8'))).flow!;
function viewAfter(...says: string[]) {
  const s = createScenarioSession(flow, { now: Date.parse('2026-03-02T10:00:00Z'), httpDefault: 'wait', conversationId: 't' });
  for (const say of says) expect(s.apply({ say }).ok).toBe(true);
  return simulatorView(s);
}

describe('handover words in the simulator (newcomer s23 #2, #3)', () => {
  it('an explicit request: the chat line is the decision explanation at turn 1; Debug says the email is being asked', () => {
    const v = viewAfter('where is my order', 'I want to talk to a human');
    expect([...handoverLines(v)]).toEqual([[1, 'Handed over: the customer asked for a person ("I want to talk to a human").']]);
    expect(v.takeoverQuestion).toEqual({ blockId: 'human_agent', field: 'email', reason: 'explicit_request' });
    expect(collectingWords(v)).toBe(
      "Handover decided at message 2 (explicit request). Block human_agent is asking for the customer's email first; the handoff is requested, and its context shown here, once the customer answers.",
    );
  });

  it('after the email the handoff exists: no collecting note, the line stays', () => {
    const v = viewAfter('I want to talk to a human', 'sam@example.com');
    expect(v.takeoverQuestion).toBeNull();
    expect(collectingWords(v)).toBe('');
    expect(handoverLines(v).size).toBe(1);
  });

  it('no escalation: no line; a takeover reached by the flow itself says so', () => {
    expect(handoverLines(viewAfter('where is my order')).size).toBe(0);
    expect(collectingWords({ decisions: [], takeoverQuestion: { blockId: 'desk', field: 'name', reason: null } })).toBe(
      "The flow reached the Human takeover block. Block desk is asking for the customer's name first; the handoff is requested, and its context shown here, once the customer answers.",
    );
  });
});

describe('Debug names the takeover block by its title (session 25, newcomer s24 #7)', () => {
  it('"The block “Customer service team”", the title the canvas shows, not the id human_agent', () => {
    const v = viewAfter('where is my order', 'I want to talk to a human');
    expect(collectingWords(v, flow.blocks)).toBe(
      "Handover decided at message 2 (explicit request). The block “Customer service team” is asking for the customer's email first; the handoff is requested, and its context shown here, once the customer answers.",
    );
  });

  it('an upset customer: the Chat line is one plain sentence; how negative, on which scale and which setting it met is in the explanation Debug shows (session 29, newcomer s28 N2)', () => {
    const v = viewAfter('this is the worst, most useless shop ever, I am furious');
    const [line] = [...handoverLines(v).values()];
    expect(line).toMatch(/^Handed over: the customer is upset( \(".+"\))?\.$/);
    expect(line).not.toMatch(/scale|threshold|weight/);
    const d = v.decisions.find((x) => x.action === 'handoff')!;
    expect(d.explanation).toMatch(/^Handed over: negative sentiment: the message reads as very negative, -[01]\.\d\d on a scale from -1 \(very negative\) to 1 \(very positive\), at or below the flow's single-message threshold of -0\.5, so it fires/);
    expect(d.explanation).not.toContain('the score');
  });
});
