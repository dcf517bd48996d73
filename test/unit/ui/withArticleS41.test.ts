import { describe, expect, it } from 'vitest';
import { withArticle } from '../../../renderer/ui/withArticle';

describe('withArticle (newcomer s41 N8: "Add a End block")', () => {
  it.each([
    ['End', 'an End'],
    ['Intent router', 'an Intent router'],
    ['HTTP request', 'an HTTP request'],
    ['Open ticket', 'an Open ticket'],
    ['Update', 'an Update'],
    ['CSAT', 'a CSAT'],
    ['Question', 'a Question'],
    ['Human takeover', 'a Human takeover'],
    ['Message', 'a Message'],
    ['Unique code', 'a Unique code'],
    ['SMS', 'an SMS'],
  ])('%s -> %s', (name, want) => {
    expect(withArticle(name)).toBe(want);
  });
});
