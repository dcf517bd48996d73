/**
 * Session 19 (fixengine2, newcomer s19 F11): the address-change ticket's ISSUE was "Address change ticket" alone; the
 * new address (what the ticket is about) was only in the transcript. The known values the ticket's text names follow.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { converse } from './harness';
import { loadFlowText } from '../../../shared/flow/loadFlowText';

const template = () => loadFlowText(readFileSync(new URL('../../../flows/customer-support.json', import.meta.url), 'utf8')).flow!;
const NOW = Date.parse('2026-12-02T11:00:00Z');
type Ticket = { issue: string };

describe('F11: a ticket issue names what it is about', () => {
  it('the address change ticket holds the new address and the order', () => {
    const c = converse(template(), { now: NOW, agents: [] });
    c.say('send NW-230918 to 12 High Street, Leeds LS1 4AB');
    c.say('yes');
    c.say('kim@example.com');
    const t = c.effects('create_ticket') as unknown as Ticket[];
    expect(t).toHaveLength(1);
    expect(t[0].issue).toMatch(/^Address change ticket/);
    expect(t[0].issue).toContain('12 High Street, Leeds LS1 4AB');
    expect(t[0].issue).toContain('NW-230918');
    expect(t[0].issue).not.toContain('kim@example.com');
  });

  it('an issue the customer wrote is kept as written (no values added)', () => {
    const c = converse(template(), { now: NOW, agents: [] });
    c.say('can I speak to an agent please');
    c.say('kim@example.com');
    c.say('my jumper came in the wrong colour');
    expect((c.effects('create_ticket')[0] as unknown as Ticket).issue).toBe('my jumper came in the wrong colour');
  });
});
