/**
 * Session 46 (details7, hostile s46 M6): at Northwind's out-of-hours ticket, the issue typed in the same message as the
 * email was lost or cut: "kim@example.org; order NW-104233; wrong item sent; need the right one by Friday" was asked the
 * issue again (no clause alone named a matter in four words), and with commas only the first clause was kept ("my parcel
 * arrived smashed": the deadline and what broke dropped). The text beside the email is the issue whatever the separator,
 * with every clause that carries a fact. Wordings written before the code; held out after.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { converse } from './harness';
import { loadFlowText } from '../../../shared/flow/loadFlowText';
import { ticketPrompts } from '../../../shared/engine/ticketBlock';

const load = (name: string) => loadFlowText(readFileSync(new URL(`../../../flows/${name}.json`, import.meta.url), 'utf8')).flow!;
const CLOSED = Date.parse('2026-03-07T18:30:00Z');
const ticketEmail = () => {
  const c = converse(load('customer-support'), { now: CLOSED });
  c.say('can I talk to a person');
  expect(c.lastBotText()).toBe(ticketPrompts.email);
  return c;
};
type Ticket = { contact: { email: string | null }; issue: string };
const issueOf = (text: string): string => {
  const c = ticketEmail();
  c.say(text);
  const t = c.effects('create_ticket')[0] as unknown as Ticket | undefined;
  expect(c.botTexts().join('\n')).not.toContain(ticketPrompts.issue);
  expect(t).toBeDefined();
  expect(t!.contact.email).toBe('kim@example.org');
  return t!.issue;
};

describe('the issue beside the email at the ticket, every clause (hostile s46 M6)', () => {
  it.each([
    ['kim@example.org; order NW-104233; wrong item sent; need the right one by Friday', ['NW-104233', 'wrong item sent', 'by Friday']],
    ['my parcel arrived smashed, the vase is in pieces, and I need it for Saturday. kim@example.org', ['arrived smashed', 'vase is in pieces', 'for Saturday']],
    ['kim@example.org - my parcel NW-104233 arrived smashed, the vase is in pieces', ['NW-104233 arrived smashed', 'vase is in pieces']],
    ['kim@example.org, wrong colour jumper, need a swap before my trip on the 14th', ['wrong colour jumper', 'trip on the 14th']],
    ['kim@example.org. Charged twice for NW-104233. Want one refunded', ['Charged twice', 'one refunded']],
  ])('%j: the ticket keeps every clause', (text, parts) => {
    const issue = issueOf(text);
    for (const p of parts) expect(issue).toContain(p);
    expect(issue).not.toContain('@');
  });
  it('an address with only thanks beside it still asks the issue', () => {
    const c = ticketEmail();
    c.say('kim@example.org thanks');
    expect(c.lastBotText()).toBe(ticketPrompts.issue);
  });
});

// Held out: written after the change.
describe('the issue beside the email, held out (hostile s46 M6)', () => {
  it.each([
    ['kim@example.org: NW-104233 never came; tracking stuck since Monday; birthday present for Sunday', ['never came', 'since Monday', 'for Sunday']],
    ['Lamp arrived without its plug, order NW-104233, I need it working by Thursday - kim@example.org', ['without its plug', 'NW-104233', 'by Thursday']],
    ['kim@example.org; double charged; card ends 4421', ['double charged', '4421']],
  ])('%j: the ticket keeps every clause', (text, parts) => {
    const issue = issueOf(text);
    for (const p of parts) expect(issue).toContain(p);
  });
  it('"wait no, wrong email, it\'s kim@example.org" with nothing else still asks the issue', () => {
    const c = ticketEmail();
    c.say("wait no, wrong email, it's kim@example.org");
    expect(c.lastBotText()).toBe(ticketPrompts.issue);
  });
});

// Hostile s46 L4: an address mixing scripts in one part, or carrying a direction control inside it, is no address (it
// was stored as typed: "kim@ex\u0430mple.org" shows as kim@example.org and is another domain). Written before the code.
import { emailAnswer } from '../../../shared/engine/questionValidators';
describe('mixed-script and direction-override addresses are asked again (hostile s46 L4)', () => {
  it.each(['kim@ex\u0430mple.org', 'k\u0456m@example.org', 'kim@example.org\u202egro.live', 'kim@gm\u0430il.com', 'kim\u2067@example.org'])('%j is no address', (text) => {
    expect(emailAnswer(text).ok).toBe(false);
  });
  it.each([
    ['kim@example.org', 'kim@example.org'],
    ['\u200ekim@example.org\u200e', 'kim@example.org'],
    ['иван@пример.рф', 'иван@пример.рф'],
  ])('%j is still read', (text, want) => {
    const r = emailAnswer(text);
    expect(r.ok).toBe(true);
    expect((r as { value?: unknown }).value).toBe(want);
  });
  it('at the ticket, the mixed-script address is asked again', () => {
    const c = ticketEmail();
    c.say('kim@ex\u0430mple.org');
    expect(c.variables().customerEmail).toBeUndefined();
  });
});
