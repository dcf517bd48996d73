/**
 * Session 26 (newfix), newcomer s26 F10: an angry customer ("... worst shop ever") was answered "I'll get a person to
 * help you with this." then "What is your email address ...?": no acknowledgement, although the agent's own suggestion
 * says "Acknowledge the frustration first". The takeover's "Before the first question" texts have a line for an upset
 * customer (leadIn.upset, default "I'm sorry about this. I'll get a person to help you with this."), said for a
 * negative-sentiment handoff; a flow that wrote its own "When the bot escalated" line and left the new one as built in
 * keeps its own line (no English apology in a translated flow).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { converse } from './harness';
import { loadFlowText } from '../../../shared/flow/loadFlowText';
import { DEFAULT_LEAD_IN } from '../../../shared/flow/blocks/humanTakeover';
import type { Flow } from '../../../shared/flow/schema';

const template = () => loadFlowText(readFileSync(new URL('../../../flows/customer-support.json', import.meta.url), 'utf8')).flow!;
const NOW = Date.parse('2026-12-02T11:00:00Z');
const ANGRY = 'this is ridiculous, I have been waiting for three weeks for my parcel and nobody answers my emails. worst shop ever';

function withLeadIn(flow: Flow, leadIn: Record<string, string>): Flow {
  return {
    ...flow,
    blocks: flow.blocks.map((b) => (b.kind === 'human_takeover' ? ({ ...b, data: { ...b.data, leadIn: { ...(b.data as { leadIn: object }).leadIn, ...leadIn } } } as typeof b) : b)),
  };
}

describe('an upset customer at the takeover', () => {
  it('is told sorry before the email question', () => {
    const c = converse(template(), { now: NOW });
    c.say(ANGRY);
    expect(c.state.waiting).toMatchObject({ kind: 'takeover_question', reason: 'negative_sentiment' });
    const texts = c.botTexts();
    expect(texts.at(-2)).toBe(DEFAULT_LEAD_IN.upset);
    expect(texts.at(-2)).toMatch(/^I'm sorry/);
    expect(texts.at(-1)).toMatch(/email/);
  });

  it('the designer\'s own upset line is said', () => {
    const c = converse(withLeadIn(template(), { upset: 'So sorry, {{customerName}}! A colleague will sort this out.' }), { now: NOW });
    c.say(ANGRY);
    expect(c.botTexts().at(-2)).toMatch(/^So sorry, .*A colleague will sort this out\.$/);
  });

  it('a flow with its own escalated line and the built-in upset one keeps its own line', () => {
    const c = converse(withLeadIn(template(), { escalated: 'Je vous passe un collègue.', upset: DEFAULT_LEAD_IN.upset }), { now: NOW });
    c.say(ANGRY);
    expect(c.botTexts().at(-2)).toBe('Je vous passe un collègue.');
  });

  it('other escalations keep their line (a person asked for)', () => {
    const c = converse(template(), { now: NOW });
    c.say('I want to talk to a person');
    expect(c.botTexts().join('\n')).not.toMatch(/I'm sorry about this/);
  });
});
