import { describe, it, expect } from 'vitest';
import { normalizeText } from '../../../shared/nlu/normalizeText';

describe('normalizeText', () => {
  it('lower-cases, strips accents and punctuation, collapses spaces', () => {
    expect(normalizeText('  Café   CRÈME, déjà-vu!!! ')).toBe('cafe creme deja vu');
    expect(normalizeText('Hello...world?!')).toBe('hello world');
  });

  it('spells out texting shorthand', () => {
    expect(normalizeText('can u help me pls')).toBe('can you help me please');
    expect(normalizeText('ur order r late, thx')).toBe('your order are late thanks');
    expect(normalizeText('i wanna cancel, gonna be away')).toBe('i want to cancel going to be away');
    expect(normalizeText('plz')).toBe('please');
  });

  it('turns "2" into "to" only between words where it reads as "to"', () => {
    expect(normalizeText('I want 2 know')).toBe('i want to know');
    expect(normalizeText('I have 2 wait')).toBe('i have to wait');
    expect(normalizeText('I ordered 2 shirts')).toBe('i ordered 2 shirts');
    expect(normalizeText('order 2')).toBe('order 2');
    expect(normalizeText('thx 4 nothing')).toBe('thanks for nothing');
  });

  it('expands contractions so "don\'t" and "do not" look the same', () => {
    expect(normalizeText("I don't know")).toBe(normalizeText('I do not know'));
    expect(normalizeText('it isn’t working')).toBe('it is not working');
    expect(normalizeText("I'm here")).toBe('i am here');
  });

  it('keeps decimal and time separators between digits', () => {
    expect(normalizeText('It cost $42.50 at 14:30')).toBe('it cost 42.50 at 14:30');
    expect(normalizeText('42,50 euros')).toBe('42.50 euros');
    expect(normalizeText('1,299 dollars')).toBe('1299 dollars');
  });

  it('keeps letters of other scripts and returns "" for punctuation only', () => {
    expect(normalizeText('Привет мир')).toBe('привет мир');
    expect(normalizeText('?!... :(')).toBe('');
  });
});
