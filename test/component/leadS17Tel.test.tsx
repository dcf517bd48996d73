// @vitest-environment jsdom
/**
 * Hostile s17 H#11 (lead, session 17): the widget made "call" links of year ranges, price ranges, sizes, seats,
 * model numbers, a postcode, a flight number, a slot number and a UPS tracking number's tail; and a number written in
 * Arabic-Indic digits after "Call us" was not linked. Each by rule, with the phone numbers that must stay links.
 */
import './support/setup';
import { describe, expect, it } from 'vitest';
import { findPhones } from '../../renderer/widget/linkify';

const links = (text: string) => findPhones(text).map((p) => p.href);

describe('widget tel: links: ranges, lists and codes are not phone numbers (hostile s17 H#11)', () => {
  it.each([
    'between 1990-2005 models',
    'Price range 1299-1499',
    'size 38-40-42-44',
    'Seats 12 14 16 18',
    'Model 2000-3000-4000',
    'Postcode 75001-1234 area',
    'flight BA 1234 5678',
    'Time 10:30-11:45 slot 123 4567',
    'tracking 1Z 999 AA1 0123 4567 84',
    'room 1204-1206',
  ])('%s: no link', (text) => {
    expect(links(text)).toEqual([]);
  });

  it.each([
    ['Call us: ٠٢٠ ٧٩٤٦ ٠٩٥٨', 'tel:02079460958'],
    ['call 1990-2005 for the archive desk', 'tel:19902005'],
    ['our number is 01 23 45 67 89', 'tel:0123456789'],
    ['UK 0800 123 4567', 'tel:08001234567'],
    ['+49 151 2345 6787', 'tel:+4915123456787'],
    ['phone (555) 123-4567 x89', 'tel:5551234567'],
    ['ring 5551-2345 after six', 'tel:55512345'],
  ])('%s: linked', (text, href) => {
    expect(links(text)).toEqual([href]);
  });
});
