/**
 * Hostile s28 H2: one Never-trigger word ("kill", "myself", "die") silently switched off the built-in self-harm check,
 * and "person" / "talk" silenced every plain request for a person with no warning.
 */
import { describe, expect, it } from 'vitest';
import { evaluateEscalation, initialEscalationMemory } from '../../../shared/escalation/evaluateEscalation';
import { neverTriggerSilencedRequests } from '../../../shared/escalation/vocabularyWarnings';
import { validateFlow } from '../../../shared/flow/validateFlow';
import { readFileSync } from 'node:fs';
import { facts, policy } from './facts';

const decide = (never: string[], text: string) => evaluateEscalation(policy({ neverTrigger: never }), facts(text), initialEscalationMemory()).decision;

describe('Never trigger and the built-in checks', () => {
  it.each([
    [['kill'], 'I want to kill myself'],
    [['myself'], 'i will kill myself tonight'],
    [['die'], 'I want to die'],
    [['end my life'], 'i am going to end my life'],
  ])('%j does not silence the self-harm check: %j hands over as urgency', (never, text) => {
    const d = decide(never, text);
    expect(d.action).toBe('handoff');
    expect(d.reason).toBe('urgency');
    expect(d.explanation).toMatch(/self-harm/);
  });

  it('the entry still does its job for everything else ("weed killer" is not anger or urgency)', () => {
    expect(decide(['killer'], 'does the weed killer work on moss?').action).toBe('none');
    expect(decide(['rage red'], 'is Rage Red lipstick back in stock').reason).toBeNull();
  });

  it('an entry that silences a plain request for a person is named, with the request; harmless entries are not', () => {
    expect(neverTriggerSilencedRequests(policy({ neverTrigger: ['Rage Red', 'human', 'weed killer'] }))).toEqual([{ index: 1, request: 'human please' }]);
    expect(neverTriggerSilencedRequests(policy({ neverTrigger: ['Rage Red', 'weed killer', 'Agent Provocateur lingerie'] }))).toEqual([]);
    expect(neverTriggerSilencedRequests(policy({ neverTrigger: ['Rage Red', 'agent'] }))).toEqual([{ index: 1, request: 'agent' }]);
    // Neither alone, the two together: "let me talk to someone please" is read as nothing.
    expect(neverTriggerSilencedRequests(policy({ neverTrigger: ['talk', 'someone'] }))).toEqual([{ index: -1, request: 'let me talk to someone please' }]);
  });

  it('baton validate / the studio warn about it at the entry', () => {
    const flow = JSON.parse(readFileSync('flows/customer-support.json', 'utf8'));
    flow.escalation = { ...(flow.escalation ?? {}), neverTrigger: ['human', 'Rage Red'] };
    const v = validateFlow(flow);
    const w = v.problems.filter((p) => p.code === 'never_trigger_hides_request');
    expect(w).toHaveLength(1);
    expect(w[0].path).toBe('$.escalation.neverTrigger[0]');
    expect(w[0].message).toContain('"human" is under Never trigger');
    expect(w[0].severity).toBe('warning');
  });
});
