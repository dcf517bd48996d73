/**
 * Session 26 (newfix), newcomer s26 F11: after three product questions the bot could not answer, "I want to talk to a
 * person" handed over with the summary 'Key message: "I want to talk to a person"': nothing about what the customer
 * needed, although the product promises the customer never repeats anything. A bare request for a person is not the key
 * message: the first question the bot left unanswered is, and the others are listed (customer entries the bot did not
 * understand are marked `unanswered` in the transcript).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { converse } from './harness';
import { loadFlowText } from '../../../shared/flow/loadFlowText';

const template = () => loadFlowText(readFileSync(new URL('../../../flows/customer-support.json', import.meta.url), 'utf8')).flow!;
const NOW = Date.parse('2026-12-02T11:00:00Z');

function handoffSummary(c: ReturnType<typeof converse>): string {
  const req = c.effects('handoff_request')[0];
  if (!req || req.type !== 'handoff_request') throw new Error('no handoff');
  return req.context.summary;
}

describe('the key message of a handoff the customer asked for', () => {
  it('is the unanswered question, not "I want to talk to a person"; the other unanswered ones are listed', () => {
    const c = converse(template(), { now: NOW });
    c.say('do the led strips work with alexa?');
    c.say('can you cut them to size?');
    c.say('what colour temperature are they');
    c.say('I want to talk to a person');
    if (c.state.waiting?.kind === 'takeover_question') c.say('jo@example.com');
    const summary = handoffSummary(c);
    expect(summary).toMatch(/Key message: "do the led strips work with alexa\?"/);
    expect(summary).toMatch(/Also unanswered: "can you cut them to size\?", "what colour temperature are they"/);
    expect(summary).not.toMatch(/Key message: "I want to talk to a person"/);
    expect(summary).toMatch(/asked for a person/);
  });

  it('a request for a person that says what it is about stays the key message', () => {
    const c = converse(template(), { now: NOW });
    c.say('do the led strips work with alexa?');
    c.say('I want to talk to a person about my damaged lamp, the glass shade arrived broken');
    if (c.state.waiting?.kind === 'takeover_question') c.say('jo@example.com');
    const summary = handoffSummary(c);
    expect(summary).toMatch(/Key message: "I want to talk to a person about my damaged lamp/);
    expect(summary).toMatch(/Also unanswered: "do the led strips work with alexa\?"/);
  });

  it('a first message asking for a person, with nothing before it, is still the key message', () => {
    const c = converse(template(), { now: NOW });
    c.say('I want to talk to a person');
    if (c.state.waiting?.kind === 'takeover_question') c.say('jo@example.com');
    expect(handoffSummary(c)).toMatch(/Key message: "I want to talk to a person"/);
  });

  it('an understood message is not marked unanswered', () => {
    const c = converse(template(), { now: NOW });
    c.say('how do I return an item?');
    expect(c.transcript().find((e) => e.from === 'customer')?.unanswered).toBeUndefined();
    c.say('do the led strips work with alexa?');
    expect(c.transcript().filter((e) => e.from === 'customer')[1]?.unanswered).toBe(true);
  });
});
