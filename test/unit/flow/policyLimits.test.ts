/**
 * Escalation vocabulary limits (shared/flow/policyLimits.ts), enforced by the flow schema: a flow over them is
 * refused by validateFlow with where and what to do, instead of validating for minutes and costing the runtime
 * 0.1-1 s per message (hostile tester, session 5). A flow exactly at a limit is accepted; the bundled flows are.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { validateFlow } from '../../../shared/flow/validateFlow';
import {
  MAX_EXAMPLE_CHARS,
  MAX_EXAMPLES_PER_LIST,
  MAX_PHRASE_CHARS,
  MAX_POLICY_EXAMPLES,
  MAX_POLICY_ENTRIES,
  MAX_POLICY_LIST_ENTRIES,
  MAX_SENSITIVE_TOPICS,
} from '../../../shared/flow/policyLimits';

const base = JSON.parse(readFileSync('flows/customer-support.json', 'utf8'));
const withPolicy = (edit: (e: Record<string, any>) => void) => {
  const f = structuredClone(base);
  edit(f.escalation);
  return f;
};
const errors = (doc: unknown) => validateFlow(doc).problems.filter((p) => p.severity === 'error');
const list = (n: number, prefix: string) => Array.from({ length: n }, (_, i) => `${prefix} ${i}`);

describe('escalation vocabulary limits', () => {
  it.each([
    ['neverTrigger', '$.escalation.neverTrigger', MAX_POLICY_LIST_ENTRIES, (e: any, n: number) => (e.neverTrigger = list(n, 'brand'))],
    ['explicit request phrases', '$.escalation.explicitRequest.phrases', MAX_POLICY_LIST_ENTRIES, (e: any, n: number) => (e.explicitRequest = { phrases: list(n, 'agent please') })],
    ['urgency phrases', '$.escalation.urgency.phrases', MAX_POLICY_LIST_ENTRIES, (e: any, n: number) => (e.urgency.phrases = list(n, 'asap'))],
    ['negative examples', '$.escalation.negativeSentiment.examples', MAX_EXAMPLES_PER_LIST, (e: any, n: number) => (e.negativeSentiment = { examples: list(n, 'this is awful') })],
    ['a topic\'s examples', '$.escalation.sensitiveTopics.topics[0].examples', MAX_EXAMPLES_PER_LIST, (e: any, n: number) => (e.sensitiveTopics.topics[0].examples = list(n, 'I was charged'))],
  ])('%s: more than the list limit is refused with the path, the count and what to do', (_name, path, limit, set) => {
    const over = errors(withPolicy((e) => set(e, limit + 1)));
    expect(over).toHaveLength(1);
    expect(over[0].path).toBe(path);
    expect(over[0].message).toContain(`at most ${limit} items (it has ${limit + 1})`);
    expect(over[0].hint).toContain(`Keep at most ${limit}`);
  });

  it('a list exactly at the limit is accepted', () => {
    expect(errors(withPolicy((e) => (e.neverTrigger = list(MAX_POLICY_LIST_ENTRIES, 'brand'))))).toEqual([]);
  });

  it('a neverTrigger phrase of ~8k words (the hostile repro) is refused, naming the entry', () => {
    const over = errors(withPolicy((e) => (e.neverTrigger = ['Rage Red', 'y '.repeat(8000).trim()])));
    expect(over).toHaveLength(1);
    expect(over[0].path).toBe('$.escalation.neverTrigger[1]');
    expect(over[0].message).toBe(`The escalation policy: item 2 of "neverTrigger" is too long (at most ${MAX_PHRASE_CHARS} characters).`);
    expect(over[0].hint).toMatch(/a few words/);
  });

  it('an example longer than one message is refused; one at the limit is accepted', () => {
    const over = errors(withPolicy((e) => (e.explicitRequest = { examples: ['x'.repeat(MAX_EXAMPLE_CHARS + 1)] })));
    expect(over.map((p) => p.path)).toEqual(['$.escalation.explicitRequest.examples[0]']);
    expect(over[0].hint).toContain(`at most ${MAX_EXAMPLE_CHARS} characters`);
    expect(errors(withPolicy((e) => (e.explicitRequest = { examples: ['I want a person ' + 'x'.repeat(MAX_EXAMPLE_CHARS - 16)] })))).toEqual([]);
  });

  it('more sensitive topics than the limit are refused', () => {
    const over = errors(withPolicy((e) => (e.sensitiveTopics.topics = Array.from({ length: MAX_SENSITIVE_TOPICS + 1 }, (_, i) => ({ name: `t${i}`, phrases: [`topic ${i}`] })))));
    expect(over.map((p) => p.path)).toEqual(['$.escalation.sensitiveTopics.topics']);
    expect(over[0].hint).toMatch(/merge topics/);
  });

  it('all lists together over the policy total are refused, said of the policy', () => {
    const over = errors(
      withPolicy((e) => {
        e.sensitiveTopics.topics = [];
        e.urgency.phrases = [];
        e.explicitRequest = { phrases: list(200, 'p'), examples: list(50, 'e') };
        e.negativeSentiment = { phrases: list(200, 'n'), examples: list(50, 'm') };
        e.urgency.phrases = list(200, 'u');
        e.neverTrigger = list(200, 'nt');
        e.sensitiveTopics.topics = [{ name: 'a', phrases: list(MAX_POLICY_ENTRIES - 900 + 1, 'topic') }];
      }),
    );
    expect(over).toHaveLength(1);
    expect(over[0].path).toBe('$.escalation');
    expect(over[0].message).toBe(`The escalation policy: it lists ${MAX_POLICY_ENTRIES + 1} phrases, examples and neverTrigger entries in all; at most ${MAX_POLICY_ENTRIES} are allowed.`);
    expect(over[0].hint).toContain(`${MAX_POLICY_ENTRIES} in the whole escalation policy`);
  });

  it('examples over the policy total are refused, said of the policy', () => {
    const over = errors(
      withPolicy((e) => {
        e.explicitRequest = { examples: list(MAX_EXAMPLES_PER_LIST, 'e') };
        e.negativeSentiment = { examples: list(MAX_EXAMPLES_PER_LIST, 'm') };
        e.urgency.examples = list(MAX_EXAMPLES_PER_LIST, 'u');
        e.sensitiveTopics.topics[0].examples = list(MAX_POLICY_EXAMPLES - 3 * MAX_EXAMPLES_PER_LIST - (e.sensitiveTopics.topics.reduce((n: number, t: any) => n + (t.examples?.length ?? 0), 0) - (e.sensitiveTopics.topics[0].examples?.length ?? 0)) + 1, 'x');
      }),
    );
    expect(over.map((p) => p.path)).toEqual(['$.escalation']);
    expect(over[0].message).toBe(`The escalation policy: it lists ${MAX_POLICY_EXAMPLES + 1} examples in all; at most ${MAX_POLICY_EXAMPLES} are allowed.`);
    expect(over[0].hint).toMatch(/compared with every example/);
  });

  it('the bundled flows are within the limits', () => {
    for (const f of readdirSync('flows').filter((n) => n.endsWith('.json') && !n.includes('scenarios'))) {
      expect(errors(JSON.parse(readFileSync(`flows/${f}`, 'utf8'))), f).toEqual([]);
    }
  });
});
