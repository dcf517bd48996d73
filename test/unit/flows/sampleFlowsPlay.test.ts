/**
 * Each sample flow does what its brief promises, played end to end on the virtual clock.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadFlowText } from '../../../shared/flow/loadFlowText';
import type { Flow } from '../../../shared/flow/schema';
import { createSimulation } from '../../../shared/simulator/createSimulation';

const root = fileURLToPath(new URL('../../../', import.meta.url));
function flow(name: string): Flow {
  const r = loadFlowText(readFileSync(`${root}flows/${name}.json`, 'utf8'));
  if (!r.ok || !r.flow) throw new Error(`flows/${name}.json is invalid`);
  return r.flow;
}
// A Tuesday, 10:00 UTC: every team in the samples is open.
const NOW = Date.parse('2026-11-24T10:00:00Z');
const fail = () => ({ ok: false, status: 0, body: null });

describe('sample flows, played', () => {
  it('lead-gen: a lead that turns hot runs the flow\'s own Slack notify, then is handed over as a hot lead', () => {
    const sim = createSimulation(flow('lead-gen'), { now: NOW, http: fail });
    sim.say('201 or more');
    sim.say('Yes, I have');
    sim.say('sam@bigco.example');
    const steps = sim.say('15000');
    const decision = steps.find((s) => s.decision?.action === 'handoff')?.decision;
    expect(decision?.reason).toBe('hot_lead');
    expect(steps.flatMap((s) => s.visited)).toContain('notify_sales');
    sim.say('Sam Lee');
    sim.say('We need SSO for 400 seats');
    expect(sim.state.mode).toBe('waiting');
    expect(sim.state.handoff).toMatchObject({ status: 'pending', reason: 'hot_lead', priority: 'high' });
    const slack = sim.effects.filter((e) => e.type === 'notify' && e.channel === 'slack');
    expect(slack).toHaveLength(1);
    expect(slack[0]).toMatchObject({ to: ['#sales-hot-leads'] });
    if (slack[0]?.type === 'notify') expect(slack[0].text).toContain('sam@bigco.example');
  });

  it('lead-gen: a customer who refuses to give an email is not announced to sales as hot', () => {
    const sim = createSimulation(flow('lead-gen'), { now: NOW, http: fail });
    sim.say('201 or more');
    sim.say('Yes, I have');
    sim.say('no');
    sim.say('I would rather not');
    sim.say('no thanks');
    sim.say('50000');
    expect(sim.effects.filter((e) => e.type === 'notify')).toEqual([]);
    expect(sim.state.handoff).toBeNull();
    expect(sim.transcript.map((t) => t.text)).toContain('Would you still like to talk to someone from sales?');
  });

  it('insurance-claims: giving a policy number is not a sensitive topic, and the number is stored', () => {
    const sim = createSimulation(flow('insurance-claims'), { now: NOW, http: fail });
    const steps = sim.say('my policy number is HM-2231-0457');
    expect(steps.some((s) => s.decision && s.decision.action !== 'none')).toBe(false);
    expect(sim.state.mode).toBe('bot');
    expect(String(sim.state.variables.policyNumber)).toContain('HM-2231-0457');
    expect(sim.transcript.at(-1)?.text).toBe('What do you need help with?');
  });

  it('travel-urgency: a departure less than 20 minutes away hands over to the airport desk at once', () => {
    const sim = createSimulation(flow('travel-urgency'), { now: NOW, http: fail });
    sim.say('ABC123');
    sim.say(new Date(NOW + 15 * 60_000).toISOString());
    expect(sim.state.mode).toBe('waiting');
    expect(sim.state.handoff).toMatchObject({ status: 'pending', priority: 'urgent' });
  });

  it('travel-urgency: "my flight leaves in 10 minutes" hands over as urgency from the first message', () => {
    const sim = createSimulation(flow('travel-urgency'), { now: NOW, http: fail });
    const steps = sim.say('help, my flight leaves in 10 minutes and I am stuck at security');
    expect(steps.find((s) => s.decision)?.decision).toMatchObject({ action: 'handoff', reason: 'urgency' });
  });

  it('insurance-claims: a claim cue hands over as a sensitive topic', () => {
    const sim = createSimulation(flow('insurance-claims'), { now: NOW, http: fail });
    const steps = sim.say('I had a car accident this morning and need to make a claim');
    expect(steps.find((s) => s.decision)?.decision).toMatchObject({ action: 'handoff', reason: 'sensitive_topic' });
  });

  it('customer-support: a double charge hands over as a sensitive topic, and the agent sees why', () => {
    const sim = createSimulation(flow('customer-support'), { now: NOW, http: fail });
    sim.say('you charged me twice for order NW-204981');
    sim.say('jane@example.com');
    const request = sim.effects.find((e) => e.type === 'handoff_request');
    if (request?.type !== 'handoff_request') throw new Error('no handoff request');
    expect(request.handoff.reason).toBe('sensitive_topic');
    expect(request.context.summary).toContain('NW-204981');
    expect(request.context.signals[0].evidence.join(' ')).toMatch(/billing|charge/i);
  });
});
