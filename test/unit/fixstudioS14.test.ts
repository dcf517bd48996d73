/**
 * Session 14 findings in the studio (fixstudio), the parts that are pure functions.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { languageCodeProblem } from '../../renderer/studio/editor/languageCode';
import { myChangesDocument } from '../../renderer/studio/persistence/flowPersistence';
import { flowSchema } from '../../shared/flow/schema';

describe('languageCodeProblem (newcomer s14 N#1)', () => {
  afterEach(() => vi.restoreAllMocks());

  // Chromium's ICU (the studio's browser) throws RangeError "invalid_argument" from DisplayNames.of for a tag with an
  // extension or a private-use part; Node's is lenient. Do what Chromium does, so this runs the studio's path.
  function likeChromium() {
    const real = Intl.DisplayNames.prototype.of;
    vi.spyOn(Intl.DisplayNames.prototype, 'of').mockImplementation(function (this: Intl.DisplayNames, code: string) {
      if (/-[a-z0-9]-/i.test(`${code}-`)) throw new RangeError('invalid_argument');
      return real.call(this, code);
    });
  }

  it('accepts valid tags with an extension or a private-use part, without throwing', () => {
    likeChromium();
    for (const t of ['en-US-x-twain', 'ja-JP-u-ca-japanese', 'de-DE-u-co-phonebk', 'en-u-nu-latn']) {
      expect(() => languageCodeProblem(t), t).not.toThrow();
      expect(languageCodeProblem(t), t).toBeNull();
    }
  });

  it('still refuses, in words, what it refused before (and an unknown language with an extension)', () => {
    likeChromium();
    expect(languageCodeProblem('english')).toMatch(/^“english” is not a language/);
    expect(languageCodeProblem('en_GB')).toMatch(/^“en_GB” is not a language code/);
    expect(languageCodeProblem('xx-u-ca-japanese')).toMatch(/^“xx-u-ca-japanese” is not a language this computer knows/);
    for (const t of ['zh-Hant-TW', 'es-419', 'sr-Latn', 'en-GB-oxendict']) expect(languageCodeProblem(t), t).toBeNull();
  });

  it('agrees with the flow file check (validateFlow languageTagProblem): what it warns of, the field refuses', async () => {
    const { languageTagProblem } = await import('../../shared/flow/validateFlow');
    const long = 'ja-JP-u-ca-japanese-x-abcdefgh-abcdefgh'; // valid BCP 47, longer than the file check's 35
    for (const t of ['ja-JP-u-ca-japanese', 'en-US-x-twain', 'english', 'en_GB', long, 'zh-Hant-TW', 'x-private']) {
      const fileSays = languageTagProblem(t);
      const fieldSays = languageCodeProblem(t);
      if (fileSays !== null) expect(fieldSays, t).toMatch(/is not a language code/);
      if (fieldSays === null) expect(fileSays, t).toBeNull();
    }
    expect(languageCodeProblem(long)).toMatch(/is not a language code/);
  });

  it('a naming call that throws for any other reason gives a sentence, not an exception', () => {
    vi.spyOn(Intl.DisplayNames.prototype, 'of').mockImplementation(() => {
      throw new RangeError('invalid_argument');
    });
    expect(languageCodeProblem('fr')).toMatch(/^“fr” is not a language this computer knows: use a code such as en/);
  });
});

describe('myChangesDocument: the file "Download my changes" saves (newcomer s14 N#2)', () => {
  it('names the refused edits "<name> (my changes)", once, within 200 characters, and changes nothing else', () => {
    const flow = flowSchema.parse({ version: 1, id: 'customer-support', name: 'Northwind Goods customer support', description: 'edited here', blocks: [] });
    const doc = myChangesDocument(flow);
    expect(doc.name).toBe('Northwind Goods customer support (my changes)');
    expect({ ...doc, name: flow.name }).toEqual(flow);
    expect(myChangesDocument(doc).name).toBe(doc.name);
    const long = myChangesDocument({ ...flow, name: 'L'.repeat(200) }).name;
    expect(long.length).toBe(200);
    expect(long.endsWith(' (my changes)')).toBe(true);
  });
});
