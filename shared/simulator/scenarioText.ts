/**
 * How a scenario names text it expects: a plain string is a case-insensitive substring; "/pattern/flags"
 * is a regular expression in RE2 syntax (linear time, like the flow's own patterns; flag `i` for
 * case-insensitive). Pure.
 */
import { RE2JS } from 're2js';

export type TextMatcher = { ok: true; test: (text: string) => boolean; describe: string } | { ok: false; message: string };

const REGEX = /^\/(.+)\/([a-z]*)$/s;

export function textMatcher(spec: string): TextMatcher {
  const m = REGEX.exec(spec);
  if (!m) {
    const wanted = spec.toLowerCase();
    return { ok: true, test: (t) => t.toLowerCase().includes(wanted), describe: `text containing "${spec}"` };
  }
  const [, pattern, flags] = m;
  const bad = flags.replace(/[ims]/g, '');
  if (bad) return { ok: false, message: `the regular expression ${spec} has unknown flag(s) "${bad}": use i (ignore case), m or s` };
  let re: RE2JS;
  try {
    re = RE2JS.compile(
      pattern,
      (flags.includes('i') ? RE2JS.CASE_INSENSITIVE : 0) | (flags.includes('m') ? RE2JS.MULTILINE : 0) | (flags.includes('s') ? RE2JS.DOTALL : 0),
    );
  } catch (e) {
    const why = (e instanceof Error ? e.message : String(e)).replace(/^error parsing regexp:\s*/, '');
    return { ok: false, message: `the regular expression ${spec} cannot be used: ${why} (RE2 syntax: no backreferences, no lookaround)` };
  }
  return { ok: true, test: (t) => re.matcher(t).find(), describe: `text matching ${spec}` };
}

/**
 * Text typed by a tester as a variable value: "true"/"false" become booleans, and a number only when the text is
 * a plain decimal that reads back the same ("12", "-3.5"). "007", "0x10", "1e999", "1e3" and "Infinity" stay
 * text, so zip codes, order and phone numbers keep their digits and nothing becomes Infinity (hostile report).
 */
export function typedValue(raw: string): string | number | boolean {
  if (raw === 'true') return true;
  if (raw === 'false') return false;
  if (/^-?\d+(\.\d+)?$/.test(raw)) {
    const n = Number(raw);
    if (Number.isFinite(n) && String(n) === raw) return n;
  }
  return raw;
}
