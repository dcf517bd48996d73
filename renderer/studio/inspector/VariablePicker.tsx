/**
 * Session 48 (studio16, newcomer s47 N3): a variable field whose list opens on a click. The browser's own <datalist>
 * showed nothing on a click once the field held a name (it lists only names that match the text), and Condition's
 * rules listed only declared and system variables, not the ones the flow's questions ask for. This field lists the
 * flow's variables when it is clicked, on ArrowDown and while typing (all of them while the text is empty or one of
 * them exactly; else those that contain the text); typing any name still works. Not on focus alone: a new row's
 * field gets the focus, and the list would cover the fields below it.
 */
import { useEffect, useId, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';

export interface VariablePickerProps {
  value: string;
  options: readonly string[];
  onChange(text: string): void;
  id?: string;
  className?: string;
  placeholder?: string;
  'aria-label'?: string;
  'aria-invalid'?: boolean;
  'aria-describedby'?: string;
  /** Session 49 (studio17): the list's name for screen readers (default "The flow's variables"). */
  listLabel?: string;
  /** Which options the list shows for the text (default variableMatches). */
  matches?(text: string, options: readonly string[]): string[];
  /** How an option is shown in the list (default: its text). */
  optionLabel?(option: string): ReactNode;
}

/** The names the list shows for `text`. */
export function variableMatches(text: string, options: readonly string[]): string[] {
  const t = text.trim().toLowerCase();
  if (t === '' || options.some((o) => o.toLowerCase() === t)) return [...options];
  return options.filter((o) => o.toLowerCase().includes(t));
}

export function VariablePicker({ value, options, onChange, id, className, placeholder, listLabel = "The flow's variables", matches: matchesOf = variableMatches, optionLabel = (o) => o, ...aria }: VariablePickerProps) {
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const listId = `vp-${useId().replace(/:/g, '')}`;
  const list = useRef<HTMLUListElement>(null);
  const matches = open ? matchesOf(value, options) : [];
  // A long list (the time zones) opens at the current value, and the option chosen with the arrow keys stays in view.
  const at = active >= 0 ? active : matches.indexOf(value);
  useEffect(() => {
    if (!open || at < 0) return;
    const el = list.current?.children[at] as HTMLElement | undefined;
    el?.scrollIntoView?.({ block: 'nearest' });
  }, [open, at]);
  const shown = open && matches.length > 0;
  const pick = (name: string) => {
    onChange(name);
    setOpen(false);
    setActive(-1);
  };
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      if (!open) setOpen(true);
      const n = matchesOf(value, options).length;
      if (n > 0) setActive((a) => (e.key === 'ArrowDown' ? (a + 1) % n : (a - 1 + n) % n));
    } else if (e.key === 'Enter' && shown && active >= 0 && matches[active]) pick(matches[active]);
    else if (e.key === 'Escape' && shown) setOpen(false);
    else return;
    e.preventDefault();
    e.stopPropagation();
  };
  return (
    <div className={`st-template st-variable-picker${className ? ` ${className}` : ''}`}>
      <input
        id={id}
        className="bt-input"
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={shown}
        aria-controls={shown ? listId : undefined}
        aria-activedescendant={shown && active >= 0 ? `${listId}-${active}` : undefined}
        autoComplete="off"
        spellCheck={false}
        placeholder={placeholder}
        value={value}
        {...aria}
        onClick={() => setOpen(true)}
        onBlur={() => setTimeout(() => setOpen(false), 120)}
        onKeyDown={onKeyDown}
        onChange={(e) => {
          setOpen(true);
          setActive(-1);
          onChange(e.target.value);
        }}
      />
      {shown && (
        <ul className="st-autocomplete st-variable-list" role="listbox" id={listId} aria-label={listLabel} ref={list}>
          {matches.map((name, i) => (
            <li
              key={name}
              id={`${listId}-${i}`}
              role="option"
              aria-selected={i === active}
              data-current={name === value || undefined}
              onMouseDown={(e) => {
                e.preventDefault();
                pick(name);
              }}
            >
              {optionLabel(name)}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
