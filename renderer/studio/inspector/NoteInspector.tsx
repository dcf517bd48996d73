import { frameColors } from '../../../shared/flow/edit/types';
import { Button } from '../../ui/Button';
import { useStudio, useStudioStore } from '../store/StudioStoreContext';

/** Edits a sticky note's text and colour. */
export function NoteInspector({ noteId }: { noteId: string }) {
  const store = useStudioStore();
  const note = useStudio((s) => ((s.flow as { notes?: { id: string; text: string; color: string }[] }).notes ?? []).find((n) => n.id === noteId));
  if (!note) return null;
  const dispatch = store.getState().dispatch;
  return (
    <div className="st-inspector-body" data-item-id={note.id}>
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

/** Edits a group's title and colour; "Ungroup" removes the frame and keeps the blocks. */
export function GroupInspector({ groupId }: { groupId: string }) {
  const store = useStudioStore();
  const group = useStudio((s) => ((s.flow as { groups?: { id: string; title: string; color: string; blockIds: string[] }[] }).groups ?? []).find((g) => g.id === groupId));
  if (!group) return null;
  const dispatch = store.getState().dispatch;
  return (
    <div className="st-inspector-body" data-item-id={group.id}>
      <div className="st-inspector-kind">Group</div>
      <p className="bt-field-help">{group.blockIds.length} blocks. Drag the frame to move them together.</p>
      <div className="bt-field">
        <label className="bt-field-label" htmlFor="group-title">
          Title
        </label>
        <input id="group-title" className="bt-input" value={group.title} onChange={(e) => dispatch({ type: 'update_group', id: group.id, title: e.target.value }, { coalesceKey: `group:${group.id}`, label: 'Rename group' })} />
      </div>
      <div className="bt-field" role="radiogroup" aria-label="Colour">
        <span className="bt-field-label">Colour</span>
        <div className="st-inline">
          {frameColors.map((c) => (
            <button key={c} type="button" role="radio" aria-checked={group.color === c} aria-label={c} className="st-swatch" data-color={c} onClick={() => dispatch({ type: 'update_group', id: group.id, color: c })} />
          ))}
        </div>
      </div>
      <Button onClick={() => dispatch({ type: 'ungroup', id: group.id }, { label: 'Ungroup' })}>Ungroup</Button>
    </div>
  );
}
