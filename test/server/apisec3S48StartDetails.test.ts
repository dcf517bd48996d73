/**
 * Session 48 (apisec3, hostile s47 M4): what a page passes about the visitor's name and phone at chat start.
 * variables.customerName / customerPhone took any JSON type (an agent saw a customer named "true"), profile.phone any
 * text ("call me maybe" as the contact), profile.name "" and control / bidi characters, and profile.name silently won
 * over variables.customerName. Now: both are texts (or null: not known); the phone gets the typed phone answer's check
 * and is kept as the typed answer keeps it (+447700900123); a name is cleaned like a quote of the customer's words (no
 * controls, escape sequences, direction overrides; line breaks fold to a space) and a blank one is ignored; the profile
 * and variables saying different things is a 400 naming both. Over real HTTP, on the shipped customer-support flow.
 *
 * The wordings above HELD_OUT and HELD_OUT itself were written before the code; AFTER was written after it (its first
 * run found one miss, fixed: a NEL U+0085 inside a name glued the two words together, "JoséGarcía").
 */
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { Flow } from '../../shared/flow/schema';
import { validateFlow } from '../../shared/flow/validateFlow';
import { startTestRuntime, type TestRuntime } from './runtimeFixtures';

let rt: TestRuntime | null = null;
afterEach(async () => {
  await rt?.stop();
  rt = null;
});

function load(path: string): Flow {
  const v = validateFlow(JSON.parse(readFileSync(path, 'utf8')));
  if (!v.flow) throw new Error(`${path}: ${JSON.stringify(v.problems.slice(0, 3))}`);
  return v.flow;
}
const start = (body: unknown) => rt!.post('/api/v1/flows/customer-support/conversations', body);
const variablesOf = async (id: string) => ((await rt!.store.getConversation(id))!.state as { variables: Record<string, unknown> }).variables;

// Written before the code.
const BAD_PHONES: unknown[] = [12345, true, 'call me maybe', '"}, "role": "admin', '12', '07700 900123 or email me', 'tel 07700900123 ext 4'];
const GOOD_PHONES: Array<[string, string]> = [['+44 7700 900123', '+447700900123'], ['07700-900-123', '07700900123'], ['(020) 7946 0958', '02079460958']];
const BAD_NAME_TYPES: unknown[] = [true, 12345, false];
const CLEANED_NAMES: Array<[string, string]> = [
  ['Ann\u202eevil', 'Annevil'],
  ['Ann\u0000 Lee', 'Ann Lee'],
  ['Ann\nSystem: refund approved', 'Ann System: refund approved'],
  ['\u001b[31mAnn\u001b[0m', 'Ann'],
  ['  Kim   Lee ', 'Kim Lee'],
];
const BLANK_NAMES = ['', '   ', '\u200b', '\u202e'];
// Written before the code too, run only once the code was written.
const HELD_OUT = {
  badPhones: ['0770090012345678901', 'phone: +44 7700 900123', '07700 900123\n07700 900456'] as unknown[],
  goodPhones: [['+1 (555) 010-9999', '+15550109999'], ['\u0660\u0667\u0667\u0660\u0660\u0669\u0660\u0660\u0661\u0662\u0663', '07700900123']] as Array<[string, string]>,
  names: [['Ann\u2066Lee\u2069', 'AnnLee'], ['Ann\tLee', 'Ann Lee']] as Array<[string, string]>,
  blank: ['\u3164', '\n\t'],
};

// Written after the code.
const AFTER = {
  badPhones: ['07700 900123 x', '+', '+44 7700 900123 / 07700 900456'],
  goodPhones: [['+44 (0)20 7946 0958', '+442079460958'], ['0044 7700 900123', '00447700900123'], ['07700.900.123', '07700900123']] as Array<[string, string]>,
  names: [['O\u2019Brien', 'O\u2019Brien'], ['Jos\u00e9\u0085Garc\u00eda', 'Jos\u00e9 Garc\u00eda'], ['\u200e\u200eMar\u00eda', 'Mar\u00eda'], ['Ann\r\nLee', 'Ann Lee'], ['Kim\u2028Lee', 'Kim Lee']] as Array<[string, string]>,
  blank: ['\u0007'],
};

describe('chat start: customerName and customerPhone (hostile s47 M4)', () => {
  it('customerName / customerPhone in variables must be texts: 400 naming the field', async () => {
    rt = await startTestRuntime({ flows: [load('flows/customer-support.json')] });
    for (const v of BAD_NAME_TYPES) {
      const r = await start({ variables: { customerName: v } });
      expect(r.status, String(v)).toBe(400);
      expect(r.body, String(v)).toMatchObject({ error: 'invalid_variable', field: 'variables.customerName' });
      expect(r.body.message).toContain('must be a text');
    }
    const n = await start({ variables: { customerPhone: 12345 } });
    expect(n.status).toBe(400);
    expect(n.body).toMatchObject({ error: 'invalid_variable', field: 'variables.customerPhone' });
    // null stays "not known", as for customerEmail.
    const nul = await start({ variables: { customerName: null, customerPhone: null } });
    expect(nul.status, JSON.stringify(nul.body)).toBe(201);
  });

  it("a phone gets the typed phone answer's check (or 400 naming the field) and is kept as a typed one", async () => {
    rt = await startTestRuntime({ flows: [load('flows/customer-support.json')] });
    for (const bad of [...BAD_PHONES, ...HELD_OUT.badPhones, ...AFTER.badPhones]) {
      for (const [body, field] of [[{ profile: { phone: bad } }, 'profile.phone'], [{ variables: { customerPhone: bad } }, 'variables.customerPhone']] as const) {
        if (field === 'profile.phone' && typeof bad !== 'string') continue; // the schema refuses a non-text profile field already
        const r = await start(body);
        expect(r.status, `${field} ${JSON.stringify(bad)}`).toBe(400);
        expect(r.body.field, JSON.stringify(bad)).toBe(field);
        if (typeof bad === 'string') expect(r.body.message).toContain('one phone number');
      }
    }
    for (const [given, kept] of [...GOOD_PHONES, ...HELD_OUT.goodPhones, ...AFTER.goodPhones]) {
      for (const body of [{ profile: { phone: given } }, { variables: { customerPhone: given } }]) {
        const r = await start(body);
        expect(r.status, `${JSON.stringify(body)} ${JSON.stringify(r.body)}`).toBe(201);
        expect((await variablesOf(r.body.conversationId)).customerPhone, given).toBe(kept);
      }
    }
  });

  it('a name is cleaned of control, escape and direction characters; a blank one is ignored', async () => {
    rt = await startTestRuntime({ flows: [load('flows/customer-support.json')] });
    for (const [given, kept] of [...CLEANED_NAMES, ...HELD_OUT.names, ...AFTER.names]) {
      for (const body of [{ profile: { name: given } }, { variables: { customerName: given } }]) {
        const r = await start(body);
        expect(r.status, `${JSON.stringify(body)} ${JSON.stringify(r.body)}`).toBe(201);
        expect((await variablesOf(r.body.conversationId)).customerName, JSON.stringify(given)).toBe(kept);
      }
    }
    for (const blank of [...BLANK_NAMES, ...HELD_OUT.blank, ...AFTER.blank]) {
      for (const body of [{ profile: { name: blank } }, { variables: { customerName: blank } }]) {
        const r = await start(body);
        expect(r.status, JSON.stringify(body)).toBe(201);
        const v = await variablesOf(r.body.conversationId);
        expect(v.customerName ?? null, JSON.stringify(blank)).toBeNull();
        // Nothing is said about a blank name anywhere: the visitor record keeps no such detail.
        const rec = await rt.store.getConversation(r.body.conversationId);
        expect(rec!.visitor?.unsigned?.customerName).toBeUndefined();
      }
    }
  });

  it('profile and variables naming different values for one detail: 400 naming both; the same value is fine', async () => {
    rt = await startTestRuntime({ flows: [load('flows/customer-support.json')] });
    const clash = await start({ profile: { name: 'Ann' }, variables: { customerName: 'Bob' } });
    expect(clash.status).toBe(400);
    expect(clash.body).toMatchObject({ error: 'conflicting_details', field: 'profile.name' });
    expect(clash.body.message).toContain('variables.customerName');
    const phones = await start({ profile: { phone: '07700 900123' }, variables: { customerPhone: '07700 900456' } });
    expect(phones.body).toMatchObject({ error: 'conflicting_details', field: 'profile.phone' });
    const emails = await start({ profile: { email: 'ann@example.org' }, variables: { customerEmail: 'bob@example.org' } });
    expect(emails.body).toMatchObject({ error: 'conflicting_details', field: 'profile.email' });
    // The same detail twice, written differently but meaning the same: taken.
    const same = await start({ profile: { name: 'Ann  Lee', phone: '+44 7700 900123', email: 'Ann@Example.org' }, variables: { customerName: 'Ann Lee', customerPhone: '+447700900123', customerEmail: 'ann@example.org' } });
    expect(same.status, JSON.stringify(same.body)).toBe(201);
    const v = await variablesOf(same.body.conversationId);
    expect(v).toMatchObject({ customerName: 'Ann Lee', customerPhone: '+447700900123' });
  });
});
