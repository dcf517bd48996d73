import { describe, it, expect } from 'vitest';
import { detectExplicitRequest } from '../../../shared/escalation/detectors/detectExplicitRequest';
import { facts, fires, memory, policy } from './facts';

const asks = [
  'agent',
  'operator',
  'representative',
  'a real person',
  'someone from your team',
  'your manager',
  'speak to a human',
  'can I talk to someone',
  'live chat',
  'customer service please',
  'i wanna talk 2 a person',
  'humen agent',
  'reprensentative',
  'AGENT!!!',
  'never mind, put me through',
  'just transfer me',
  'Human please',
  'operator?',
  'get me a human',
  "I'd like to talk to a representative",
  'is there a human I can talk to?',
  "why can't I talk to a human",
  'let me speak to your supervisor',
  'connect me with an operator',
  'please escalate this',
  "I don't know what to do, I need a human",
  'can a human help me',
  'i need to speek to an opperator',
  'can u put me thru to someone',
  'I want to chat with a live agent',
];

const doesNotAsk = [
  "I don't need a human, just tell me my balance",
  'no agent please',
  'are you a bot?',
  'human resources',
  'the human body',
  'my travel agent booked it',
  'the agent was rude yesterday',
  'estate agent',
  'I want to talk to human resources',
  'are you a real person?',
  'I want to send money to someone',
  'I want to know the reason',
  'I need to manage my account',
  'someone stole my card',
  "I don't want to talk to a human",
  'I need my personal details updated',
  'your customer service is awful',
  'I want to transfer money',
  "I don't want this to escalate",
  'do not transfer me',
  'thanks, the agent solved it',
  'I need help with my order',
];

describe('detectExplicitRequest', () => {
  it.each(asks)('fires on %j', (text) => {
    const s = detectExplicitRequest(...args(text));
    expect(s).not.toBeNull();
    expect(s!.reason).toBe('explicit_request');
    expect(s!.score).toBe(1);
    expect(s!.evidence.length).toBeGreaterThan(0);
  });

  it.each(doesNotAsk)('does not fire on %j', (text) => {
    expect(fires(detectExplicitRequest, text)).toBeNull();
  });

  it('quotes the words of the request in the evidence and explanation', () => {
    const s = fires(detectExplicitRequest, 'ok never mind, put me through')!;
    expect(s.evidence[0]).toBe('put me through');
    expect(s.explanation).toBe('The customer asked for a person ("put me through").');
  });

  it('says how it read a typo', () => {
    const s = fires(detectExplicitRequest, 'humen agent')!;
    expect(s.explanation).toContain('"humen" read as "human"');
  });

  it('records the turn the request was made on', () => {
    const [f, p, m] = args('agent please');
    expect(detectExplicitRequest({ ...f, turn: 7 }, p, m)!.turn).toBe(7);
  });
});

function args(text: string) {
  return [facts(text), policy(), memory()] as const;
}

describe('detectExplicitRequest: wider phrasing', () => {
  it.each([
    'customer service please, not the bot',
    'I want a person, not a machine',
    'no more bots, get me someone',
    'a human instead of the bot please',
    'let me talk to a member of staff',
    'can I speak with a member of the team',
    'stop. human. now.',
    'enough. agent.',
    'agnet pls',
    'talk to a humna',
    'I would like to talk to one of your colleagues',
    'can I speak to one of your advisors',
    'put me through to a specialist',
  ])('fires on %j', (text) => {
    expect(fires(detectExplicitRequest, text)!.reason).toBe('explicit_request');
  });

  it.each([
    'not a bot question, but where is my parcel?',
    'my colleagues ordered the same jacket',
    'are you a bot or a human?',
    'a member of my family ordered it',
    'stop sending me emails',
    'I do not want a person, the bot is fine',
  ])('does not fire on %j', (text) => {
    expect(fires(detectExplicitRequest, text)).toBeNull();
  });

  it('says it read a swapped-letter typo as the person noun', () => {
    expect(fires(detectExplicitRequest, 'agnet pls')!.explanation).toBe('The customer asked for a person ("agnet please", "agnet" read as "agent").');
  });
});
