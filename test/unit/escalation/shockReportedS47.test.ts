/**
 * Session 47 (lead, reviewing emerg4): a shock or smoke told as what happened, with nobody hurt now or the person said to
 * be all right, is a dangerous product to report (the safety topic), not a 999 call. emerg4's first version read these
 * seven development conversations (labelled sensitive_topic, safety) as urgency: the five below are their texts; the
 * emergencies the hostile found stay emergencies.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadFlowText } from '../../../shared/flow/loadFlowText';
import { playConversation } from '../../../shared/simulator/playConversation';

const flow = loadFlowText(readFileSync('flows/customer-support.json', 'utf8')).flow!;
const NOW = Date.parse('2026-11-24T10:00:00Z');
const reason = (text: string) => playConversation(flow, 'x', ['Something else', text], NOW).escalation?.reason ?? 'none';

describe('a shock or smoke reported, nobody hurt now: the safety topic, not urgency', () => {
  it.each([
    'the hair dryer smells of burning and gave my daughter a shock',
    'The electric blanket from order NW-104321 gave me a small electric shock when I touched the controller. I do not use it anymore.',
    "the electric hedge trimmer you sold me gave my husband a shock off the handle. he's alright but it's clearly faulty",
    "the hair dryer from you lot gave me a proper shock when I plugged it in, my hand's still tingling",
    "Flagging this because I think it matters: the USB desk fan from NW-119904 started smoking from the base this morning at my desk. Switched off straight away and nobody's hurt, but the casing's blackened and if I'd not been sat there it could've started a fire.",
  ])('%s', (text) => {
    expect(reason(text)).toBe('sensitive_topic');
  });
  it.each(['the kettle electrocuted me', 'electric shock from the toaster and my arm is numb', 'the lamp gave me a shock and my hand is burnt'])('still an emergency: %s', (text) => {
    expect(reason(text)).toBe('urgency');
  });
});
