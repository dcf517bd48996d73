/**
 * Session 37, hostile s35 F9: out of hours, the no-agent ticket of an upset customer kept only the last answer. "I ordered
 * a jacket three weeks ago", "still nothing, this is a disgrace" (handed over as upset, the team closed), the email, then
 * "the jacket, order NW-104233" at the issue question: the ticket's summary said "Key message: the jacket, order
 * NW-104233" (it was built without the decision's signals), and words typed at the email question were on no ticket.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Flow } from '../../../shared/flow/schema';
import { converse } from './harness';

const SAT = Date.UTC(2026, 2, 7, 13, 30);
const flow = (): Flow => JSON.parse(readFileSync('flows/customer-support.json', 'utf8')) as Flow;

function ticketAfter(msgs: string[]): { issue: string; summary: string } {
  const c = converse(flow(), { now: SAT });
  for (const m of msgs) c.say(m);
  const t = c.effects('create_ticket');
  expect(t).toHaveLength(1);
  return { issue: t[0].issue, summary: t[0].summary };
}

// Session 43 (menus): "my parcel never arrived" at the main menu now picks Track my order by meaning (lost x parcel: the
// order question, as session 42 made "my parcel never came, the tracking is stuck" pick it by its words), so these
// tickets start from a loss the menu does not read ("I ordered three weeks ago and nothing came"), handed over as before;
// the ticket then asks what the team should help with, answered "my parcel never arrived".
describe('the no-agent ticket of an upset customer (hostile s35 F9)', () => {
  it('names what upset them and what they said before, beside the last answer', () => {
    const t = ticketAfter(['hi', 'I ordered a jacket three weeks ago', 'still nothing, this is a disgrace', 'ana@example.com', 'the jacket, order NW-104233']);
    expect(t.issue).toBe('the jacket, order NW-104233');
    expect(t.summary).toContain('Handed over because the customer is upset.');
    expect(t.summary).toContain('Key message: "still nothing, this is a disgrace".');
    expect(t.summary).toContain('"I ordered a jacket three weeks ago"');
    // Session 49 (lead, newcomer s49 N5): changed on purpose: the last message is the reason the summary opens with, so it
    // is not quoted a second time as "Last message".
    expect(t.summary).toContain('needs help with: the jacket, order NW-104233.');
    expect(t.summary).not.toContain('Last message');
  });
  it('keeps what the customer wrote at the email question', () => {
    const t = ticketAfter(['i ordered three weeks ago and nothing came', 'I have been waiting for two weeks and the tracking has not moved since Monday', 'this is a joke, you are useless', 'ana@example.com', 'my parcel never arrived']);
    expect(t.summary).toContain('Also said: "I have been waiting for two weeks and the tracking has not moved since Monday".');
    expect(t.summary).toContain('The customer sounded upset: "this is a joke, you are useless".');
  });
  it('a calm request for a person out of hours: nothing added', () => {
    const t = ticketAfter(['I want to talk to a person', 'ana@example.com', 'my parcel is late']);
    expect(t.summary).not.toContain('Also said');
    expect(t.summary).not.toContain('upset');
    expect(t.summary).toContain('Handed over because the customer asked for a person.');
  });
  it('insults are not repeated as something the customer said', () => {
    const t = ticketAfter(['i ordered three weeks ago and nothing came', 'idiot bot', 'ana@example.com', 'my parcel never arrived']);
    expect(t.summary).not.toContain('Also said');
  });
});
