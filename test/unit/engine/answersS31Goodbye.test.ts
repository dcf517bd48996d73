/**
 * Session 31 (brief answers item 4, newcomer s28 N8 rest): "bye" at an order question ("Which order should go to a new
 * address?" after "change my delivery address" at "What's your question?") got the retry line, or was handed over as the
 * third asking of the address change (the loop check counted "Something else" and "bye" as askings the question took);
 * at "What's your question?" it got "Sorry, I didn't get that". A goodbye closes the chat as "thanks, that is all" does.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { converse } from './harness';
import { loadFlowText } from '../../../shared/flow/loadFlowText';
import { closesChat } from '../../../shared/engine/closing';
import { saysGoodbye } from '../../../shared/nlu/courtesy';

const NOW = Date.parse('2026-03-02T10:00:00Z');
const load = () => loadFlowText(readFileSync(new URL('../../../flows/customer-support.json', import.meta.url), 'utf8')).flow!;
const RATING = /how would you rate this chat/;

function play(...msgs: string[]) {
  const c = converse(load(), { now: NOW });
  for (const m of msgs.slice(0, -1)) c.say(m);
  const n = c.botTexts().length;
  c.say(msgs[msgs.length - 1]);
  return { c, said: c.botTexts().slice(n).join('\n') };
}

describe('a goodbye where the bot waits for something else', () => {
  it.each(['bye', 'ok bye then', 'thanks, bye', 'goodbye!', 'ciao'])('%j at "Which order should go to a new address?" closes the chat', (text) => {
    const { c, said } = play('Something else', 'change my delivery address', text);
    expect(c.mode()).toBe('bot');
    expect(said).toMatch(RATING);
    expect(said).not.toMatch(/Order numbers look like|get a person/);
  });

  it('"bye" at "What\'s your order number?" after "track my order" closes the chat', () => {
    const { c, said } = play('Something else', 'track my order', 'bye');
    expect(c.mode()).toBe('bot');
    expect(said).toMatch(RATING);
  });

  it('"bye" at "What\'s your question?" goes to the rating, not "Sorry, I didn\'t get that"', () => {
    const { said } = play('Something else', 'bye');
    expect(said).toMatch(RATING);
    expect(said).not.toMatch(/didn't get that/);
  });

  it('an angry goodbye is still read as anger, and thanks alone is no goodbye', () => {
    expect(play('Something else', 'track my order', 'bye, you are useless').said).toMatch(/get a person/);
    const { said } = play('Something else', 'track my order', 'thanks');
    expect(said).not.toMatch(RATING);
  });
});

describe('saysGoodbye / closesChat', () => {
  it('reads goodbyes and not thanks or acknowledgements alone', () => {
    for (const t of ['bye', 'Bye!', 'ok bye', 'thanks, bye', 'have a nice day', 'thanks, have a good one', 'cya', 'tschüss']) expect(saysGoodbye(t), t).toBe(true);
    for (const t of ['thanks', 'ok', 'great thanks', 'bye, where is my parcel', 'bye?', 'BYE!!! useless']) expect(saysGoodbye(t), t).toBe(false);
    expect(closesChat('ok bye then')).toBe(true);
    expect(closesChat('bye 123')).toBe(false);
  });
});
