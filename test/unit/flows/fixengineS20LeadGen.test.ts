/**
 * Session 20 (fixengine, brief item 5; newcomer s19 F19): Acme's size question reads a number inside a sentence when a
 * comma follows it ("we're a team of about 40, looking at your business plan" was "Sorry, I didn't catch the size"):
 * the size conditions refused any number followed by a comma, to keep "1,500" whole; now only a comma followed by a digit
 * (a thousands separator) is refused. Negatives: "1,500" and "40,000" are still one number (201+), not "1" or "500".
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { converse } from '../engine/harness';
import { loadFlowText } from '../../../shared/flow/loadFlowText';

const leadGen = () => loadFlowText(readFileSync(new URL('../../../flows/lead-gen.json', import.meta.url), 'utf8')).flow!;

describe("Acme's size question", () => {
  it.each([
    ["we're a team of about 40, looking at your business plan. what does it cost per seat?", '11-50'],
    ['12, give or take', '11-50'],
    ['about 8, maybe 9', '1-10'],
    ['we are 1,500 people, roughly', '201+'],
    ['we have 40,000 staff', '201+'],
    ['around 120, across two offices', '51-200'],
    ['40', '11-50'],
    ['1,500', '201+'],
  ])('"%s" -> %s', (line, size) => {
    const c = converse(leadGen());
    c.say(line);
    expect(c.variables().companySize).toBe(size);
    expect(c.lastBotText()).toBe('Have you already had a look at our plans page?');
  });
});
