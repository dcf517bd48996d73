/**
 * Session 47 (studio15, newcomer s46 N12): undo while typing in the inspector and Flow settings.
 *
 * Before, Ctrl+Z in a field was the browser's own undo: it took back one character per press (Chromium, whatever the
 * typing speed), and each of those was a new edit of the flow merged into the typing step, so the canvas's Ctrl+Z then
 * took back whatever was left in one go. Now the flow's history is the only one:
 *  - typing is cut into steps as a text editor does (store/typingSteps.ts: a word, a pause of more than a second, a run
 *    of deletions, a paste; leaving the field or moving the caret ends the step), by sealing the store's last step
 *    before the input that starts a new one;
 *  - Ctrl+Z / Ctrl+Shift+Z / Ctrl+Y (and the field's context menu Undo / Redo) in a field undo and redo the flow's
 *    steps made in that field, one step per press, the caret put where the text changed. As before, a field's undo
 *    stays in the field: when the last step was made elsewhere (a block added, another field), the studio says so and
 *    Ctrl+Z outside the field undoes it;
 *  - a field showing text the studio refused (red, aria-invalid: not in the flow) keeps the browser's own undo.
 * Only the inspector's fields (`.st-inspector`: block inspector, notes, groups, Flow settings) are the flow's; the
 * palette's search, Find, the simulator and the top bar's rename box keep the browser's undo.
 */
import { useEffect } from 'react';
import type { StudioStore } from '../store/studioStore';
import { nextTypingRun, type TypingRun } from '../store/typingSteps';

const TEXT_INPUT_TYPES = new Set(['', 'text', 'search', 'url', 'email', 'tel', 'number', 'password']);
const CARET_KEYS = new Set(['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown', 'Home', 'End', 'PageUp', 'PageDown']);

type TextField = HTMLInputElement | HTMLTextAreaElement;

/** A text box of the inspector (the flow's fields), or null. */
export function flowTextField(target: EventTarget | null): TextField | null {
  const el = target as HTMLElement | null;
  if (!el || typeof el.closest !== 'function' || !el.closest('.st-inspector')) return null;
  if (el.tagName === 'TEXTAREA') return el as HTMLTextAreaElement;
  if (el.tagName === 'INPUT' && TEXT_INPUT_TYPES.has(((el as HTMLInputElement).getAttribute('type') ?? '').toLowerCase())) return el as HTMLInputElement;
  return null;
}

function undoKey(e: KeyboardEvent): 'undo' | 'redo' | null {
  if (!(e.ctrlKey || e.metaKey) || e.altKey) return null;
  const k = e.key.toLowerCase();
  if (k === 'z') return e.shiftKey ? 'redo' : 'undo';
  if (k === 'y' && !e.shiftKey) return 'redo';
  return null;
}

/** Where the caret goes after `before` became `after`: the end of what came back (undo of a deletion, redo of typing), else where text went. */
function caretAfter(before: string, after: string): number {
  let start = 0;
  while (start < before.length && start < after.length && before[start] === after[start]) start++;
  let end = 0;
  while (end < before.length - start && end < after.length - start && before[before.length - 1 - end] === after[after.length - 1 - end]) end++;
  return after.length - end;
}

export function useFieldUndo(store: StudioStore): void {
  useEffect(() => {
    /** The typing run of each field since the caret last moved (a missing run: the next input starts a step). */
    const runs = new WeakMap<Element, TypingRun>();
    /**
     * The history keys (`HistoryEntry.field`) of the steps typed in each field, with what the field belonged to then: the
     * inspector keeps its text boxes when another block (note, group) of the same kind is selected, and a box now showing
     * another block's text has none of the last one's steps.
     */
    const keys = new WeakMap<Element, { owner: string; keys: Set<string> }>();
    const ownerOf = (el: Element) => {
      const at = el.closest('[data-block-id], [data-item-id]');
      return at?.getAttribute('data-block-id') ?? at?.getAttribute('data-item-id') ?? '';
    };
    const keysOf = (el: Element): Set<string> | undefined => {
      const mine = keys.get(el);
      return mine && mine.owner === ownerOf(el) ? mine.keys : undefined;
    };
    let revisionBefore = -1;

    const onInputCapture = (e: Event) => {
      const el = flowTextField(e.target);
      if (!el) return;
      const input = e as InputEvent;
      const next = nextTypingRun(runs.get(el) ?? null, { inputType: typeof input.inputType === 'string' ? input.inputType : '', data: typeof input.data === 'string' ? input.data : null }, Date.now());
      runs.set(el, next.run);
      if (next.newStep) store.getState().seal();
      revisionBefore = store.getState().revision;
    };
    // After React's change handler (the store edit is made by then): which history key this field's typing went to.
    const onInput = (e: Event) => {
      const el = flowTextField(e.target);
      if (!el) return;
      const state = store.getState();
      const top = state.past[state.past.length - 1];
      if (state.revision !== revisionBefore && top?.field) {
        const set = keysOf(el) ?? new Set<string>();
        set.add(top.field);
        keys.set(el, { owner: ownerOf(el), keys: set });
      }
    };
    const endRun = (e: Event) => {
      const el = flowTextField(e.target);
      if (!el) return;
      runs.delete(el);
      if (e.type === 'focusout') store.getState().seal();
    };

    /** Undo or redo in a field: the flow's own step when it was typed here. True when the event is handled. */
    const step = (el: TextField, which: 'undo' | 'redo'): boolean => {
      // Text the studio refused is not in the flow: the browser's own undo takes it back.
      if (el.getAttribute('aria-invalid') === 'true') return false;
      const state = store.getState();
      runs.delete(el);
      const entry = which === 'undo' ? state.past[state.past.length - 1] : state.future[state.future.length - 1];
      const mine = keysOf(el);
      if (entry?.field && mine?.has(entry.field)) {
        const before = el.value;
        if (which === 'undo') state.undo();
        else state.redo();
        // React puts the flow's text in the field (and the caret at its end); the caret goes back where the text changed.
        setTimeout(() => {
          if (document.activeElement !== el || el.value === before) return;
          const at = caretAfter(before, el.value);
          try {
            el.setSelectionRange(at, at);
          } catch {
            // number inputs have no selection
          }
        }, 0);
      } else if (entry && !state.readOnly) {
        state.notify(
          which === 'undo'
            ? `Nothing typed in this field to undo. The last change, “${entry.label}”, was made elsewhere: press Escape to leave the field, then Ctrl+Z.`
            : `Nothing typed in this field to redo. The next change to redo, “${entry.label}”, was made elsewhere: press Escape to leave the field, then Ctrl+Shift+Z.`,
          'info',
        );
      }
      return true;
    };

    const onKeyDown = (e: KeyboardEvent) => {
      const el = flowTextField(e.target);
      if (!el) return;
      if (CARET_KEYS.has(e.key)) {
        runs.delete(el);
        return;
      }
      const which = undoKey(e);
      if (which && step(el, which)) e.preventDefault();
    };
    // The field's context menu (Undo / Redo) and any other way the browser's history is asked for.
    const onBeforeInput = (e: Event) => {
      const el = flowTextField(e.target);
      const type = (e as InputEvent).inputType;
      if (!el || (type !== 'historyUndo' && type !== 'historyRedo')) return;
      if (step(el, type === 'historyUndo' ? 'undo' : 'redo')) e.preventDefault();
    };

    window.addEventListener('input', onInputCapture, true);
    window.addEventListener('input', onInput);
    window.addEventListener('focusout', endRun, true);
    window.addEventListener('pointerdown', endRun, true);
    window.addEventListener('keydown', onKeyDown, true);
    window.addEventListener('beforeinput', onBeforeInput, true);
    return () => {
      window.removeEventListener('input', onInputCapture, true);
      window.removeEventListener('input', onInput);
      window.removeEventListener('focusout', endRun, true);
      window.removeEventListener('pointerdown', endRun, true);
      window.removeEventListener('keydown', onKeyDown, true);
      window.removeEventListener('beforeinput', onBeforeInput, true);
    };
  }, [store]);
}
