/**
 * Session 47 (apisec2): rules that decide who serves a chat or how fast, reading a variable any visitor can set.
 *
 * A website passes variables when the chat starts (the customer API's `variables`, the widget's data-variables); that
 * call needs no credentials, so a value only a page gives (`pageOnlyVariables`: a `plan`, a `cartValue`) is the
 * visitor's word. When such a value decides
 * - an escalation rule: a hot-lead rule or an urgency rule (handed to a person at once, an urgent chat first in the queue),
 * - a Condition whose exits lead to different Human takeover blocks without the customer choosing on the way (a VIP
 *   team, a faster queue),
 * any visitor can choose to jump the queue. Each such read is reported (validateFlow: warning `page_variable_in_rule`),
 * until the flow marks the variable `signed` (then only a signed identity token may set it: docs/runtime.md
 * "Signed identity").
 *
 * A hot-lead group "all rules" is reported only when the visitor can make every rule of it hold (each reads a variable
 * a page may set: one only the page gives, the others the page or the customer's own answers); a group with one rule on
 * a computed score (lead-gen's leadScore) cannot be forced from the page. Variables a Question also writes are not
 * reported: a customer can type the same value in the chat, so a signature would protect nothing.
 * Human takeover blocks have no rules on variables (their priority, skill and language are fixed): nothing to check there.
 *
 * The path from a Condition's exit is followed through blocks that do not wait for the customer, and through waiting
 * blocks with one way on (a Question's "next", an HTTP request's two results); it stops at a block where the customer
 * picks the way (two or more ways besides "fallback": Buttons, routers, a rating) and at a Human takeover (found).
 *
 * Pure: no Node, DOM, React or Electron imports.
 */
import { blockDefinitions } from './blockRegistry';
import type { Rule, RuleGroup } from './blocks/fields';
import { pageOnlyVariables, pageVariableRules, signedOnlyVariables } from './pageVariables';
import type { Block, Flow } from './schema';
import { nameBlock } from './zodProblems';

export interface PageVariableRuleProblem {
  code: 'page_variable_in_rule';
  path: (string | number)[];
  blockId: string | null;
  variable: string;
  message: string;
  hint: string;
}

/** Where in the docs the recipe is: said in every hint. */
export const SIGNED_IDENTITY_DOC = 'docs/runtime.md, "Signed identity"';

function hintFor(name: string): string {
  return `Require it signed: in Flow settings > Variables tick "Signed only" for '${name}' (declare it there first if it is not listed), and have your website sign it with baton serve's identity secret (${SIGNED_IDENTITY_DOC}). Or have the flow work it out itself (an HTTP request to your server).`;
}

/** Ids of the Human takeover blocks a conversation goes to from `from` without the customer choosing the way. */
function takeoversReached(flow: Flow, from: string | undefined, outOf: Map<string, Map<string, string>>, byId: Map<string, Block>): Set<string> {
  const found = new Set<string>();
  if (!from) return found;
  const seen = new Set<string>([from]);
  const stack = [from];
  while (stack.length > 0) {
    const id = stack.pop()!;
    const b = byId.get(id);
    if (!b) continue;
    const def = blockDefinitions[b.kind];
    if (def.isHandoffTarget) {
      found.add(id);
      continue;
    }
    const exits = outOf.get(id) ?? new Map<string, string>();
    let ways: string[];
    if (!def.waitsForCustomer) ways = [...exits.values()];
    else {
      const choices = def.exits(b as never).filter((e) => e !== 'fallback');
      // The customer picks the way here (Buttons, a router, a rating): not the variable's doing any more.
      if (choices.length > 1 && !choices.every((e) => RESULT_EXITS.has(e))) continue;
      ways = [...exits.entries()].filter(([exit]) => exit !== 'fallback').map(([, to]) => to);
    }
    for (const to of def.jumpsTo?.(b as never) ?? []) ways.push(to);
    for (const to of ways) {
      if (seen.has(to)) continue;
      seen.add(to);
      stack.push(to);
    }
  }
  return found;
}

/** Exits that are a result the customer does not pick (an HTTP request's): the path goes on through both. */
const RESULT_EXITS: ReadonlySet<string> = new Set(['success', 'error']);

/** Every read of an unsigned page-only variable by a rule that changes who serves the chat or how fast. */
export function pageVariableRuleProblems(flow: Flow): PageVariableRuleProblem[] {
  const pageOnly = pageOnlyVariables(flow);
  const signed = signedOnlyVariables(flow);
  const risky = new Set([...pageOnly].filter((n) => !signed.has(n)));
  if (risky.size === 0) return [];
  const rules = pageVariableRules(flow);
  const out: PageVariableRuleProblem[] = [];
  const esc = flow.escalation;
  const reported = new Set<string>();
  const report = (p: Omit<PageVariableRuleProblem, 'code' | 'hint'>) => {
    const key = `${p.path.join('.')}|${p.variable}`;
    if (reported.has(key)) return;
    reported.add(key);
    out.push({ code: 'page_variable_in_rule', hint: hintFor(p.variable), ...p });
  };

  if (esc.enabled && esc.urgency.enabled) {
    esc.urgency.rules.forEach((r, k) => {
      if (!risky.has(r.variable)) return;
      report({
        path: ['escalation', 'urgency', 'rules', k, 'variable'],
        blockId: null,
        variable: r.variable,
        message: `An urgency rule of the escalation policy reads '${r.variable}', which any visitor can set when the chat starts (the website passes it, unchecked): anybody can make their chat urgent, handed to a person at once and put first in the queue.`,
      });
    });
  }

  if (esc.enabled && esc.hotLead.enabled) {
    const group: RuleGroup = esc.hotLead.rules;
    const visitorMakesTrue = (r: Rule) => rules.verdict(r.variable).settable;
    const forced = group.combinator === 'or' ? group.rules.filter((r) => risky.has(r.variable)) : group.rules.length > 0 && group.rules.every(visitorMakesTrue) ? group.rules.filter((r) => risky.has(r.variable)) : [];
    for (const r of forced) {
      const k = group.rules.indexOf(r);
      report({
        path: ['escalation', 'hotLead', 'rules', 'rules', k, 'variable'],
        blockId: null,
        variable: r.variable,
        message: `A hot-lead rule of the escalation policy reads '${r.variable}', which any visitor can set when the chat starts (the website passes it, unchecked): anybody can make themselves a hot lead and be handed to a person at once.`,
      });
    }
  }

  const byId = new Map<string, Block>();
  for (const b of flow.blocks as Block[]) if (!byId.has(b.id)) byId.set(b.id, b);
  const outOf = new Map<string, Map<string, string>>();
  for (const e of flow.edges) {
    const m = outOf.get(e.from) ?? new Map<string, string>();
    if (!m.has(e.exit)) m.set(e.exit, e.to);
    outOf.set(e.from, m);
  }
  (flow.blocks as Block[]).forEach((b, index) => {
    const def = blockDefinitions[b.kind];
    // A block that branches on rules without waiting for the customer (a Condition): asked of its reads and exits.
    if (def.waitsForCustomer || def.isHandoffTarget) return;
    const reads = def.variablesRead(b as never).filter((u) => !u.template && risky.has(u.name));
    if (reads.length === 0) return;
    const exits = def.exits(b as never);
    if (exits.length < 2) return;
    const reached = exits.map((exit) => takeoversReached(flow, outOf.get(b.id)?.get(exit), outOf, byId));
    const all = new Set(reached.flatMap((s) => [...s]));
    if (all.size === 0) return;
    const same = reached.every((s) => s.size === all.size);
    if (same) return; // every way leads to the same people: the rule does not change who serves the chat
    const to = [...all].map((id) => {
      const t = byId.get(id)!;
      const title = (t as { label?: unknown }).label;
      return typeof title === 'string' && title ? `'${title}'` : nameBlock(id, t.kind).replace(/^Block /, 'block ');
    });
    for (const u of reads) {
      report({
        path: ['blocks', index, ...u.path],
        blockId: b.id,
        variable: u.name,
        message: `${nameBlock(b.id, b.kind)} reads '${u.name}', which any visitor can set when the chat starts (the website passes it, unchecked), and its answer decides whether the chat goes to ${to.join(' or ')}: anybody can choose to be sent there.`,
      });
    }
  });
  return out;
}
