// Newcomer s8 #19 and #1 (hint wording): validation messages of the escalation policy.
import { describe, expect, it } from 'vitest';
import { validateFlow } from '../../shared/flow/validateFlow';
import { tinyFlow } from '../component/support/sampleFlow';

function withPolicy(edit: (esc: any) => void) {
  const flow: any = structuredClone(tinyFlow());
  flow.escalation = flow.escalation ?? {};
  edit(flow.escalation);
  return validateFlow(flow).problems;
}

describe('Never trigger that hides a phrase of the same policy (newcomer s8 #19)', () => {
  it('warns when a never-trigger word is a topic phrase or a word of a reason phrase, and names both', () => {
    const problems = withPolicy((esc) => {
      esc.neverTrigger = ['Refund', 'rage red'];
      esc.sensitiveTopics = { enabled: true, topics: [{ name: 'refunds', phrases: ['refund'], intents: [], examples: [] }] };
      esc.explicitRequest = { enabled: true, phrases: ['refund manager please'], examples: [] };
    });
    // Session 25 (newcomer s24 #6): one warning per entry, naming the first phrase it hides and counting the others.
    const hides = problems.filter((p) => p.code === 'never_trigger_hides_phrase');
    expect(hides).toHaveLength(1);
    expect(hides[0]).toMatchObject({ severity: 'warning', path: '$.escalation.neverTrigger[0]' });
    expect(hides[0].message).toMatch(/"Refund" is under Never trigger and is part of the phrase "refund manager please" of explicit requests \(and of 1 more phrase of the policy\)/);
    expect(hides[0].message).toMatch(/those phrases can never fire/);
    // Said once: the vocabulary check no longer says it again in other words.
    expect(problems.filter((p) => p.path === '$.escalation.neverTrigger[0]')).toHaveLength(1);
  });

  it('says nothing when the never-trigger phrase is longer than the phrase (a product name containing it)', () => {
    const problems = withPolicy((esc) => {
      esc.neverTrigger = ['rage red'];
      esc.negativeSentiment = { enabled: true, phrases: ['rage'], examples: [] };
    });
    expect(problems.filter((p) => p.code === 'never_trigger_hides_phrase')).toEqual([]);
  });
});

describe('too-broad phrase hint in the studio words (newcomer s8 #1)', () => {
  it('names the "Never trigger" field and gives an explicit-request example for an explicit-request phrase', () => {
    const problems = withPolicy((esc) => {
      esc.explicitRequest = { enabled: true, phrases: ['order'], examples: [] };
    });
    const broad = problems.find((p) => p.code === 'escalation_phrase_too_broad');
    expect(broad).toBeDefined();
    expect(broad!.hint).toContain('Never trigger');
    expect(broad!.hint).not.toContain('neverTrigger');
    expect(broad!.hint).toContain('"speak to someone"');
    expect(broad!.hint).not.toContain('charged');
  });
});
