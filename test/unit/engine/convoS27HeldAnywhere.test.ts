/**
 * Session 27 (convo, hostile s26 H5): messages held while the bot waited on an HTTP call were read only when the flow
 * then waited at a block taking free text (waiting kind "input"); at an offer of a person, a Human takeover's question
 * or a Ticket's question they stayed transcript lines, angry ones included. Now they are read at a takeover's or a
 * ticket's question too (engine.ts readHeld): never as the answer to a question asked after they were written, but the
 * policy acts on them. Not done: an offer of a person (graduated mode's held messages never reach one: the policy's
 * first step does not act on a held message).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { converse } from './harness';
import { loadFlowText } from '../../../shared/flow/loadFlowText';

const NOW = Date.parse('2026-12-02T11:00:00Z'); // a Wednesday, 11:00 in London: the team is in
const ANGRY = 'this is ridiculous, I have been waiting for three weeks and nobody answers my emails';

/** Northwind, changed by `edit` (the document as JSON). */
function chat(edit: (doc: any) => void = () => {}) {
  const doc = JSON.parse(readFileSync(new URL('../../../flows/customer-support.json', import.meta.url), 'utf8'));
  edit(doc);
  const loaded = loadFlowText(JSON.stringify(doc));
  expect(loaded.flow, JSON.stringify(loaded.problems ?? loaded)).toBeTruthy();
  return converse(loaded.flow!, { now: NOW });
}
/** The order lookup's error exit goes to `to`. */
const errorTo = (to: string) => (doc: any) => {
  doc.edges.find((e: any) => e.from === 'get_order' && e.exit === 'error').to = to;
};

describe('messages held during an HTTP call are read wherever the flow waits next (hostile s26 H5)', () => {
  it('at a Buttons block after the call: a request for a person typed during the call hands over', () => {
    const c = chat();
    c.say('where is my order NW-104233');
    c.say('can I talk to a real person please');
    const after = c.http(true, { status: 'in transit', eta: 'Friday' });
    expect(c.botTexts().join('\n')).toMatch(/in transit/);
    expect(after.decision?.action).toBe('handoff');
    expect(after.decision?.reason).toBe('explicit_request');
  });

  it("at a Human takeover's email question: an angry message is read, and the handoff carries the anger", () => {
    const c = chat(errorTo('human_agent'));
    c.say('where is my order NW-104233');
    c.say(ANGRY);
    const after = c.http(false, null, 503);
    expect(c.state.waiting).toMatchObject({ kind: 'takeover_question', field: 'email' });
    expect(after.decision?.reason).toBe('negative_sentiment');
    expect(c.state.waiting).toMatchObject({ reason: 'negative_sentiment' });
    // The angry message is no answer to the email question asked after it: the email is still asked, then taken.
    c.say('jo@example.com');
    const request = c.effects().find((e) => e.type === 'handoff_request');
    expect(request?.type === 'handoff_request' ? request.handoff.reason : null).toBe('negative_sentiment');
  });

  it("at a Human takeover's question: a calm held message changes nothing (the flow's own handoff)", () => {
    const c = chat(errorTo('human_agent'));
    c.say('where is my order NW-104233');
    c.say('hmm');
    const after = c.http(false, null, 503);
    expect(after.decision).toBeNull();
    expect(c.state.waiting).toMatchObject({ kind: 'takeover_question', field: 'email' });
    expect(c.state.waiting && 'reason' in c.state.waiting ? c.state.waiting.reason : undefined).toBeUndefined();
  });

  it("at a Ticket's question: an angry message hands over to a person; a calm one leaves the question", () => {
    const angry = chat(errorTo('return_ticket'));
    angry.say('where is my order NW-104233');
    angry.say(ANGRY);
    const after = angry.http(false, null, 503);
    expect(after.decision?.action).toBe('handoff');
    expect(after.decision?.reason).toBe('negative_sentiment');
    expect(angry.state.waiting?.kind === 'ticket_question').toBe(false);
    expect(angry.state.waiting?.blockId).toBe('human_agent');

    const calm = chat(errorTo('return_ticket'));
    calm.say('where is my order NW-104233');
    calm.say('hmm');
    const calmAfter = calm.http(false, null, 503);
    expect(calmAfter.decision).toBeNull();
    expect(calm.state.waiting).toMatchObject({ kind: 'ticket_question', blockId: 'return_ticket' });
  });
});
