import { describe, it, expect } from 'vitest';
import { converse, makeFlow } from './harness';

// Newcomer s8 #27 (brief item 5): the graduated offer's buttons could not be worded, so a French flow showed
// "Talk to a person" / "Keep chatting with the bot".
function frenchFlow(texts: Record<string, string>) {
  return makeFlow(
    [
      { id: 'b', kind: 'buttons', data: { text: 'Choisissez', maxRetries: 10, options: [{ id: 'a', label: 'Alpha' }, { id: 'z', label: 'Zulu' }] } },
      { id: 'A', kind: 'end', data: { text: 'alpha' } },
      { id: 'Z', kind: 'end', data: { text: 'zulu' } },
      { id: 'ht', kind: 'human_takeover' },
    ],
    [['b', 'a', 'A'], ['b', 'z', 'Z']],
    { escalation: { targetBlockId: 'ht', mode: 'graduated', texts }, settings: { language: 'fr' } },
  );
}
const toOffer = (c: ReturnType<typeof converse>) => {
  c.say('bananas');
  c.say('purple monkey dishwasher');
  expect(c.say('seventeen giraffes').decision?.action).toBe('offer');
};

describe('worded offer buttons', () => {
  it('shows the designer\'s labels (same ids); the click is recorded in their words and hands over', () => {
    const c = converse(frenchFlow({ offer: 'Voulez-vous parler à quelqu’un ?', personButton: 'Parler à quelqu’un', botButton: 'Continuer avec le robot' }));
    toOffer(c);
    expect(c.lastBotText()).toBe('Voulez-vous parler à quelqu’un ?');
    expect(c.lastButtons()).toEqual([
      { id: 'escalation:person', label: 'Parler à quelqu’un' },
      { id: 'escalation:bot', label: 'Continuer avec le robot' },
    ]);
    c.click('escalation:person');
    expect(c.mode()).toBe('waiting');
    expect(c.state.recentTranscript.filter((t) => t.from === 'customer').at(-1)?.text).toBe('Parler à quelqu’un');
  });

  it('the labels typed out answer as the buttons do', () => {
    const yes = converse(frenchFlow({ personButton: 'Parler à quelqu’un', botButton: 'Continuer avec le robot' }));
    toOffer(yes);
    yes.say('parler à quelqu’un');
    expect(yes.mode()).toBe('waiting');
    const no = converse(frenchFlow({ personButton: 'Parler à quelqu’un', botButton: 'Continuer avec le robot' }));
    toOffer(no);
    no.say('Continuer avec le robot');
    expect(no.mode()).toBe('bot');
    expect(no.state.waiting).toMatchObject({ kind: 'input', blockId: 'b' });
  });

  it('empty labels keep the built-in ones; a label over 60 characters is refused with the reason', () => {
    const c = converse(frenchFlow({ personButton: '  ' }));
    toOffer(c);
    expect(c.lastButtons().map((b) => b.label)).toEqual(['Talk to a person', 'Keep chatting with the bot']);
    expect(() => frenchFlow({ botButton: 'x'.repeat(61) })).toThrow(/Keep a button label under 60 characters/);
  });
});
