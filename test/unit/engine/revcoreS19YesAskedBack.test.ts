// Review s19 (revcore R22): a yes asked back in another language ('oui?', 'da?', 'ja?') is a question, like 'yes?'
// (082b42a): nothing is cancelled. At c4b2b28 'oui?' and 'da?' cancel the order (at c4b2b28^ they did not).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadFlowText } from '../../../shared/flow/loadFlowText';
import { converse } from './harness';

const flow = () => loadFlowText(readFileSync(new URL('../../../flows/customer-support.json', import.meta.url), 'utf8')).flow!;

describe('a yes asked back in another language', () => {
  for (const reply of ['yes?', 'oui?', 'da?', 'ja?', 'sí?']) {
    it(reply, () => {
      const c = converse(flow(), { now: Date.parse('2026-12-07T10:00:00Z') });
      c.say('cancel NW-230918');
      expect(c.lastBotText()).toContain('shall I cancel order NW-230918');
      c.say(reply);
      expect(c.botTexts().join('\n')).not.toMatch(/stop order NW-230918/);
    });
  }
});
