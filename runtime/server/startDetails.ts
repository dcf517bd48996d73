/**
 * Session 47 (apisec2): what a chat starts with. A page may pass details about the visitor (`variables`, `profile`: the
 * visitor's word) and a signed identity token (runtime/server/identityToken.ts: the team's server vouches for them).
 * This checks the token, sorts the details into signed and unsigned, applies the server's setting for unsigned ones
 * (`identity.unsigned`: keep or refuse) and the flow's signed-only variables, and says what the conversation keeps
 * about where each detail came from (`ConversationRecord.visitor`, shown in the agent inbox).
 *
 * Every refusal is a 400 naming the field and what to do; nothing is half-taken.
 */
import { validateAnswer } from '../../shared/engine/questionValidators';
import { quotable } from '../../shared/engine/unicodeText';
import { pageVariableRules } from '../../shared/flow/pageVariables';
import type { Flow, Value } from '../../shared/flow/schema';
import type { VisitorDetails } from '../store/types';
import { ApiError } from './conversationService';
import { IDENTITY_CLOCK_LEEWAY_MS, verifyIdentityToken } from './identityToken';
import { EMAIL_UP_FRONT, isOneEmail } from './schemas';
import { nothingVisible } from '../visibleText';

export interface IdentitySettings {
  /** Secrets tokens may be signed with (current first); empty: the server checks no token. */
  secrets: string[];
  /** Details a page passes without a signature: kept as the visitor's word, or refused. */
  unsigned: 'keep' | 'refuse';
  /**
   * Session 49 (apisec4): flows with their own secret (config "identity": {"flows": {...}}), by flow id. Such a flow's
   * tokens are checked with its own secrets only (the server's secret cannot sign for it); the others use `secrets`.
   */
  byFlow?: Record<string, { secrets: string[]; unsigned: 'keep' | 'refuse' }>;
}

/** The secrets and unsigned rule of one flow: its own when the config lists it, else the server's. */
export function identityForFlow(settings: IdentitySettings, flowId: string): { secrets: string[]; unsigned: 'keep' | 'refuse'; own: boolean } {
  const own = settings.byFlow && Object.hasOwn(settings.byFlow, flowId) ? settings.byFlow[flowId] : undefined;
  return own ? { ...own, own: true } : { secrets: settings.secrets, unsigned: settings.unsigned, own: false };
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
 * Session 48 (apisec3, hostile s47 M4): the visitor's name and phone as a page (or a token) gives them. They were taken
 * as any JSON value (an agent saw a customer named "true", the phone 12345 as a number) and the phone as any text ("call
 * me maybe" shown as the contact; the Takeover's phone question skipped), names with U+202E or NUL as they were.
 * - customerName: a text (null: not known) of at most 200 characters, cleaned like a quote of the customer's words
 *   (shared/engine/unicodeText.ts `quotable`: no escape sequences, control or direction characters), white space of any
 *   kind folded to one space; a name with nothing visible left is ignored (as if not given: a page template's empty
 *   field is common), not refused.
 * - customerPhone: a text (null: not known) that is one phone number and nothing else (digits, spaces, + - . ( ) /),
 *   read by the typed phone answer's check (validateAnswer 'phone') and kept as a typed answer is (+447700900123); a
 *   blank one is ignored; anything else is a 400 naming the field.
 * Returns the value to keep, `undefined` to drop it, or throws.
 */
export const PHONE_UP_FRONT = 'must be one phone number such as +44 7700 900123 (the same check as when the customer types it), nothing else; leave it out when you do not know it';
const NAME_MAX = 200;
const PHONE_CHARS = /^[\p{Nd}\s+().\-/]+$/u;

function cleanName(value: Value, field: string): Value | undefined {
  if (value === null) return null;
  if (typeof value !== 'string') throw new ApiError(400, 'invalid_variable', `${field}: must be a text (the customer's name), got ${typeof value}; leave it out when you do not know it.`, field);
  if (value.length > NAME_MAX * 4) throw new ApiError(400, 'invalid_variable', `${field}: a name of at most ${NAME_MAX} characters.`, field);
  const clean = quotable(value.replace(/[\s\u0085]+/gu, ' ')).replace(/\s+/gu, ' ').trim(); // NEL (U+0085) is a line break too
  if (nothingVisible(clean)) return undefined;
  if (clean.length > NAME_MAX) throw new ApiError(400, 'invalid_variable', `${field}: a name of at most ${NAME_MAX} characters.`, field);
  return clean;
}

function cleanPhone(value: Value, field: string): Value | undefined {
  if (value === null) return null;
  if (typeof value !== 'string') throw new ApiError(400, 'invalid_variable', `${field}: must be a text (${PHONE_UP_FRONT}), got ${typeof value}.`, field);
  if (value.trim() === '') return undefined;
  const r = PHONE_CHARS.test(value.trim()) ? validateAnswer('phone', value, 0) : null;
  // One number and nothing else: every digit given is in the number the check read (two numbers, or a number and a
  // stray digit, are not; a "(0)" after the country code is not dialled, as for a typed answer).
  const given = [...value.replace(/\(\s*0\s*\)/u, '')].filter((ch) => /\p{Nd}/u.test(ch)).length;
  if (!r?.ok || typeof r.value !== 'string' || r.value.replace(/\D/g, '').length !== given) {
    throw new ApiError(400, 'invalid_variable', `${field}: ${PHONE_UP_FRONT}.`, field);
  }
  return r.value;
}

/** The same detail said twice (profile and variables): equal once cleaned, or a 400 naming both fields. */
function sameDetail(name: string, a: Value, b: Value): boolean {
  if (a === b) return true;
  if (typeof a !== 'string' || typeof b !== 'string') return false;
  return name === 'customerEmail' ? a.trim().toLowerCase() === b.trim().toLowerCase() : a.trim() === b.trim();
}

/**
 * The details a chat starts with: the variables and profile to apply (withInitialVariables), and what the conversation
 * keeps about them (undefined when the page gave nothing).
 */
export function startDetails(
  flow: Flow,
  input: StartDetailsInput,
  allSettings: IdentitySettings,
  now: number,
): {
  variables: Record<string, Value>;
  profile: { name?: string; email?: string; phone?: string };
  visitor?: VisitorDetails;
  /** A signed token was given: it starts one chat (the caller claims `key` in the store until `until`, ms). */
  tokenUse?: { key: string; until: number };
} {
  const settings = identityForFlow(allSettings, flow.id);
  const variables: Record<string, Value> = { ...(input.variables ?? {}) };
  const profile: { name?: string; email?: string; phone?: string } = { ...(input.profile ?? {}) };
  // Session 48 (apisec3, hostile s47 M4): the name and phone checked and cleaned (see cleanName / cleanPhone); a blank
  // one dropped; the profile and variables saying two different things about one detail refused.
  for (const [name, clean] of [['customerName', cleanName], ['customerPhone', cleanPhone]] as const) {
    if (Object.hasOwn(variables, name)) {
      const v = clean(variables[name], `variables.${name}`);
      if (v === undefined) delete variables[name];
      else variables[name] = v;
    }
  }
  for (const [key, name] of PROFILE_FIELDS) {
    if (profile[key] === undefined) continue;
    if (key !== 'email') {
      const v = (key === 'name' ? cleanName : cleanPhone)(profile[key]!, `profile.${key}`);
      if (v === undefined || v === null) delete profile[key];
      else profile[key] = v as string;
    }
    if (profile[key] !== undefined && Object.hasOwn(variables, name)) {
      if (!sameDetail(name, profile[key]!, variables[name])) {
        throw new ApiError(
          400,
          'conflicting_details',
          `profile.${key}: ${shown(profile[key]!)} and variables.${name}: ${shown(variables[name])} say different things about the visitor; send one of them (they fill the same variable).`,
          `profile.${key}`,
        );
      }
      delete variables[name]; // the same detail: kept once, as the profile's
    }
  }
  let signed: Record<string, Value> = {};
  let subject: string | undefined;
  let expiresAt: number | undefined;
  let useKey: string | undefined;
  const howToSign = 'see docs/runtime.md "Signed identity"';

  if (input.identityToken !== undefined) {
    if (settings.secrets.length === 0) {
      throw new ApiError(
        400,
        'identity_not_configured',
        `identityToken: this server has no identity secret for the flow "${flow.id}", so it cannot check the token. Set "identity": {"secret": "..."} in baton serve's --config (or BATON_IDENTITY_SECRET; a secret for this flow alone: "identity": {"flows": {"${flow.id}": {"secret": "..."}}}), the secret your website signs with (${howToSign}); or leave identityToken out.`,
        'identityToken',
      );
    }
    const r = verifyIdentityToken(input.identityToken, { secrets: settings.secrets, flowId: flow.id, now });
    if (!r.ok) {
      // Session 49 (apisec4): a flow with its own secret says so (a token signed with the server's secret is refused there).
      const whose = settings.own ? ` (the flow "${flow.id}" has its own secret, "identity": {"flows": {"${flow.id}": ...}} in the --config: sign its tokens with that one)` : '';
      throw new ApiError(400, 'invalid_identity', `identityToken is refused: ${r.why}${whose}. Nothing was started; start the chat with a new token from your server, or without one (${howToSign}).`, 'identityToken');
    }
    signed = r.identity.variables;
    subject = r.identity.subject;
    expiresAt = r.identity.expiresAt;
    useKey = r.identity.useKey;
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
    if (name === 'customerName' || name === 'customerPhone') {
      const v = (name === 'customerName' ? cleanName : cleanPhone)(value, field);
      if (v === undefined) delete signed[name];
      else signed[name] = v;
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
    ...(useKey !== undefined && expiresAt !== undefined ? { tokenUse: { key: `identity:${useKey}`, until: expiresAt + IDENTITY_CLOCK_LEEWAY_MS } } : {}),
    ...(given ? { visitor: { ...(subject !== undefined ? { subject, signed, expiresAt } : {}), ...(Object.keys(page).length > 0 ? { unsigned: page } : {}) } } : {}),
  };
}

// visitorNote / withVisitorNote live in visitorNote.ts (no server imports: planStep and the exports use them too).
export { visitorNote, withVisitorNote } from './visitorNote';
