/**
 * Newcomer s28 N4: an angry message held during the order lookup handed over after the reply's "Anything else?"
 * [Yes / No]; the flow then waited at the takeover's email question, and the old buttons stayed on screen (a click:
 * "the engine refused it: button "yes" is not on screen").
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadFlowText } from '../../../shared/flow/loadFlowText';
import { shownButtons } from '../../../shared/engine/shownButtons';
import { converse } from '../engine/harness';

const NOW = Date.parse('2026-03-02T10:00:00Z');

describe('buttons of a question the flow no longer waits at', () => {
  it('are not shown after a held message hands over; the buttons of the block waited at still are', () => {
    const c = converse(loadFlowText(readFileSync('flows/customer-support.json', 'utf8')).flow!, { now: NOW });
    c.click('Track my order');
    c.say('NW-104233');
    c.say('this is ridiculous, I have been waiting three weeks and nobody answers my emails');
    c.http(true, { status: 'in transit', eta: 'Friday' }, 200);
    expect(c.state.waiting?.kind).toBe('takeover_question');
    expect(c.transcript().some((e) => e.buttons?.some((b) => /that's all/i.test(b.label)))).toBe(true);
    expect(shownButtons(c.transcript(), c.state)).toEqual([]);

    const d = converse(loadFlowText(readFileSync('flows/customer-support.json', 'utf8')).flow!, { now: NOW });
    d.click('Track my order');
    d.say('NW-104233');
    d.http(true, { status: 'in transit', eta: 'Friday' }, 200);
    expect(shownButtons(d.transcript(), d.state).map((b) => b.label)).toContain("No, that's all");
  });
});
