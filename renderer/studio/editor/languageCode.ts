/**
 * Newcomer s13 #5: Flow settings > General took "english please" as the bot's language without a word (Time zone
 * next to it said "'Europe/Pariss' is not a time zone this computer knows"). A language is checked the same way:
 * a BCP 47 tag (Intl.getCanonicalLocales) whose language this computer can name (Intl.DisplayNames), else a message
 * saying what was typed and what is expected. Where Intl cannot name languages, a well-formed tag is accepted.
 *
 * Newcomer s14 N#1: a valid tag with an extension or a private-use part (en-US-x-twain, ja-JP-u-ca-japanese,
 * de-DE-u-co-phonebk) made Chromium's Intl.DisplayNames.of throw RangeError "invalid_argument" (it names a language
 * id, not a whole tag; Node's ICU is more lenient): the error escaped the field's check and the typed value silently
 * reverted. The language is now named from the tag's base name (language-script-region-variants, Intl.Locale), and
 * a naming call that still throws is reported in words, never thrown.
 */
import { languageTagProblem } from '../../../shared/flow/validateFlow';

let names: Intl.DisplayNames | null | undefined;
function displayNames(): Intl.DisplayNames | null {
  if (names === undefined) {
    try {
      names = new Intl.DisplayNames(['en'], { type: 'language', fallback: 'none' });
    } catch {
      names = null;
    }
  }
  return names;
}

/** Null when `text` is a language code this computer knows (en, fr, de, pt-BR...), else why not, in the studio's words. */
export function languageCodeProblem(text: string): string | null {
  const t = text.trim();
  if (t === '') return 'Type a language code such as en, fr or de.';
  // The flow file's own check (validateFlow's bad_language warning) first, so the field never saves what it warns of.
  let canonical = '';
  try {
    if (languageTagProblem(t) === null) canonical = Intl.getCanonicalLocales(t)[0] ?? '';
  } catch {
    canonical = '';
  }
  if (!canonical) return `“${t}” is not a language code: use a short code such as en, fr or de (or en-GB, pt-BR).`;
  const dn = displayNames();
  if (!dn) return null;
  let named: string | undefined;
  try {
    named = dn.of(baseName(canonical));
  } catch {
    named = undefined;
  }
  if (!named) return `“${t}” is not a language this computer knows: use a code such as en, fr or de (or en-GB, pt-BR).`;
  return null;
}

/** The tag without its extensions and private-use part (ja-JP-u-ca-japanese -> ja-JP), which is what has a name. */
function baseName(canonical: string): string {
  try {
    return new Intl.Locale(canonical).baseName;
  } catch {
    return canonical;
  }
}
