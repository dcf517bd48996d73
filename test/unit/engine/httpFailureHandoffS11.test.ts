/**
 * Newcomer s9 #3: when an HTTP block failed just before the flow handed over, the agent used to read only "The flow
 * handed over". The engine now remembers the failed call (state.lastFailure, cleared by a later successful call) and
 * the handoff's summary and suggestion name it when it failed in this customer turn or the previous one.
 */
import { describe, expect, it } from 'vitest';
import { flowSchema, type Flow } from '../../../shared/flow/schema';
import { parseConversationState } from '../../../shared/engine/conversationStateSchema';
import { summarizeConversation } from '../../../shared/engine/handoffContext';
import { converse } from './harness';

/** Ask the order number -> look it up -> success: say the status; error: "want a person?" -> takeover. */
function orderFlow(errorGoesTo: 'takeover' | 'offer', takeover: Record<string, unknown> = { assignation: 'simple' }): Flow {
  return flowSchema.parse({
    version: 1,
    id: 'orders',
    name: 'Orders',
    blocks: [
      { id: 'start', kind: 'start', data: {} },
      { id: 'ask', kind: 'question', label: 'Order number', data: { text: 'What is your order number?', variable: 'order' } },
      {
        id: 'lookup',
        kind: 'http_request',
        label: 'Look up the order',
        data: { method: 'GET', url: 'https://api.example.com/orders/{{order}}', responseMapping: [{ variable: 'status', path: 'status' }] },
      },
      { id: 'said', kind: 'message', data: { text: 'Your order is {{status}}.' } },
      {
        id: 'sorry',
        kind: 'buttons',
        data: { text: 'Sorry, I could not check that. Shall I get a person?', options: [{ id: 'yes', label: 'Yes please' }, { id: 'again', label: 'Try again' }] },
      },
      { id: 'ht', kind: 'human_takeover', label: 'Support team', data: takeover },
      { id: 'bye', kind: 'end', data: { text: 'Bye' } },
    ],
    edges: [
      ['start', 'next', 'ask'],
      ['ask', 'next', 'lookup'],
      ['lookup', 'success', 'said'],
      ['said', 'next', 'ask'],
      ['lookup', 'error', errorGoesTo === 'takeover' ? 'ht' : 'sorry'],
      ['sorry', 'yes', 'ht'],
      ['sorry', 'again', 'ask'],
      ['ht', 'resolved', 'bye'],
      ['ht', 'no_agent', 'bye'],
      ['ht', 'timeout', 'bye'],
    ].map(([from, exit, to], i) => ({ id: `e${i}`, from, exit, to })),
  }) as Flow;
}

function handoffContextOf(c: ReturnType<typeof converse>) {
  const req = c.effects('handoff_request').at(-1);
  if (!req) throw new Error('no handoff request');
  return req.context;
}

describe('a handoff right after a failed HTTP call says what failed (newcomer s9 #3)', () => {
  it('an error status: the summary and the suggestion name the block and the status', () => {
    const c = converse(orderFlow('takeover'));
    c.say('NW-104233');
    c.http(false, { error: 'down' }, 503);
    expect(c.mode()).toBe('waiting');
    const ctx = handoffContextOf(c);
    expect(ctx.reason).toBe('flow');
    expect(ctx.summary).toContain('Handed over because the flow reached a human takeover after "Look up the order" failed (HTTP 503).');
    expect(ctx.suggestedResolution).toContain('"Look up the order" failed (HTTP 503)');
    expect(c.state.lastFailure).toBeUndefined(); // told to this handoff's agent
  });

  it('no answer before the deadline: "no answer"', () => {
    const c = converse(orderFlow('takeover'));
    c.say('NW-104233');
    c.wait('2m');
    expect(c.mode()).toBe('waiting');
    expect(handoffContextOf(c).summary).toContain('after "Look up the order" failed (no answer).');
  });

  it('the customer is asked first and says yes on the next turn: still named', () => {
    const c = converse(orderFlow('offer'));
    c.say('NW-104233');
    c.http(false, null, 500);
    expect(c.state.lastFailure).toMatchObject({ blockId: 'lookup', label: 'Look up the order', status: 500 });
    // The state that carries the failure is a valid persisted state (the schema is strict).
    expect(parseConversationState(JSON.parse(JSON.stringify(c.state))).ok).toBe(true);
    c.click('yes');
    expect(c.mode()).toBe('waiting');
    expect(handoffContextOf(c).summary).toContain('after "Look up the order" failed (HTTP 500).');
  });

  it('the takeover asks the email first (the Northwind path, newcomer s11 #12b): still named; forgotten once told', () => {
    const c = converse(orderFlow('offer', { assignation: 'custom', askEmail: true }));
    c.say('NW-104233');
    c.http(false, null, 0);
    c.click('yes');
    expect(c.lastBotText()).toMatch(/email/i);
    expect(c.mode()).toBe('bot');
    c.say('not an email');
    c.say('jane@example.com');
    expect(c.mode()).toBe('waiting');
    const ctx = handoffContextOf(c);
    expect(ctx.summary).toContain('after "Look up the order" failed (no answer).');
    expect(ctx.suggestedResolution).toContain('"Look up the order" failed (no answer); do that step yourself.');
    // Told to this handoff's agent: a later handoff of the same conversation does not blame it again.
    expect(c.state.lastFailure).toBeUndefined();
  });

  it('a later successful call clears it', () => {
    const c = converse(orderFlow('offer'));
    c.say('NW-104233');
    c.http(false, null, 500);
    c.click('again');
    c.say('NW-104233');
    c.http(true, { status: 'shipped' });
    expect(c.state.lastFailure).toBeUndefined();
    c.say('NW-104234');
    c.http(false, null, 404);
    c.click('yes');
    expect(handoffContextOf(c).summary).toContain('failed (HTTP 404)');
  });

  it('a failure two customer turns back is not blamed', () => {
    const c = converse(orderFlow('offer'));
    c.say('NW-104233');
    c.http(false, null, 500);
    const failed = c.state;
    expect(summarizeConversation(failed, 'flow')).toContain('failed (HTTP 500)');
    expect(summarizeConversation({ ...failed, turn: failed.turn + 1 }, 'flow')).toContain('failed (HTTP 500)');
    const later = summarizeConversation({ ...failed, turn: failed.turn + 2 }, 'flow');
    expect(later).toContain('Handed over because the flow reached a human takeover.');
    expect(later).not.toContain('failed');
    // Other reasons keep their own words.
    expect(summarizeConversation(failed, 'explicit_request')).toContain('Handed over because the customer asked for a person.');
  });

  it('a handoff with no failure reads as before', () => {
    const c = converse(orderFlow('takeover'));
    c.say('NW-104233');
    c.http(true, { status: 'shipped' });
    expect(c.state.lastFailure).toBeUndefined();
    expect(c.effects('handoff_request')).toEqual([]);
  });
});
