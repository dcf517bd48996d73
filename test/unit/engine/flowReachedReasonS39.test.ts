/**
 * Session 39 (fix, hostile s38 M2 and the 112 line): a takeover the flow reaches by itself (a failed claim lookup, an
 * injury reported on the incident path) asked "In a few words, what do you need help with?" although the customer's
 * choices on the way say it, and the summary did not name the injury. The choices on the way (the menu's option, the
 * answers after it) are the reason now, and the question is not asked. After a handover for an injury, the flow's own
 * emergency line ("If anyone is hurt, call 112 first.") is said again when the customer is told they are connected.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { converse } from './harness';
import { loadFlowText } from '../../../shared/flow/loadFlowText';
import type { AgentPresence } from '../../../shared/handoff/types';

const insurer = () => loadFlowText(readFileSync(new URL('../../../flows/insurance-claims.json', import.meta.url), 'utf8')).flow!;
const OPEN = Date.parse('2026-03-09T11:30:00Z');
const claire: AgentPresence[] = [{ id: 'claire', name: 'Claire', status: 'online', activeChats: 0, skills: ['claims'], languages: ['en', 'fr'], teams: ['claims'], lastAssignedAt: null }];
const REASON_Q = /what do you need help with\?$/;

/** Every bot line said in reply to `text` (the auto-assignment that follows included). */
function replyTo(c: ReturnType<typeof converse>, text: string): string[] {
  const n = c.botTexts().length;
  c.say(text);
  return c.botTexts().slice(n);
}

function summary(c: ReturnType<typeof converse>): string {
  const req = c.effects('handoff_request');
  expect(req).toHaveLength(1);
  return (req[0] as { context: { summary: string } }).context.summary;
}

describe('hostile s38 M2: the reason of a takeover the flow reached', () => {
  it('a failed claim lookup: not asked again, the summary names the claim', () => {
    const c = converse(insurer(), { now: OPEN, agents: claire });
    c.say('HM-2231-0457');
    c.say('2');
    c.say('CL-558201');
    c.http(false, null, 500);
    c.say('ann@example.com');
    expect(c.botTexts().some((t) => REASON_Q.test(t))).toBe(false);
    const s = summary(c);
    expect(s).toMatch(/Follow up on a claim/);
    expect(s).toMatch(/CL-558201/);
  });

  // Session 41 (injury, hostile s40 H2): changed on purpose. The 112 line is said once, before the email question (the
  // injury branch's own message says it: not a second time), no longer after "Connecting you".
  it('an injury on the incident path: not asked again, the summary names it, and the 112 line is said once, before the email question', () => {
    const c = converse(insurer(), { now: OPEN, agents: claire });
    c.say('HM-2231-0457');
    c.say('1');
    const before = replyTo(c, 'yes');
    const said = replyTo(c, 'ann@example.com');
    expect(c.botTexts().some((t) => REASON_Q.test(t))).toBe(false);
    expect(summary(c)).toMatch(/someone is hurt/i);
    expect(said.some((t) => /Connecting you with a claims advisor/.test(t))).toBe(true);
    expect(before.filter((t) => /call 112/.test(t))).toHaveLength(1);
    expect(said.join('\n')).not.toMatch(/call 112/);
  });

  // Session 41 (lead, hostile s41 H3 rest): a person hurt now is handed over at once, after the 112 line (no email first).
  it('"someone is hurt" at the menu: the 112 line, then handed over at once', () => {
    const c = converse(insurer(), { now: OPEN, agents: claire });
    c.say('HM-2231-0457');
    const said = replyTo(c, 'someone is hurt, my son fell through the ceiling').join('\n');
    expect(said).toMatch(/call 112[\s\S]*Connecting you with a claims advisor/);
    expect(said).not.toMatch(/What is your email address/);
    expect(said.match(/call 112/g)).toHaveLength(1);
  });

  it('no injury: no 112 line at the handover', () => {
    const c = converse(insurer(), { now: OPEN, agents: claire });
    c.say('HM-2231-0457');
    c.say('4');
    c.say('ann@example.com');
    const said = replyTo(c, 'a tree fell on my car roof').join('\n');
    expect(said).toMatch(/Connecting you with a claims advisor/);
    expect(said).not.toMatch(/call 112/);
  });
});
