import { useId, useRef, type ReactNode } from 'react';
import { useRefusedField } from './refusedFields';

export interface FieldProps {
  label: string;
  help?: string;
  error?: string | null;
  /** Receives the id the control must use, and the ids describing it (help, error). */
  children: (ids: { id: string; describedBy: string | undefined; invalid: boolean }) => ReactNode;
}

/** A labelled form row: label, control, one line of help and an inline error. */
export function Field({ label, help, error, children }: FieldProps) {
  const id = useId();
  const box = useRef<HTMLDivElement>(null);
  // A shown error means the typed value was refused: the studio says so in its header and problems list, and where.
  useRefusedField(label, error, box);
  const helpId = help ? `${id}-help` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [helpId, errorId].filter(Boolean).join(' ') || undefined;
  return (
    <div className="bt-field" ref={box}>
      <label className="bt-field-label" htmlFor={id}>
        {label}
      </label>
      {children({ id, describedBy, invalid: Boolean(error) })}
      {help && (
        <div className="bt-field-help" id={helpId}>
          {help}
        </div>
      )}
      {error && (
        <div className="bt-field-error" id={errorId} role="alert">
          {error}
        </div>
      )}
    </div>
  );
}
