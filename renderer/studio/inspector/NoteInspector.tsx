import { frameColors } from '../../../shared/flow/edit/types';
import { useStudio, useStudioStore } from '../store/StudioStoreContext';

/** Edits a sticky note's text and colour. */
export function NoteInspector({ noteId }: { noteId: string }) {
  const store = useStudioStore();
  const note = useStudio((s) => ((s.flow as { notes?: { id: string; text: string; color: string }[] }).notes ?? []).find((n) => n.id === noteId));
  if (!note) return null;
  const dispatch = store.getState().dispatch;
  return (
    <div className="st-inspector-body">
      <div className="st-inspector-kind">Sticky note</div>
      <div className="bt-field">
        <label className="bt-field-label" htmlFor="note-text">
          Text
        </label>
        <textarea id="note-text" data-note-editor className="bt-textarea" rows={6} value={note.text} onChange={(e) => dispatch({ type: 'update_note', id: note.id, text: e.target.value }, { coalesceKey: `note:${note.id}`, label: 'Edit note' })} />
      </div>
      <div className="bt-field" role="radiogroup" aria-label="Colour">
        <span className="bt-field-label">Colour</span>
        <div className="st-inline">
          {frameColors.map((c) => (
            <button key={c} type="button" role="radio" aria-checked={note.color === c} aria-label={c} className="st-swatch" data-color={c} onClick={() => dispatch({ type: 'update_note', id: note.id, color: c })} />
          ))}
        </div>
      </div>
    </div>
  );
}
