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
import { summarizeConversation } from '../../../shared/engine/handoffContext';

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

describe('the key message of an accepted offer of a person (session 27, newcomer s27 G4)', () => {
  const threeQuestions = (c: ReturnType<typeof converse>) => {
    c.say('do the led strips work with alexa?');
    c.say('are they waterproof?');
    c.say('is the oak table real wood?');
    expect(c.state.waiting?.kind).toBe('offer');
  };

  it('"Talk to a person" at the offer: the first unanswered question is the key message, the others listed, no "did not understand"', () => {
    const c = converse(template(), { now: NOW });
    threeQuestions(c);
    c.say('Talk to a person');
    if (c.state.waiting?.kind === 'takeover_question') c.say('kim@example.com');
    const req = c.effects('handoff_request')[0];
    if (!req || req.type !== 'handoff_request') throw new Error('no handoff');
    expect(req.context.summary).toMatch(/Key message: "do the led strips work with alexa\?"\. Also unanswered: "are they waterproof\?", "is the oak table real wood\?"\./);
    expect(req.context.summary).toContain('Handed over because the bot could not answer several messages in a row.');
    expect(req.context.summary).not.toMatch(/did not understand|Last message: "Talk to a person"/);
    expect(req.context.suggestedResolution).toMatch(/^The bot could not answer them: reply to the unanswered messages yourself; do not ask the customer to repeat them\./);
  });

  it('"yes please" accepts the same way', () => {
    const yes = converse(template(), { now: NOW });
    threeQuestions(yes);
    yes.say('yes please');
    if (yes.state.waiting?.kind === 'takeover_question') yes.say('kim@example.com');
    expect(handoffSummary(yes)).toMatch(/Key message: "do the led strips work with alexa\?"\. Also unanswered/);
  });

  it('with no signal, a last message that says more than yes or a request is the key message itself', () => {
    const state = {
      variables: { customerEmail: 'kim@example.com' },
      recentTranscript: [
        { from: 'customer' as const, text: 'do the led strips work with alexa?', at: NOW, unanswered: true },
        { from: 'customer' as const, text: 'sure, but mainly: is the oak table solid?', at: NOW + 1000 },
        { from: 'customer' as const, text: 'kim@example.com', at: NOW + 2000 },
      ],
      turn: 3,
      intents: [],
      entities: [],
    };
    const summary = summarizeConversation(state as never, 'repeated_fallback', []);
    expect(summary).toMatch(/Key message: "sure, but mainly: is the oak table solid\?"\. Also unanswered: "do the led strips work with alexa\?"\./);
    expect(summary).not.toContain('Last message');
  });
});
