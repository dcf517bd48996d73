/** Parses "90s", "10m", "1h30m", "2h", "500ms" into milliseconds; null when not a duration. */
export function parseDuration(text: string): number | null {
  const s = text.trim().toLowerCase();
  if (!/^(\d+(\.\d+)?\s*(ms|s|sec|m|min|h|hr|d)\s*)+$/.test(s)) return null;
  const unit: Record<string, number> = { ms: 1, s: 1000, sec: 1000, m: 60_000, min: 60_000, h: 3_600_000, hr: 3_600_000, d: 86_400_000 };
  let total = 0;
  for (const m of s.matchAll(/(\d+(?:\.\d+)?)\s*(ms|sec|s|min|m|hr|h|d)/g)) total += Number(m[1]) * unit[m[2]];
  return total;
}
