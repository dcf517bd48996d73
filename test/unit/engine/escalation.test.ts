import { describe, it, expect } from 'vitest';
import { converse, makeFlow } from './harness';
import { escalationTexts } from '../../../shared/engine/engine';

const takeover = { id: 'ht', kind: 'human_takeover' };

function questionFlow(escalation: Record<string, unknown>, ht: Record<string, unknown> = {}) {
  return makeFlow(
    [
      { id: 'q', kind: 'question', data: { text: 'What is your order number?', inputType: 'number', variable: 'order' } },
      { id: 'ok', kind: 'end', data: { text: 'Thanks!' } },
      { ...takeover, data: ht },
    ],
    [['q', 'next', 'ok']],
    { escalation },
  );
}

function buttonsFlow(escalation: Record<string, unknown>) {
  return makeFlow(
    [
      {
        id: 'b',
        kind: 'buttons',
        data: { text: 'Pick one', maxRetries: 0, options: [{ id: 'a', label: 'Alpha' }, { id: 'z', label: 'Zulu' }] },
      },
      { id: 'A', kind: 'end', data: { text: 'alpha path' } },
      { id: 'Z', kind: 'end', data: { text: 'zulu path' } },
      takeover,
    ],
    [['b', 'a', 'A'], ['b', 'z', 'Z']],
    { escalation },
  );
}

describe('escalation routing', () => {
  it('an explicit request at a question goes straight to the Human Takeover block', () => {
    const c = converse(questionFlow({ targetBlockId: 'ht' }));
    const step = c.say('I want to talk to a real person please');
    expect(step.decision?.action).toBe('handoff');
    expect(step.decision?.reason).toBe('explicit_request');
    expect(step.visited).toEqual(['ht']);
    expect(c.mode()).toBe('waiting');
    expect(c.state.handoff?.reason).toBe('explicit_request');
    expect(c.state.lastEscalation?.action).toBe('handoff');
    const [req] = c.effects('handoff_request');
    expect(req.context.reason).toBe('explicit_request');
    expect(req.context.signals.map((s) => s.reason)).toContain('explicit_request');
    expect(req.context.summary).toContain('the customer asked for a person');
    expect(req.context.transcript.some((t) => t.text === 'I want to talk to a real person please')).toBe(true);
  });

  it('the escalation reason survives default-mode pre-questions', () => {
    const c = converse(questionFlow({ targetBlockId: 'ht' }, { assignation: 'default' }));
    c.say('get me a human agent');
    expect(c.lastBotText()).toBe('Before I connect you, may I have your name?');
    c.say('Ana');
    c.say('ana@example.com');
    c.say('my parcel is lost');
    expect(c.state.handoff?.reason).toBe('explicit_request');
    expect(c.effects('handoff_request')[0].context.signals.length).toBeGreaterThan(0);
  });

  it('graduated mode: rephrase, then offer a person, then hand over', () => {
    const c = converse(buttonsFlow({ targetBlockId: 'ht', mode: 'graduated' }));
    expect(c.say('bananas').decision?.action).toBe('none');
    expect(c.lastBotText()).toBe('Please choose one of the options.');

    const rephrase = c.say('purple monkey dishwasher');
    expect(rephrase.decision?.action).toBe('rephrase');
    expect(c.lastBotText()).toBe(escalationTexts.rephrase);
    expect(c.state.waiting).toMatchObject({ kind: 'input', blockId: 'b' });

    const offer = c.say('seventeen giraffes');
    expect(offer.decision?.action).toBe('offer');
    expect(c.lastBotText()).toBe('Would you like to talk to a person?');
    expect(c.lastButtons()).toEqual([
      { id: 'escalation:person', label: 'Talk to a person' },
      { id: 'escalation:bot', label: 'Keep chatting with the bot' },
    ]);
    expect(c.state.waiting).toMatchObject({ kind: 'offer', blockId: 'b' });

    c.click('escalation:person');
    expect(c.mode()).toBe('waiting');
    expect(c.state.handoff?.reason).toBe('repeated_fallback');
  });

  it('graduated mode: a third miss after the offer hands over', () => {
    const c = converse(buttonsFlow({ targetBlockId: 'ht', mode: 'graduated' }));
    c.say('bananas');
    c.say('purple monkey dishwasher');
    c.say('seventeen giraffes');
    const step = c.say('quantum spaghetti');
    expect(step.decision?.action).toBe('handoff');
    expect(c.mode()).toBe('waiting');
  });

  it('offer declined: back at the block with its prompt; typed "yes" accepts an offer', () => {
    const c = converse(buttonsFlow({ targetBlockId: 'ht', mode: 'graduated' }));
    c.say('bananas');
    c.say('purple monkey dishwasher');
    c.say('seventeen giraffes');
    c.click('escalation:bot');
    expect(c.lastBotText()).toBe('Pick one');
    expect(c.state.waiting).toMatchObject({ kind: 'input', blockId: 'b' });
    c.click('z');
    expect(c.lastBotText()).toBe('zulu path');

    const d = converse(buttonsFlow({ targetBlockId: 'ht', mode: 'graduated' }));
    d.say('bananas');
    d.say('purple monkey dishwasher');
    d.say('seventeen giraffes');
    d.say('yes please');
    expect(d.mode()).toBe('waiting');
  });

  it('text that answers the block while an offer is on screen is processed by the block', () => {
    const c = converse(buttonsFlow({ targetBlockId: 'ht', mode: 'graduated' }));
    c.say('bananas');
    c.say('purple monkey dishwasher');
    c.say('seventeen giraffes');
    c.say('Alpha');
    expect(c.lastBotText()).toBe('alpha path');
  });

  it('without a target block, decisions are reported but the flow continues normally', () => {
    const c = converse(questionFlow({ targetBlockId: null }));
    const step = c.say('I want to talk to a real person please');
    expect(step.decision?.action).toBe('handoff');
    expect(c.mode()).toBe('bot');
    // Session 39: a Number question left with the generic retry says what to type.
    expect(c.lastBotText()).toBe('Sorry, I need a number. Could you type it in figures, like 42?');
    expect(c.state.lastEscalation).toBeNull();
  });

  it('entities in customer text are remembered and fill in unknown contact details', () => {
    const c = converse(questionFlow({ targetBlockId: null }));
    c.say('my email is Ana@Example.com');
    expect(c.state.entities).toContainEqual(expect.objectContaining({ type: 'email', value: 'ana@example.com' }));
    expect(c.variables().customerEmail).toBe('ana@example.com');
    expect(c.variables().lastMessage).toBe('my email is Ana@Example.com');
    c.say('again: ana@example.com');
    expect(c.state.entities.filter((e) => e.type === 'email')).toHaveLength(1);
  });

  it('after an agent hands back, escalation memory starts clean', () => {
    const flow = makeFlow(
      [
        { id: 'b', kind: 'buttons', data: { text: 'Pick one', maxRetries: 0, options: [{ id: 'a', label: 'Alpha' }] } },
        { id: 'A', kind: 'end' },
        takeover,
      ],
      [['b', 'a', 'A'], ['ht', 'resolved', 'b']],
      { escalation: { targetBlockId: 'ht' } },
    );
    const c = converse(flow);
    c.say('bananas');
    c.say('purple monkey dishwasher'); // repeated fallback -> handoff (immediate mode)
    expect(c.mode()).toBe('waiting');
    c.agent.accept();
    c.agent.handback();
    expect(c.state.escalation).toEqual({ fallbacksInRow: 0, recent: [], sentiments: [], level: 0 });
    expect(c.lastBotText()).toBe('Pick one');
    expect(c.say('bananas').decision?.action).toBe('none');
  });
});
