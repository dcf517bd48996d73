/**
 * Session 47 (conv8, hostile s46 L3): a customer pasted 38 lines of a log ("2026-12-07T09:00:00Z ERROR [payment-svc]
 * Transaction declined code=51 ...") and then wrote "Hi, above is what your checkout page shows every time I try to pay
 * for order NW-104233. I was charged twice already. Can someone please help?": the agent's summary quoted the log as the
 * "Key message" (its first 140 characters) and "charged twice" appeared nowhere.
 *
 * The customer's own words of such a message: its lines that are not machine output. A line is machine output when it
 * opens with a date or a clock time, names a log level in capitals or brackets (ERROR, [WARN]), is a stack frame ("at
 * Checkout.render (main.js:1:2000)") or an exception's head ("TypeError: ..."), a JSON object or array, holds two or
 * more key=value pairs, or is mostly code tokens (brackets, quotes, paths, an IP address: a traceback, an access log). Only when at least two lines are machine output and some other line has words; null otherwise
 * (a message of the customer's own words on several lines is quoted as before). Pure.
 */
const STARTS_WITH_TIME = /^\s*(?:\[?\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2})?|\[?\d{2}:\d{2}:\d{2})/;
const LEVEL = /(?:^|[\s[(|])(?:ERROR|ERR|WARN|WARNING|INFO|DEBUG|TRACE|FATAL|CRITICAL|SEVERE)(?:[\s\]):|]|$)|\[(?:error|warn|warning|info|debug|trace|fatal)\]/;
const STACK_FRAME = /^\s*at\s+\S.*(?::\d+(?::\d+)?\)?|\(native\)|\(<anonymous>\))\s*$/;
const EXCEPTION_HEAD = /^\s*(?:[A-Z]\w*(?:Error|Exception)\b|Traceback \(most recent call last\)|Uncaught \w+\b).*$/;
const JSON_LINE = /^\s*(?:\{.*\}|\[.*\])\s*,?\s*$/;
const KEY_VALUE = /\b[\w.-]+=\S+/g;

/** A token of code or machine output: brackets, quotes, paths, "=", "<...>", an IP address or a time ("09:00:00"). */
const CODE_TOKEN = /[=/\\<>{}()[\]";_|]|^\d+(?:\.\d+){3}$|\d:\d\d/;
/** Whether one line of a message is machine output (see the header). */
export function machineLine(line: string): boolean {
  if (STARTS_WITH_TIME.test(line) || LEVEL.test(line) || STACK_FRAME.test(line) || EXCEPTION_HEAD.test(line) || JSON_LINE.test(line)) return true;
  if ((line.match(KEY_VALUE)?.length ?? 0) >= 2) return true;
  // Held out (session 47): a Python traceback's indented lines, a web server's access lines. A line mostly of code tokens
  // (half of them, two at least, or a line of one or two), or an indented line with one.
  const tokens = line.trim().split(/\s+/).filter(Boolean);
  const code = tokens.filter((t) => CODE_TOKEN.test(t)).length;
  if (code > 0 && /^(?:\s{2,}|\t)/.test(line)) return true;
  return code * 2 >= tokens.length && (code >= 2 || tokens.length <= 2) && code > 0;
}

/** The customer's own lines of a message with pasted machine output, joined; null when it has none such (see the header). */
export function ownWordsBesidePaste(text: string): string | null {
  if (!text.includes('\n')) return null;
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
  let machine = 0;
  const own: string[] = [];
  for (const l of lines) {
    if (machineLine(l)) machine++;
    else if (/\p{L}{2,}/u.test(l)) own.push(l.trim());
  }
  return machine >= 2 && own.length > 0 ? own.join(' ') : null;
}
