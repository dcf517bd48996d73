/**
 * Session 16 (fixengine), hostile s16:
 * H#23 after "Anything else?", a request the customer negates ("no thanks, and please don't cancel my other order
 *      NW-555555") is no request: the no stands (it asked to cancel NW-555555).
 * H#25 a yes taken back later in the same message ("yes, cancel it. no, keep it", "yes cancel it - NO WAIT") no longer
 *      cancels (answeringWord rule 6). Not fixed: "yes, cancel it, no wait, don't" still cancels.
 * H#20 (first half) nobody online: "I want a human" at "What should our team help you with?" is no issue (it became the
 *      ticket's issue, every time).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { converse } from './harness';
import { loadFlowText } from '../../../shared/flow/loadFlowText';
import { splitLeadingAnswer } from '../../../shared/engine/answeringWord';

const template = () => loadFlowText(readFileSync(new URL('../../../flows/customer-support.json', import.meta.url), 'utf8')).flow!;
const NOW = Date.parse('2026-12-02T11:00:00Z');
const RATING = /how would you rate this chat/;

function atAnythingElse() {
  const c = converse(template(), { now: NOW });
  c.say('cancel order NW-104233');
  c.say('No, keep it');
  expect(c.lastBotText()).toMatch(/Anything else/);
  return c;
}

describe('H#23: a negated request after the no at "Anything else?"', () => {
  it.each(["no thanks, and please don't cancel my other order NW-555555", 'no thanks, never cancel anything', 'no, do not cancel NW-555555'])('"%s" goes to the rating', (line) => {
    const c = atAnythingElse();
    c.say(line);
    expect(c.lastBotText()).toMatch(RATING);
    expect(c.botTexts().join('\n')).not.toMatch(/shall I cancel order NW-555555/);
  });

  // ("No, that's all, but cancel it" hands over here, with no agents list, at HEAD too: the escalation policy's reading.)
  it.each(['no thanks, cancel it after all', 'no thanks, please cancel NW-555555'])('"%s" still reaches the cancellation', (line) => {
    const c = atAnythingElse();
    c.say(line);
    expect(c.lastBotText()).toMatch(/shall I cancel order/);
  });

  it('splitLeadingAnswer keeps a plain request and drops a negated one', () => {
    expect(splitLeadingAnswer('no thanks, but where is my order NW-104233?')?.request).toMatch(/where is my order/);
    expect(splitLeadingAnswer("no thanks, and please don't cancel my other order")).toBeNull();
  });
});

describe('H#20: a request for a person is not the ticket issue', () => {
  it('"I want a human" at the issue question is asked again; a real issue is taken', () => {
    const c = converse(template(), { now: NOW, agents: [] });
    c.say('I want to talk to a human');
    c.say('sam@example.com');
    c.say('I want a human');
    expect(c.effects('create_ticket')).toHaveLength(0);
    c.say('my parcel is late');
    const t = c.effects('create_ticket') as unknown as Array<{ issue: string }>;
    expect(t).toHaveLength(1);
    expect(t[0].issue).toBe('my parcel is late');
  });

  it('asked twice, the ticket is opened with the block label, not "I want a human"', () => {
    const c = converse(template(), { now: NOW, agents: [] });
    c.say('I want to talk to a human');
    c.say('sam@example.com');
    c.say('I want a human');
    c.say('HUMAN NOW');
    const t = c.effects('create_ticket') as unknown as Array<{ issue: string }>;
    expect(t).toHaveLength(1);
    expect(t[0].issue).not.toMatch(/human/i);
  });
});

describe('H#25: a yes taken back later in the same message does not cancel', () => {
  const confirm = () => {
    const c = converse(template(), { now: NOW });
    c.say('cancel order NW-104233');
    expect(c.lastBotText()).toMatch(/shall I cancel order NW-104233/);
    return c;
  };
  it('"yes, cancel it. no, keep it": the last decision counts (kept)', () => {
    const c = confirm();
    c.say('yes, cancel it. no, keep it');
    expect(c.botTexts().join('\n')).toMatch(/order NW-104233 stays as it is/);
    expect(c.botTexts().join('\n')).not.toMatch(/stop order NW-104233/);
  });
  it('"yes cancel it - NO WAIT" does not cancel', () => {
    const c = confirm();
    c.say('yes cancel it - NO WAIT');
    expect(c.botTexts().join('\n')).not.toMatch(/stop order NW-104233/);
  });
  it.each(['yes please', "yes, cancel it, no I don't need it any more", 'yes cancel it, no rush'])('"%s" still cancels', (line) => {
    const c = confirm();
    c.say(line);
    expect(c.botTexts().join('\n')).toMatch(/stop order NW-104233/);
  });
});
