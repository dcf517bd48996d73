/**
 * Session 27 (convo, newcomer s26 F5 rest): each clear shop question the flow cannot answer got three bubbles: the
 * honest line ("Sorry, I can't see product details here ..."), then the router's fallback path ("I can help with
 * orders, returns, ...") and its question again. When that path only says something and comes back to the router, the
 * line is now the one bubble and the router waits as it was; a fallback path that leads elsewhere is followed as before,
 * and a message the bot did not understand (gibberish) still gets the whole fallback path.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { converse } from './harness';
import { loadFlowText } from '../../../shared/flow/loadFlowText';

const NOW = Date.parse('2026-03-02T10:00:00Z');
/** Northwind's own line for a shop question (settings.shopQuestionMessage). */
const LINE: string = JSON.parse(readFileSync(new URL('../../../flows/customer-support.json', import.meta.url), 'utf8')).settings.shopQuestionMessage;
const QUESTIONS = ['do the led strips work with alexa?', 'is the sofa cover machine washable?', 'is the oak table real wood?'];

function chat(edit: (doc: any) => void = () => {}) {
  const doc = JSON.parse(readFileSync(new URL('../../../flows/customer-support.json', import.meta.url), 'utf8'));
  edit(doc);
  const loaded = loadFlowText(JSON.stringify(doc));
  expect(loaded.flow, JSON.stringify(loaded.problems ?? loaded)).toBeTruthy();
  const c = converse(loaded.flow!, { now: NOW });
  c.say('Something else');
  return c;
}
const said = (c: ReturnType<typeof chat>, text: string) => {
  const n = c.botTexts().length;
  c.say(text);
  return c.botTexts().slice(n);
};

describe('an unanswerable shop question gets one bubble (newcomer s26 F5 rest)', () => {
  it('the line alone for the first two; the third adds the offer of a person; the router still reads the next message', () => {
    const c = chat();
    expect(said(c, QUESTIONS[0])).toEqual([LINE]);
    expect(c.state.waiting).toMatchObject({ kind: 'input', blockId: 'router' });
    expect(said(c, QUESTIONS[1])).toEqual([LINE]);
    expect(said(c, QUESTIONS[2])).toEqual([LINE, 'Would you like to talk to a person?']);
    c.click('escalation:bot');
    const next = said(c, 'how do I return an item?');
    expect(next.join('\n')).toMatch(/return unused items within 30 days/);
  });

  it('typed at the menu (forwarded to the router): the line alone too, and the router reads the next message', () => {
    const c = converse(loadFlowText(readFileSync(new URL('../../../flows/customer-support.json', import.meta.url), 'utf8')).flow!, { now: NOW });
    expect(said(c, QUESTIONS[0])).toEqual([LINE]);
    expect(c.state.waiting).toMatchObject({ kind: 'input', blockId: 'router' });
    said(c, 'where is my order NW-104233'); // understood: the order lookup starts
    expect(c.state.waiting?.kind).toBe('http');
  });

  it('gibberish still gets the whole fallback path ("Sorry, I didn\'t get that.", what the bot can do, the question)', () => {
    const c = chat();
    const out = said(c, 'asdfgh');
    expect(out).toHaveLength(3);
    expect(out[0]).toBe("Sorry, I didn't get that.");
    expect(out[1]).toMatch(/^I can help with orders/);
    expect(out[2]).toBe("What's your question? A few words are enough.");
  });

  it("a router whose fallback leads elsewhere (here a ticket) is followed as before after the line", () => {
    const c = chat((doc) => {
      doc.edges.find((e: any) => e.from === 'router' && e.exit === 'fallback').to = 'ticket_followup';
    });
    const out = said(c, QUESTIONS[0]);
    expect(out[0]).toBe(LINE);
    expect(out.length).toBeGreaterThan(1);
    expect(c.state.waiting).toMatchObject({ kind: 'ticket_question', blockId: 'ticket_followup' });
  });
});
