/**
 * Review s19 R16 (082b42a's guard against a question taken as yes, mended by the lead): a question followed by a clear
 * answer in the same message answers; the question alone still does nothing.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadFlowText } from '../../../shared/flow/loadFlowText';
import { converse } from './harness';

const flow = () => loadFlowText(readFileSync(new URL('../../../flows/customer-support.json', import.meta.url), 'utf8')).flow!;

describe('a question, then the answer (review s19 R16)', () => {
  for (const reply of ['Is that the one with the lamp? yes', 'Does it matter that it has shipped? Yes cancel', 'is it too late? if not, yes cancel it']) {
    it(reply, () => {
      const c = converse(flow(), { now: Date.parse('2026-12-07T10:00:00Z') });
      c.say('cancel NW-230918');
      c.say(reply);
      expect(c.botTexts().join('\n')).toMatch(/stop order NW-230918/);
    });
  }
  for (const reply of ['what happens if I say yes?', 'yes?', 'should I say yes? I am not sure']) {
    it(`${reply}: nothing done`, () => {
      const c = converse(flow(), { now: Date.parse('2026-12-07T10:00:00Z') });
      c.say('cancel NW-230918');
      c.say(reply);
      expect(c.botTexts().join('\n')).not.toMatch(/stop order NW-230918/);
    });
  }
});
