// Session 19 (esc): a complaint the customer wants made and kept ("submit a formal complaint", "logged officially, with a
// reference number", "I want it on record") is the complaints topic, even when it says who should read it ("to your
// company boss", "someone senior"); asking to speak, talk or be put through to someone about a complaint is still a
// request for a person.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadFlowText } from '../../../shared/flow/loadFlowText';
import type { Flow } from '../../../shared/flow/schema';
import { playConversation } from '../../../shared/simulator/playConversation';
import { formalComplaint } from '../../../shared/escalation/detectors/detectExplicitRequest';
import { analyzeText } from '../../../shared/nlu/analyzeText';
import { canonicalTokens } from '../../../shared/escalation/canonicalTokens';

const shipped = loadFlowText(readFileSync(new URL('../../../flows/customer-support.json', import.meta.url), 'utf8')).flow as Flow;
const now = Date.parse('2026-12-01T10:00:00Z');
const play = (text: string) => playConversation(shipped, 'c', ['Something else', text], now).escalation;

describe('a formal complaint is the complaints topic', () => {
  it('names the complaints topic and leaves a near miss for the person request', () => {
    for (const text of [
      'Good afternoon. I would like to submit a formal complaint concerning the conduct of your delivery agent on Friday the 20th.',
      'How do I escalate this formally? I want it on record that the delivery driver drove over my front lawn and flowerbed.',
      'I want to write complaint, real one, to your company boss. The delivery man was rude to my wife and shout at her. Where I send this?',
      'I want it logged officially, with a reference number, how my order and my emails have been handled over the last month. Not a chat, an actual written record that goes to your management.',
    ]) {
      const e = play(text);
      expect(e?.reason, text).toBe('sensitive_topic');
      expect(e?.signals.find((s) => s.reason === 'sensitive_topic')?.explanation, text).toContain('complaints');
    }
  });
  it('asking to speak to someone about a complaint is still a request for a person', () => {
    for (const text of [
      'Is there a complaints officer I can speak with?',
      'Kindly help me reach your support unit, I wish to lay my complaint to them directly',
      'I want to make a formal complaint and I want to talk to a manager about it',
      "I'd like to escalate this to your manager, thank you.",
    ]) {
      expect(play(text)?.reason, text).toBe('explicit_request');
    }
  });
  it('reads the complaint to be made, not the word alone', () => {
    const f = (t: string) => formalComplaint(canonicalTokens(analyzeText(t)));
    expect(f('I would like to lodge a complaint about the courier')).toBe('lodge a complaint');
    expect(f('not a complaint, just a question about sizes')).toBeNull();
    expect(f('who handles complaints there? I want to talk to them')).toBeNull();
  });
});
