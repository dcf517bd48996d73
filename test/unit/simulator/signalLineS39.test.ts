/**
 * Newcomer s39 N28: the inbox's signal line quoted the evidence word by word, "A sensitive topic (refunds) ("money",
 * "back")" for "I want my money back": words side by side in the message are one quote now; words apart, or across
 * punctuation, stay separate quotes.
 */
import { describe, expect, it } from 'vitest';
import { signalLine } from '../../../shared/simulator/decisionLine';

describe('signalLine joins adjacent evidence words (newcomer s39 N28)', () => {
  it('"money", "back" in "my money back" is one quote, as typed', () => {
    const texts = ['I was charged twice for order NW-104233, I want my Money back'];
    expect(signalLine({ reason: 'sensitive_topic', evidence: ['refunds', 'money', 'back'] }, texts)).toBe('A sensitive topic (refunds) ("Money back").');
    // In the other order of evidence too.
    expect(signalLine({ reason: 'sensitive_topic', evidence: ['refunds', 'back', 'money'] }, texts)).toBe('A sensitive topic (refunds) ("Money back").');
  });

  it('three words in a row become one quote; a word elsewhere stays its own', () => {
    expect(signalLine({ reason: 'negative_sentiment', evidence: ['never', 'arrived', 'fed', 'up'] }, ['It never arrived and I am fed up'])).toBe('The customer is upset ("never arrived", "fed up").');
  });

  it('words across punctuation, or in different messages, are not joined', () => {
    expect(signalLine({ reason: 'negative_sentiment', evidence: ['ridiculous', 'useless'] }, ['This is RIDICULOUS. Useless!'])).toBe('The customer is upset ("RIDICULOUS", "Useless").');
    expect(signalLine({ reason: 'negative_sentiment', evidence: ['ridiculous', 'useless'] }, ['ridiculous', 'useless'])).toBe('The customer is upset ("ridiculous", "useless").');
  });

  it('words not in the messages are not quoted (as before)', () => {
    expect(signalLine({ reason: 'sensitive_topic', evidence: ['refunds', 'chargeback'] }, ['I want my money back'])).toBe('A sensitive topic (refunds).');
  });
});
