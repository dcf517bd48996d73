/**
 * Validation messages in words a designer reads. Zod's defaults ("Too small: expected string to have >=1
 * characters") and the edit layer's field paths ("field 'sensitiveTopics.topics.0.name'") are for
 * programmers; the studio shows "Sensitive topics › topic 1 › name: this cannot be empty." instead.
 */
import { humanize } from './zodInfo';

/** One zod 4 default message in plain words (unknown messages are returned with a capital and a full stop). */
export function plainMessage(message: string): string {
  const m = message.trim();
  let r: RegExpExecArray | null;
  if ((r = /^Too small: expected string to have >=?(\d+) characters?/i.exec(m))) return r[1] === '1' ? 'This cannot be empty.' : `Use at least ${r[1]} characters.`;
  if ((r = /^Too big: expected string to have <=?(\d+) characters?/i.exec(m))) return `Use at most ${r[1]} characters.`;
  if ((r = /^Too small: expected number to be >=?(-?[\d.]+)/i.exec(m))) return `Use ${r[1]} or more.`;
  if ((r = /^Too big: expected number to be <=?(-?[\d.]+)/i.exec(m))) return `Use ${r[1]} or less.`;
  if ((r = /^Too small: expected array to have >=?(\d+) items?/i.exec(m))) return `Add at least ${r[1]} ${r[1] === '1' ? 'entry' : 'entries'}.`;
  if ((r = /^Too big: expected array to have <=?(\d+) items?/i.exec(m))) return `At most ${r[1]} entries.`;
  if (/expected int/i.test(m)) return 'Use a whole number.';
  if (/^Invalid input: expected number/i.test(m)) return 'Enter a number.';
  if (/^Invalid input: expected string/i.test(m)) return 'Enter some text.';
  if (/^Invalid input: expected array/i.test(m)) return 'Enter a list.';
  if ((r = /^Invalid option: expected one of (.+)$/i.exec(m))) return `Choose one of ${r[1].replace(/\|/g, ', ')}.`;
  if (!m) return 'This value is not valid.';
  return m.charAt(0).toUpperCase() + m.slice(1) + (/[.!?]$/.test(m) ? '' : '.');
}

/** "sensitiveTopics.topics.0.name" -> "Sensitive topics › topic 1 › name". */
export function plainPath(path: readonly (string | number)[]): string {
  const parts: string[] = [];
  for (let i = 0; i < path.length; i++) {
    const seg = path[i];
    const n = typeof seg === 'number' ? seg : /^\d+$/.test(seg) ? Number(seg) : null;
    if (n !== null) {
      const list = parts.pop();
      const one = list ? singular(list.toLowerCase()) : 'item';
      parts.push(`${one} ${n + 1}`);
    } else {
      const word = humanize(String(seg));
      parts.push(parts.length === 0 ? word : word.toLowerCase());
    }
  }
  return parts.join(' › ');
}

function singular(word: string): string {
  if (/ies$/.test(word)) return word.replace(/ies$/, 'y');
  if (/(ss|us)$/.test(word)) return word;
  return word.replace(/s$/, '');
}

/**
 * An edit error's message for a toast: "Escalation policy: field 'sensitiveTopics.topics.0.name' Too small: …"
 * becomes "Escalation policy › Sensitive topics › topic 1 › name: this cannot be empty." Messages of any other
 * form are returned unchanged.
 */
export function plainEditError(message: string): string {
  const r = /^(.*?): field(?: '([^']*)')? (.+?)(?: \(and (\d+) more problems?\))?\.?$/s.exec(message);
  if (!r) return message;
  const [, where, path, issue, more] = r;
  const place = path ? plainPath(path.split('.')) : '';
  const words = plainMessage(issue);
  const lower = words.charAt(0).toLowerCase() + words.slice(1);
  const extra = more ? ` (and ${more} more problem${more === '1' ? '' : 's'})` : '';
  return `${where}${place ? ` › ${place}` : ''}: ${lower}${extra}`;
}
