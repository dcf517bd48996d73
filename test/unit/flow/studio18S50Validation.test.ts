/**
 * Session 50 (studio18): hostile s49 L5 (HTTP "Save from the reply" rows into Baton's own variables, into `secrets`, from
 * paths that cannot be read) and L6 (Condition / urgency / hot-lead rules that can never work as meant), as `baton
 * validate` and the studio's Problems list see them; and the rule that tidies an agent's blank lines (hostile s49 L7).
 *
 * The hostile tester's own cases come first; "held out" cases were written after the change's first run, of the same
 * kinds in other shapes.
 */
import { describe, expect, it } from 'vitest';
import { validateFlow } from '../../../shared/flow/validateFlow';
import { mappingPathProblem } from '../../../shared/flow/blocks/httpRequest';
import { ruleMeaningProblem } from '../../../shared/flow/rulePatternProblems';
import { checkPattern, evaluateRule } from '../../../shared/flow/rules';
import { readPath } from '../../../shared/engine/readPath';
import { tidyAgentText } from '../../../shared/handoff/agentText';
import { blockIndex, validDoc } from './helpers';

const withMappings = (rows: { variable: string; path: string }[]) => {
  const doc = validDoc();
  doc.blocks[blockIndex(doc, 'lookup')].data.responseMapping = rows;
  return { doc, at: blockIndex(doc, 'lookup') };
};

const withCondition = (rules: unknown[], combinator = 'and') => {
  const doc = validDoc();
  doc.blocks.push({ id: 'check', kind: 'condition', data: { combinator, rules } });
  return { doc, at: doc.blocks.length - 1 };
};

describe('hostile s49 L5: "Save from the reply" rows that cannot work as meant', () => {
  it("the tester's map2.json rows: engine variables, 'secrets', `items[0`, `a..b`, ` status `", () => {
    const { doc, at } = withMappings([
      { variable: 'lastMessage', path: 'status' },
      { variable: 'agentName', path: 'html' },
      { variable: 'secrets', path: 'status' },
      { variable: 'a', path: 'items[0' },
      { variable: 'c', path: 'a..b' },
      { variable: 'd', path: ' status ' },
    ]);
    const r = validateFlow(doc);
    const byCode = (code: string) => r.problems.filter((p) => p.code === code);
    expect(byCode('http_mapping_engine_variable').map((p) => p.path)).toEqual([
      `$.blocks[${at}].data.responseMapping[0].variable`,
      `$.blocks[${at}].data.responseMapping[1].variable`,
    ]);
    expect(byCode('http_mapping_engine_variable')[1].message).toMatch(/saves into 'agentName', which Baton sets itself \(name of the agent who took the conversation\): the reply would overwrite it/);
    expect(byCode('http_mapping_engine_variable')[1].severity).toBe('error');
    expect(byCode('secrets_variable_name')).toHaveLength(1);
    expect(byCode('secrets_variable_name')[0].path).toBe(`$.blocks[${at}].data.responseMapping[2].variable`);
    const bad = byCode('http_mapping_bad_path');
    expect(bad.map((p) => p.path)).toEqual([`$.blocks[${at}].data.responseMapping[3].path`, `$.blocks[${at}].data.responseMapping[5].path`]);
    expect(bad[0].message).toMatch(/"items\[0" has a \[ without its \], so it reads nothing/);
    expect(bad[0].hint).toMatch(/items\.0/);
    expect(bad[1].message).toMatch(/starts or ends with a space/);
    expect(bad[1].hint).toBe('Remove the spaces: status.');
    const odd = byCode('http_mapping_odd_path');
    expect(odd.map((p) => [p.path, p.severity])).toEqual([[`$.blocks[${at}].data.responseMapping[4].path`, 'warning']]);
    expect(odd[0].message).toMatch(/read as a\.b/);
    expect(r.ok).toBe(false);
  });

  it('what the checks say is what readPath does (no error for a path that reads, none missed that reads nothing)', () => {
    const reply = { status: 'shipped', items: [{ name: 'Bell' }], a: { b: 1 }, 'first name': 'Ann' };
    for (const path of ['status', 'items[0].name', 'items.0.name', '[0]', 'a.b', 'first name']) {
      const why = mappingPathProblem(path);
      expect(why?.severity === 'error', path).toBe(false);
    }
    for (const path of ['items[0', ' status ', 'items[first].name', 'items]0']) {
      expect(mappingPathProblem(path)?.severity, path).toBe('error');
      expect(readPath(reply, path), path).toBeUndefined();
    }
    expect(readPath(reply, 'a..b')).toBe(1);
  });

  it('held out: the visitor details may come from a CRM; other engine variables and paths of the same kinds may not', () => {
    const { doc, at } = withMappings([
      { variable: 'customerName', path: 'customer.name' },
      { variable: 'customerEmail', path: 'customer.email' },
      { variable: 'ticketId', path: 'id' },
      { variable: 'handoffReason', path: 'note' },
      { variable: 'intent', path: 'kind' },
      { variable: 'orders', path: 'orders[1]]' },
      { variable: 'lastItem', path: 'items.' },
      { variable: 'total', path: 'order.total\t' },
    ]);
    const r = validateFlow(doc);
    const rows = (code: string) => r.problems.filter((p) => p.code === code).map((p) => Number(/responseMapping\[(\d+)\]/.exec(p.path)![1]));
    expect(rows('http_mapping_engine_variable')).toEqual([2, 3, 4]);
    expect(rows('http_mapping_bad_path')).toEqual([5, 7]);
    expect(rows('http_mapping_odd_path')).toEqual([6]);
    expect(r.problems.filter((p) => p.path.startsWith(`$.blocks[${at}]`) && /responseMapping\[[01]\]/.test(p.path))).toEqual([]);
  });

  it("a variable named 'secrets' is refused wherever it is written or declared", () => {
    const doc = validDoc();
    doc.variables.push({ name: 'secrets' });
    doc.blocks[blockIndex(doc, 'ask-email')].data.variable = 'secrets';
    const found = validateFlow(doc).problems.filter((p) => p.code === 'secrets_variable_name');
    expect(found.map((p) => p.path)).toEqual([`$.variables[1].name`, `$.blocks[${blockIndex(doc, 'ask-email')}].data.variable`]);
  });
});

describe('hostile s49 L6: Condition rules that can never work as meant', () => {
  it("the tester's four: a JavaScript regex literal, an empty pattern, 'is more than \"abc\"', a rule on secrets.X", () => {
    const { doc, at } = withCondition([
      { variable: 'plan', op: 'matches', value: '/hello/i' },
      { variable: 'plan', op: 'matches', value: '' },
      { variable: 'plan', op: 'gt', value: 'abc' },
      { variable: 'secrets.API_KEY', op: 'eq', value: 'x' },
    ]);
    const r = validateFlow(doc);
    // Errors are listed before warnings: sorted here by the rule.
    const mine = r.problems.filter((p) => p.path.startsWith(`$.blocks[${at}].data.rules`)).sort((a, b) => a.path.localeCompare(b.path));
    expect(mine.map((p) => [p.code, p.severity, p.path.replace(`$.blocks[${at}].data.`, '')])).toEqual([
      ['rule_pattern_slashes', 'warning', 'rules[0].value'],
      ['rule_always_true', 'warning', 'rules[1].value'],
      ['rule_not_a_number', 'error', 'rules[2].value'],
      ['rule_reads_secret', 'error', 'rules[3].variable'],
    ]);
    expect(mine[0].hint).toBe('Write the pattern without the slashes: hello (patterns already ignore case).');
    expect(mine[2].message).toMatch(/“is more than” compares numbers, and "abc" is not a number/);
    // What the warnings say is what the engine does.
    expect(evaluateRule({ variable: 'plan', op: 'matches', value: '/hello/i' }, { plan: 'hello' }, 0)).toBe(false);
    expect(evaluateRule({ variable: 'plan', op: 'matches', value: '' }, { plan: 'anything' }, 0)).toBe(true);
    expect(evaluateRule({ variable: 'plan', op: 'gt', value: 'abc' }, { plan: 'zzz' }, 0)).toBe(false);
    expect(evaluateRule({ variable: 'secrets.API_KEY', op: 'eq', value: 'x' }, { plan: 'x' }, 0)).toBe(false);
  });

  it('"(?<=a)b" says lookbehind first, not RE2\'s "invalid named capture"', () => {
    const { doc, at } = withCondition([{ variable: 'plan', op: 'matches', value: '(?<=a)b' }]);
    const p = validateFlow(doc).problems.find((x) => x.code === 'invalid_pattern' && x.path.startsWith(`$.blocks[${at}]`))!;
    expect(p.message).toMatch(/uses a lookbehind \(\(\?<=\.\.\.\) or \(\?<!\.\.\.\)\), which Baton's patterns do not support/);
    expect(p.message).not.toMatch(/named capture/);
    expect(checkPattern('(?<=a)b').ok).toBe(false);
  });

  it('urgency and hot-lead rules are judged the same way, warnings as warnings', () => {
    const doc = validDoc();
    doc.escalation.urgency = { rules: [{ variable: 'plan', op: 'lt', value: 'soon' }, { variable: 'plan', op: 'contains', value: '' }] };
    const r = validateFlow(doc);
    const urgency = r.problems.filter((p) => p.path.startsWith('$.escalation.urgency'));
    expect(urgency.map((p) => [p.code, p.severity])).toEqual([
      ['rule_not_a_number', 'error'],
      ['rule_always_true', 'warning'],
    ]);
    expect(urgency[0].message).toMatch(/^An urgency rule of the escalation policy: rule 1 \(plan is less than "soon"\) is never true/);
  });

  it('held out: other rules of the same kinds, and rules that do work say nothing', () => {
    const say = (rule: { variable: string; op: string; value?: unknown }) => ruleMeaningProblem(rule as never, 'Rule 1')?.code ?? null;
    // Same kinds, other shapes.
    expect(say({ variable: 'code', op: 'matches', value: '/^ORD-\\d+$/' })).toBe('rule_pattern_slashes');
    expect(say({ variable: 'code', op: 'matches', value: '/refund/gi' })).toBe('rule_pattern_slashes');
    expect(say({ variable: 'total', op: 'gte', value: 'fifty' })).toBe('rule_not_a_number');
    expect(say({ variable: 'total', op: 'lte', value: '2026-05-01' })).toBe('rule_not_a_number');
    expect(say({ variable: 'departure', op: 'within_minutes', value: 'half an hour' })).toBe('rule_not_a_number');
    expect(say({ variable: 'total', op: 'gt' })).toBe('rule_no_number');
    expect(say({ variable: 'secrets.TOKEN', op: 'exists' })).toBe('rule_reads_secret');
    expect(say({ variable: 'note', op: 'starts_with', value: '' })).toBe('rule_always_true');
    expect(say({ variable: 'note', op: 'not_contains' })).toBe('rule_never_true');
    // Rules that work as written: nothing said.
    for (const ok of [
      { variable: 'total', op: 'gt', value: 50 },
      { variable: 'total', op: 'gt', value: '1,500' },
      { variable: 'code', op: 'matches', value: '^ORD-\\d+$' },
      { variable: 'path', op: 'matches', value: '/orders/' },
      { variable: 'note', op: 'contains', value: ' ' },
      { variable: 'plan', op: 'eq', value: '' },
      { variable: 'plan', op: 'exists' },
      { variable: 'departure', op: 'within_minutes', value: 30 },
    ]) {
      expect(say(ok), JSON.stringify(ok)).toBeNull();
    }
    // "/orders/" is a real path a designer may look for: RE2 reads it as the text "/orders/", and that is said nowhere
    // (this held-out case failed the first version, which warned about every /.../; now only with flags after the last
    // slash or pattern syntax between the slashes).
    expect(evaluateRule({ variable: 'u', op: 'matches', value: '/orders/' }, { u: 'https://x.test/orders/12' }, 0)).toBe(true);
  });

  it('the four shipped flows and the valid fixture have none of these problems', async () => {
    const { readFileSync } = await import('node:fs');
    const codes = new Set(['rule_pattern_slashes', 'rule_always_true', 'rule_never_true', 'rule_not_a_number', 'rule_no_number', 'rule_reads_secret', 'http_mapping_engine_variable', 'http_mapping_bad_path', 'http_mapping_odd_path', 'secrets_variable_name']);
    for (const name of ['customer-support', 'insurance-claims', 'lead-gen', 'travel-urgency']) {
      const doc = JSON.parse(readFileSync(new URL(`../../../flows/${name}.json`, import.meta.url), 'utf8'));
      expect(validateFlow(doc).problems.filter((p) => codes.has(p.code)), name).toEqual([]);
    }
    expect(validateFlow(validDoc()).problems.filter((p) => codes.has(p.code))).toEqual([]);
  });
});

describe('hostile s49 L7: an agent message of blank lines', () => {
  it('runs of blank lines are one, white space at the ends goes, single line breaks stay', () => {
    expect(tidyAgentText(`line1${'\n'.repeat(20)}line2`)).toBe('line1\n\nline2');
    expect(tidyAgentText('\n\n  Hello  \r\n\r\n\r\n\r\nSee you\n \n\t\n')).toBe('Hello\n\nSee you');
    expect(tidyAgentText('a\nb\n\nc')).toBe('a\nb\n\nc');
    expect(tidyAgentText(' \n\n \t \n')).toBe('');
  });
});
