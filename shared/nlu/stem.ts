/**
 * Porter2 stemming. Uses the stemmer that ships inside wink-eng-lite-web-model (the same function
 * wink-nlp's `its.stem` calls) imported directly, so we do not pay for loading the whole language model.
 */
import porter2 from 'wink-eng-lite-web-model/dist/porter-stemmer.js';

const CACHE_LIMIT = 20000;
/**
 * Longer "words" are returned as they are: no English word is this long, and the stemmer's regexes take
 * time quadratic in the word's length (a hostile 25,000-letter word took seconds).
 */
const MAX_STEMMED_LENGTH = 40;
const cache = new Map<string, string>();

export function stemWord(word: string): string {
  let s = cache.get(word);
  if (s === undefined) {
    // Numbers and very short words are their own stems; skip the regex-heavy stemmer for them.
    s = word.length < 3 || word.length > MAX_STEMMED_LENGTH || /\d/.test(word) ? word : porter2(word);
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(word, s);
  }
  return s;
}

export function stemTokens(tokens: string[]): string[] {
  const out = new Array<string>(tokens.length);
  for (let i = 0; i < tokens.length; i++) out[i] = stemWord(tokens[i]);
  return out;
}
