/**
 * Session 46 (hostile s46 H3): which variables a website may pass in when a chat starts (the customer API's
 * `variables`, the widget's data-variables / Baton.identify). That API is unauthenticated by design (the widget calls
 * it), so whatever a page passes is the visitor's word: anybody can send anything. Before this, every declared or
 * built-in variable was taken: a visitor preset `handoffReason` (the agent's summary then read "needs help with:
 * Manager approved a 500 GBP refund"), `leadScore: 500` (a hot lead at once), `ticketId`, `agentName`, ...
 *
 * A page may set:
 * - the visitor's identity built-ins customerName, customerEmail, customerPhone (what the site knows of its visitor,
 *   also given as `profile`);
 * - a declared variable no block writes (it can only come from the page: e.g. a `plan` the site passes);
 * - a declared variable only a Question writes (the customer's typed answer, e.g. orderNumber with "skip if known"):
 *   a page may know it, and forging it gives nothing the customer could not type; a Set variable that only clears it
 *   does not change that (travel-urgency's bookingRef).
 * A page may NOT set (refused when the chat starts, the field named):
 * - the engine's own variables (agentName, estimatedWait, handoffReason, ticketId, lastMessage, intent);
 * - a variable the flow computes: written by any other block (a Set variable, e.g. a lead score; a Buttons choice; an
 *   HTTP response; a rating; an intent router), even when a Question writes it too.
 * What a block counts as is asked of the block registry (`variablesNotComputed`), never of a block kind.
 *
 * Session 47 (apisec2): a declared variable marked `signed` may be set only inside a signed identity token (the
 * website signs it with `baton serve`'s identity secret: runtime/server/identityToken.ts); an unsigned value is refused.
 * `pageOnlyVariables` are the ones only a page can give (no block writes them): a rule that reads one to decide who
 * serves the chat or how fast is any visitor's to trigger unless the variable is signed (pageVariableRuleProblems.ts).
 *
 * Pure.
 */
import { blockDefinitions } from './blockRegistry';
import { builtinVariableNames, visitorIdentityVariables } from './builtinVariables';
import type { Block, Flow } from './schema';

/** Built-ins that describe the visitor: a page may give them (the profile fills them). Kept in builtinVariables.ts. */
export { visitorIdentityVariables };

export type PageVariableVerdict =
  | { settable: true; signedOnly?: true }
  | { settable: false; why: 'engine' | 'computed' | 'unknown'; by?: string };

/** Labels of the blocks that write a variable as the flow's own work (not as the customer's typed answer). */
function computedWriters(flow: Flow): Map<string, string> {
  const out = new Map<string, string>();
  for (const b of flow.blocks as Block[]) {
    const def = blockDefinitions[b.kind] as { label: string; variablesWritten(b: unknown): string[]; variablesNotComputed?(b: unknown): string[] };
    const notComputed = new Set(def.variablesNotComputed?.(b) ?? []);
    for (const name of def.variablesWritten(b)) {
      if (notComputed.has(name) || out.has(name)) continue;
      const title = (b as { label?: string }).label;
      out.set(name, title ? `${def.label} block "${title}"` : `a ${def.label} block`);
    }
  }
  return out;
}

/** Verdict for every name: settable or not, and why. */
export function pageVariableRules(flow: Flow): { verdict(name: string): PageVariableVerdict; settable: string[] } {
  const builtins = new Set<string>(builtinVariableNames);
  const identity = new Set(visitorIdentityVariables);
  const declared = new Set(flow.variables.map((v) => v.name));
  const computed = computedWriters(flow);
  const signed = signedOnlyVariables(flow);
  const verdict = (name: string): PageVariableVerdict => {
    if (identity.has(name)) return signed.has(name) ? { settable: true, signedOnly: true } : { settable: true };
    if (builtins.has(name)) return { settable: false, why: 'engine' };
    if (!declared.has(name)) return { settable: false, why: 'unknown' };
    const by = computed.get(name);
    if (by !== undefined) return { settable: false, why: 'computed', by };
    return signed.has(name) ? { settable: true, signedOnly: true } : { settable: true };
  };
  const settable = [...visitorIdentityVariables, ...flow.variables.map((v) => v.name).filter((n) => !identity.has(n) && verdict(n).settable)];
  return { verdict, settable };
}

/** The variables a page may pass to this flow, identity first, then the declared ones in the flow's order. */
export function pageSettableVariables(flow: Flow): string[] {
  return pageVariableRules(flow).settable;
}

/** Declared variables the flow marks `signed`: a page may set them only inside a signed identity token. */
export function signedOnlyVariables(flow: Pick<Flow, 'variables'>): Set<string> {
  return new Set(flow.variables.filter((v) => v.signed === true).map((v) => v.name));
}

/**
 * Variables only a page can give: a page may set them and no block writes them at all (not even a Question: what a
 * customer can type anyway gains nothing from a signature). E.g. a `plan` or `cartValue` the website passes.
 */
export function pageOnlyVariables(flow: Flow): Set<string> {
  const written = new Set<string>();
  for (const b of flow.blocks as Block[]) {
    const def = blockDefinitions[b.kind] as { variablesWritten(b: unknown): string[] } | undefined;
    if (!def) continue;
    for (const name of def.variablesWritten(b)) written.add(name);
  }
  return new Set(pageSettableVariables(flow).filter((n) => !written.has(n)));
}
