/**
 * Hostile s14 H#14: the flow file's language is checked by the validator too (session 13 checked it only in the
 * studio's field), so `baton validate`, `baton serve`, an import and the studio agree on what a language code is.
 */
import { describe, expect, it } from 'vitest';
import { languageTagProblem, validateFlow } from '../../../shared/flow/validateFlow';
import { validDoc } from './helpers';

const withLanguage = (language: string) => {
  const doc = validDoc();
  doc.settings = { ...(doc.settings ?? {}), language };
  return validateFlow(doc);
};

describe('validateFlow: the flow\'s language (hostile s14 H#14)', () => {
  it('a tag that is not a language code is a warning at $.settings.language; the flow still loads', () => {
    const r = withLanguage('<script>alert(1)</script>');
    const p = r.problems.filter((x) => x.code === 'bad_language');
    expect(p).toHaveLength(1);
    expect(p[0].severity).toBe('warning');
    expect(p[0].path).toBe('$.settings.language');
    expect(p[0].message).toContain('<script>alert(1)</script>');
    expect(p[0].hint).toContain('en, fr or de');
    expect(r.ok).toBe(true);
  });

  it('a 1,000,000-character language gives one short problem line, quoted to 40 characters', () => {
    const r = withLanguage('x'.repeat(1_000_000));
    const lines = r.problems.map((x) => `${x.message} ${x.hint}`);
    expect(r.problems.filter((x) => x.code === 'bad_language')).toHaveLength(1);
    for (const line of lines) expect(line.length).toBeLessThan(400);
  });

  it('well-formed tags are accepted, extensions and private use included; empty means unspecified', () => {
    for (const ok of ['en', 'fr', 'pt-BR', 'zh-Hant-TW', 'es-419', 'sr-Latn', 'en-GB-oxendict', 'ja-JP-u-ca-japanese', 'en-US-x-twain', ' de ', '']) {
      expect(languageTagProblem(ok), ok).toBeNull();
    }
    for (const bad of ['english', 'en_GB', 'x', 'en-', '12', 'a'.repeat(36)]) {
      expect(languageTagProblem(bad), bad).toContain('is not a language code');
    }
  });

  it('the graduated-mode warning quotes a long language to 40 characters too', () => {
    const doc = validDoc();
    doc.settings = { ...(doc.settings ?? {}), language: 'f'.repeat(5000) };
    doc.escalation = { ...(doc.escalation ?? {}), mode: 'graduated' };
    const r = validateFlow(doc);
    for (const p of r.problems) expect(p.message.length + p.hint.length).toBeLessThan(600);
  });
});
