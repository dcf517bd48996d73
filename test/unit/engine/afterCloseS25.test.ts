/**
 * Session 25 (afterclose; hostile25 #9, #10): the line said to a courtesy after the chat ended.
 * #9  "answered once" compared the bot's last text with the line, so "you said {{lastMessage}}" answered every thanks:
 *     now once per ended chat, by the transcript's mark (transcriptEntrySchema.closedCourtesy).
 * #10 a closedCourtesyMessage of only invisible characters was said as a blank bubble: now nothing, and a warning.
 */
import { describe, expect, it } from 'vitest';
import { finished, raw } from './finishedChat';
import { validateFlow } from '../../../shared/flow/validateFlow';
import { DEFAULT_CLOSED_COURTESY_MESSAGE } from '../../../shared/engine/afterClose';


describe('once per ended chat, by state (hostile25 #9)', () => {
  it('a line with {{lastMessage}} is said to the first courtesy only', () => {
    const { c, before } = finished({ closedCourtesyMessage: 'Bye! you said {{lastMessage}}' });
    for (const t of ['thanks', 'thanks', 'ty', 'ty', 'bye']) c.say(t);
    expect(c.botTexts().slice(before)).toEqual(['Bye! you said thanks']);
    expect(c.mode()).toBe('closed');
  });
  it('more courtesies than the transcript window keeps: still once', () => {
    const { c, before } = finished();
    for (let i = 0; i < 40; i++) c.say(i % 2 === 0 ? 'thanks' : 'ok');
    expect(c.botTexts().slice(before)).toEqual([DEFAULT_CLOSED_COURTESY_MESSAGE]);
  });
  it('a chat that restarts and ends again is answered again', () => {
    const { c, before } = finished({ closedCourtesyMessage: 'Bye! you said {{lastMessage}}' });
    c.say('thanks');
    c.say('Shipping');
    expect(c.mode()).not.toBe('closed');
    c.leave();
    expect(c.mode()).toBe('closed');
    const again = c.botTexts().length;
    c.say('ty');
    c.say('ty');
    expect(c.botTexts().slice(before, before + 1)).toEqual(['Bye! you said thanks']);
    expect(c.botTexts().slice(again)).toEqual(['Bye! you said ty']);
  });
  it('a line the same as the end\'s last message is said once too (the text is not what counts)', () => {
    const { c, before } = finished({ closedCourtesyMessage: 'Take care!' });
    c.say('thanks');
    c.say('bye');
    expect(c.botTexts().slice(before)).toEqual(['Take care!']);
  });
});

describe('a line of only invisible characters (hostile25 #10)', () => {
  it('says nothing, the chat stays closed', () => {
    for (const line of ['\u200b', '\u200e\u200b ', '\ufeff', '\u034f\u0001']) {
      const { c, before } = finished({ closedCourtesyMessage: line });
      c.say('thanks');
      expect(c.botTexts().slice(before), JSON.stringify(line)).toEqual([]);
      expect(c.mode()).toBe('closed');
    }
  });
  it('validation warns (closed_courtesy_invisible) at the field; a real line or an empty one is not warned', () => {
    const check = (settings: Record<string, unknown>) => {
      const doc = raw();
      doc.settings = { ...doc.settings, ...settings };
      return validateFlow(doc).problems.filter((p) => p.code === 'closed_courtesy_invisible');
    };
    const [w] = check({ closedCourtesyMessage: '\u200b' });
    expect(w).toMatchObject({ severity: 'warning', path: '$.settings.closedCourtesyMessage' });
    expect(w.message).toContain('\\u200b');
    expect(check({ closedCourtesyMessage: '\u200b', language: 'fr' }).length).toBe(1);
    expect(check({ closedCourtesyMessage: '\u2066\u034f\u0001 ' }).length).toBe(1); // the engine's test: says nothing
    expect(check({ closedCourtesyMessage: 'Bye!\u200b' })).toEqual([]);
    expect(check({ closedCourtesyMessage: '' })).toEqual([]);
    expect(check({})).toEqual([]);
  });
});
