import { useId, useRef, useState, type KeyboardEvent } from 'react';

export interface TemplateInputProps {
  id?: string;
  value: string;
  onChange: (value: string) => void;
  /** Variable names offered after `{{`. */
  variables: readonly string[];
  multiline?: boolean;
  placeholder?: string;
  describedBy?: string;
  invalid?: boolean;
  label?: string;
}

/** Text with `{{variable}}` autocompletion: typing `{{` lists the flow's variables; Enter or Tab inserts one. */
export function TemplateInput({ id, value, onChange, variables, multiline = true, placeholder, describedBy, invalid, label }: TemplateInputProps) {
  const ref = useRef<HTMLTextAreaElement & HTMLInputElement>(null);
  const listId = useId();
  const [query, setQuery] = useState<string | null>(null);
  const [active, setActive] = useState(0);

  const matches = query === null ? [] : variables.filter((v) => v.toLowerCase().startsWith(query.toLowerCase())).slice(0, 8);
  const open = query !== null && matches.length > 0;

  const refresh = (text: string, caret: number) => {
    const m = /\{\{\s*([\w.]*)$/.exec(text.slice(0, caret));
    setQuery(m ? m[1] : null);
    setActive(0);
  };

  const insert = (name: string) => {
    const el = ref.current;
    if (!el) return;
    const caret = el.selectionStart ?? value.length;
    const before = value.slice(0, caret).replace(/\{\{\s*[\w.]*$/, `{{${name}}}`);
    const after = value.slice(caret).replace(/^[\w.]*\s*\}\}/, '');
    onChange(before + after);
    setQuery(null);
    requestAnimationFrame(() => {
      el.focus();
      el.setSelectionRange(before.length, before.length);
    });
  };

  const onKeyDown = (e: KeyboardEvent) => {
    if (!open) return;
    if (e.key === 'ArrowDown') setActive((a) => (a + 1) % matches.length);
    else if (e.key === 'ArrowUp') setActive((a) => (a - 1 + matches.length) % matches.length);
    else if (e.key === 'Enter' || e.key === 'Tab') insert(matches[active]);
    else if (e.key === 'Escape') setQuery(null);
    else return;
    e.preventDefault();
    e.stopPropagation();
  };

  const common = {
    id,
    ref,
    value,
    placeholder,
    'aria-describedby': describedBy,
    'aria-invalid': invalid || undefined,
    'aria-autocomplete': 'list' as const,
    'aria-controls': open ? listId : undefined,
    'aria-expanded': open,
    'aria-label': label,
    role: 'combobox',
    onKeyDown,
    onBlur: () => setTimeout(() => setQuery(null), 120),
    onChange: (e: { target: { value: string; selectionStart: number | null } }) => {
      onChange(e.target.value);
      refresh(e.target.value, e.target.selectionStart ?? e.target.value.length);
    },
  };

  return (
    <div className="st-template">
      {multiline ? <textarea className="bt-textarea" rows={3} {...common} /> : <input className="bt-input" {...common} />}
      {open && (
        <ul className="st-autocomplete" role="listbox" id={listId} aria-label="Variables">
          {matches.map((name, i) => (
            <li
              key={name}
              role="option"
              aria-selected={i === active}
              onMouseDown={(e) => {
                e.preventDefault();
                insert(name);
              }}
            >
              <code>{`{{${name}}}`}</code>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
