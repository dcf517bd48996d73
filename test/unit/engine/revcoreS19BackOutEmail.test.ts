// Review s19 (revcore R21): declining the EMAIL is not withdrawing the request for a person. At 'What is your email
// address, in case we get disconnected?' after 'can I speak to an agent', 'no thanks' and 'never mind the email, just
// get me someone' must not end with 'I won't connect you with anyone' (c78e38a does).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadFlowText } from '../../../shared/flow/loadFlowText';
import { converse } from './harness';

const flow = () => loadFlowText(readFileSync(new URL('../../../flows/customer-support.json', import.meta.url), 'utf8')).flow!;

describe('declining the email at the handover', () => {
  for (const reply of ['no thanks', 'never mind the email, just get me someone']) {
    it(reply, () => {
      const c = converse(flow(), { now: Date.parse('2026-12-07T10:00:00Z') });
      c.say('can I speak to an agent');
      expect(c.lastBotText()).toMatch(/email/i);
      c.say(reply);
      expect(c.botTexts().join('\n')).not.toMatch(/won't connect you with anyone/);
    });
  }
});

describe('declining the email at the cancel ticket', () => {
  it('never mind the email, just cancel it: the cancellation still goes to the team', () => {
    const c = converse(flow(), { now: Date.parse('2026-12-07T10:00:00Z') });
    c.say('cancel NW-230918');
    c.say('yes');
    expect(c.lastBotText()).toMatch(/email/i);
    c.say('never mind the email, just cancel it');
    expect(c.botTexts().join('\n')).not.toMatch(/nothing was passed on to the team/);
  });
});
