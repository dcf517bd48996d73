// Session 19 (esc): a letter's sign-off sent as its own message ("Regards, Hilary", "Yours, Peter Lomax") asks the bot
// nothing: it neither lengthens a fallback streak nor repeats a question. A question after it still counts.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadFlowText } from '../../../shared/flow/loadFlowText';
import type { Flow } from '../../../shared/flow/schema';
import { playConversation } from '../../../shared/simulator/playConversation';
import { valediction } from '../../../shared/escalation/detectors/detectRepeatedFallback';

const shipped = loadFlowText(readFileSync(new URL('../../../flows/customer-support.json', import.meta.url), 'utf8')).flow as Flow;
const now = Date.parse('2026-12-01T10:00:00Z');
const play = (...turns: string[]) => playConversation(shipped, 'c', ['Something else', ...turns], now).escalation;

describe('a sign-off is no request', () => {
  it('after a question the bot could not use, it does not make a streak', () => {
    expect(play('My sister had a very poor experience with another retailer and a missing parcel. I am therefore wondering whether you use a signed-for service for parcels over £100.', 'Regards, Hilary')?.reason ?? 'none').toBe('none');
  });
  it('the same sign-off after every message is no loop', () => {
    expect(play('Could you tell me whether you deliver to Guernsey?', 'Regards, Martin', 'And would there be any duty to pay?', 'Regards, Martin', 'Thank you very much.', 'Regards, Martin')?.reason ?? 'none').toBe('none');
  });
  it('reads a valediction and a capitalised name only', () => {
    for (const t of ['Regards, Hilary', 'Kind regards, Elsie', 'Yours, Peter Lomax', 'Hopefully, Bernard', 'Many thanks, Joan', 'Best wishes, Mrs Smith.']) expect(valediction(t), t).toBe(true);
    for (const t of ['regards', 'thanks again mate', 'Regards, where is my order', 'Hilary', 'best price?', 'Thanks, NW-104233']) expect(valediction(t), t).toBe(false);
  });
  it('two requests the bot cannot serve still hand over, signed or not', () => {
    expect(play('Do you sell car tyres? Regards, Martin', 'what about concert tickets')?.reason).toBe('repeated_fallback');
  });
});
