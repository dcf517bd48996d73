/**
 * Session 47 (apisec2): what a chat starts with. A page may pass details about the visitor (`variables`, `profile`: the
 * visitor's word) and a signed identity token (runtime/server/identityToken.ts: the team's server vouches for them).
 * This checks the token, sorts the details into signed and unsigned, applies the server's setting for unsigned ones
 * (`identity.unsigned`: keep or refuse) and the flow's signed-only variables, and says what the conversation keeps
 * about where each detail came from (`ConversationRecord.visitor`, shown in the agent inbox).
 *
 * Every refusal is a 400 naming the field and what to do; nothing is half-taken.
 */
import { pageVariableRules } from '../../shared/flow/pageVariables';
import type { Flow, Value } from '../../shared/flow/schema';
import type { VisitorDetails } from '../store/types';
import { ApiError } from './conversationService';
import { verifyIdentityToken } from './identityToken';
import { EMAIL_UP_FRONT, isOneEmail } from './schemas';

export interface IdentitySettings {
  /** Secrets tokens may be signed with (current first); empty: the server checks no token. */
  secrets: string[];
  /** Details a page passes without a signature: kept as the visitor's word, or refused. */
  unsigned: 'keep' | 'refuse';
}

export interface StartDetailsInput {
  variables?: Record<string, Value>;
  profile?: { name?: string; email?: string; phone?: string };
  identityToken?: string;
}

const PROFILE_FIELDS = [
  ['name', 'customerName'],
  ['email', 'customerEmail'],
  ['phone', 'customerPhone'],
] as const;

const same = (a: Value, b: Value) => a === b || (typeof a === 'string' && typeof b === 'string' && a.trim() === b.trim());
const shown = (v: Value) => (typeof v === 'string' ? `"${v.length > 60 ? `${v.slice(0, 60)}…` : v}"` : String(v));

/**
 * The details a chat starts with: the variables and profile to apply (withInitialVariables), and what the conversation
 * keeps about them (undefined when the page gave nothing).
 */
export function startDetails(
  flow: Flow,
  input: StartDetailsInput,
  settings: IdentitySettings,
  now: number,
): { variables: Record<string, Value>; profile: { name?: string; email?: string; phone?: string }; visitor?: VisitorDetails } {
  const variables: Record<string, Value> = { ...(input.variables ?? {}) };
  const profile = { ...(input.profile ?? {}) };
  let signed: Record<string, Value> = {};
  let subject: string | undefined;
  let expiresAt: number | undefined;
  const howToSign = 'see docs/runtime.md "Signed identity"';

  if (input.identityToken !== undefined) {
    if (settings.secrets.length === 0) {
      throw new ApiError(
        400,
        'identity_not_configured',
        `identityToken: this server has no identity secret, so it cannot check the token. Set "identity": {"secret": "..."} in baton serve's --config (or BATON_IDENTITY_SECRET), the secret your website signs with (${howToSign}); or leave identityToken out.`,
        'identityToken',
      );
    }
    const r = verifyIdentityToken(input.identityToken, { secrets: settings.secrets, flowId: flow.id, now });
    if (!r.ok) {
      throw new ApiError(400, 'invalid_identity', `identityToken is refused: ${r.why}. Nothing was started; start the chat with a new token from your server, or without one (${howToSign}).`, 'identityToken');
    }
    signed = r.identity.variables;
    subject = r.identity.subject;
    expiresAt = r.identity.expiresAt;
  }

  const rules = pageVariableRules(flow);
  const declared = new Map(flow.variables.map((v) => [v.name, v]));
  const mayPass = () => `a page may pass: ${rules.settable.join(', ')}`;
  // The signed details: names the page may set (the same rules as unsigned ones), of the declared type.
  for (const [name, value] of Object.entries(signed)) {
    const field = `identityToken.variables.${name}`;
    const verdict = rules.verdict(name);
    if (!verdict.settable) {
      if (verdict.why === 'unknown') throw new ApiError(400, 'unknown_variable', `${field}: the flow "${flow.id}" declares no variable "${name}"; ${mayPass()}.`, field);
      throw new ApiError(400, 'variable_not_settable', `${field}: "${name}" is ${verdict.why === 'engine' ? 'set by Baton itself' : `computed by the flow (set by ${verdict.by})`}, so not even a signed token may preset it; leave it out. ${mayPass().replace(/^a/, 'A')}.`, field);
    }
    const t = declared.get(name)?.type;
    if (value !== null && t) {
      const ok = t === 'number' ? typeof value === 'number' : t === 'boolean' ? typeof value === 'boolean' : typeof value === 'string';
      if (!ok) throw new ApiError(400, 'invalid_variable', `${field}: expected a ${t === 'date' ? 'date string' : t}, got ${typeof value}.`, field);
    }
    if (name === 'customerEmail' && value !== null && !(typeof value === 'string' && isOneEmail(value))) {
      throw new ApiError(400, 'invalid_variable', `${field}: ${EMAIL_UP_FRONT}.`, field);
    }
  }

  // The unsigned details, by variable name (the profile's fields are customerName, customerEmail, customerPhone).
  const unsigned: Array<{ name: string; field: string; value: Value }> = Object.entries(variables).map(([name, value]) => ({ name, field: `variables.${name}`, value }));
  for (const [key, name] of PROFILE_FIELDS) if (profile[key] !== undefined) unsigned.push({ name, field: `profile.${key}`, value: profile[key]! });
  const page: Record<string, Value> = {};
  for (const { name, field, value } of unsigned) {
    if (Object.hasOwn(signed, name)) {
      if (!same(signed[name], value)) {
        throw new ApiError(400, 'identity_conflict', `${field}: ${shown(value)} is not the value the identity token signs for "${name}" (${shown(signed[name])}); leave it out (the signed value is used).`, field);
      }
      continue; // the same value, signed: it counts as signed
    }
    const verdict = rules.verdict(name);
    if (verdict.settable && verdict.signedOnly) {
      throw new ApiError(
        400,
        'signature_required',
        `${field}: the flow "${flow.id}" takes "${name}" only from a signed identity token (the flow marks it signed), and none signs it. Put it in the token's "variables", or leave it out (${howToSign}).`,
        field,
      );
    }
    if (verdict.settable && settings.unsigned === 'refuse') {
      throw new ApiError(
        400,
        'signature_required',
        `${field}: this server takes details about the visitor only in a signed identity token ("identity": {"unsigned": "refuse"} in its --config). Put "${name}" in the token's "variables", or leave it out (${howToSign}).`,
        field,
      );
    }
    // Anything else is for withInitialVariables to accept or refuse, as before; the profile's value wins over the same
    // variable in `variables` (as before session 47), so it is the one kept here.
    page[name] = value;
  }

  // What the conversation starts with: signed values win (an equal unsigned one was dropped above).
  const outVariables: Record<string, Value> = {};
  for (const [name, value] of Object.entries(variables)) if (!Object.hasOwn(signed, name)) outVariables[name] = value;
  const outProfile: { name?: string; email?: string; phone?: string } = {};
  for (const [key, name] of PROFILE_FIELDS) if (profile[key] !== undefined && !Object.hasOwn(signed, name)) outProfile[key] = profile[key];
  Object.assign(outVariables, signed);
  const given = Object.keys(page).length > 0 || subject !== undefined;
  return {
    variables: outVariables,
    profile: outProfile,
    ...(given ? { visitor: { ...(subject !== undefined ? { subject, signed, expiresAt } : {}), ...(Object.keys(page).length > 0 ? { unsigned: page } : {}) } } : {}),
  };
}
