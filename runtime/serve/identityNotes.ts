/**
 * Session 47 (apisec2): `baton serve`'s start-up note when a flow takes a variable only from a signed identity token
 * (`signed` in its declaration) but the server has no identity secret to check tokens with: pages cannot pass it at all
 * (an unsigned value is refused, a token cannot be checked). Said once per flow, with what to set.
 */
import { signedOnlyVariables } from '../../shared/flow/pageVariables';
import type { Flow } from '../../shared/flow/schema';
import { identityForFlow, type IdentitySettings } from '../server/startDetails';

export function identityNotes(flows: readonly Flow[], identity: IdentitySettings): string[] {
  const out: string[] = [];
  // Session 49 (apisec4): a flow id in identity.flows that this server does not serve (a typo: that flow would use the
  // server's secret, or none).
  const served = new Set(flows.map((f) => f.id));
  for (const id of Object.keys(identity.byFlow ?? {})) {
    if (!served.has(id)) out.push(`"identity": {"flows": {"${id}": ...}} names a flow this server does not serve (it serves ${[...served].map((x) => `"${x}"`).join(', ') || 'none'}): check the flow id; the secret is unused until such a flow is deployed.`);
  }
  for (const f of flows) {
    if (identityForFlow(identity, f.id).secrets.length > 0) continue;
    const names = [...signedOnlyVariables(f)];
    if (names.length === 0) continue;
    out.push(
      `flow ${f.id} takes ${names.map((n) => `"${n}"`).join(', ')} only from a signed identity token, but this server has no identity secret: a page cannot pass ${names.length === 1 ? 'it' : 'them'} (refused unsigned). Set "identity": {"secret": "..."} in --config or BATON_IDENTITY_SECRET and sign it on your server (docs/runtime.md, "Signed identity").`,
    );
  }
  return out;
}
