/**
 * Session 46 (ui10, retest-studio s45 L6): the rating question's buttons came back clickable above "Waiting for a
 * person" when a new handoff started during the rating without a customer message (an agent took the chat over from
 * Live and then put it back in the queue; reproduced on `baton serve`, before-l6-waiting.png). A person's part that
 * starts after a bot message (a status line "waiting" or "assigned") ends what its buttons asked; a question the bot
 * asks after the status line keeps its buttons, and the statuses that end a person's part change nothing.
 */
import { describe, expect, it } from 'vitest';
import { buttonsSeq, customerSeesButtons } from '../../renderer/widget/customerView';

const rating = { seq: 10, from: 'bot', text: 'Before you go: how would you rate this chat?', buttons: ['1', '2', '3', '4', '5'].map((id) => ({ id, label: id })) };
const pill = (seq: number, status: string) => ({ seq, from: 'system', text: '', status: { mode: status === 'pending' ? 'waiting' : 'agent', handoff: { id: 'h2', status, reason: 'flow' } } });

describe('buttons after a person\'s part started (L6)', () => {
  it('the rating, then a takeover and a decline (waiting): no buttons; the same log without the handoff keeps them', () => {
    const log = [rating, pill(11, 'assigned'), { seq: 12, from: 'system', text: 'Ann from the team joined the conversation.' }, pill(13, 'pending'), { seq: 14, from: 'bot', text: 'I am finding someone else to help you.' }];
    expect(buttonsSeq(log)).toBeNull();
    expect(customerSeesButtons(log, 10, 'waiting')).toBe(false);
    // Waiting straight after the rating (no takeover first): the same.
    expect(buttonsSeq([rating, pill(11, 'pending')])).toBeNull();
    // Nothing after the rating: its buttons, as before.
    expect(buttonsSeq([rating])).toBe(10);
    expect(customerSeesButtons([rating], 10, 'bot')).toBe(true);
  });

  it('a question asked after the status line keeps its buttons; an ending status changes nothing', () => {
    const menu = { seq: 20, from: 'bot', text: 'What can I help you with?', buttons: [{ id: 'a', label: 'Track my order' }] };
    expect(buttonsSeq([rating, pill(11, 'assigned'), pill(15, 'resolved'), menu])).toBe(20);
    // A hand back: the step stores the bot's question, then the "resolved" status line; the question is still asked.
    expect(buttonsSeq([pill(11, 'assigned'), menu, pill(21, 'resolved')])).toBe(20);
    // A customer message still ends the buttons, as before.
    expect(buttonsSeq([menu, { seq: 21, from: 'customer', text: 'hi' }])).toBeNull();
  });
});
