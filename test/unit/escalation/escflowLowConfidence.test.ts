/**
 * Session 7 (escflow), issue 11 lever 4: low confidence on vague first messages written in texting or dialect, and not
 * on a named request whose item is left open ("I want to return something").
 */
import { describe, it, expect } from 'vitest';
import { detectLowConfidence } from '../../../shared/escalation/detectors/detectLowConfidence';
import { facts, intent, memory, policy } from './facts';

const p = policy();
/** At an intent router that matched nothing, as the first message, or after an earlier question. */
const lc = (t: string, recent: string[] = []) => detectLowConfidence(facts(t, { intent: intent(null, 0) }), p, memory({ recent }));

describe('vague first messages', () => {
  it.each(['the thing w my stuff', 'so di ting w mi stuff', 'it is abt my thnig', 'Kindly update on the case', 'status of the matter?'])('"%s" is too vague', (t) => {
    const s = lc(t);
    expect(s?.reason).toBe('low_confidence');
    expect(s?.explanation).toMatch(/too vague/);
  });
  it.each(['Thanks, that is resolved our query.', 'the tin is dented', 'the zip is stiff', 'update my address please', 'status of order NW-104233?', 'is the blue lamp in stock'])('"%s" is not', (t) => {
    expect(lc(t)).toBeNull();
  });
  it('asking after the state of an unnamed matter only counts at the start: after a question it has a subject', () => {
    expect(lc('Kindly update on the case', ['where is my parcel'])).toBeNull();
  });
});

describe('a request named with a verb is not vague, whatever its object', () => {
  it.each(['I want to return something', 'I need to exchange some stuff', 'can I cancel a thing'])('"%s"', (t) => {
    expect(lc(t)).toBeNull();
  });
  it('but the thing with the box still is', () => {
    expect(lc('the thing with the box')?.reason).toBe('low_confidence');
  });
});
