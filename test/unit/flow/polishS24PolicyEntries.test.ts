/**
 * Hostile s23 #3, #4: `baton validate` took escalation-policy entries that can never match or catch far too much: an
 * empty urgency phrase (the one phrase list without min(1)), a phrase or Never-trigger entry of punctuation only, a
 * Never-trigger entry of one letter, two sensitive topics with the same name. Each is now a problem naming the JSON
 * path and what to do: an error where the entry can never work, a warning where it works but is suspicious.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { validateFlow } from '../../../shared/flow/validateFlow';
import { playConversation } from '../../../shared/simulator/playConversation';
import { validDoc } from './helpers';

const NEW_CODES = ['policy_phrase_no_words', 'never_trigger_no_words', 'never_trigger_one_letter', 'duplicate_topic_name'];

function check(edit: (esc: any) => void) {
  const doc = validDoc();
  doc.escalation = doc.escalation ?? {};
  edit(doc.escalation);
  return validateFlow(doc);
}
const view = (r: ReturnType<typeof validateFlow>, codes = NEW_CODES) => r.problems.filter((p) => codes.includes(p.code)).map((p) => [p.severity, p.code, p.path]);

describe('policy entries that can never match (errors)', () => {
  it('an empty urgency phrase is refused like an empty phrase of any other list, at its path', () => {
    const r = check((esc) => (esc.urgency = { phrases: ['asap please', ''] }));
    expect(r.ok).toBe(false);
    const p = r.problems.find((x) => x.path === '$.escalation.urgency.phrases[1]');
    expect(p?.severity).toBe('error');
    expect(p?.message).toContain('must not be empty');
  });

  it('a phrase of punctuation or emoji only, in any reason or topic, is an error saying it never matches', () => {
    const r = check((esc) => {
      esc.urgency = { phrases: ['!!!'] };
      esc.explicitRequest = { phrases: ['...'] };
      esc.negativeSentiment = { phrases: ['😡'] };
      esc.sensitiveTopics = { topics: [{ name: 'Refunds', phrases: ['money back', '??'] }] };
    });
    expect(r.ok).toBe(false);
    expect(view(r)).toEqual([
      ['error', 'policy_phrase_no_words', '$.escalation.explicitRequest.phrases[0]'],
      ['error', 'policy_phrase_no_words', '$.escalation.negativeSentiment.phrases[0]'],
      ['error', 'policy_phrase_no_words', '$.escalation.urgency.phrases[0]'],
      ['error', 'policy_phrase_no_words', '$.escalation.sensitiveTopics.topics[0].phrases[1]'],
    ]);
    const urgent = r.problems.find((p) => p.path === '$.escalation.urgency.phrases[0]')!;
    expect(urgent.message).toBe('The phrase "!!!" of urgency has no letter or digit, so it can never match a message: phrases are matched on words, and punctuation, spaces and emoji are not read.');
    expect(urgent.hint).toContain('or delete it');
  });

  it('such a phrase really never fires: a customer who types exactly it is not handed over for urgency', () => {
    const r = check((esc) => (esc.urgency = { phrases: ['!!!'] }));
    const played = playConversation(r.flow!, 'c', ['!!!'], Date.parse('2026-03-02T10:00:00Z'));
    expect(played.escalation?.reason ?? null).not.toBe('urgency');
  });

  it('a Never trigger entry of punctuation only is an error at its path', () => {
    const r = check((esc) => (esc.neverTrigger = ['Rage Red', '---']));
    expect(view(r)).toEqual([['error', 'never_trigger_no_words', '$.escalation.neverTrigger[1]']]);
    expect(r.problems.find((p) => p.code === 'never_trigger_no_words')!.message).toContain('"---" has no letter or digit');
  });
});

describe('policy entries that match too much or confuse (warnings)', () => {
  it('a Never trigger entry of one letter (after normalising: "I.", " x ") is a warning; a flow with it still runs', () => {
    const r = check((esc) => (esc.neverTrigger = ['I.', ' x ', 'Model X', 'é']));
    expect(view(r)).toEqual([
      ['warning', 'never_trigger_one_letter', '$.escalation.neverTrigger[0]'],
      ['warning', 'never_trigger_one_letter', '$.escalation.neverTrigger[1]'],
      ['warning', 'never_trigger_one_letter', '$.escalation.neverTrigger[3]'],
    ]);
    expect(r.ok).toBe(true);
    expect(r.problems.find((p) => p.code === 'never_trigger_one_letter')!.message).toContain('the one-character word "i"');
  });

  it('two sensitive topics with the same name (case and spaces aside) is a warning on the second name', () => {
    const r = check(
      (esc) =>
        (esc.sensitiveTopics = {
          topics: [
            { name: 'Refunds', phrases: ['money back'] },
            { name: 'Legal', phrases: ['lawyer'] },
            { name: ' refunds ', phrases: ['refund'] },
          ],
        }),
    );
    expect(view(r)).toEqual([['warning', 'duplicate_topic_name', '$.escalation.sensitiveTopics.topics[2].name']]);
    expect(r.ok).toBe(true);
    const p = r.problems.find((x) => x.code === 'duplicate_topic_name')!;
    expect(p.message).toContain('Sensitive topics 1 and 3 are both called "refunds"');
    expect(p.hint).toContain('Merge them');
  });
});

describe('sane flows stay as they were', () => {
  it('no shipped flow, template or valid fixture gets any of the new problems', () => {
    const files = [
      ...readdirSync('flows').filter((f) => f.endsWith('.json') && !f.endsWith('.scenarios.json')).map((f) => `flows/${f}`),
      ...readdirSync('test/fixtures/flows').filter((f) => f.endsWith('.json')).map((f) => `test/fixtures/flows/${f}`),
    ];
    expect(files.length).toBeGreaterThan(4);
    for (const f of files) {
      let doc: unknown;
      try {
        doc = JSON.parse(readFileSync(f, 'utf8'));
      } catch {
        continue; // fixtures of broken JSON
      }
      const r = validateFlow(doc);
      expect([f, view(r)]).toEqual([f, []]);
    }
  });

  it('ordinary entries are quiet: words, a digit word, a product name, distinct topic names', () => {
    const r = check((esc) => {
      esc.urgency = { phrases: ['asap', 'flight in 2 hours'] };
      esc.neverTrigger = ['Rage Red', '24/7', 'no. 5'];
      esc.sensitiveTopics = { topics: [{ name: 'Refunds', phrases: ['money back'] }, { name: 'Refunds (B2B)', phrases: ['invoice credit'] }] };
    });
    expect(view(r)).toEqual([]);
  });
});
