/**
 * Session 25 (review of session 24): a designer's entry in a policy problem line is quoted by a plain helper
 * (validateFlow `shown`): between double quotes, invisible and control characters as \u escapes, everything else as
 * typed. It was JSON.stringify's quoting with its escaping of the \u escapes undone afterwards, which also showed a
 * quote or a backslash in the entry escaped (`"\"!!!\""`).
 */
import { describe, expect, it } from 'vitest';
import { validateFlow } from '../../../shared/flow/validateFlow';
import { validDoc } from './helpers';

function problemAt(edit: (esc: any) => void, path: string) {
  const doc = validDoc();
  doc.escalation = doc.escalation ?? {};
  edit(doc.escalation);
  return validateFlow(doc).problems.find((p) => p.path === path)!;
}

describe('policy entries quoted in problem lines', () => {
  it('a quote and a backslash are shown as typed, between plain quotes', () => {
    const p = problemAt((esc) => (esc.urgency = { phrases: ['"!!!" \\'] }), '$.escalation.urgency.phrases[0]');
    expect(p.message).toBe('The phrase ""!!!" \\" of urgency has no letter or digit, so it can never match a message: phrases are matched on words, and punctuation, spaces and emoji are not read.');
  });

  it('invisible and control characters are \\u escapes (never a blank, never a line break)', () => {
    const p = problemAt((esc) => (esc.neverTrigger = ['\u200b-\n-\u200e']), '$.escalation.neverTrigger[0]');
    expect(p.message).toContain('"\\u200b-\\u000a-\\u200e" has no letter or digit');
    expect(p.message).not.toMatch(/[\u200b\u200e\n]/);
  });

  it('a long entry is cut at 40 characters with an ellipsis inside the quotes', () => {
    const p = problemAt((esc) => (esc.neverTrigger = ['-'.repeat(60)]), '$.escalation.neverTrigger[0]');
    expect(p.message).toContain(`"${'-'.repeat(40)}…" has no letter or digit`);
  });

  it('two topics with one name quote the name the same way', () => {
    const p = problemAt((esc) => (esc.sensitiveTopics = { topics: [{ name: 'Re"funds', phrases: ['money back'] }, { name: 're"funds', phrases: ['refund me'] }] }), '$.escalation.sensitiveTopics.topics[1].name');
    expect(p?.message ?? '').toContain('are both called "re"funds"');
  });
});
