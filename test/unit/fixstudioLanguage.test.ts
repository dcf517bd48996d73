// Newcomer s8 #33 (brief item 5): a non-English flow in graduated mode with the built-in English step sentences gets a
// warning naming each empty step text.
import { describe, expect, it } from 'vitest';
import { validateFlow } from '../../shared/flow/validateFlow';
import { tinyFlow } from '../component/support/sampleFlow';

function problemsOf(language: string, edit: (esc: any) => void = () => {}) {
  const flow: any = structuredClone(tinyFlow());
  flow.settings = { ...flow.settings, language };
  flow.escalation = { ...(flow.escalation ?? {}), mode: 'graduated' };
  edit(flow.escalation);
  return validateFlow(flow).problems.filter((p) => p.code === 'graduated_text_default_english');
}

describe('graduated step texts left in English in a non-English flow', () => {
  it('names each empty step text, the English sentence the customer would get, and the English buttons', () => {
    const warned = problemsOf('fr', (esc) => (esc.texts = { rephrase: 'Pardon, pouvez-vous reformuler ?' }));
    expect(warned.map((p) => p.path)).toEqual(['$.escalation.texts.acknowledge', '$.escalation.texts.offer']);
    expect(warned[0]).toMatchObject({ severity: 'warning' });
    expect(warned[0].message).toBe(
      `The flow's language is "fr", but "Step 1 when the customer is upset or on a sensitive topic" is empty, so customers get the built-in English sentence "Sorry about that. Can you tell me a bit more so I can help?".`,
    );
    expect(warned[1].hint).toMatch(/Write it in "fr" in Flow settings > Escalation > What the bot says at each step \(the buttons under it, "Talk to a person" and "Keep chatting with the bot", are in English/);
  });

  it('says nothing for English flows, immediate mode, a policy switched off, or every text written', () => {
    expect(problemsOf('en')).toEqual([]);
    expect(problemsOf('en-GB')).toEqual([]);
    expect(problemsOf('de', (esc) => (esc.mode = 'immediate'))).toEqual([]);
    expect(problemsOf('de', (esc) => (esc.enabled = false))).toEqual([]);
    expect(problemsOf('de', (esc) => (esc.texts = { rephrase: 'Wie bitte?', acknowledge: 'Das tut mir leid.', offer: 'Mit einem Menschen sprechen?' }))).toEqual([]);
    expect(problemsOf('de')).toHaveLength(3);
  });
});
