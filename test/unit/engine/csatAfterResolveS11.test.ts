/**
 * Hostile s11 #6: after Resolve (the agent hands the chat back to the takeover's resolved exit, which asks the rating),
 * a customer who does not want to rate ("no", "no") or answers in stars was queued for a person again: the rating
 * prompt's misses counted as "the bot did not understand" (repeated fallback). A rating miss is asked once, then the
 * conversation moves on; star rows are read as their count.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { FlowInput } from '../../../shared/flow/schema';
import { parseCsat } from '../../../shared/engine/parseCsat';
import type { AgentPresence } from '../../../shared/handoff/types';
import { converse } from './harness';

const northwind = JSON.parse(readFileSync(fileURLToPath(new URL('../../../flows/customer-support.json', import.meta.url)), 'utf8')) as FlowInput;
const ann: AgentPresence[] = [{ id: 'ann', name: 'Ann', status: 'online', activeChats: 0, skills: [], languages: ['en'], teams: [], lastAssignedAt: null }];

/** A Northwind chat handed to Ann and resolved by her: the bot now asks the rating. */
function resolvedChat() {
  const c = converse(northwind, { agents: ann });
  c.say('I need to speak with a human please');
  for (let i = 0; i < 3 && c.mode() === 'bot'; i++) c.say(i === 0 ? 'ray@example.com' : 'Ray');
  if (c.mode() === 'waiting') c.agent.accept('ann', 'Ann');
  expect(c.mode()).toBe('agent');
  c.agent.say('Your refund is on its way.');
  c.agent.handback('Closed by the agent');
  expect(c.lastBotText()).toMatch(/rate/i);
  return c;
}

describe('the rating after Resolve (hostile s11 #6)', () => {
  for (const [first, second] of [
    ['no', 'no'],
    ['11', '0'],
    ['no thanks', 'nope'],
  ]) {
    it(`"${first}" then "${second}": asked once at most (a plain no declines at once), then the chat ends; nobody is queued`, () => {
      const c = resolvedChat();
      c.say(first);
      // Session 38 (hostile s38 L3): a plain "no" / "no thanks" declines the rating: the chat moves on at once.
      const declined = first === 'no' || first === 'no thanks';
      if (declined) expect(c.botTexts().join(' ')).not.toMatch(/Please pick a number/);
      else expect(c.lastBotText()).toBe('Please pick a number from 1 (bad) to 5 (great).');
      if (!declined) c.say(second);
      expect(c.effects('handoff_request')).toHaveLength(1); // only the first, Ann's
      expect(c.mode()).not.toBe('waiting');
      expect(c.effects('record_csat')).toEqual([]);
    });
  }

  it('a row of stars is a rating', () => {
    const c = resolvedChat();
    c.say('⭐⭐⭐⭐⭐');
    expect(c.effects('record_csat').map((e) => e.score)).toEqual([5]);
    expect(parseCsat('★★★★★')).toBe(5);
    expect(parseCsat('★★★☆☆')).toBe(3);
    expect(parseCsat('⭐️⭐️⭐️⭐️')).toBe(4);
    expect(parseCsat('5 stars!!! Ann was great')).toBe(5);
    expect(parseCsat('4/5, quick answer')).toBe(4);
    // Not ratings: too many stars, none filled, a number of something else.
    expect(parseCsat('⭐⭐⭐⭐⭐⭐')).toBeNull();
    expect(parseCsat('☆☆☆')).toBeNull();
    expect(parseCsat('5 days late')).toBeNull();
  });
});
