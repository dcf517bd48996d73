/**
 * Session 16 (fixnlu, newcomer s15 N#11): thanks in other words or another language at a Buttons block whose choices list
 * "thanks": "merci beaucoup" at "Anything else I can help with?" got "Sorry, I didn't get that." and the menu again, where
 * "thanks" goes to the rating. matchButton's last stage reads a message that is only thanks (nlu/courtesy onlyThanks) as
 * the one choice listing "thanks" / "thank you".
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { converse } from './harness';
import { loadFlowText } from '../../../shared/flow/loadFlowText';
import { matchButton } from '../../../shared/engine/matchButton';
import { compileFlow } from '../../../shared/engine/compileFlow';

const template = () => loadFlowText(readFileSync(new URL('../../../flows/customer-support.json', import.meta.url), 'utf8')).flow!;
const MONDAY_10_LONDON = Date.parse('2026-12-07T10:00:00Z');
const pick = (blockId: string, text: string) => {
  const flow = template();
  return matchButton(compileFlow(flow).buttons(flow.blocks.find((b) => b.id === blockId) as never), text)?.id ?? null;
};

describe('thanks in other words or languages at "Anything else?" (newcomer s15 N#11)', () => {
  it('is "No, that\'s all"', () => {
    for (const t of ['merci beaucoup', 'Merci !', 'danke schön', 'gracias', 'mil gracias', 'thanks plenty', 'obrigado', 'ok, many thanks!']) {
      expect(pick('anything_else', t), t).toBe('no');
    }
  });

  it('is not read into a request or a choice without thanks', () => {
    expect(pick('anything_else', 'merci, where is my order NW-104233?')).toBeNull();
    expect(pick('anything_else', 'bonjour')).toBeNull();
    // The offer of a person lists no thanks: nothing is picked for it.
    expect(pick('offer_person', 'merci beaucoup')).toBeNull();
  });

  it('ends the chat politely: the rating question, not "Sorry, I didn\'t get that."', () => {
    const c = converse(template(), { now: MONDAY_10_LONDON });
    c.click('Shipping');
    expect(c.lastBotText()).toBe('Anything else I can help with?');
    c.say('merci beaucoup');
    expect(c.lastBotText()).toBe('Before you go: how would you rate this chat, from 1 (bad) to 5 (great)?');
    expect(c.botTexts().join('\n')).not.toContain("Sorry, I didn't get that.");
  });
});
