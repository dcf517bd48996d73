/**
 * Session 25 (newcomer s24 #5, #6; hostile s24 #15): Flow settings › Escalation's problems.
 * - A file with a schema error in the policy (an empty urgency phrase) is refused with every problem of the file, not
 *   that error alone: the checks after the schema run on the rest, the refused value stood in for.
 * - One warning per fault: "I." under Never trigger (one letter, and part of a phrase), three topics with one name.
 * - The policy's checks are remembered per policy object: an edit elsewhere in a frozen (immer) flow gives the same
 *   problems without reading the policy again; an edit of the policy is read again. (Speed: test/bench/policyEditBench.ts.)
 */
import { freeze, produce } from 'immer';
import { describe, expect, it, vi } from 'vitest';
import * as vocabulary from '../../../shared/escalation/vocabularyWarnings';
import { loadFlowText } from '../../../shared/flow/loadFlowText';
import type { Flow } from '../../../shared/flow/schema';
import { validateFlow } from '../../../shared/flow/validateFlow';
import { validDoc } from './helpers';

const view = (r: ReturnType<typeof validateFlow>) => r.problems.filter((p) => p.path.startsWith('$.escalation')).map((p) => [p.severity, p.code, p.path]);

function faulty(esc: any) {
  esc.urgency = { phrases: ['asap please', ''] };
  esc.neverTrigger = ['I.'];
  esc.explicitRequest = { phrases: ['I want a person'] };
  esc.negativeSentiment = { phrases: ['!!!'] };
  esc.sensitiveTopics = {
    topics: [
      { name: 'refunds', phrases: ['money back'] },
      { name: 'Refunds', phrases: ['refund'] },
      { name: 'legal', phrases: ['lawyer'] },
      { name: 'refunds ', phrases: ['reimburse'] },
    ],
  };
}

describe('a file refused for a policy entry shows every problem at once (newcomer s24 #5)', () => {
  it('an empty urgency phrase is reported with the other entries at fault, and the file is still refused', () => {
    const doc = validDoc();
    doc.escalation = doc.escalation ?? {};
    faulty(doc.escalation);
    const r = loadFlowText(JSON.stringify(doc));
    expect(r.ok).toBe(false);
    expect(r.flow).toBeNull();
    expect(view(r)).toEqual([
      ['error', 'schema', '$.escalation.urgency.phrases[1]'],
      ['error', 'policy_phrase_no_words', '$.escalation.negativeSentiment.phrases[0]'],
      ['warning', 'never_trigger_one_letter', '$.escalation.neverTrigger[0]'],
      ['warning', 'duplicate_topic_name', '$.escalation.sensitiveTopics.topics[1].name'],
    ]);
  });

  it('nothing is said about the stood-in value itself, and the same file fixed gives the same other problems', () => {
    const doc = validDoc();
    doc.escalation = doc.escalation ?? {};
    faulty(doc.escalation);
    const broken = validateFlow(structuredClone(doc));
    expect(broken.problems.filter((p) => p.path.startsWith('$.escalation.urgency.phrases[1]'))).toHaveLength(1);
    expect(JSON.stringify(broken.problems)).not.toContain('salvaged');
    doc.escalation.urgency.phrases = ['asap please'];
    const fixed = validateFlow(doc);
    expect(fixed.problems.filter((p) => p.code !== 'schema')).toEqual(broken.problems.filter((p) => p.code !== 'schema'));
  });

  it('a refused setting (an unknown mode, a threshold out of range) does not hide the policy entries either', () => {
    const doc = validDoc();
    doc.escalation = { mode: 'sometimes', negativeSentiment: { threshold: 7 }, neverTrigger: ['x'] };
    const r = validateFlow(doc);
    expect(r.ok).toBe(false);
    expect(view(r)).toEqual([
      ['error', 'schema', '$.escalation.mode'],
      ['error', 'schema', '$.escalation.negativeSentiment.threshold'],
      ['warning', 'never_trigger_one_letter', '$.escalation.neverTrigger[0]'],
      ['warning', 'escalation_no_target', '$.escalation.targetBlockId'],
    ]);
  });
});

describe('one warning per fault (newcomer s24 #6)', () => {
  it('"I." under Never trigger: one warning, saying it is one letter and which phrase it silences', () => {
    const doc = validDoc();
    doc.escalation = { explicitRequest: { phrases: ['I want a person', 'can I talk to someone'] }, neverTrigger: ['I.'] };
    const r = validateFlow(doc);
    const mine = r.problems.filter((p) => p.path === '$.escalation.neverTrigger[0]');
    expect(mine.map((p) => p.code)).toEqual(['never_trigger_one_letter']);
    expect(mine[0].message).toContain('the one-character word "i"');
    expect(mine[0].message).toContain('It is also part of the phrase "I want a person" of explicit requests (and of 1 more phrase of the policy), so those phrases can never fire.');
  });

  it('a Never-trigger word in phrases of three lists: one warning for the entry', () => {
    const doc = validDoc();
    doc.escalation = {
      explicitRequest: { phrases: ['refund person'] },
      urgency: { phrases: ['refund today'] },
      sensitiveTopics: { topics: [{ name: 'refunds', phrases: ['refund'] }] },
      neverTrigger: ['refund'],
    };
    const mine = validateFlow(doc).problems.filter((p) => p.path === '$.escalation.neverTrigger[0]');
    expect(mine.map((p) => p.code)).toEqual(['never_trigger_hides_phrase']);
    expect(mine[0].message).toContain('(and of 2 more phrases of the policy)');
  });

  it('three topics with one name: one warning naming the three, on the first copy', () => {
    const doc = validDoc();
    doc.escalation = {
      sensitiveTopics: {
        topics: [
          { name: 'refunds', phrases: ['money back'] },
          { name: 'legal', phrases: ['lawyer'] },
          { name: 'Refunds', phrases: ['refund'] },
          { name: ' refunds', phrases: ['reimburse'] },
        ],
      },
    };
    const dups = validateFlow(doc).problems.filter((p) => p.code === 'duplicate_topic_name');
    expect(dups).toHaveLength(1);
    expect(dups[0].path).toBe('$.escalation.sensitiveTopics.topics[2].name');
    expect(dups[0].message).toContain('Sensitive topics 1, 3 and 4 are all called "Refunds"');
    expect(dups[0].hint).toContain('move the phrases, intents and examples of topics 3 and 4 into topic 1 and delete them');
  });
});

describe('an unchanged policy is not read again (hostile s24 #15)', () => {
  const big = (): Flow => {
    const r = validateFlow(validDoc());
    const flow = r.flow!;
    return freeze(
      {
        ...flow,
        escalation: { ...flow.escalation, urgency: { ...flow.escalation.urgency, phrases: ['order', ...Array.from({ length: 50 }, (_, i) => `flight leaves in ${i} minutes`)] }, neverTrigger: ['I'] },
      },
      true,
    );
  };

  it('an edit elsewhere gives the same problems without the vocabulary check; an edit of the policy runs it', () => {
    const flow = big();
    const spy = vi.spyOn(vocabulary, 'escalationVocabularyWarnings');
    const first = validateFlow(flow);
    expect(spy).toHaveBeenCalledTimes(1);
    const renamed = produce(flow, (d) => {
      d.name = 'Renamed';
    });
    expect(renamed.escalation).toBe(flow.escalation);
    const again = validateFlow(renamed);
    expect(spy).toHaveBeenCalledTimes(1);
    expect(again.problems).toEqual(first.problems);
    const edited = produce(flow, (d) => {
      d.escalation.urgency.phrases.push('order');
    });
    const third = validateFlow(edited);
    expect(spy).toHaveBeenCalledTimes(2);
    expect(third.problems.filter((p) => p.code === 'escalation_phrase_too_broad').map((p) => p.path)).toEqual(['$.escalation.urgency.phrases[0]', '$.escalation.urgency.phrases[51]']);
    spy.mockRestore();
  });

  it('a policy that is not frozen (the CLI, a file opened) is read every time', () => {
    const doc = structuredClone(big());
    const spy = vi.spyOn(vocabulary, 'escalationVocabularyWarnings');
    validateFlow(doc);
    validateFlow(doc);
    expect(spy).toHaveBeenCalledTimes(2);
    spy.mockRestore();
  });
});
