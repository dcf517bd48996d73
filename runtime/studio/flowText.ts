/**
 * The text of a flow file read once per request, parsed at most once (review debt s11: the flow store parsed the same
 * disk text two to four times in one request: once to compare it with the version the studio wrote, once to read it
 * as a flow, once or twice more to word its first problem).
 */
import type { FlowValidation } from '../../shared/flow/validateFlow';
import { loadFlowText } from '../../shared/flow/loadFlowText';
import { isDeepStrictEqual } from 'node:util';

export class FlowText {
  private parsed: { value: unknown } | { error: string } | undefined;
  private validation: FlowValidation | undefined;

  constructor(readonly text: string) {}

  /** JSON.parse of the text without its BOM, once. */
  private parse(): { value: unknown } | { error: string } {
    if (this.parsed === undefined) {
      const body = this.text.charCodeAt(0) === 0xfeff ? this.text.slice(1) : this.text;
      try {
        this.parsed = { value: JSON.parse(body) };
      } catch (e) {
        this.parsed = { error: e instanceof Error ? e.message : String(e) };
      }
    }
    return this.parsed;
  }

  /** The text's JSON value, or null when it is not JSON. */
  get json(): unknown {
    const p = this.parse();
    return 'value' in p ? p.value : null;
  }

  /** The text read as a flow (loadFlowText), on the JSON already parsed. */
  get loaded(): FlowValidation {
    if (this.validation === undefined) {
      // An empty text has its own problem in loadFlowText, worded before any parse.
      this.validation = this.text.replace(/^\uFEFF/, '').trim() === '' ? loadFlowText(this.text) : loadFlowText(this.text, this.parse());
    }
    return this.validation;
  }

  /**
   * Hostile s11 #16: two flow files say the same when their JSON is the same (line endings, a BOM, indentation and key
   * order do not count): a file re-saved with CRLF by git or re-indented by a formatter is not "changed on disk".
   */
  sameContent(other: FlowText): boolean {
    if (this.text === other.text) return true;
    const a = this.parse();
    const b = other.parse();
    return 'value' in a && 'value' in b && a.value !== null && b.value !== null && isDeepStrictEqual(a.value, b.value);
  }

  /** Where the first problem of an unreadable flow file is, in words ("line 12, column 5: ..."), on one line. */
  firstProblem(): string {
    const problems = this.loaded.problems;
    const p = problems.find((x) => x.severity === 'error') ?? problems[0];
    const said = p ? `${p.message}${p.path && p.path !== '$' && !p.message.includes(p.path) ? ` (at ${p.path})` : ''}` : 'it is not a flow document';
    // One line (a banner shows it), without the closing full stop (the sentence around it has its own).
    return said.replace(/\s+/g, ' ').trim().replace(/\.$/, '');
  }
}
