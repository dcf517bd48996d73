/**
 * Session 19 (fixengine), hostile s19 #7 and #8 (HIGH): at the cancel confirmation ("Just to check: shall I cancel order
 * NW-230918?") and the address read-back ("... Is that right?"), a question about the answer ("what happens if I say
 * yes?", "yes?", "is that the right format?") was taken as the yes and the order cancelled / the address passed on; a
 * yes that corrects the order ("yes, sorry, I meant NW-230919") cancelled the order the customer said was wrong. Now a
 * question asks the confirmation again with nothing done, and a correction confirms the order named (or asks which one).
 */
import { describe, expect, it } from 'vitest';
import { first } from '../nlu/supportRouter';

const confirmOf = (order: string) => `Just to check: shall I cancel order ${order}?`;
const STOPPED = /ask the warehouse to stop order/;
const READBACK = 'So order NW-230918 should go to: 12 High Street, Leeds LS1 4AB. Is that right?';

function atCancel() {
  const c = first('cancel NW-230918');
  expect(c.lastBotText()).toBe(confirmOf('NW-230918'));
  return c;
}
function atReadBack() {
  const c = first('send NW-230918 to 12 High Street, Leeds LS1 4AB');
  expect(c.lastBotText()).toBe(READBACK);
  return c;
}
const saidAfter = (c: ReturnType<typeof first>, line: string) => {
  const n = c.botTexts().length;
  c.say(line);
  return c.botTexts().slice(n).join(' | ');
};

describe('a question about the answer does nothing and asks again', () => {
  it.each(['what happens if I say yes?', 'should I say yes?', 'if I say yes, do I get a refund?', 'yes?', 'ok?', 'what if yes'])(
    'at the cancel confirmation, "%s" cancels nothing; a plain yes afterwards does',
    (line) => {
      const c = atCancel();
      const said = saidAfter(c, line);
      expect(said).not.toMatch(STOPPED);
      expect(said).toMatch(/haven't done anything yet/);
      expect(c.lastBotText()).toContain(confirmOf('NW-230918'));
      expect(c.lastButtons().map((b) => b.label)).toContain('Yes, cancel it');
      expect(saidAfter(c, 'yes')).toMatch(/stop order NW-230918/);
    },
  );

  it.each(['is that the right format?', 'yes?', 'what happens if I say yes?'])('at the address read-back, "%s" passes nothing on', (line) => {
    const c = atReadBack();
    const said = saidAfter(c, line);
    expect(said).not.toMatch(/pass the new address/);
    expect(c.lastBotText()).toContain(READBACK);
  });

  it.each(['yes', 'yes please!', 'yes, cancel it', 'ok', 'can you cancel it?', 'yes please cancel it'])('"%s" still cancels the order shown', (line) => {
    expect(saidAfter(atCancel(), line)).toMatch(/stop order NW-230918/);
  });

  it.each(['yes', 'right', "yes that's right"])('"%s" at the read-back still passes the address on', (line) => {
    expect(saidAfter(atReadBack(), line)).toMatch(/pass the new address/);
  });
});

describe('a yes that corrects the order is the correction', () => {
  it.each(['yes, sorry, I meant NW-230919', 'yes. Sorry, wrong order, I meant NW-230919', 'yes NW-230919'])(
    '"%s" confirms NW-230919, never stops NW-230918',
    (line) => {
      const c = atCancel();
      const said = saidAfter(c, line);
      expect(said).not.toMatch(STOPPED);
      expect(c.lastBotText()).toBe(confirmOf('NW-230919'));
      expect(saidAfter(c, 'yes')).toMatch(/stop order NW-230919/);
    },
  );

  it('"yes, wrong number though" asks which order', () => {
    const c = atCancel();
    const said = saidAfter(c, 'yes, wrong number though');
    expect(said).not.toMatch(STOPPED);
    expect(c.lastBotText()).toMatch(/^Which order would you like to cancel\?/);
  });

  it('the order shown, named again with the yes, is still the yes; two orders with "also" still ask which first', () => {
    expect(saidAfter(atCancel(), 'yes NW-230918')).toMatch(/stop order NW-230918/);
    expect(saidAfter(atCancel(), 'yes and also NW-230919')).toMatch(/One at a time/);
  });
});
