/**
 * Session 47 (apisec2): `baton validate` and the studio's Problems warn (page_variable_in_rule) when a rule that decides
 * who serves a chat or how fast reads a variable only the website gives (any visitor can set it when the chat starts),
 * until the flow marks that variable signed (shared/flow/pageVariableRuleProblems.ts).
 *
 * The first set below (shapes the check must tell apart) was written with the code, not before it: this is a new check,
 * not a misreading fixed. The held-out set at the end was written after the code passed the first set and run once.
 */
import { describe, expect, it } from 'vitest';
import { validateFlow } from '../../../shared/flow/validateFlow';
import { pageOnlyVariables } from '../../../shared/flow/pageVariables';
import { fixtureText, validDoc } from './helpers';
import { readFileSync } from 'node:fs';

const CODE = 'page_variable_in_rule';
const warned = (doc: unknown) => validateFlow(doc).problems.filter((p) => p.code === CODE);
const unsign = (doc: any, name: string) => {
  const v = doc.variables.find((x: any) => x.name === name);
  if (v) delete v.signed;
  return doc;
};
const shipped = (name: string) => JSON.parse(readFileSync(`flows/${name}.json`, 'utf8'));

/** valid-support with a Condition 'vip' on `plan` after the welcome: true -> `trueTo`, false -> the menu. */
function withVip(trueTo: string, opts: { rules?: unknown[]; combinator?: 'and' | 'or'; extraBlocks?: unknown[]; extraEdges?: unknown[] } = {}) {
  const doc = unsign(validDoc(), 'plan');
  doc.escalation.urgency.rules = [];
  doc.blocks.push({ id: 'vip', kind: 'condition', data: { combinator: opts.combinator ?? 'and', rules: opts.rules ?? [{ variable: 'plan', op: 'eq', value: 'enterprise' }] } }, ...(opts.extraBlocks ?? []));
  doc.edges = doc.edges.filter((e: any) => e.id !== 'e2');
  doc.edges.push({ id: 'v0', from: 'welcome', exit: 'next', to: 'vip' }, { id: 'v1', from: 'vip', exit: 'true', to: trueTo }, { id: 'v2', from: 'vip', exit: 'false', to: 'menu' }, ...(opts.extraEdges ?? []));
  return doc;
}

describe('rules on who serves the chat that any visitor can trigger (set with the code)', () => {
  it('an urgency rule on a page-only variable (valid-support without signed)', () => {
    const w = warned(unsign(validDoc(), 'plan'));
    expect(w).toHaveLength(1);
    expect(w[0]).toMatchObject({ severity: 'warning', path: '$.escalation.urgency.rules[0].variable', blockId: null });
    expect(w[0].message).toContain("An urgency rule of the escalation policy reads 'plan', which any visitor can set when the chat starts");
    expect(w[0].hint).toContain('tick "Signed only" for \'plan\'');
    expect(w[0].hint).toContain('docs/runtime.md, "Signed identity"');
  });

  it('the shipped customer-support hot-lead rule on cartValue, until cartValue is marked signed (as shipped)', () => {
    expect(warned(shipped('customer-support'))).toEqual([]);
    const w = warned(unsign(shipped('customer-support'), 'cartValue'));
    expect(w.map((p) => p.path)).toEqual(['$.escalation.hotLead.rules.rules[0].variable']);
    expect(w[0].message).toContain("A hot-lead rule of the escalation policy reads 'cartValue'");
  });

  it('a Condition on a page-only variable that sends the chat to a takeover', () => {
    const w = warned(withVip('takeover'));
    expect(w).toHaveLength(1);
    expect(w[0]).toMatchObject({ blockId: 'vip', path: `$.blocks[${validDoc().blocks.length}].data.rules[0].variable` });
    expect(w[0].message).toContain("Block 'vip' (Condition) reads 'plan'");
    expect(w[0].message).toContain("decides whether the chat goes to block 'takeover' (Human takeover)");
  });

  it('... also through a message and a Question on the way (the customer types, the way does not change)', () => {
    const doc = withVip('vip-hello', {
      extraBlocks: [
        { id: 'vip-hello', kind: 'message', data: { text: 'Welcome back, enterprise customer.' } },
        { id: 'vip-email', kind: 'question', data: { text: 'Your email?', inputType: 'email', variable: 'customerEmail' } },
      ],
      extraEdges: [
        { id: 'v3', from: 'vip-hello', exit: 'next', to: 'vip-email' },
        { id: 'v4', from: 'vip-email', exit: 'next', to: 'takeover' },
      ],
    });
    expect(warned(doc).map((p) => p.blockId)).toEqual(['vip']);
  });

  it('an "all rules" hot-lead group the visitor can make true alone (cartValue and an email anyone can give)', () => {
    const doc = unsign(shipped('customer-support'), 'cartValue');
    doc.escalation.hotLead.rules = { combinator: 'and', rules: [{ variable: 'customerEmail', op: 'exists' }, { variable: 'cartValue', op: 'gte', value: 500 }] };
    expect(warned(doc).map((p) => p.path)).toEqual(['$.escalation.hotLead.rules.rules[1].variable']);
  });

  it('no warning: the variable is marked signed', () => {
    const doc = withVip('takeover');
    doc.variables.find((v: any) => v.name === 'plan').signed = true;
    expect(warned(doc)).toEqual([]);
    expect(warned(validDoc())).toEqual([]);
  });

  it('no warning: a variable a Question also asks (the customer can type the same value: a signature protects nothing)', () => {
    expect(warned(shipped('travel-urgency'))).toEqual([]); // urgency rule on departureTime, a Question's answer
    expect(pageOnlyVariables(validateFlow(shipped('travel-urgency')).flow!).has('departureTime')).toBe(false);
  });

  it('no warning: an "all rules" group with a rule on a score the flow computes (lead-gen)', () => {
    expect(warned(shipped('lead-gen'))).toEqual([]);
    const doc = unsign(shipped('customer-support'), 'cartValue');
    doc.variables.push({ name: 'score', type: 'number' });
    doc.blocks.push({ id: 'scorer', kind: 'set_variable', data: { assignments: [{ variable: 'score', value: 10 }] } });
    doc.escalation.hotLead.rules = { combinator: 'and', rules: [{ variable: 'score', op: 'gte', value: 70 }, { variable: 'cartValue', op: 'gte', value: 500 }] };
    expect(warned(doc)).toEqual([]);
  });

  it('no warning: both ways lead to the same takeover, the customer picks on the way, or no person at all', () => {
    // menu's "Talk to a person" button leads to the takeover: the customer chooses there.
    expect(warned(withVip('menu'))).toEqual([]);
    const bothSame = withVip('takeover');
    bothSame.edges = bothSame.edges.map((e: any) => (e.id === 'v2' ? { ...e, to: 'takeover' } : e));
    expect(warned(bothSame)).toEqual([]);
    const noPerson = withVip('status');
    expect(warned(noPerson)).toEqual([]);
  });

  it('no warning: the hot-lead signal or the whole policy is off', () => {
    const off = unsign(shipped('customer-support'), 'cartValue');
    off.escalation.hotLead.enabled = false;
    expect(warned(off)).toEqual([]);
    const policyOff = unsign(validDoc(), 'plan');
    policyOff.escalation.enabled = false;
    expect(warned(policyOff)).toEqual([]);
  });

  it('the fixture and shipped flows: valid-support and the four flows have none (valid-support marks plan signed)', () => {
    expect(JSON.parse(fixtureText('valid-support')).variables[0].signed).toBe(true);
    for (const f of ['customer-support', 'lead-gen', 'insurance-claims', 'travel-urgency']) expect(warned(shipped(f)), f).toEqual([]);
  });
});

describe('held out (written after the code passed the set above)', () => {
  it('"any rule" Condition mixing the page-only plan with lastMessage, true -> takeover: warns for plan only', () => {
    const w = warned(withVip('takeover', { combinator: 'or', rules: [{ variable: 'lastMessage', op: 'contains', value: 'vip' }, { variable: 'plan', op: 'eq', value: 'enterprise' }] }));
    expect(w.map((p) => p.path)).toEqual([`$.blocks[${validDoc().blocks.length}].data.rules[1].variable`]);
  });

  it('a Jump to the takeover after the Condition: warns', () => {
    const doc = withVip('to-team', { extraBlocks: [{ id: 'to-team', kind: 'jump', data: { target: 'takeover' } }] });
    expect(warned(doc).map((p) => p.blockId)).toEqual(['vip']);
  });

  it('an HTTP request on the way (its success and error are not the customer\'s choice): warns', () => {
    const doc = withVip('crm', {
      extraBlocks: [{ id: 'crm', kind: 'http_request', data: { url: 'https://crm.example.com/vip', method: 'GET' } }],
      extraEdges: [
        { id: 'v5', from: 'crm', exit: 'success', to: 'takeover' },
        { id: 'v6', from: 'crm', exit: 'error', to: 'takeover' },
      ],
    });
    expect(warned(doc).map((p) => p.blockId)).toEqual(['vip']);
  });

  it('a rating on the way (the customer\'s score picks the exit): no warning', () => {
    const doc = withVip('rate', {
      extraBlocks: [{ id: 'rate', kind: 'csat', data: {} }],
      extraEdges: [
        { id: 'v7', from: 'rate', exit: 'next', to: 'bye' },
        { id: 'v8', from: 'rate', exit: 'low_rating', to: 'takeover' },
      ],
    });
    expect(warned(doc)).toEqual([]);
  });

  it('an urgency rule on customerPhone in a flow where no block writes it: warns (an identity built-in is page-only there)', () => {
    const doc = validDoc();
    doc.escalation.urgency.rules = [{ variable: 'customerPhone', op: 'starts_with', value: '+1' }];
    const w = warned(doc);
    expect(w.map((p) => p.path)).toEqual(['$.escalation.urgency.rules[0].variable']);
    doc.variables.push({ name: 'customerPhone', type: 'string', signed: true });
    expect(warned(doc)).toEqual([]);
  });
});
