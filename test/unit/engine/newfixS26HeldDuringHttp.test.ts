/**
 * Session 26 (newfix), newcomer s26 F7: a customer message sent while the bot waited on an HTTP request block was kept
 * in the transcript and never read: an angry "this is ridiculous ..." typed during the order lookup got the order
 * status and "Anything else?" as if nothing had been said (simulator and `baton serve` alike: both run the engine).
 * The engine now holds such messages (waiting.held) and reads them when the call returns, at the block the flow then
 * waits at (the escalation policy included); a message that block does not understand, and the policy does not act on,
 * stays a transcript line (like a message after a restart).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { converse } from './harness';
import { loadFlowText } from '../../../shared/flow/loadFlowText';
import { MAX_HELD_MESSAGES } from '../../../shared/engine/conversationStateSchema';

const template = () => loadFlowText(readFileSync(new URL('../../../flows/customer-support.json', import.meta.url), 'utf8')).flow!;
const NOW = Date.parse('2026-12-02T11:00:00Z');
const ANGRY = 'this is ridiculous, I have been waiting for three weeks and nobody answers my emails';

describe('a message sent while the bot waits on an HTTP call', () => {
  it('an angry message is read when the call returns, and escalates', () => {
    const c = converse(template(), { now: NOW });
    c.say('where is my order NW-104233');
    expect(c.state.waiting?.kind).toBe('http');
    const during = c.say(ANGRY);
    expect(during.rejected).toBeNull();
    expect(c.state.waiting).toMatchObject({ kind: 'http', held: [{ turn: 1 }] });
    const after = c.http(true, { status: 'in transit', eta: 'Friday' });
    expect(c.botTexts().join('\n')).toMatch(/in transit/);
    // The policy read the held message: a decision for it, and the conversation goes to a person.
    expect(after.decision).not.toBeNull();
    expect(after.decision!.action).toBe('handoff');
    expect(after.decision!.reason).toBe('negative_sentiment');
    expect(c.state.waiting?.kind).not.toBe('http');
    expect(c.botTexts().join('\n')).not.toMatch(/Anything else I can help with\?$/);
    // The message is in the transcript once (not recorded again when read).
    expect(c.transcript().filter((e) => e.from === 'customer' && e.text === ANGRY)).toHaveLength(1);
  });

  it('a question asked during the call is answered after it (the block understands it)', () => {
    const c = converse(template(), { now: NOW });
    c.say('where is my order NW-104233');
    c.say('and how do I return an item?');
    const n = c.botTexts().length;
    c.http(true, { status: 'in transit', eta: 'Friday' });
    const after = c.botTexts().slice(n).join('\n');
    expect(after).toMatch(/in transit/);
    expect(after).toMatch(/return/i);
  });

  it('a message neither the block nor the policy acts on stays a transcript line, not a fallback', () => {
    const c = converse(template(), { now: NOW });
    c.say('where is my order NW-104233');
    c.say('hmm');
    const n = c.botTexts().length;
    const after = c.http(true, { status: 'in transit', eta: 'Friday' });
    expect(c.botTexts().slice(n).join('\n')).not.toMatch(/didn't get that/);
    expect(after.decision).toBeNull();
    expect(c.transcript().some((e) => e.from === 'customer' && e.text === 'hmm')).toBe(true);
  });

  it('no more than MAX_HELD_MESSAGES are held; the rest stay transcript lines', () => {
    const c = converse(template(), { now: NOW });
    c.say('where is my order NW-104233');
    for (let i = 0; i < 8; i++) c.say(`hello? ${i}`);
    const w = c.state.waiting;
    expect(w?.kind === 'http' ? w.held?.length : -1).toBe(MAX_HELD_MESSAGES);
    expect(c.transcript().filter((e) => e.from === 'customer')).toHaveLength(9);
  });

  it('hostile s26 H1: the newest are held, so an angry message after five "hello?"s is read and escalates', () => {
    const c = converse(template(), { now: NOW });
    c.say('where is my order NW-104233');
    for (let i = 0; i < MAX_HELD_MESSAGES; i++) c.say(`hello? ${i}`);
    c.say(ANGRY);
    const after = c.http(true, { status: 'in transit', eta: 'Friday' });
    expect(after.decision?.action).toBe('handoff');
    expect(after.decision?.reason).toBe('negative_sentiment');
  });

  it('a message held when the call times out is read after the error exit too', () => {
    const c = converse(template(), { now: NOW });
    c.say('where is my order NW-104233');
    c.say(ANGRY);
    const steps = c.wait('2m');
    expect(c.botTexts().join('\n')).toMatch(/couldn't look up order NW-104233/);
    const decided = steps.map((s) => s.decision).filter((d) => d !== null);
    expect(decided.map((d) => [d!.action, d!.reason])).toEqual([['handoff', 'negative_sentiment']]);
    expect(c.state.waiting).toMatchObject({ kind: 'takeover_question', reason: 'negative_sentiment' });
  });
});
