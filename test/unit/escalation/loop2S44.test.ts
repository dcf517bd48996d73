/**
 * Session 44 (loop2, issue 11): a loop of restatements, each asking restating the one before (detectLoop's
 * restatementChain). Sentences made up for the tests (not the corpora's, nor test/fixtures/escalation-loop's).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { detectLoop } from '../../../shared/escalation/detectors/detectLoop';
import { loadFlowText } from '../../../shared/flow/loadFlowText';
import { playConversation } from '../../../shared/simulator/playConversation';
import { normalizeText } from '../../../shared/nlu/normalizeText';
import { sameRequestScore } from '../../../shared/escalation/sameRequest/sameRequest';
import { facts, memory, policy } from './facts';

const loopPolicy = policy();
const CHAIN = 'each asking restating the one before';
const norm = (t: string) => normalizeText(t);
/** detectLoop on the third asking, the two before kept in memory with the intents the bot understood ('' = not understood). */
const third = (askings: readonly string[], intents: readonly string[] = ['', ''], fallback = true) =>
  detectLoop(facts(askings[2], { fallback, turn: 3 }), loopPolicy, memory({ recent: askings.slice(0, 2).map(norm), intents: [...intents] }));

describe('a chain of restatements is a loop (restatementChain)', () => {
  it.each([
    [['do returns cost anything', 'so do i pay for sending returns back', 'is sending a return free or not']],
    [['can it go to my office', 'can the delivery address be my work', 'will the courier deliver to a business']],
  ])('%j, the bot understanding none of them, is a loop', (askings) => {
    const s = third(askings);
    expect(s?.reason).toBe('loop');
    expect(s?.explanation).toContain(CHAIN);
  });

  it('also when the bot gave one and the same answer to the earlier askings', () => {
    const askings = ['can it go to my office', 'can the delivery address be my work', 'will the courier deliver to a business'];
    expect(third(askings, ['change_address', 'change_address'])?.explanation).toContain('change address answer again');
  });

  it('the whole conversation on the support flow hands over as a loop', () => {
    const flow = loadFlowText(readFileSync(new URL('../../../flows/customer-support.json', import.meta.url), 'utf8')).flow!;
    const p = playConversation(flow, 'chain', ['Something else', 'do returns cost anything', 'so do i pay for sending returns back', 'is sending a return free or not'], Date.parse('2026-11-24T10:00:00Z'));
    expect(p.escalation?.reason).toBe('loop');
  });
});

describe('what is no chain of restatements', () => {
  it.each([
    // Questions of different kinds on one topic: the next question, not the same one again.
    ['different kinds', ['do you ship to norway', 'what are the delivery times for norway', 'are import taxes payable in norway']],
    // A number the askings before did not have: an answer given (the new address), not the request again.
    ['a new number', ['i want to change the delivery address', 'change the address i mean, on my order', 'the new address is 9 mill lane york']],
    // A pleasantry in the chain asks nothing.
    ['a pleasantry', ['hello good evening to you', 'i hope your evening is good', 'good evening please how long is delivery']],
    // A follow-up opening and an acknowledgement taken: the customer moves on.
    ['a follow-up', ['do returns cost anything', 'so do i pay for sending returns back', 'and do i pay for exchanges?']],
    ['an answer taken', ['can it go to my office', 'can the delivery address be my work', 'great thanks, will the courier deliver to a business then']],
    // Another value in the same words.
    ['another value', ['can i pay with paypal please', 'can i pay with klarna please', 'can i pay with amex please']],
  ])('%s: %j', (_why, askings) => {
    // The model links each pair (so the guard, not the score, keeps the chain apart)...
    const t = askings.map(norm);
    expect(sameRequestScore(t[0], t[1], 1, true)).toBeGreaterThanOrEqual(0.8);
    expect(sameRequestScore(t[1], t[2], 1, true)).toBeGreaterThanOrEqual(0.8);
    // ...and no chain is named.
    expect(third(askings)?.explanation ?? '').not.toContain(CHAIN);
  });

  it('not when the bot gave two different answers to the earlier askings (it served them)', () => {
    const askings = ['can it go to my office', 'can the delivery address be my work', 'will the courier deliver to a business'];
    expect(third(askings, ['change_address', 'track_order'])?.explanation ?? '').not.toContain(CHAIN);
  });

  it('not with only one asking before (the loop count is 3)', () => {
    const s = detectLoop(facts('is sending a return free or not', { fallback: true, turn: 2 }), loopPolicy, memory({ recent: ['so do i pay for sending returns back'], intents: [''] }));
    expect(s?.explanation ?? '').not.toContain(CHAIN);
  });
});
