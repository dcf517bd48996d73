/**
 * The flow name in the editor's top bar, renamed in place (session 36, newcomer s35: it was a plain heading; Landbot
 * and Typebot users click the title to rename). Click it (or focus it and press Enter or F2): it becomes a text box
 * with the name selected. Enter or leaving the box saves (one undo step, "Rename flow"); Escape puts the name back.
 * A name the flow cannot have (empty, over 200 characters) is not saved: the box stays open with the reason under it,
 * and the studio's header counts it as a refused field; leaving the box then keeps the old name.
 * Read-only (another tab has the flow, a trashed flow...): the name is a plain heading. Session 39: a blank flow's
 * placeholder id (untitled-flow) follows the new name (shared/flow/flowId.ts idFollowingName).
 */
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { idFollowingName } from '../../../shared/flow/flowId';
import { useRefusedField } from '../../ui/refusedFields';
import { ShownDirection, withoutDirection } from '../../ui/ShownDirection';
import { useStudio, useStudioStore } from '../store/StudioStoreContext';

/** The same bound the flow schema and the set_flow_info edit hold (shared/flow/schema.ts name: 1..200). */
export const MAX_FLOW_NAME = 200;

/** Why `text` cannot be the flow's name, or null. */
export function flowNameProblem(text: string, current: string): string | null {
  const name = text.trim();
  if (name === '') return `A flow needs a name: type one, or press Escape to keep "${current}".`;
  if (name.length > MAX_FLOW_NAME) return `A flow name has at most ${MAX_FLOW_NAME} characters; this one has ${name.length}.`;
  return null;
}

export function FlowNameTitle() {
  const store = useStudioStore();
  const name = useStudio((s) => s.flow.name);
  const readOnly = useStudio((s) => s.readOnly);
  const [draft, setDraft] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const refocus = useRef(false);
  const error = draft === null ? null : flowNameProblem(draft, name);
  useRefusedField('Flow name', error);

  useEffect(() => {
    if (draft !== null) input.current?.select();
    else if (refocus.current) {
      refocus.current = false;
      button.current?.focus();
    }
    // Only when the box opens or closes.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [draft === null]);
  // Read-only while editing (another tab took the flow): the box closes without saving.
  useEffect(() => {
    if (readOnly) setDraft(null);
  }, [readOnly]);

  if (readOnly) return <h1 className="st-flow-name">{name}</h1>;

  const save = (): boolean => {
    if (draft === null) return true;
    if (flowNameProblem(draft, name)) return false;
    if (draft.trim() !== name) {
      // Session 39 (newcomer s39 N1): a blank flow's placeholder id ("untitled-flow") follows its name, in the same
      // undo step, so the export, the chat address and the inbox name it as the designer did.
      const id = idFollowingName(store.getState().flow.id, draft.trim());
      store.getState().dispatch({ type: 'set_flow_info', name: draft.trim(), ...(id ? { id } : {}) }, { label: 'Rename flow' });
    }
    setDraft(null);
    return true;
  };
  const onKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      refocus.current = true;
      if (!save()) refocus.current = false;
    } else if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      refocus.current = true;
      setDraft(null);
    }
  };

  if (draft === null) {
    return (
      <h1 className="st-flow-name">
        <button
          ref={button}
          type="button"
          className="st-flow-name-button"
          title="Rename the flow (click, or Enter)"
          aria-label={withoutDirection(`Flow name: ${name}. Rename`)}
          onClick={() => setDraft(name)}
          onKeyDown={(e) => {
            if (e.key === 'F2') {
              e.preventDefault();
              setDraft(name);
            }
          }}
        >
          {/* Newcomer s45 N3: a name with U+202E was drawn reversed, with no mark: shown as typed, the control marked. */}
          <ShownDirection text={name} />
        </button>
      </h1>
    );
  }
  return (
    <div className="st-flow-name-edit">
      <input
        ref={input}
        className="bt-input st-flow-name-input"
        aria-label="New flow name"
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? 'st-flow-name-error' : undefined}
        value={draft}
        size={Math.min(48, Math.max(12, draft.length + 2))}
        onChange={(e) => setDraft(e.target.value)}
        onKeyDown={onKey}
        onBlur={() => {
          if (!save()) setDraft(null); // leaving with a name the flow cannot have keeps the old one
        }}
      />
      {error && (
        <div className="st-flow-name-error" id="st-flow-name-error" role="alert">
          {error}
        </div>
      )}
    </div>
  );
}
