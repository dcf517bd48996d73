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
  it('names each empty step text and button label, with the English words the customer would get', () => {
    const warned = problemsOf('fr', (esc) => (esc.texts = { rephrase: 'Pardon, pouvez-vous reformuler ?', personButton: 'Parler à quelqu’un' }));
    expect(warned.map((p) => p.path)).toEqual(['$.escalation.texts.acknowledge', '$.escalation.texts.offer', '$.escalation.texts.botButton']);
    expect(warned[0]).toMatchObject({ severity: 'warning' });
    expect(warned[0].message).toBe(
      `The flow's language is "fr", but "Step 1 when the customer is upset or on a sensitive topic" is empty, so customers get the built-in English sentence "Sorry about that. Can you tell me a bit more so I can help?".`,
    );
    expect(warned[1].hint).toBe('Write it in "fr" in Flow settings > Escalation > What the bot says at each step.');
    expect(warned[2].message).toBe(
      `The flow's language is "fr", but "Step 2 button: keep chatting with the bot" is empty, so customers get the built-in English label "Keep chatting with the bot".`,
    );
  });

  it('says nothing for English flows, immediate mode, a policy switched off, or every text written', () => {
    expect(problemsOf('en')).toEqual([]);
    expect(problemsOf('en-GB')).toEqual([]);
    expect(problemsOf('de', (esc) => (esc.mode = 'immediate'))).toEqual([]);
    expect(problemsOf('de', (esc) => (esc.enabled = false))).toEqual([]);
    expect(problemsOf('de', (esc) => (esc.texts = { rephrase: 'Wie bitte?', acknowledge: 'Das tut mir leid.', offer: 'Mit einem Menschen sprechen?', personButton: 'Ja, bitte', botButton: 'Nein, danke' }))).toEqual([]);
    expect(problemsOf('de')).toHaveLength(5);
  });
});
