/**
 * Session 25 (afterclose; hostile25 #5, #6, #8): which messages after the chat ended are a bare courtesy (onlyCourtesy).
 * #6  "thank you so much for your help, I really appreciate it" restarted the flow and got the shipping answer.
 * #8  sarcasm after the end was answered as thanks: "great, no help", "perfect. no help again", "ok no", "FINE!!!".
 * #5  other languages' goodbyes of several words ("merci, au revoir", "danke, tschüss", "gracias, adiós") restarted.
 */
import { describe, expect, it } from 'vitest';
import { finished } from './finishedChat';
import { DEFAULT_CLOSED_COURTESY_MESSAGE } from '../../../shared/engine/afterClose';
import { onlyCourtesy } from '../../../shared/nlu/courtesy';


describe('a natural thank-you after the end (hostile25 #6)', () => {
  it('is answered with the courtesy line and the chat stays closed', () => {
    const { c, before } = finished();
    c.say('thank you so much for your help, I really appreciate it');
    expect(c.botTexts().slice(before)).toEqual([DEFAULT_CLOSED_COURTESY_MESSAGE]);
    expect(c.mode()).toBe('closed');
  });
  it.each(['thank you so much for your help, I really appreciate it', 'thanks for your time', 'thanks, very kind', 'I really appreciate it', 'thanks' + ' '.repeat(200), 'no thanks', 'thank you no', 'no problem', 'no worries mate', 'THANK YOU!!!', 'fine'])(
    '"%s" is a bare courtesy',
    (t) => expect(onlyCourtesy(t)).toBe(true),
  );
});

describe('sarcasm after the end is not thanks (hostile25 #8)', () => {
  it.each(['great, no help', 'perfect. no help again', 'ok no', 'FINE!!!', 'OK!!', 'GREAT!!', 'no help at all thanks', 'great, do it'])(
    '"%s" is not a bare courtesy',
    (t) => expect(onlyCourtesy(t)).toBe(false),
  );
  it('"great, no help" after the end restarts the conversation (read as any message), no "You\'re welcome!"', () => {
    const { c, before } = finished();
    c.say('great, no help');
    expect(c.botTexts().slice(before)).not.toContain(DEFAULT_CLOSED_COURTESY_MESSAGE);
    expect(c.mode()).not.toBe('closed');
  });
});

describe('other languages\' goodbyes (hostile25 #5)', () => {
  it.each(['merci, au revoir', 'danke, tschüss', 'gracias, adiós', 'merci beaucoup, bonne journée', 'vielen Dank, auf Wiedersehen', 'hasta luego', 'спасибо', '谢谢', 'شكرا', 'adeus'])(
    '"%s" is a bare courtesy',
    (t) => expect(onlyCourtesy(t)).toBe(true),
  );
  it.each(['merci, où est ma commande', 'danke, wo ist mein Paket', 'gracias, adiós, pero mi pedido no llegó', 'au', 'bonne'])(
    '"%s" is not',
    (t) => expect(onlyCourtesy(t)).toBe(false),
  );
  it('a French flow answers "merci, au revoir" with its own line and stays closed', () => {
    const { c, before } = finished({ language: 'fr', closedCourtesyMessage: 'Je vous en prie !' });
    c.say('merci, au revoir');
    expect(c.botTexts().slice(before)).toEqual(['Je vous en prie !']);
    expect(c.mode()).toBe('closed');
  });
});
