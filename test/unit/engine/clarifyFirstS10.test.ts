// Session 10 (newcomer s9 #27): one vague first message ("hmm the thing with the stuff from last time") went straight to a
// person (low confidence) with no "could you tell me a bit more?", while "blorf" got a second chance. The policy option
// escalation.lowConfidence.clarifyFirst asks once before such a handoff; off (absent) nothing changes.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadFlowText } from '../../../shared/flow/loadFlowText';
import { flowSchema, type Flow } from '../../../shared/flow/schema';
import { playConversation } from '../../../shared/simulator/playConversation';
import { createSimulation } from '../../../shared/simulator/createSimulation';
import { defaultClarifyText } from '../../../shared/engine/clarifyFirst';

const text = readFileSync(new URL('../../../flows/customer-support.json', import.meta.url), 'utf8');
const shipped = loadFlowText(text).flow!;
function withOption(lowConfidence: Record<string, unknown>, mode?: 'graduated'): Flow {
  const json = JSON.parse(text);
  json.escalation.lowConfidence = { ...json.escalation.lowConfidence, ...lowConfidence };
  if (mode) json.escalation.mode = mode;
  return flowSchema.parse(json) as Flow;
}
const now = Date.parse('2026-12-01T10:00:00Z');
const vague = 'hmm the thing with the stuff from last time';
const play = (flow: Flow, turns: string[]) => playConversation(flow, 'lc', turns, now);
const botTexts = (flow: Flow, turns: string[]) => play(flow, turns).transcript.filter((t) => t.from === 'bot').map((t) => t.text);

describe('lowConfidence.clarifyFirst', () => {
  it('off: the vague first message hands over at once (the newcomer report)', () => {
    expect(play(withOption({ clarifyFirst: false }), ['Something else', vague]).escalation).toMatchObject({ reason: 'low_confidence', action: 'handoff', turn: 1 });
  });
  it('on in the shipped flow since session 11 (escconv: measured on every corpus, docs/escalation.md)', () => {
    expect(play(shipped, ['Something else', vague]).escalation).toBeNull();
    expect(botTexts(shipped, ['Something else', vague]).at(-1)).toBe(defaultClarifyText);
  });
  it('on: the bot asks once instead, and the conversation stays with the bot', () => {
    const flow = withOption({ clarifyFirst: true });
    const p = play(flow, ['Something else', vague]);
    expect(p.escalation).toBeNull();
    expect(p.handoff).toBeNull();
    expect(botTexts(flow, ['Something else', vague]).at(-1)).toBe(defaultClarifyText);
  });
  it('on: a clear answer to the question is answered', () => {
    const flow = withOption({ clarifyFirst: true });
    const said = botTexts(flow, ['Something else', vague, 'I want to return my boots']).join('\n');
    expect(said).toMatch(/Which order is the return for\?/);
    expect(play(flow, ['Something else', vague, 'I want to return my boots']).escalation).toBeNull();
  });
  it('on: still unclear after the question, the customer is handed over (low confidence)', () => {
    const flow = withOption({ clarifyFirst: true });
    const p = play(flow, ['Something else', vague, 'you know, the thing with the stuff']);
    expect(p.escalation).toMatchObject({ action: 'handoff', turn: 2 });
  });
  it("the designer's own question is used", () => {
    const flow = withOption({ clarifyFirst: true, clarifyText: 'Is it about an order, a return or delivery?' });
    expect(botTexts(flow, ['Something else', vague]).at(-1)).toBe('Is it about an order, a return or delivery?');
  });
  it('an explicit request for a person never waits', () => {
    const flow = withOption({ clarifyFirst: true });
    expect(play(flow, ['Something else', 'I want to talk to a person']).escalation).toMatchObject({ reason: 'explicit_request', action: 'handoff' });
  });
  it('the decision is recorded and explained for the debug drawer', () => {
    const sim = createSimulation(withOption({ clarifyFirst: true }), { now, conversationId: 'd', http: () => ({ ok: false, status: 0, body: null }) });
    [...sim.say('Something else')];
    const steps = [...sim.say(vague)];
    const d = steps.map((s) => s.decision).find((x) => x && x.reason === 'low_confidence');
    expect(d).toMatchObject({ action: 'rephrase', reason: 'low_confidence' });
    expect(d!.explanation).toMatch(/asked once before handing over/);
  });
  it('the flow schema takes the option and refuses an over-long question', () => {
    expect(withOption({ clarifyFirst: true }).escalation.lowConfidence.clarifyFirst).toBe(true);
    expect(() => withOption({ clarifyFirst: true, clarifyText: 'x'.repeat(501) })).toThrow(/under 500 characters/);
  });
});
