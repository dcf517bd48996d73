// Hostile s9 #19: the graduated offer's worded buttons (Flow settings > Escalation: texts.personButton / botButton)
// accepted labels the customer cannot tell apart ("OK | OK"), a label with nothing visible (a zero-width space
// survives trim()), and swapped yes/no words (the person button "No": typing "no" handed over). Validation now
// refuses the first two, naming the field and what to do, and warns about the third.
import { describe, expect, it } from 'vitest';
import { validateFlow } from '../../../shared/flow/validateFlow';
import { tinyFlow } from '../../component/support/sampleFlow';

const CODES = ['offer_button_invisible', 'offer_buttons_same_label', 'offer_button_reads_opposite'];

function check(texts: Record<string, string>, mode = 'graduated') {
  const flow: any = structuredClone(tinyFlow());
  flow.escalation = { ...(flow.escalation ?? {}), enabled: true, mode, texts };
  const problems = validateFlow(flow).problems.filter((p) => CODES.includes(p.code));
  // tinyFlow has unwired exits of its own: "valid" here means none of these problems is an error.
  return { problems, valid: !problems.some((p) => p.severity === 'error') };
}

describe('the offer buttons must be told apart (hostile s9 #19)', () => {
  it('refuses identical labels, whatever their case, spaces and punctuation, naming both and what to do', () => {
    const r = check({ personButton: 'OK', botButton: ' ok! ' });
    expect(r.valid).toBe(false);
    expect(r.problems.map((p) => [p.code, p.severity, p.path])).toEqual([['offer_buttons_same_label', 'error', '$.escalation.texts.botButton']]);
    expect(r.problems[0].message).toContain('The two buttons of the offer read the same ("OK" and "ok!")');
    expect(r.problems[0].hint).toContain('Flow settings > Escalation');
    // A designer label equal to the other button's built-in one is the same clash.
    expect(check({ personButton: 'Keep chatting with the bot' }).problems.map((p) => p.code)).toEqual(['offer_buttons_same_label']);
  });

  it('refuses a label with no visible character (zero-width space, direction mark, BOM)', () => {
    for (const invisible of ['\u200b', ' \u200b\u200d ', '\u200e', '\u2060\ufeff']) {
      const r = check({ botButton: invisible });
      expect(r.valid).toBe(false);
      const p = r.problems.find((x) => x.code === 'offer_button_invisible');
      expect(p?.path).toBe('$.escalation.texts.botButton');
      expect(p?.message).toMatch(/^"Step 2 button: keep chatting with the bot" has no visible character .*so customers see an empty button\.$/);
      expect(p?.message).not.toMatch(/[\u200b-\u200f\ufeff]/); // the field's content shown escaped
      expect(p?.hint).toContain('clear the field to use "Keep chatting with the bot"');
    }
  });

  it('warns when a label reads as the other answer: typing "no" would hand over', () => {
    const r = check({ personButton: 'No', botButton: 'Yes' });
    expect(r.valid).toBe(true);
    expect(r.problems.map((p) => [p.code, p.severity, p.path])).toEqual([
      ['offer_button_reads_opposite', 'warning', '$.escalation.texts.personButton'],
      ['offer_button_reads_opposite', 'warning', '$.escalation.texts.botButton'],
    ]);
    expect(r.problems[0].message).toContain('a customer who types "no" gets a person');
  });

  it('says nothing for the built-in labels, distinct worded ones, an empty field, or when the offer is not used', () => {
    expect(check({}).problems).toEqual([]);
    expect(check({ personButton: 'Parler à quelqu’un', botButton: 'Continuer avec le robot' }).problems).toEqual([]);
    expect(check({ personButton: '   ', botButton: '' }).problems).toEqual([]);
    expect(check({ personButton: 'OK', botButton: 'OK' }, 'immediate').problems).toEqual([]);
  });
});
