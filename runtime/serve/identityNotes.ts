/**
 * Session 47 (apisec2): `baton serve`'s start-up note when a flow takes a variable only from a signed identity token
 * (`signed` in its declaration) but the server has no identity secret to check tokens with: pages cannot pass it at all
 * (an unsigned value is refused, a token cannot be checked). Said once per flow, with what to set.
 */
import { signedOnlyVariables } from '../../shared/flow/pageVariables';
import type { Flow } from '../../shared/flow/schema';
import type { IdentitySettings } from '../server/startDetails';

export function identityNotes(flows: readonly Flow[], identity: IdentitySettings): string[] {
  if (identity.secrets.length > 0) return [];
  const out: string[] = [];
  for (const f of flows) {
    const names = [...signedOnlyVariables(f)];
    if (names.length === 0) continue;
    out.push(
      `flow ${f.id} takes ${names.map((n) => `"${n}"`).join(', ')} only from a signed identity token, but this server has no identity secret: a page cannot pass ${names.length === 1 ? 'it' : 'them'} (refused unsigned). Set "identity": {"secret": "..."} in --config or BATON_IDENTITY_SECRET and sign it on your server (docs/runtime.md, "Signed identity").`,
    );
  }
  return out;
}
