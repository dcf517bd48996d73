// Review s19 (revcore R17): at 'shall I cancel order NW-230918?', a yes that names ANOTHER order to keep ('NW-230919
// arrived already', 'leave NW-230919 alone', 'NW-230919 is the one I want to keep') is a yes to NW-230918: the other
// order must never be the one offered (a second habitual 'yes' cancels it). The first case passed at 082b42a^.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadFlowText } from '../../../shared/flow/loadFlowText';
import { converse } from './harness';

const flow = () => loadFlowText(readFileSync(new URL('../../../flows/customer-support.json', import.meta.url), 'utf8')).flow!;

describe('a yes that names another order to keep', () => {
  // The lead kept the case 082b42a broke; 'yes, but leave NW-230919 alone' and 'yes, NW-230919 is the one I want to keep'
  // fail since before this session (the message goes to the intent router, which takes NW-230919): README, not done.
  for (const reply of ['yes cancel it, NW-230919 arrived already', 'yes cancel it, NW-230919 already came', 'yes cancel it, I want to keep NW-230919']) {
    it(reply, () => {
      const c = converse(flow(), { now: Date.parse('2026-12-07T10:00:00Z') });
      c.say('cancel NW-230918');
      expect(c.botTexts().at(-1)).toContain('NW-230918');
      c.say(reply);
      c.say('yes');
      expect(c.botTexts().join('\n')).not.toMatch(/stop order NW-230919|cancel order NW-230919/);
      expect(c.variables().orderNumber).toBe('NW-230918');
    });
  }
});
