/**
 * Session 17 (fixengine), newcomer s17 N#1: with no email known, the ticket said "will reply by email" and took it back on
 * the next line. Now only the no-email line is said (with the ticket number); with an email the ticket's own text.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { converse } from './harness';
import { loadFlowText } from '../../../shared/flow/loadFlowText';

const template = () => loadFlowText(readFileSync(new URL('../../../flows/customer-support.json', import.meta.url), 'utf8')).flow!;
const NOW = Date.parse('2026-12-02T11:00:00Z');

describe('N#1: the ticket goodbye with no email', () => {
  it.each(["I don't have an email", 'skip'])('after "%s": no promise of an email reply, the ticket number once', (answer) => {
    const c = converse(template(), { now: NOW, agents: [] });
    c.say('I want to talk to a human');
    c.say(answer);
    c.say('my parcel never arrived');
    const said = c.botTexts().join('\n');
    expect(said).not.toMatch(/will reply by email/);
    expect(said).toMatch(/can't reply by email: we've opened ticket T-\w+; please quote it/);
    expect(said).not.toMatch(/come back to this chat/);
  });

  it('with an email the ticket says its own text', () => {
    const c = converse(template(), { now: NOW, agents: [] });
    c.say('I want to talk to a human');
    c.say('sam@example.com');
    c.say('my parcel never arrived');
    expect(c.botTexts().join('\n')).toMatch(/will reply by email/);
    expect(c.botTexts().join('\n')).not.toMatch(/can't reply by email/);
  });
});
