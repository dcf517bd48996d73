/**
 * Newcomer s29 N5: with nobody online, an upset customer who stays upset at the ticket's email question ("are you even
 * listening? this is a joke") was told "That doesn't look like an email address. Could you check it?". An upset message
 * that is no attempt at an address now gets an acknowledgement and the question again; a bad address (upset or not) still
 * gets the block's retry, and the policy's decision itself is unchanged.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadFlowText } from '../../../shared/flow/loadFlowText';
import { takeoverTexts } from '../../../shared/engine/humanTakeover';
import { ticketPrompts, triesAnEmail } from '../../../shared/engine/ticketBlock';
import { converse } from './harness';

const WEDNESDAY_11 = Date.parse('2026-12-02T11:00:00Z'); // in hours
const northwind = () => loadFlowText(readFileSync('flows/customer-support.json', 'utf8')).flow!;
const EMAIL_RETRY = /doesn't look like an email address/;
const nobodyOnline = [{ id: 'dev', name: 'Dev', status: 'offline' as const, skills: [], languages: [], teams: [], activeChats: 0, lastAssignedAt: null }];

/** Nobody online; the first upset message reaches the takeover, which finds nobody: the ticket's email question. */
function atEmailQuestion() {
  const c = converse(northwind(), { now: WEDNESDAY_11, agents: nobodyOnline });
  c.say("This is absolutely ridiculous, I've waited three weeks for my parcel and nobody answers my emails. Useless!");
  expect(c.botTexts()).toContain(takeoverTexts.noAgent);
  expect(c.state.waiting).toMatchObject({ kind: 'ticket_question', field: 'email', retries: 0 });
  return c;
}

function reply(c: ReturnType<typeof atEmailQuestion>, text: string) {
  const n = c.botTexts().length;
  c.say(text);
  return { said: c.botTexts().slice(n), decision: c.lastStep.decision };
}

describe('an upset message at the email question with nobody online (newcomer s29 N5)', () => {
  it('gets an acknowledgement and the question again, not "That doesn\'t look like an email address"', () => {
    const c = atEmailQuestion();
    const { said, decision } = reply(c, 'are you even listening? this is a joke');
    expect(said).toEqual([ticketPrompts.emailWhenUpset]);
    expect(said.join(' ')).not.toMatch(EMAIL_RETRY);
    // The policy's reading is the same (upset, held back because nobody is free); no retry is counted.
    expect(decision?.action).toBe('handoff');
    expect(decision?.signals.some((s) => s.reason === 'negative_sentiment')).toBe(true);
    expect(decision?.explanation).toMatch(/^Not handed over/);
    expect(c.state.waiting).toMatchObject({ kind: 'ticket_question', field: 'email', retries: 0 });
    expect(c.effects().some((e) => e.type === 'handoff_request')).toBe(false);
    // Upset again: the same answer, still no ticket opened without an email.
    expect(reply(c, 'this is useless, absolutely ridiculous').said).toEqual([ticketPrompts.emailWhenUpset]);
    expect(c.effects().some((e) => e.type === 'create_ticket')).toBe(false);
    // The email is taken afterwards.
    c.say('kim@example.com');
    expect(c.variables().customerEmail).toBe('kim@example.com');
  });

  it('an upset message that tries to give an address still gets the retry', () => {
    const c = atEmailQuestion();
    // Session 45 (details4, L6): "kim at example dot com" is read as an address now (changed on purpose); "kim@example" still tries one.
    const { said } = reply(c, 'this is a joke, kim@example, useless');
    expect(said.join(' ')).toMatch(EMAIL_RETRY);
    expect(said).not.toContain(ticketPrompts.emailWhenUpset);
    expect(c.state.waiting).toMatchObject({ kind: 'ticket_question', field: 'email', retries: 1 });
  });

  it('a calm wrong address gets the retry as before', () => {
    const c = atEmailQuestion();
    const { said } = reply(c, 'kim at example');
    expect(said.join(' ')).toMatch(EMAIL_RETRY);
    expect(said).not.toContain(ticketPrompts.emailWhenUpset);
  });

  it('a request for a person there keeps its own answer (not the upset one)', () => {
    const c = atEmailQuestion();
    expect(reply(c, 'I still want a human please').said).toEqual([ticketPrompts.nobodyFree]);
  });
});

describe('triesAnEmail', () => {
  it('reads attempts at an address, not sentences', () => {
    for (const t of ['kim@example', 'kim at example dot com', 'its kim.lee@gmail', 'gmail.com', 'KIM AT EXAMPLE DOT NET']) expect(triesAnEmail(t), t).toBe(true);
    for (const t of ['are you even listening? this is a joke', 'this is useless. I want my parcel', 'no', 'Useless!!!']) expect(triesAnEmail(t), t).toBe(false);
  });
});
