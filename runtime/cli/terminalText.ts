/**
 * Text from a flow file, a scenario or the customer, made inert before it reaches a terminal (hostile s9 #3): a flow
 * name, a bot text or a block id holding ESC sequences could otherwise clear the screen, set the window title, draw a
 * hyperlink or forge an "All checks passed" line. Control characters (C0 but newline and tab, DEL, C1) and the bidi
 * overrides/isolates are shown as visible `\u001b`-style escapes, the way JSON writes them.
 */
import { randomBytes } from 'node:crypto';

const CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
const CONTROLS_AND_NEWLINES = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

const escapeChar = (c: string) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;

/** `text` with its control characters shown as escapes; newlines (and tabs) kept unless `oneLine`. */
export function inert(text: string, oneLine = false): string {
  return text.replace(oneLine ? CONTROLS_AND_NEWLINES : CONTROLS, escapeChar);
}

/**
 * Colours for a terminal whose content may come from a file: `c(code, s)` marks a coloured span with a token nobody
 * can write in a flow (random per process), and `render` makes everything else inert, then turns the marks into
 * the real SGR sequences. So only the command's own colours reach the terminal.
 */
export function terminalStyle(color: boolean) {
  const token = `\u0000${randomBytes(8).toString('hex')}\u0000`;
  const c = (code: number, s: string) => (color ? `${token}${code}m${s}${token}0m` : s);
  const render = (s: string) => {
    const parts = s.split(token);
    let outText = inert(parts[0]);
    for (const part of parts.slice(1)) {
      const m = /^(\d{1,3})m/.exec(part);
      outText += m ? `\x1b[${m[1]}m${inert(part.slice(m[0].length))}` : inert(part);
    }
    return outText;
  };
  return { c, render };
}
