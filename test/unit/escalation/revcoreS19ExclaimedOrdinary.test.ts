// Review s19 (revcore R1): exclamation marks on an ordinary, cheerful message are not exasperation. These passed at
// 71489a3^ (no escalation) and hand over as negative_sentiment at 71489a3.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadFlowText } from '../../../shared/flow/loadFlowText';
import type { Flow } from '../../../shared/flow/schema';
import { playConversation } from '../../../shared/simulator/playConversation';

const shipped = loadFlowText(readFileSync(new URL('../../../flows/customer-support.json', import.meta.url), 'utf8')).flow as Flow;
const now = Date.parse('2026-12-01T10:00:00Z');
const play = (text: string) => playConversation(shipped, 'c', ['Something else', text], now).escalation;

describe('exclamation marks on an ordinary message', () => {
  it('do not hand a happy or neutral customer over', () => {
    for (const text of [
      'What time do you open on Saturday!!!',
      'No rush at all!!! Whenever you can',
      "Not a problem!!! I'll wait for the email",
      'Not bad at all!!! Will buy again',
      'Why not!!! Add the matching pillows too',
      'Never had such comfy sheets!!! Do you sell the duvet too?',
      'Where can I leave a review!!! I want everyone to know',
      'Is the sale still on?!!! I want the green sofa',
      "Just got my order!!! Can't wait to use it",
    ]) {
      expect(play(text)?.reason, text).toBeUndefined();
    }
  });
});
