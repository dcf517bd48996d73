/**
 * Session 13 review debt: the takeover's lead-in sentence before its first question (newcomer s12 #16: "I don't think
 * I can help with this myself, so I'll get a person for you.") was hard-coded English in the engine. It is now the
 * Human takeover block's "Before the first question" settings (data.leadIn), defaults those sentences: a designer can
 * edit or translate them, and a flow saved before keeps saying the same thing.
 */
import { describe, expect, it } from 'vitest';
import { converse, makeFlow } from './harness';
import { takeoverPrompts } from '../../../shared/engine/humanTakeover';
import { DEFAULT_LEAD_IN, humanTakeoverBlock } from '../../../shared/flow/blocks/humanTakeover';
import { validateFlow } from '../../../shared/flow/validateFlow';
import { exportFlow } from '../../../shared/flow/exportFlow';

function flowWith(takeover: Record<string, unknown>) {
  return makeFlow(
    [
      { id: 'q', kind: 'question', data: { text: 'How can I help?', variable: 'topic' } },
      { id: 'done', kind: 'end', data: { text: 'Thanks!' } },
      { id: 'ht', kind: 'human_takeover', data: { assignation: 'custom', askEmail: true, ...takeover } },
    ],
    [['q', 'next', 'done']],
    { escalation: { targetBlockId: 'ht' } },
  );
}

describe('the takeover lead-in is a block setting (s13 review debt)', () => {
  it('a flow saved before the setting existed loads with the old sentences and says them', () => {
    const raw = { version: 1, id: 'old', name: 'Old', blocks: [{ id: 'start', kind: 'start', data: {} }, { id: 'ht', kind: 'human_takeover', data: { assignation: 'custom', askEmail: true } }], edges: [{ id: 'e', from: 'start', exit: 'next', to: 'ht' }] };
    const r = validateFlow(raw);
    expect(r.flow).toBeTruthy();
    const ht = r.flow!.blocks.find((b) => b.id === 'ht')!;
    expect((ht.data as { leadIn: unknown }).leadIn).toEqual(DEFAULT_LEAD_IN);
    expect(DEFAULT_LEAD_IN.misunderstood).toBe("I don't think I can help with this myself, so I'll get a person for you.");
    const c = converse(flowWith({}));
    c.say('I want to talk to a human');
    expect(c.botTexts().slice(-2)).toEqual([DEFAULT_LEAD_IN.asked, takeoverPrompts.email]);
  });

  it("the designer's words are said, by why the chat came here, with variables filled in", () => {
    const leadIn = { asked: 'Bien sûr, je vous passe une personne.', misunderstood: 'Je ne suis pas sûr de comprendre, {{topic}}: je vous passe une personne.' };
    const asked = converse(flowWith({ leadIn }));
    asked.say('I want to talk to a human');
    expect(asked.botTexts().slice(-2)).toEqual(['Bien sûr, je vous passe une personne.', takeoverPrompts.email]);
    // The texts not given keep their defaults (a partial object from a hand-edited file).
    const parsed = validateFlow(JSON.parse(JSON.stringify(flowWith({ leadIn: { asked: 'X' } })))).flow!;
    expect((parsed.blocks.find((b) => b.id === 'ht')!.data as { leadIn: Record<string, string> }).leadIn).toEqual({ ...DEFAULT_LEAD_IN, asked: 'X' });
  });

  it('an emptied text says nothing before the question', () => {
    const c = converse(flowWith({ leadIn: { asked: '   ' } }));
    c.say('I want to talk to a human');
    expect(c.lastStep.messages.filter((m) => m.from === 'bot').map((m) => m.text)).toEqual([takeoverPrompts.email]);
  });

  it('a variable used in a lead-in counts as read (the validator and the variables panel see it)', () => {
    const flow = flowWith({ leadIn: { flow: 'One moment {{customerName}}.' } });
    const ht = flow.blocks.find((b) => b.id === 'ht')!;
    const reads = humanTakeoverBlock.variablesRead!(ht as never);
    expect(reads).toContainEqual({ name: 'customerName', path: ['data', 'leadIn', 'flow'], template: true });
  });

  it('an exported flow carries the texts, so a translator finds them in the file', () => {
    const flow = flowWith({ leadIn: { escalated: 'Je vous passe une personne.' } });
    const text = JSON.stringify(exportFlow(flow));
    expect(text).toContain('Je vous passe une personne.');
    expect(text).toContain("I don't think I can help with this myself");
  });
});
