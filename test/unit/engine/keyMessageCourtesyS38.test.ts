/**
 * Session 38 (hostile s37 #7): a thank-you the bot "did not get" ("thanks for your help" at "What's your question?") was
 * the handoff summary's key message when a bare request for a person followed ("I want to talk to a person"): a courtesy
 * is no question left unanswered. An unanswered question before the request still is the key message (session 26).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Flow } from '../../../shared/flow/schema';
import type { AgentPresence } from '../../../shared/handoff/types';
import { converse } from './harness';

const MON = Date.UTC(2026, 2, 9, 11, 30);
const agent = (id: string, name: string): AgentPresence => ({ id, name, status: 'online', skills: [], languages: ['en'], teams: [], activeChats: 0, lastAssignedAt: null });
const shop = (): Flow => JSON.parse(readFileSync('flows/customer-support.json', 'utf8')) as Flow;

function summaryAfter(first: string): string {
  const c = converse(shop(), { now: MON, agents: [agent('ana', 'Ana')] });
  c.click('Something else');
  c.say(first);
  c.say('I want to talk to a person');
  c.say('no');
  const h = c.effects('handoff_request');
  expect(h).toHaveLength(1);
  return h[0].context.summary;
}

describe('the key message after a thank-you', () => {
  for (const t of ['thanks for your help', 'cheers mate', 'thank you so much']) {
    it(`"${t}" then a bare request: the request is the key message`, () => {
      const s = summaryAfter(t);
      expect(s).toContain('Key message: "I want to talk to a person".');
      expect(s).not.toContain(t);
    });
  }
  it('an unanswered question before the request is still the key message', () => {
    const s = summaryAfter('do you sell blorp flarg wibbles');
    expect(s).toContain('Key message: "do you sell blorp flarg wibbles".');
  });
});
