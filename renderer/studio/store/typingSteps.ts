/**
 * Session 47 (studio15, newcomer s46 N12): where one undo step of typing ends, as text editors do it.
 *
 * Typing in a field of the inspector or Flow settings is an edit of the flow; consecutive edits of one field merge into
 * one undo step (the store's `coalesceKey`). Before, a step lasted as long as the keys kept coming less than 1.5 s
 * apart, and Ctrl+Z inside the field was the browser's own undo, which took back one character at a time: how much one
 * undo removed depended on typing speed. Now a new step starts:
 *   - at a word boundary: the first letter typed after a space (or a line break) once the step holds a word, so
 *     "hello world" is two steps ("hello " then "world"), and " XYZ" one;
 *   - at a pause of more than TYPING_PAUSE_MS between two inputs;
 *   - when typing turns into deleting or back (a run of Backspace / Delete is one step);
 *   - on a paste, a drop, a cut, a spelling correction: each is a step of its own;
 *   - when the caret moved (arrow keys, a click in the field) or the field was left: the caller forgets the run
 *     (`null`), and the next input starts a step.
 * Pure: the caller passes the input's kind (InputEvent.inputType and .data) and the time.
 */

/** A pause longer than this between two inputs of one field starts a new undo step. */
export const TYPING_PAUSE_MS = 1000;

export interface TypingRun {
  kind: 'insert' | 'delete' | 'other';
  /** The step holds at least one typed character that is not white space. */
  word: boolean;
  /** The last character typed was white space (the next letter starts a new word). */
  afterSpace: boolean;
  /** When the last input of the run came (ms). */
  at: number;
}

export interface TypingInput {
  /** InputEvent.inputType ('insertText', 'deleteContentBackward', 'insertFromPaste'...); '' when the event had none. */
  inputType: string;
  /** InputEvent.data: the characters typed, when the browser gives them. */
  data: string | null;
}

/** Inputs that add typed text (a character, a line break, an input method's text). */
const TYPED = new Set(['insertText', 'insertCompositionText', 'insertLineBreak', 'insertParagraph']);

/** Whether this input starts a new undo step, and the run it continues or starts. */
export function nextTypingRun(run: TypingRun | null, input: TypingInput, now: number): { newStep: boolean; run: TypingRun } {
  const type = input.inputType;
  if (TYPED.has(type)) {
    const text = type === 'insertLineBreak' || type === 'insertParagraph' ? '\n' : (input.data ?? '');
    const letters = /\S/.test(text);
    const endsSpace = text.length > 0 ? /\s$/.test(text) : false;
    const continues = run !== null && run.kind === 'insert' && now - run.at <= TYPING_PAUSE_MS && !(letters && run.afterSpace && run.word);
    return {
      newStep: !continues,
      run: { kind: 'insert', word: (continues && run.word) || letters, afterSpace: text.length > 0 ? endsSpace : continues && run.afterSpace, at: now },
    };
  }
  if (type.startsWith('delete') && type !== 'deleteByCut' && type !== 'deleteByDrag') {
    const continues = run !== null && run.kind === 'delete' && now - run.at <= TYPING_PAUSE_MS;
    return { newStep: !continues, run: { kind: 'delete', word: false, afterSpace: false, at: now } };
  }
  // A paste, a drop, a cut, a correction, the browser's own undo, or an input of no known kind: a step of its own (the
  // next input starts another, since its kind differs).
  return { newStep: true, run: { kind: 'other', word: false, afterSpace: false, at: now } };
}
