/**
 * Newcomer s13 #5: Flow settings > General took "english please" as the bot's language without a word (Time zone
 * next to it said "'Europe/Pariss' is not a time zone this computer knows"). A language is checked the same way:
 * a BCP 47 tag (Intl.getCanonicalLocales) whose language this computer can name (Intl.DisplayNames), else a message
 * saying what was typed and what is expected. Where Intl cannot name languages, a well-formed tag is accepted.
 */
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
  let canonical: string;
  try {
    canonical = Intl.getCanonicalLocales(t)[0] ?? '';
  } catch {
    return `“${t}” is not a language code: use a short code such as en, fr or de (or en-GB, pt-BR).`;
  }
  const dn = displayNames();
  if (dn && !dn.of(canonical)) return `“${t}” is not a language this computer knows: use a code such as en, fr or de (or en-GB, pt-BR).`;
  return null;
}
