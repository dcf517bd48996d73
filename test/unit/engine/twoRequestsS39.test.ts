/**
 * Session 39 (fix, hostile s38 M1): "track NW-250778 and also how much is shipping to France?" at the menu answered the
 * shipping question only; the order was never looked up and nothing was said of it. Two requests the flow reads in one
 * message are now both served when one is answered by messages alone (that answer first, then the other's way); when
 * both need more, the first is served and the customer told to ask about the second after it.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { converse } from './harness';
import { loadFlowText } from '../../../shared/flow/loadFlowText';

const template = () => loadFlowText(readFileSync(new URL('../../../flows/customer-support.json', import.meta.url), 'utf8')).flow!;
const OPEN = Date.parse('2026-03-09T11:30:00Z');

describe('hostile s38 M1: two requests in one message', () => {
  it('"track NW-250778 and also how much is shipping to France?": shipping answered and the order looked up', () => {
    const c = converse(template(), { now: OPEN });
    const said = c.say('track NW-250778 and also how much is shipping to France?').messages.map((m) => m.text).join('\n');
    expect(said).toMatch(/We ship to the EU/);
    expect(c.variables().orderNumber).toBe('NW-250778');
    const calls = c.effects('http_request');
    expect(calls).toHaveLength(1);
    expect(JSON.stringify(calls[0])).toContain('NW-250778');
    c.http(true, { status: 'on its way', eta: 'Friday' });
    expect(c.botTexts().join('\n')).toMatch(/Order NW-250778 is on its way/);
  });

  it('the same with the question first: both served', () => {
    const c = converse(template(), { now: OPEN });
    const said = c.say('how much is shipping to France? Also where is my order NW-250778').messages.map((m) => m.text).join('\n');
    expect(said).toMatch(/We ship to the EU/);
    expect(c.effects('http_request')).toHaveLength(1);
  });

  it('two requests that both need steps: the first is served, the second named for after', () => {
    const c = converse(template(), { now: OPEN });
    const said = c.say('I want to return an item and also cancel order NW-250778').messages.map((m) => m.text).join('\n');
    expect(said).toMatch(/one at a time/);
    expect(said).toMatch(/cancel order NW-250778/);
    expect(said).toMatch(/return unused items/);
  });

  it('one request is read as before', () => {
    const c = converse(template(), { now: OPEN });
    const said = c.say('how much is shipping to France?').messages.map((m) => m.text).join('\n');
    expect(said).toMatch(/We ship to the EU/);
    expect(said).not.toMatch(/one at a time/);
    expect(c.effects('http_request')).toHaveLength(0);
  });

  it('a greeting before a request is no second request', () => {
    const c = converse(template(), { now: OPEN });
    const said = c.say('Hello. Where is my order NW-250778?').messages.map((m) => m.text).join('\n');
    expect(said).not.toMatch(/one at a time/);
    expect(c.effects('http_request')).toHaveLength(1);
  });
});
