// Review s19 (revcore R20): a message that only TALKS about a password or a PIN ("it keeps saying wrong password",
// "how do I reset my password", "the pin") does not make the customer's next answer a secret: an order number, a user
// name or an address given next is kept (kept at 977aed3^; '[hidden]' at 977aed3).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadFlowText } from '../../../shared/flow/loadFlowText';
import { converse } from './harness';

const flow = () => loadFlowText(readFileSync(new URL('../../../flows/customer-support.json', import.meta.url), 'utf8')).flow!;

describe('the message after password talk', () => {
  for (const [first, next] of [
    ["I can't log in, it keeps saying wrong password", 'NW-230918'],
    ['how do I reset my password', 'JohnSmith82'],
    ['the pin', '1234 Elm Street'],
  ]) {
    it(`${first} || ${next}`, () => {
      const c = converse(flow(), { now: Date.parse('2026-12-02T11:00:00Z') });
      c.say(first);
      c.say(next);
      const said = c.transcript().filter((e) => e.from === 'customer').map((e) => e.text);
      expect(said.at(-1)).toBe(next);
    });
  }
});
