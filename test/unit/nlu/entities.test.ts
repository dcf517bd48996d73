import { describe, it, expect } from 'vitest';
import { extractEntities } from '../../../shared/nlu/entities';
import type { EntityType } from '../../../shared/nlu/types';

const of = (text: string, type: EntityType) => extractEntities(text).filter((e) => e.type === type);

describe('extractEntities', () => {
  it('finds emails, lower-casing the value but keeping the written text', () => {
    expect(of('mail me at Anna.Smith@Example.COM thanks', 'email')).toEqual([
      { type: 'email', value: 'anna.smith@example.com', text: 'Anna.Smith@Example.COM' },
    ]);
    expect(of('my handle is @anna', 'email')).toEqual([]);
  });

  it('finds phone numbers as digits, but not years or small numbers', () => {
    expect(of('call me on 555-123-4567', 'phone')[0].value).toBe('5551234567');
    expect(of('my number is +1 (555) 123-4567', 'phone')[0].value).toBe('+15551234567');
    expect(of('I was born in 1987', 'phone')).toEqual([]);
    expect(of('between 2020 and 2024', 'phone')).toEqual([]);
    expect(of('I have 2 kids and 3 cats', 'phone')).toEqual([]);
  });

  it('finds order ids and never reports them as phones', () => {
    expect(of('order #12345 is late', 'order_id')[0].value).toBe('12345');
    expect(of('my order number is 12345678', 'order_id')[0].value).toBe('12345678');
    expect(of('my order number is 12345678', 'phone')).toEqual([]);
    expect(of('ref AB-12345 please', 'order_id')[0].value).toBe('AB-12345');
    expect(of('I ordered 3 shirts', 'order_id')).toEqual([]);
    expect(of('my order 2024-11-30 never came', 'order_id')).toEqual([]); // a date (hostile s6)
    expect(of('order 30-11-2024', 'order_id')).toEqual([]);
  });

  it('finds policy numbers', () => {
    expect(of('it is POL-123456', 'policy_number')[0].value).toBe('POL-123456');
    expect(of('policy number 12345678', 'policy_number')[0].value).toBe('12345678');
    expect(of('what is your return policy', 'policy_number')).toEqual([]);
  });

  it('finds dates as ISO, keeping relative dates literal', () => {
    expect(of('delivered on 12/03', 'date')[0]).toEqual({ type: 'date', value: '--03-12', text: '12/03' });
    expect(of('on 2026-11-30 please', 'date')[0].value).toBe('2026-11-30');
    expect(of('March 3rd, 2026', 'date')[0].value).toBe('2026-03-03');
    expect(of('tomorrow please', 'date')[0].value).toBe('tomorrow');
    expect(of('it costs 12.50', 'date')).toEqual([]);
  });

  it('finds clock and relative times', () => {
    expect(of('see you at 14:30', 'time')[0].value).toBe('14:30');
    expect(of('at 2:30 pm', 'time')[0].value).toBe('14:30');
    expect(of('back in 15 minutes', 'time')[0].value).toBe('in 15 minutes');
    expect(of('I have 15 minutes', 'time')).toEqual([]);
  });

  it('finds amounts with their currency', () => {
    expect(of('it cost $42.50', 'amount')[0].value).toBe('42.50 USD');
    expect(of('42 euros', 'amount')[0].value).toBe('42.00 EUR');
    expect(of('only €10', 'amount')[0].value).toBe('10.00 EUR');
    expect(of('42,50 €', 'amount')[0].value).toBe('42.50 EUR');
    expect(of('I paid 1,299.99 USD', 'amount')[0].value).toBe('1299.99 USD');
    expect(of('I ordered 42 shirts', 'amount')).toEqual([]);
  });

  it('finds urls without trailing punctuation', () => {
    expect(of('see https://shop.example.com/orders?id=5.', 'url')[0].value).toBe('https://shop.example.com/orders?id=5');
    expect(of('go to www.example.com', 'url')[0].value).toBe('www.example.com');
  });

  it('returns several entities in reading order and nothing for plain text', () => {
    const types = extractEntities('order 12345 placed on 01/02/2026, call 0612345678').map((e) => e.type);
    expect(types).toEqual(['order_id', 'date', 'phone']);
    expect(extractEntities('where is my parcel')).toEqual([]);
  });
});
