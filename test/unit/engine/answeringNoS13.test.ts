/**
 * Session 13 (README "Not finished": a Buttons answer starting "No" followed by an unrelated sentence matched "No
 * thanks"; corpus w13-052 "No number I am afraid" at the offer of a person). The word "no" inside a typed answer picks a
 * button whose label or synonym is "no" only where it answers ("no thanks", "No, ...", "no I'm fine"), not as a
 * determiner ("no number", "no one", "no idea"): shared/engine/answeringNo.ts.
 */
import { describe, expect, it } from 'vitest';
import { converse, makeFlow } from './harness';
import { noOnlyAsDeterminer } from '../../../shared/engine/answeringNo';
import { matchButton } from '../../../shared/engine/matchButton';
import { compileFlow } from '../../../shared/engine/compileFlow';

import { atOffer, RETRY, template } from './templateOffer';

describe('"no" as a determiner is not the answer no', () => {
  it('the rule on its own', () => {
    for (const t of ['No number I am afraid', 'no one answered my email', 'No idea', 'I have no order number', 'NO ORDER NUMBER, sorry']) expect(noOnlyAsDeterminer(t), t).toBe(true);
    for (const t of ['no', 'No.', 'no thanks', 'No, I want to cancel my order', "no I'm fine", 'no need', 'no it’s ok', 'no 🙂', 'No number. No thanks', 'nope', 'I know', 'not now']) expect(noOnlyAsDeterminer(t), t).toBe(false);
  });

  it('at the template\'s offer: "No number I am afraid" is asked again instead of taking No thanks', () => {
    const c = atOffer();
    c.say('No number I am afraid');
    expect(c.lastBotText()).toBe(RETRY);
    expect(c.botTexts()).not.toContain('Is there anything else I can help you with?');
    // The customer can still answer with the button's own words.
    c.say('no thanks');
    expect(c.lastBotText()).not.toBe(RETRY);
    expect(c.state.waiting?.blockId).not.toBe('offer_person');
  });

  it('at the offer, a "no" that answers still picks No thanks', () => {
    for (const said of ['no', 'No, I am fine', 'no need', 'nope']) {
      const c = atOffer();
      c.say(said);
      expect(c.lastBotText(), said).not.toBe(RETRY);
      expect(c.state.waiting?.blockId, said).not.toBe('offer_person');
    }
  });

  it('a Yes/No Buttons block: "there is no tracking number" picks neither; "no it did not" picks No', () => {
    const flow = makeFlow(
      [
        { id: 'b', kind: 'buttons', data: { text: 'Did that help?', options: [{ id: 'yes', label: 'Yes' }, { id: 'no', label: 'No' }], maxRetries: 1 } },
        { id: 'y', kind: 'end', data: { text: 'Great!' } },
        { id: 'n', kind: 'end', data: { text: 'Sorry to hear that.' } },
      ],
      [['b', 'yes', 'y'], ['b', 'no', 'n']],
    );
    const choices = compileFlow(flow).buttons(flow.blocks.find((x) => x.id === 'b') as never);
    expect(matchButton(choices, 'there is no tracking number')).toBeNull();
    expect(matchButton(choices, 'no it did not')?.id).toBe('no');
    const c = converse(flow);
    c.say('there is no tracking number');
    expect(c.lastBotText()).toBe('Please choose one of the options.');
    c.say('no it did not');
    expect(c.lastBotText()).toBe('Sorry to hear that.');
  });

  it("the escalation's own offer (graduated mode): \"no one is helping me\" is not a no; \"no thanks\" still is", () => {
    const flow = () =>
      makeFlow(
        [
          { id: 'b', kind: 'buttons', data: { text: 'Pick one', maxRetries: 0, options: [{ id: 'a', label: 'Alpha' }, { id: 'z', label: 'Zulu' }] } },
          { id: 'A', kind: 'end', data: { text: 'alpha path' } },
          { id: 'Z', kind: 'end', data: { text: 'zulu path' } },
          { id: 'ht', kind: 'human_takeover' },
        ],
        [['b', 'a', 'A'], ['b', 'z', 'Z']],
        { escalation: { targetBlockId: 'ht', mode: 'graduated' } },
      );
    const toOffer = () => {
      const c = converse(flow());
      c.say('bananas');
      c.say('purple monkey dishwasher');
      c.say('seventeen giraffes');
      expect(c.state.waiting).toMatchObject({ kind: 'offer', blockId: 'b' });
      return c;
    };
    const declined = toOffer();
    declined.say('no thanks');
    expect(declined.state.waiting).toMatchObject({ kind: 'input', blockId: 'b' });
    expect(declined.lastBotText()).toBe('Pick one');
    // Before: read as "no" (back to the buttons, the ladder reset); now it is a message like any other: the third
    // miss after the offer hands over.
    const complaint = toOffer();
    complaint.say('no one is helping me here');
    expect(complaint.lastBotText()).not.toBe('Pick one');
    expect(complaint.mode()).toBe('waiting');
  });
});
