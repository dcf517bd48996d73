// Session 18 (esc): false escalations named loops by the learned same-request model. A message that opens with an
// acknowledgement of the bot's last reply ("Ok, so 30 days from delivery", "ok regular it is. thanks") took that reply as
// an answer (session 15's acknowledgedFirst, already used for repeated fallback): the learned model does not link it to
// the askings before. The word rules still name a real third asking a loop, acknowledged or not, and "ok but ..." goes back.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadFlowText } from '../../../shared/flow/loadFlowText';
import type { Flow } from '../../../shared/flow/schema';
import { playConversation } from '../../../shared/simulator/playConversation';

const shipped = loadFlowText(readFileSync(new URL('../../../flows/customer-support.json', import.meta.url), 'utf8')).flow as Flow;
const now = Date.parse('2026-12-01T10:00:00Z');
const play = (turns: string[]) => playConversation(shipped, 'c', ['Something else', ...turns], now).escalation;

describe('an acknowledgement first is not the same request again for the learned model', () => {
  it('the customer takes the answer and says it back, or moves on: not a loop', () => {
    for (const turns of [['Your returns, how many days?', 'From day of delivery?', 'Ok, so 30 days from delivery'],
      ['what is the difference between slim and regular fit', 'and the regular, how long are the sleeves', 'ok regular it is. thanks, you have been a great help']]) {
      expect(play(turns)?.reason ?? 'none', turns.join(' / ')).toBe('none');
    }
  });
  it('a third asking is still a loop by the word rules, with or without an acknowledgement, and the explanation names it', () => {
    for (const [turns, last] of [
      [['how much is delivery to spain', 'whats the shipping cost for spain', 'ok but how much to send to spain'], 'ok but how much to send to spain'],
      [['how much is delivery to spain', 'whats the shipping cost for spain', 'ok thanks. how much does it cost to send to spain'], 'ok thanks how much does it cost to send to spain'],
      [['how much is delivery to spain', 'whats the shipping cost for spain', 'spain postage price?'], 'spain postage price'],
    ] as const) {
      const e = play([...turns]);
      expect(e?.reason, turns.join(' / ')).toBe('loop');
      expect(e?.turn).toBe(3);
      expect(e?.signals.find((s) => s.reason === 'loop')?.explanation).toBe(`The customer asked the same thing 3 times ("${last}").`);
    }
  });
});
