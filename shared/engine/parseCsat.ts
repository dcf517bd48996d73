/**
 * Reads a 1..5 satisfaction score from what a customer typed: "4", "4/5", "4 out of 5", "five", "5 stars".
 */
const WORDS: Record<string, number> = { one: 1, two: 2, three: 3, four: 4, five: 5 };

export function parseCsat(text: string): number | null {
  const t = text.trim().toLowerCase().replace(/[!.]+$/, '');
  const m = /^(?:a\s+)?([1-5]|one|two|three|four|five)(?:\s*(?:\/\s*5|out of (?:5|five)|stars?|⭐+))?$/.exec(t);
  if (!m) return null;
  return WORDS[m[1]] ?? Number(m[1]);
}
