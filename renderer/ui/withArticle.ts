/**
 * Session 41 (newcomer s41 N8): "a" or "an" before a block's name, by how it sounds ("an End block", "an HTTP request
 * block", "a CSAT block", "a Question block"): the command palette said "Add a End block". An all-capitals first word is
 * read letter by letter (an HTTP, an SMS, a CSAT); a word starting "uni"/"use" sounds like "you" (a Unique ...).
 */
export function withArticle(name: string): string {
  const first = name.trim().split(/\s+/)[0] ?? '';
  const spelled = first.length > 1 && first === first.toUpperCase() && /[A-Z]/.test(first);
  const an = spelled ? /^[AEFHILMNORSX]/.test(first) : /^[aeio]/i.test(first) || (/^u/i.test(first) && !/^u(?:ni|s[aeiou]|ti)/i.test(first));
  return `${an ? 'an' : 'a'} ${name}`;
}
