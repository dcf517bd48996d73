/**
 * Session 19 (fixengine2, newcomer s19 F2 HIGH): the customer never repeats the reason they already gave. With nobody
 * online, an upset customer who explained was asked "What should our team help you with?" after the email, and the
 * ticket's ISSUE became the angry repeat ("I JUST TOLD YOU"). Same in insurance-claims.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { converse } from './harness';
import { loadFlowText } from '../../../shared/flow/loadFlowText';
import { statesAReason } from '../../../shared/engine/reasonGiven';

const tpl = (n: string) => loadFlowText(readFileSync(new URL(`../../../flows/${n}.json`, import.meta.url), 'utf8')).flow!;
const NOW = Date.parse('2026-12-02T11:00:00Z');
const ASKED = /What should our team help you with|what do you need help with/i;
type Ticket = { issue: string };

describe('F2: the reason given when handed over is the ticket issue, not asked again', () => {
  it('customer-support, nobody online: the parcel complaint is the issue, no "What should our team help you with?"', () => {
    const first = "This is the third time I'm writing about this. My parcel NW-104233 never arrived and nobody answers my emails. Absolutely useless.";
    const c = converse(tpl('customer-support'), { now: NOW, agents: [] });
    c.say(first);
    c.say('kim@example.com');
    expect(c.botTexts().join('\n')).not.toMatch(ASKED);
    const t = c.effects('create_ticket') as unknown as Ticket[];
    expect(t).toHaveLength(1);
    expect(t[0].issue).toContain('NW-104233 never arrived');
  });

  it('insurance-claims, nobody online: the burst pipe is the issue', () => {
    const c = converse(tpl('insurance-claims'), { now: NOW, agents: [] });
    c.say('hi, a pipe burst in my kitchen last night and there is water everywhere, how do I claim?');
    c.say('kim@example.com');
    expect(c.botTexts().join('\n')).not.toMatch(ASKED);
    const t = c.effects('create_ticket') as unknown as Ticket[];
    expect(t[0].issue).toContain('pipe burst in my kitchen');
  });

  it('a bare request for a person is no reason: the issue is still asked', () => {
    const c = converse(tpl('customer-support'), { now: NOW, agents: [] });
    c.say('can I speak to an agent please');
    c.say('kim@example.com');
    expect(c.lastBotText()).toMatch(ASKED);
    c.say('my jumper came in the wrong colour');
    expect((c.effects('create_ticket')[0] as unknown as Ticket).issue).toBe('my jumper came in the wrong colour');
  });

  it('what states a reason', () => {
    for (const t of ['my parcel never arrived', 'a pipe burst in my kitchen', "hi, I'd like to speak to someone about my order"]) expect(statesAReason(t), t).toBe(true);
    for (const t of ['hi there', 'help please', 'can I speak to an agent please', 'I want to talk to a human', 'hello, agent now', 'fine. can I speak to a person please', 'could you put me through to someone please']) expect(statesAReason(t), t).toBe(false);
  });
});
