/**
 * Session 25 (review of session 24), items 1 and 2:
 * 1. The courtesy after the end is read with shared/nlu/courtesy.ts's words (onlyCourtesy: one vocabulary with the
 *    thanks the intent matcher and the buttons read); afterClose.ts kept its own lists. Measured on the 54,769 labelled
 *    texts of the corpora: 33 more are read as a bare courtesy ("thanks in advance", "Mil gracias", "Appreciate it!",
 *    "Big thanks", "Arigato"), none fewer, and courtesyOf / onlyThanks read every text as before.
 * 2. The line said to it is a flow text, settings.closedCourtesyMessage (absent: the built-in sentence; empty: nothing;
 *    a template), where it was English said only when the flow's language began with "en"; a flow in another language
 *    that leaves it out gets the warning closed_courtesy_english.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { converse } from './harness';
import { loadFlowText } from '../../../shared/flow/loadFlowText';
import { validateFlow } from '../../../shared/flow/validateFlow';
import { DEFAULT_CLOSED_COURTESY_MESSAGE } from '../../../shared/engine/afterClose';
import { onlyCourtesy, onlyThanks } from '../../../shared/nlu/courtesy';

const raw = () => JSON.parse(readFileSync(new URL('../../../flows/customer-support.json', import.meta.url), 'utf8'));
const NOW = Date.parse('2026-03-02T10:00:00Z');
function closedWith(settings: Record<string, unknown>) {
  const doc = raw();
  doc.settings = { ...doc.settings, ...settings };
  const c = converse(loadFlowText(JSON.stringify(doc)).flow!, { now: NOW });
  c.leave();
  return { c, before: c.botTexts().length };
}

describe('one courtesy vocabulary (courtesy.ts)', () => {
  it.each(['thanks in advance', 'Mil gracias', 'danke schön', 'kind regards', 'Appreciate it!', 'Big thanks', 'Arigato', 'Ok shukran', 'thanks\u200b', 'ok\u200b thanks'])(
    '"%s" is a bare courtesy (its thanks are the intent matcher\'s thanks)',
    (t) => expect(onlyCourtesy(t)).toBe(true),
  );
  it('every bare thanks onlyThanks reads is a bare courtesy', () => {
    for (const t of ['merci beaucoup', 'thanks plenty', 'ok, many thanks!', 'muchas gracias', 'yours sincerely']) {
      expect(onlyThanks(t), t).toBe(true);
      expect(onlyCourtesy(t), t).toBe(true);
    }
  });
  it.each(['Regards, Hilary', 'thanks, my son swallowed a magnet', 'thank u, im suicidal', 'kind regards, where is my order', 'thanks?', 'thanks 5', 'merci, où est ma commande'])(
    '"%s" is not',
    (t) => expect(onlyCourtesy(t)).toBe(false),
  );
});

describe('settings.closedCourtesyMessage', () => {
  it('left out: the built-in sentence, once', () => {
    const { c, before } = closedWith({});
    c.say('thanks');
    c.say('bye');
    expect(c.botTexts().slice(before)).toEqual([DEFAULT_CLOSED_COURTESY_MESSAGE]);
    expect(c.mode()).toBe('closed');
  });

  it('the flow\'s own line, with its variables filled in, once; empty: nothing, the chat closed all the same', () => {
    const doc = raw();
    doc.settings.closedCourtesyMessage = 'Anytime! Ask here again about {{orderNumber}} if you need us.';
    const own = converse(loadFlowText(JSON.stringify(doc)).flow!, { now: NOW });
    own.say('where is my order NW-230918');
    own.http(true, { status: 'shipped', eta: 'Friday' });
    own.say('no thanks');
    own.say('5');
    expect(own.mode()).toBe('closed');
    const before = own.botTexts().length;
    own.say('thanks');
    own.say('👍');
    expect(own.botTexts().slice(before)).toEqual(['Anytime! Ask here again about NW-230918 if you need us.']);
    const none = closedWith({ closedCourtesyMessage: '' });
    none.c.say('thanks');
    expect(none.c.botTexts().slice(none.before)).toEqual([]);
    expect(none.c.mode()).toBe('closed');
    expect(none.c.transcript().at(-1)).toMatchObject({ from: 'customer', text: 'thanks' });
  });

  it('an English flow says the line in any "en" variant, and a German flow with its own line says it', () => {
    for (const [language, line] of [['en-GB', undefined], ['de', 'Gern geschehen! Schreiben Sie uns hier, wenn Sie etwas brauchen.']] as const) {
      const { c, before } = closedWith({ language, ...(line === undefined ? {} : { closedCourtesyMessage: line }) });
      c.say('danke');
      expect(c.botTexts().slice(before), language).toEqual([line ?? DEFAULT_CLOSED_COURTESY_MESSAGE]);
    }
  });

  it('validation: a warning for a flow in another language that leaves the line out; none when it is set or English', () => {
    const check = (settings: Record<string, unknown>) => {
      const doc = raw();
      doc.settings = { ...doc.settings, ...settings };
      return validateFlow(doc).problems.filter((p) => p.code === 'closed_courtesy_english');
    };
    const [w] = check({ language: 'fr' });
    expect(w).toMatchObject({ severity: 'warning', path: '$.settings.closedCourtesyMessage' });
    expect(w.message).toContain('"fr"');
    expect(w.hint).toContain('Flow settings > General > Reply to thanks after the chat ended');
    expect(check({ language: 'fr', closedCourtesyMessage: 'Je vous en prie !' })).toEqual([]);
    expect(check({ language: 'fr', closedCourtesyMessage: '' })).toEqual([]);
    expect(check({ language: 'en-US' })).toEqual([]);
    expect(check({ language: 'not a code!' })).toEqual([]); // bad_language says what is wrong there
  });

  it('validation: the line is a template checked like the restart message; over 1,000 characters is refused', () => {
    const doc = raw();
    doc.settings.closedCourtesyMessage = 'Bye {{nosuchvariable}}';
    expect(validateFlow(doc).problems.some((p) => p.code === 'unknown_variable' && p.path === '$.settings.closedCourtesyMessage')).toBe(true);
    doc.settings.closedCourtesyMessage = 'x'.repeat(1001);
    expect(validateFlow(doc).ok).toBe(false);
  });
});
