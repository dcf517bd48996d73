/**
 * Session 27 (convo, hostile s26 H3): control characters, ANSI escape sequences and direction overrides typed by a
 * customer reached the handoff summary's "Key message" and "Also unanswered" lines as typed (the summary goes into
 * tickets, notification emails and terminal tools; a U+202E shows "gnp.exe" as "exe.png"). The summary's quotes drop
 * them now; the transcript keeps what was typed.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { converse } from './harness';
import { loadFlowText } from '../../../shared/flow/loadFlowText';
import { quotable } from '../../../shared/engine/handoffContext';

const template = () => loadFlowText(readFileSync(new URL('../../../flows/customer-support.json', import.meta.url), 'utf8')).flow!;
const NOW = Date.parse('2026-12-02T11:00:00Z');
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

function handoffSummary(c: ReturnType<typeof converse>): string {
  const req = c.effects('handoff_request')[0];
  if (!req || req.type !== 'handoff_request') throw new Error('no handoff');
  return req.context.summary;
}

describe("the handoff summary's quotes of the customer (hostile s26 H3)", () => {
  it('the key message and the unanswered questions lose controls, escapes and overrides; the transcript keeps them', () => {
    const c = converse(template(), { now: NOW });
    const first = 'do you ship\u0000\u001b[31m to mars\u0007?';
    const second = 'do you sell \u202Egnp.exe\u202C lamps?';
    c.say(first);
    c.say(second);
    c.say('I want to talk to a person');
    if (c.state.waiting?.kind === 'takeover_question') c.say('jo@example.com');
    const summary = handoffSummary(c);
    expect(summary).toMatch(/Key message: "do you ship to mars\?"/);
    expect(summary).toMatch(/Also unanswered: "do you sell gnp\.exe lamps\?"/);
    expect(summary).not.toMatch(UNSAFE);
    const typed = c.transcript().filter((e) => e.from === 'customer').map((e) => e.text);
    expect(typed).toContain(first);
    expect(typed).toContain(second);
  });

  it('the last message and the reason given are cleaned too; ordinary text (accents, scripts, emoji, RTL letters) is kept', () => {
    const c = converse(template(), { now: NOW });
    c.say('I want to talk to a person, my lamp \u001b]0;pwned\u0007arrived broken\u009b2J');
    if (c.state.waiting?.kind === 'takeover_question') c.say('jo@example.com');
    const summary = handoffSummary(c);
    expect(summary).not.toMatch(UNSAFE);
    expect(summary).not.toMatch(/pwned|\[31m|2J/);
    expect(summary).toMatch(/my lamp arrived broken/);
    const plain = 'naïve café 日本 🙂 עברית, tab\there';
    expect(quotable(plain)).toBe(plain);
  });

  it('quotable: the sequences and characters one at a time', () => {
    expect(quotable('a\u001b[1;31mred\u001b[0m b')).toBe('ared b');
    expect(quotable('x\u001b]8;;http://evil\u001b\\link\u001b]8;;\u001b\\y')).toBe('xlinky');
    expect(quotable('a\u0000b\u0007c\u007fd\u0085e')).toBe('abcde');
    expect(quotable('\u202Egnp.exe\u202C \u2066iso\u2069 \u200Fm')).toBe('gnp.exe iso m');
    expect(quotable('')).toBe('');
  });
});
