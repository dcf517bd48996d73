/** "No problems", "1 warning", "2 errors", "1 error, 3 warnings": a zero count is left out. */
export function problemCount(errors: number, warnings: number): string {
  const part = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  const parts = [errors ? part(errors, 'error') : '', warnings ? part(warnings, 'warning') : ''].filter(Boolean);
  return parts.length ? parts.join(', ') : 'No problems';
}
