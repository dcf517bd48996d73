// Review s19 (revcore R17, after 7239565): more ways to say another order is to be kept. The yes stays on the order
// shown; the kept one is never offered (a second habitual 'yes' would cancel it).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadFlowText } from '../../../shared/flow/loadFlowText';
import { converse } from './harness';

const flow = () => loadFlowText(readFileSync(new URL('../../../flows/customer-support.json', import.meta.url), 'utf8')).flow!;

describe('a yes that names another order to keep (more wordings)', () => {
  for (const reply of ['yes, NW-230919 can stay', 'yes please, I still want NW-230919 though']) {
    it(reply, () => {
      const c = converse(flow(), { now: Date.parse('2026-12-07T10:00:00Z') });
      c.say('cancel NW-230918');
      c.say(reply);
      c.say('yes');
      expect(c.botTexts().join('\n')).not.toMatch(/stop order NW-230919|cancel order NW-230919/);
    });
  }
  it('a correction still moves to the order meant', () => {
    const c = converse(flow(), { now: Date.parse('2026-12-07T10:00:00Z') });
    c.say('cancel NW-230918');
    c.say('yes, sorry, I meant NW-230919');
    expect(c.lastBotText()).toContain('NW-230919');
  });
});
