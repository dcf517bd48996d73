/**
 * Session 17 (hostile s16 H#5): the flow's secretHiddenMessage said its {{variables}} literally. It is now filled in
 * like the restart message; a {{secrets.X}} shows nothing (validateFlow's secret_in_text warning names it).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { converse } from './harness';
import { loadFlowText } from '../../../shared/flow/loadFlowText';

const NOW = Date.parse('2026-12-02T10:00:00Z');
const template = () => loadFlowText(readFileSync(new URL('../../../flows/customer-support.json', import.meta.url), 'utf8')).flow!;

describe('secretHiddenMessage is a template (H#5)', () => {
  it('fills the variables the conversation holds; a secret and an unknown variable show nothing', () => {
    const f = template();
    const settings = { ...f.settings, secretHiddenMessage: 'About order {{orderNumber}}{{secrets.SMTP_PASS}}{{nope}}: please never send card details.' };
    const c = converse({ ...f, settings } as typeof f, { now: NOW });
    c.say('where is my order');
    c.say('NW-104233');
    c.say('my card is 4111 1111 1111 1111');
    const said = c.botTexts();
    expect(said).toContain('About order NW-104233: please never send card details.');
    expect(said.join('\n')).not.toContain('{{');
  });
});
