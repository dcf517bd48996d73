// Review s19 (revcore R18): a message that only vents or only asks for a person (in more than a few words) says no
// reason: with nobody online the ticket must still ask what the team should help with. At 45cdc41^ each was asked; at
// 45cdc41 the ticket is made with the outburst as its issue and the chat ends ('Thanks for your patience. Goodbye!').
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { converse } from './harness';
import { loadFlowText } from '../../../shared/flow/loadFlowText';

const tpl = () => loadFlowText(readFileSync(new URL('../../../flows/customer-support.json', import.meta.url), 'utf8')).flow!;
const NOW = Date.parse('2026-12-02T11:00:00Z');
const ASKED = /What should our team help you with/i;

describe('no reason given: the issue is still asked', () => {
  for (const first of [
    'This is absolutely ridiculous, I have been waiting forever and nobody helps!!!',
    "I'm really frustrated with your company, worst experience of my life",
    'Get me a manager immediately, I am not dealing with a robot',
    'Talk to a person please because the chatbot does not understand me',
    'Can I please speak to someone from your team about something private',
    'You lot are a joke, seriously, every single time',
  ]) {
    it(first, () => {
      const c = converse(tpl(), { now: NOW, agents: [] });
      c.say(first);
      c.say('kim@example.com');
      expect(c.lastBotText()).toMatch(ASKED);
    });
  }
});
