/**
 * The saved / saving / unsaved indicator for the editor's toolbar. Offline and error states say what
 * happened and that nothing is lost; the title attribute carries the hint.
 */
import { CloudAlert, CloudCheck, CloudOff, CloudUpload, LoaderCircle } from 'lucide-react';
import type { PersistenceState } from './flowPersistence';
import './saveStatus.css';

const labels: Record<PersistenceState['status'], string> = {
  saved: 'Saved',
  saving: 'Saving…',
  unsaved: 'Unsaved changes',
  offline: 'Offline: edits kept in this browser',
  error: 'Not saved',
};

export function SaveStatus({ status, error, hint, lastSavedAt }: Pick<PersistenceState, 'status' | 'error' | 'hint' | 'lastSavedAt'>) {
  const Icon = status === 'saved' ? CloudCheck : status === 'saving' ? LoaderCircle : status === 'unsaved' ? CloudUpload : status === 'offline' ? CloudOff : CloudAlert;
  const title = [error, hint, status === 'saved' && lastSavedAt ? `Last saved ${new Date(lastSavedAt).toLocaleTimeString()}` : ''].filter(Boolean).join(' ');
  return (
    <span className="bt-save-status" data-status={status} role="status" aria-live="polite" title={title || undefined}>
      <Icon size={14} aria-hidden className={status === 'saving' ? 'bt-spin' : undefined} />
      <span>{labels[status]}</span>
    </span>
  );
}
