/**
 * Session 46 (ui10, blind re-test of the studio at the end of session 45): the handover summary called a customer
 * upset for clicking Northwind's "Damaged or faulty" ("The customer sounded upset: "Damaged or faulty"."). The summary's
 * mood is read from the customer's entries (mostUpset: the sentiment of each, at or under the policy's -0.5); a button
 * the customer chose was one of them. A choice is the flow's wording, not the customer's tone: a customer entry that
 * is a label of the buttons the bot offered just before it (clicked or typed as shown) is no mood. What the customer
 * typed in their own words is still read.
 *
 * Labels written before the change (each scores under -0.5 as text): "Damaged or faulty", "Not happy with my order",
 * "Bad service", "Missing or stolen parcel". Held out, written after the change (picked for scoring under -0.5 as text,
 * not tried on the code before): HELD_OUT. Both sets pass after it; before it all eight were "sounded upset".
 */
import { describe, expect, it } from 'vitest';
import { summarizeConversation } from '../../../shared/engine/handoffContext';
import { upsetScore } from '../../../shared/engine/upsetScores';

type SummaryState = Parameters<typeof summarizeConversation>[0];
type Entry = { from: 'customer' | 'bot'; text: string; buttons?: Array<{ id: string; label: string }> };

function stateOf(entries: Entry[], variables: Record<string, string> = {}): SummaryState {
  let turn = 0;
  const recentTranscript = entries.map((e, i) => ({ ...e, at: i, ...(e.from === 'customer' ? { turn: ++turn } : {}) }));
  return { variables, recentTranscript, turn, intents: [], entities: [], lastFailure: null } as unknown as SummaryState;
}

const menu = (labels: string[]): Entry => ({ from: 'bot', text: 'Why are you sending it back?', buttons: labels.map((label, i) => ({ id: `b${i}`, label })) });

const BEFORE = ['Damaged or faulty', 'Not happy with my order', 'Bad service', 'Missing or stolen parcel'];
const HELD_OUT = ['Really bad experience', 'Furious about delay', 'Worst order ever', 'Angry about billing'];

function choiceSummary(label: string, typed = label): string {
  const s = stateOf([{ from: 'customer', text: 'Returns' }, menu(['Wrong size or fit', label, 'Another reason']), { from: 'customer', text: typed }, { from: 'bot', text: 'What is your email address?' }, { from: 'customer', text: 'dana@example.com' }], { customerEmail: 'dana@example.com' });
  return summarizeConversation(s, 'flow');
}

describe('a button choice is no mood in the summary', () => {
  it('the labels read as upset text (the set is a real test: each scores at or under -0.5)', () => {
    for (const label of [...BEFORE, ...HELD_OUT]) expect(upsetScore({ text: label }), label).toBeLessThanOrEqual(-0.5);
  });

  it('clicked, or typed as shown (any case): not "sounded upset"; the choice is still the last message', () => {
    for (const label of [...BEFORE, ...HELD_OUT]) {
      for (const typed of [label, label.toLowerCase()]) {
        const summary = choiceSummary(label, typed);
        expect(summary, typed).not.toContain('sounded upset');
        expect(summary, typed).toContain(`Last message before the contact details: "${typed}".`); // s48 studio16 N4: the email came after it
      }
    }
  });

  it("the customer's own words are still read: typed upset text, also next to a choice", () => {
    // Not a label: the customer's words.
    const own = choiceSummary('Damaged or faulty', 'it arrived damaged and faulty, absolutely useless');
    expect(own).toContain('The customer sounded upset');
    // Upset words before the choice are named, not the choice.
    const s = stateOf([{ from: 'customer', text: 'this is ridiculous, the parcel is broken' }, menu(['Damaged or faulty', 'Another reason']), { from: 'customer', text: 'Damaged or faulty' }]);
    expect(summarizeConversation(s, 'flow')).toContain('The customer sounded upset: "this is ridiculous, the parcel is broken".');
    // A label of buttons the bot offered earlier, typed later in the customer's own message, is read as words.
    const later = stateOf([menu(['Bad service', 'Other']), { from: 'customer', text: 'Other' }, { from: 'bot', text: 'Tell me more.' }, { from: 'customer', text: 'Bad service' }]);
    expect(summarizeConversation(later, 'flow')).toContain('sounded upset');
  });
});
