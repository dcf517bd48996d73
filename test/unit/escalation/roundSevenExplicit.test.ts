/**
 * Round seven (session 5, escneg2): explicit-request look-alikes from w10's odd half, each a family: real words two
 * letters from a person noun ("operation" is not "operator", "managing" is not "manager"), and teams that are a job
 * application or the press rather than a handover ("your human resources team", "the recruitment team").
 */
import { describe, expect, it } from 'vitest';
import { detectExplicitRequest } from '../../../shared/escalation/detectors/detectExplicitRequest';
import { fires } from './facts';

describe('round seven explicit requests', () => {
  it.each([
    'Please I need this today, I have the operation tomorrow and nobody at home after.',
    "I'm not managing to log in, what do I do?",
    'Could you give me the email for your human resources team? I am applying for the warehouse role.',
    'is the recruitment team hiring drivers?',
    'what is the address of your careers department',
  ])('%j is not a request for a person', (text) => {
    expect(fires(detectExplicitRequest, text)).toBeNull();
  });

  it.each([
    ['can i speak to the operater', 'operator'],
    ['get me the returns team', 'returns team'],
    ['I want to talk to your customer service team', 'customer service'],
    ['put me through to the manager please', 'manager'],
  ])('%j still is (%s)', (text, word) => {
    const s = fires(detectExplicitRequest, text);
    expect(s?.reason).toBe('explicit_request');
    expect(s?.explanation).toContain(word);
  });
});
