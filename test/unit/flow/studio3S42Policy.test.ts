/**
 * Session 42 (studio3, hostile s25 #11): Flow settings › Escalation said nothing of a phrase listed twice in one list, nor of
 * a direction override hidden in a topic's name ("\u202Esdnufer" shows as "refunds").
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { validateFlow } from '../../../shared/flow/validateFlow';

const base = () => JSON.parse(readFileSync('flows/customer-support.json', 'utf8'));
const problemsOf = (edit: (f: any) => void) => {
  const f = base();
  edit(f);
  return validateFlow(f).problems;
};

describe('a phrase listed twice in one list', () => {
  it('warns on the later copy, naming both, also when only case, spaces or punctuation differ', () => {
    const problems = problemsOf((f) => {
      f.escalation.explicitRequest.phrases = ['talk to a person', 'speak to a manager', 'Talk to a  person!'];
    });
    const dup = problems.filter((p) => p.code === 'duplicate_phrase');
    expect(dup).toHaveLength(1);
    expect(dup[0].severity).toBe('warning');
    expect(dup[0].path).toBe('$.escalation.explicitRequest.phrases[2]');
    expect(dup[0].message).toContain('phrases 1 and 3');
    expect(dup[0].message).toContain('"talk to a person"');
    expect(dup[0].hint).toBe('Delete one of the two.');
  });

  it('an exact copy in a topic is named in that topic', () => {
    const problems = problemsOf((f) => {
      f.escalation.sensitiveTopics.topics.push({ name: 'chargebacks', phrases: ['chargeback', 'bank dispute', 'chargeback'], intents: [] });
    });
    const dup = problems.find((p) => p.code === 'duplicate_phrase');
    expect(dup?.message).toMatch(/^The phrase "chargeback" of the sensitive topic "chargebacks" is there twice \(phrases 1 and 3\): the copy adds nothing\.$/);
  });

  it('says nothing of different phrases, nor of one phrase in two lists', () => {
    const problems = problemsOf((f) => {
      f.escalation.explicitRequest.phrases = ['talk to a person', 'talk to a manager'];
      f.escalation.urgency.phrases = ['talk to a person'];
    });
    expect(problems.map((p) => p.code)).not.toContain('duplicate_phrase');
  });
});

describe('a direction control in a topic name', () => {
  it.each(['\u202Esdnufer', 'ref\u202Dunds', '\u2067refunds\u2069'])('%j is flagged, the character quoted as an escape', (name) => {
    const problems = problemsOf((f) => f.escalation.sensitiveTopics.topics.push({ name, phrases: ['chargeback dispute'], intents: [] }));
    const p = problems.find((x) => x.code === 'topic_name_direction');
    expect(p?.severity).toBe('warning');
    expect(p?.message).toMatch(/has a hidden direction character \((left-to-right override|right-to-left override|right-to-left isolate), U\+20(2D|2E|67)\)/);
    expect(p?.message).not.toMatch(/[\u202A-\u202E\u2066-\u2069]/);
  });

  it('an Arabic or Hebrew name, or one with a plain direction mark, is not flagged', () => {
    for (const name of ['استرداد', 'החזרים', 'refunds\u200f']) {
      const problems = problemsOf((f) => f.escalation.sensitiveTopics.topics.push({ name, phrases: ['chargeback dispute'], intents: [] }));
      expect(problems.map((p) => p.code)).not.toContain('topic_name_direction');
    }
  });
});
