/**
 * Session 32 (session 31's unfixed findings): an apology beside a request or an order number, and a number called
 * wrong before the right one, at Northwind's "What's your question?". "cancel NW-250778 sorry" and "sorry cancel
 * NW-250778" got "Sorry, I didn't get that"; "where is NW-250778 sorry" the shop-question line; "NW-250778 is wrong, it
 * is NW-250779" started an address change; "cancel NW-250778 and NW-250779 sorry", once the apology was read as
 * courtesy, took the trailing "sorry" as a correction and dropped NW-250778.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { converse } from './harness';
import { loadFlowText } from '../../../shared/flow/loadFlowText';
import { courtesyOf } from '../../../shared/nlu/courtesy';
import { withoutCorrected } from '../../../shared/engine/selfCorrection';

const NOW = Date.parse('2026-03-02T10:00:00Z');
const load = () => loadFlowText(readFileSync(new URL('../../../flows/customer-support.json', import.meta.url), 'utf8')).flow!;

function ask(text: string) {
  const c = converse(load(), { now: NOW });
  c.say('Something else');
  const n = c.botTexts().length;
  c.say(text);
  return { c, said: c.botTexts().slice(n).join(' ') };
}

describe('an apology around a request', () => {
  it.each(['cancel NW-250778 sorry', 'sorry cancel NW-250778', 'sorry, cancel NW-250778', 'so sorry to bother you, cancel NW-250778 please'])(
    '%j asks to confirm the cancel of NW-250778', (text) => {
      const { said } = ask(text);
      expect(said).toMatch(/shall I cancel order NW-250778\?/);
    });

  it.each(['where is NW-250778 sorry', 'NW-250779 sorry', 'NW-250779 actually'])('%j looks the order up', (text) => {
    const { c, said } = ask(text);
    expect(said).not.toMatch(/didn't get that|product details/);
    expect(c.lastStep.effects.some((e) => e.type === 'http_request')).toBe(true);
  });

  it('a trailing apology does not turn two orders named together into a correction', () => {
    const { c, said } = ask('cancel NW-250778 and NW-250779 sorry');
    expect(said).toMatch(/You mentioned 2 orders, so one at a time: I'll start with NW-250778/);
    expect(c.variables().orderNumber).toBe('NW-250778');
  });

  it('"sorry" between two numbers is still a correction', () => {
    const { c } = ask('cancel NW-250778 sorry NW-250779');
    expect(c.variables().orderNumber).toBe('NW-250779');
  });

  it('courtesyOf cuts an apology at either end, never in the middle, and leaves an apology alone', () => {
    expect(courtesyOf('cancel NW-1 sorry!')?.rest).toBe('cancel NW-1');
    expect(courtesyOf('sorry to bother you again, where is my order')?.rest).toBe('where is my order');
    expect(courtesyOf('NW-1 sorry NW-2')).toBeNull();
    expect(courtesyOf('sorry')).toBeNull();
    expect(courtesyOf('I am sorry you feel that way')).toBeNull();
  });
});

describe('a number called wrong before the right one', () => {
  it.each([
    ['NW-250778 is wrong, it is NW-250779'],
    ['NW-250778 is wrong sorry, it is NW-250779 actually'],
  ])('%j looks up NW-250779, no address change', (text) => {
    const { c, said } = ask(text);
    expect(said).not.toMatch(/delivery address|didn't get that/);
    expect(c.variables().orderNumber).toBe('NW-250779');
  });

  it('"wrong" between two numbers takes the first back; "the wrong item" elsewhere does not', () => {
    expect(withoutCorrected('NW-250778 wrong NW-250779')).toBe('NW-250779');
    expect(withoutCorrected('NW-250778 came with the wrong item, and NW-250779 too')).toBe('NW-250778 came with the wrong item, and NW-250779 too');
  });
});
