/**
 * One generated form control for one field of a block's data, chosen from the field's metadata
 * (`widget`) or, failing that, its zod type. Inline validation: a value the field's schema refuses is kept
 * in a local draft and explained under the field; only valid values become edits.
 */
import { Plus, Trash2 } from 'lucide-react';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import type { z } from 'zod';
import type { FieldMeta } from '../../../shared/flow/blocks/types';
import { ruleOperators } from '../../../shared/flow/schema';
import { ruleOperatorWords, type Rule } from '../../../shared/flow/blocks/fields';
import { ruleMeaningProblem } from '../../../shared/flow/rulePatternProblems';
import { builtinVariableNames } from '../../../shared/flow/builtinVariables';
import { VariablePicker } from './VariablePicker';
import { Button } from '../../ui/Button';
import { Field } from '../../ui/Field';
import { withoutDirection } from '../../ui/ShownDirection';
import { hasDirectionControl } from '../../../shared/flow/directionControls';
import { SettingsField } from './SettingsField';
import { TemplateInput } from './TemplateInput';
import { OpeningHoursEditor, WeeklyHoursEditor } from './WeeklyHoursEditor';
import { TimeZonePicker, timeZones } from './TimeZonePicker';
import type { OpeningHours } from '../../../shared/flow/schema';
import { clearFieldDraft, readFieldDraft, saveFieldDraft } from './fieldDrafts';
import { elementOf, enumValues, firstIssue, humanize, metaOf, shapeOf, typeOf, unwrap } from './zodInfo';

export interface EditorContext {
  variables: readonly string[];
  blocks: readonly { id: string; title: string }[];
  /** The flow's time zone (Flow settings > General): where new opening hours start. */
  timezone?: string;
  /** The variable the flow asked for last before the selected block (a new Condition rule starts on it). */
  lastAsked?: string | null;
  /**
   * Session 50 (studio18, newcomer s49 N10): a Condition's rules list is one field and its Match choice another: the word
   * that joins the rules (shown between them) and how to switch it. Absent: a list whose rules always join by "or"
   * (the escalation policy's urgency rules).
   */
  ruleJoin?: { word: 'and' | 'or'; set(word: 'and' | 'or'): void };
}

export interface FieldEditorProps {
  schema: z.ZodType;
  meta: FieldMeta;
  value: unknown;
  onChange: (value: unknown) => void;
  ctx: EditorContext;
  /** The field may be left out (the block registry unwraps `.optional()` before the schema reaches here). */
  optional?: boolean;
  /** The field may be null (the block registry unwraps `.nullable()` too): e.g. the takeover's Availability (null: any hour). */
  nullable?: boolean;
  /**
   * Where this field is, unique in the studio (`<flow id>:block:<id>:<path>`): text the field refuses is kept in this
   * browser under it and shown again when the field opens after the page was left (fieldDrafts.ts). None: not kept.
   */
  draftKey?: string;
  /**
   * In Flow settings: the JSON path of this field ("$.escalation.sensitiveTopics.topics"). A list of objects then
   * numbers its items ("Topic 3", as the problems name them) and marks each item and each item's field with its own
   * path, so a problem is shown, outlined and focused at the one part at fault (session 25, newcomer s24 #4, #5).
   */
  settingsPath?: string;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const SLACK = /^(#[a-z0-9][a-z0-9._-]*|[CGD][A-Z0-9]{6,})$/;

function listError(widget: string | undefined, items: string[]): string | null {
  if (widget === 'emails') {
    const bad = items.find((s) => !EMAIL.test(s));
    if (bad) return `“${bad}” is not an email address (name@example.com).`;
  }
  if (widget === 'slack_channels') {
    const bad = items.find((s) => !SLACK.test(s));
    if (bad) return `“${bad}” is not a Slack channel: use #channel-name or a channel id.`;
  }
  return null;
}

/** Lines a phrase list's box needs: about 30 characters a line in the settings column, new lines kept, 1 to 8. */
export function listRows(text: string): number {
  const lines = text.split('\n').reduce((n, line) => n + Math.max(1, Math.ceil(line.length / 30)), 0);
  return Math.min(8, Math.max(1, lines));
}

function splitList(text: string): string[] {
  return text
    .split(/[,\n]/)
    .map((s) => fromIsolate(s.trim()))
    .filter(Boolean);
}

/** First strong isolate and pop directional isolate (Unicode's bidi isolates). */
const FSI = '\u2068';
const PDI = '\u2069';

/**
 * Session 46 (studio10, retest-studio s45 L5): a list field (an option's synonyms, Flow settings' phrases) shows its items
 * joined ("a, b, c") in one box; a right-to-left override (U+202E) in the first item reversed the rest of the box, the
 * later items included ("wob ,tneserp ,ti parw"). Each item holding a direction character is shown inside its own
 * isolate (U+2068 ... U+2069), which ends any override begun in it, so only that item is drawn reordered (as the warning
 * under the field says). `fromIsolate` takes the pair off again when the box is read, so the flow keeps what was typed.
 */
export function isolatedItem(item: string): string {
  return hasDirectionControl(item) ? `${FSI}${item}${PDI}` : item;
}
export function fromIsolate(item: string): string {
  // Each end on its own: a comma typed inside an isolated item splits the pair between two items.
  const start = item.startsWith(FSI) ? 1 : 0;
  const end = item.length > start && item.endsWith(PDI) ? item.length - 1 : item.length;
  return item.slice(start, end).trim();
}
/** A list as its box shows it: "a, b", each item with a direction character isolated. */
export function shownList(items: readonly string[]): string {
  return items.map(isolatedItem).join(', ');
}

/** Resolves the widget: metadata first, then the zod type. */
export function widgetOf(schema: z.ZodType, meta: FieldMeta | undefined): string {
  if (meta?.widget) return meta.widget;
  const t = typeOf(schema);
  if (t === 'string') return 'text';
  if (t === 'number' || t === 'int') return 'number';
  if (t === 'boolean') return 'switch';
  if (t === 'enum' || t === 'literal') return 'select';
  if (t === 'record') return 'key_value';
  if (t === 'object') return 'object';
  if (t === 'array') {
    const el = elementOf(schema);
    return el && typeOf(el) === 'string' ? 'tags' : 'list';
  }
  return 'json';
}

export function FieldEditor({ schema, meta, value, onChange, ctx, optional, nullable: mayBeNull, draftKey, settingsPath }: FieldEditorProps) {
  const widget = widgetOf(schema, meta);
  const [draft, setDraft] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  /** The draft was typed before the page was left, and restored from this browser. */
  const [restored, setRestored] = useState(false);
  const { nullable } = unwrap(schema);

  // Refused text typed before the page was left (or reloaded) comes back, still red, still not saved.
  useEffect(() => {
    if (!draftKey) return;
    const saved = readFieldDraft(draftKey);
    if (!saved) return;
    const current = Array.isArray(value) ? shownList(value as string[]) : value === null || value === undefined ? '' : String(value);
    // Saved since (the same text), or text the field accepts now: nothing to restore.
    const acceptedNow = (widget === 'text' || widget === 'textarea' || widget === 'template') && firstIssue(schema, saved.text) === null;
    if (saved.text === current || acceptedNow) {
      clearFieldDraft(draftKey);
      return;
    }
    setDraft(saved.text);
    setError(saved.error);
    setRestored(true);
    // Only when the field opens: later edits go through commit().
  }, [draftKey]);

  /** Validate then commit; keep the draft and say why when invalid. */
  const commit = (text: string, parsed: unknown, extraError: string | null = null) => {
    const problem = extraError ?? (parsed === undefined && (optional ?? unwrap(schema).optional) ? null : firstIssue(schema, parsed));
    if (problem) {
      setDraft(text);
      setError(problem);
      // An emptied box holds nothing to lose.
      if (draftKey && text.trim() !== '') saveFieldDraft(draftKey, text, problem);
      return;
    }
    setDraft(null);
    setError(null);
    setRestored(false);
    if (draftKey) clearFieldDraft(draftKey);
    onChange(parsed);
  };

  const discard = () => {
    if (draftKey) clearFieldDraft(draftKey);
    setDraft(null);
    setError(null);
    setRestored(false);
  };

  const field = (control: (ids: { id: string; describedBy: string | undefined; invalid: boolean }) => ReactNode) => (
    <>
      <Field label={meta.title} help={meta.help} error={error}>
        {control}
      </Field>
      {restored && error && <RestoredNote label={meta.title} onDiscard={discard} />}
    </>
  );

  switch (widget) {
    case 'switch':
      return (
        <div className="bt-field">
          <label className="bt-check">
            <input type="checkbox" checked={Boolean(value)} onChange={(e) => onChange(e.target.checked)} />
            <span>
              <span className="bt-field-label">{meta.title}</span>
              {meta.help && <span className="bt-field-help" style={{ display: 'block' }}>{meta.help}</span>}
            </span>
          </label>
        </div>
      );
    case 'number':
      return field(({ id, describedBy, invalid }) => (
        <input
          id={id}
          className="bt-input"
          type="number"
          inputMode="decimal"
          aria-describedby={describedBy}
          aria-invalid={invalid || undefined}
          placeholder={meta.placeholder}
          value={draft ?? (value === null || value === undefined ? '' : String(value))}
          onChange={(e) => {
            const text = e.target.value;
            // Session 27 (convo): an optional number emptied goes back to its default (the placeholder says which).
            if (text.trim() === '') return commit(text, nullable ? null : undefined, nullable || (optional ?? unwrap(schema).optional) ? null : 'Enter a number.');
            commit(text, Number(text));
          }}
        />
      ));
    case 'select': {
      const values = enumValues(schema);
      const choice = meta.choices?.[String(value)];
      return (
        <Field label={meta.title} help={choice?.help ?? meta.help} error={error}>
          {({ id, describedBy }) => (
            <select
              id={id}
              className="bt-select"
              aria-describedby={describedBy}
              value={String(value ?? '')}
              onChange={(e) => (e.target.value === '' ? commit('', undefined) : commit(e.target.value, e.target.value))}
            >
              {/* An optional choice with no default (e.g. Question > Take from the conversation) can be left empty. */}
              {(optional ?? unwrap(schema).optional) && <option value="">{meta.placeholder ?? '(none)'}</option>}
              {values.map((v) => (
                <option key={v} value={v}>
                  {meta.choices?.[v]?.label ?? humanize(v)}
                </option>
              ))}
            </select>
          )}
        </Field>
      );
    }
    case 'template':
      return field(({ id, describedBy, invalid }) => (
        <TemplateInput
          id={id}
          describedBy={describedBy}
          invalid={invalid}
          value={draft ?? String(value ?? '')}
          variables={ctx.variables}
          placeholder={meta.placeholder}
          multiline={typeOf(schema) === 'string'}
          onChange={(text) => commit(text, text)}
        />
      ));
    case 'textarea':
      return field(({ id, describedBy, invalid }) => (
        <textarea
          id={id}
          className="bt-textarea"
          rows={3}
          aria-describedby={describedBy}
          aria-invalid={invalid || undefined}
          placeholder={meta.placeholder}
          value={draft ?? String(value ?? '')}
          onChange={(e) => commit(e.target.value, e.target.value)}
        />
      ));
    case 'variable':
    case 'block':
    case 'timezone': {
      const options =
        widget === 'variable'
          ? ctx.variables.map((v) => ({ value: v, label: v }))
          : widget === 'block'
            ? ctx.blocks.map((b) => ({ value: b.id, label: withoutDirection(`${b.title} (${b.id})`) }))
            : timeZones().map((z) => ({ value: z, label: z }));
      const listId = `dl-${meta.title.replace(/\W/g, '')}-${widget}`;
      // Session 49 (studio17, newcomer s47 N7): time zones from a list with search (TimeZonePicker.tsx), not a <datalist>.
      if (widget === 'timezone') {
        return field(({ id, describedBy, invalid }) => (
          <TimeZonePicker
            id={id}
            aria-describedby={describedBy}
            aria-invalid={invalid || undefined}
            placeholder={meta.placeholder ?? 'Europe/London'}
            value={draft ?? String(value ?? '')}
            onChange={(text) => {
              const parsed = text === '' && unwrap(schema).optional ? undefined : text;
              const known = text && !timeZones().includes(text) ? `“${text}” is not a time zone this computer knows (e.g. Europe/Paris).` : null;
              commit(text, parsed, known);
            }}
          />
        ));
      }
      if (widget === 'variable') {
        return field(({ id, describedBy, invalid }) => (
          <VariablePicker
            id={id}
            aria-describedby={describedBy}
            aria-invalid={invalid || undefined}
            placeholder={meta.placeholder ?? 'variableName'}
            value={draft ?? String(value ?? '')}
            options={ctx.variables}
            onChange={(text) => commit(text, text === '' && unwrap(schema).optional ? undefined : text)}
          />
        ));
      }
      return field(({ id, describedBy, invalid }) => (
        <>
          <input
            id={id}
            className="bt-input"
            list={listId}
            aria-describedby={describedBy}
            aria-invalid={invalid || undefined}
            placeholder={meta.placeholder ?? 'block id'}
            value={draft ?? String(value ?? '')}
            onChange={(e) => {
              const text = e.target.value;
              const parsed = text === '' && unwrap(schema).optional ? undefined : text;
              commit(text, parsed);
            }}
          />
          <datalist id={listId}>
            {options.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </datalist>
        </>
      ));
    }
    case 'tags':
    case 'emails':
    case 'slack_channels': {
      // Phrase lists grow with their text (newcomer s7 #19: "refund, money back, reim..." was cut off in a one-line box
      // in the narrow settings column): a text box of as many lines as the list needs (at most 8, then it scrolls).
      // Commas or new lines separate the items. E-mail and channel lists stay one line.
      const shown = draft ?? (Array.isArray(value) ? shownList(value as string[]) : '');
      const Control = widget === 'tags' ? 'textarea' : 'input';
      return field(({ id, describedBy, invalid }) => (
        <Control
          id={id}
          className={widget === 'tags' ? 'bt-input st-list-box' : 'bt-input'}
          {...(widget === 'tags' ? { rows: listRows(shown) } : {})}
          aria-describedby={describedBy}
          aria-invalid={invalid || undefined}
          placeholder={meta.placeholder ?? 'Separate with commas'}
          value={shown}
          onChange={(e: { target: { value: string } }) => {
            const items = splitList(e.target.value);
            commit(e.target.value, items, listError(widget, items));
            // The text stays as typed while the field has focus: shown from the saved list, the comma or space just
            // typed at the end was dropped at once, so a second phrase or a two-word one could not be typed
            // (newcomer s6 #1). The list is shown tidied ("a, b") when the field is left.
            setDraft(e.target.value);
          }}
          onBlur={() => {
            if (!error) setDraft(null);
          }}
        />
      ));
    }
    case 'rules':
      return <RulesEditor meta={meta} value={value as { combinator?: string; rules?: unknown[] } | unknown[]} onChange={onChange} ctx={ctx} />;
    case 'key_value':
      return <KeyValueEditor meta={meta} value={(value ?? {}) as Record<string, string>} onChange={onChange} />;
    case 'opening_hours': {
      // Session 47 (studio14, newcomer s46 N6): the week as a grid of days (WeeklyHoursEditor.tsx).
      const shape = shapeOf(schema) ?? {};
      if ('mon' in shape) return <WeeklyHoursEditor meta={meta} value={value} onChange={onChange} />;
      if ('weekly' in shape) {
        return (
          <OpeningHoursEditor
            meta={meta}
            value={value as OpeningHours | null | undefined}
            nullable={nullable || Boolean(mayBeNull)}
            timezone={ctx.timezone ?? 'UTC'}
            onChange={onChange}
            fields={(hours) => <ObjectFields schema={schema} value={hours as unknown as Record<string, unknown>} onChange={onChange} ctx={ctx} draftKey={draftKey} />}
          />
        );
      }
      return <ObjectEditor schema={schema} meta={meta} value={(value ?? {}) as Record<string, unknown>} onChange={onChange} ctx={ctx} draftKey={draftKey} />;
    }
    case 'object': {
      if (nullable) {
        return (
          <NullableObject schema={schema} meta={meta} value={value} onChange={onChange} ctx={ctx} draftKey={draftKey} />
        );
      }
      return <ObjectEditor schema={schema} meta={meta} value={(value ?? {}) as Record<string, unknown>} onChange={onChange} ctx={ctx} draftKey={draftKey} />;
    }
    case 'list':
      return <ListEditor schema={schema} meta={meta} value={(value ?? []) as unknown[]} onChange={onChange} ctx={ctx} settingsPath={settingsPath} />;
    case 'text':
    default:
      if (typeOf(schema) !== 'string') return <JsonEditor schema={schema} meta={meta} value={value} onChange={onChange} />;
      return field(({ id, describedBy, invalid }) => (
        <input
          id={id}
          className="bt-input"
          aria-describedby={describedBy}
          aria-invalid={invalid || undefined}
          placeholder={meta.placeholder}
          value={draft ?? String(value ?? '')}
          onChange={(e) => {
            const text = e.target.value;
            commit(text, text === '' && unwrap(schema).optional ? undefined : text);
          }}
        />
      ));
  }
}

/** Under a field whose refused text came back from this browser: says so, and offers to drop it. */
function RestoredNote({ label, onDiscard }: { label: string; onDiscard(): void }) {
  return (
    <p className="bt-field-help st-restored-draft" role="note">
      This is what you typed before leaving the page; it is kept in this browser and is not in the flow until the red error is fixed.{' '}
      <button type="button" className="st-link-button" aria-label={`Discard what I typed in “${label}”`} onClick={onDiscard}>
        Discard it
      </button>
    </p>
  );
}

function subMeta(key: string, schema: z.ZodType): FieldMeta {
  return metaOf(schema) ?? { title: humanize(key) };
}

function ObjectEditor({ schema, meta, value, onChange, ctx, draftKey }: FieldEditorProps & { value: Record<string, unknown> }) {
  return (
    <fieldset className="st-fieldset">
      <legend>{meta.title}</legend>
      {meta.help && <p className="bt-field-help">{meta.help}</p>}
      <ObjectFields schema={schema} value={value} onChange={onChange} ctx={ctx} draftKey={draftKey} />
    </fieldset>
  );
}

/** An object's fields, each with its own editor. */
function ObjectFields({ schema, value, onChange, ctx, draftKey }: Pick<FieldEditorProps, 'schema' | 'onChange' | 'ctx' | 'draftKey'> & { value: Record<string, unknown> }) {
  const shape = shapeOf(schema) ?? {};
  return (
    <>
      {Object.entries(shape).map(([key, sub]) => {
        const m = subMeta(key, sub);
        if (m.hidden) return null;
        return <FieldEditor key={key} schema={sub} meta={m} value={value[key]} ctx={ctx} draftKey={draftKey && `${draftKey}.${key}`} onChange={(v) => onChange({ ...value, [key]: v })} />;
      })}
    </>
  );
}

function NullableObject({ schema, meta, value, onChange, ctx, draftKey }: FieldEditorProps) {
  const inner = unwrap(schema).schema;
  const on = value !== null && value !== undefined;
  return (
    <div className="bt-field">
      <label className="bt-check">
        <input
          type="checkbox"
          checked={on}
          onChange={(e) => {
            if (!e.target.checked) return onChange(null);
            const parsed = inner.safeParse({});
            onChange(parsed.success ? parsed.data : {});
          }}
        />
        <span>
          <span className="bt-field-label">{meta.title}</span>
          {meta.help && <span className="bt-field-help" style={{ display: 'block' }}>{meta.help}</span>}
        </span>
      </label>
      {on && <ObjectEditor schema={inner} meta={{ ...meta, help: undefined }} value={value as Record<string, unknown>} onChange={onChange} ctx={ctx} draftKey={draftKey} />}
    </div>
  );
}

/** "Topics" -> "Topic", "Entries" -> "Entry": the word for one item of a list, from the list's title. */
function itemWord(title: string): string {
  const w = title.trim();
  if (/ies$/i.test(w)) return w.replace(/ies$/i, 'y');
  if (/(ss|us)$/i.test(w)) return w;
  return w.replace(/s$/i, '') || 'Item';
}

/**
 * A new, valid item for a list of objects: the schema's defaults, empty text where empty text is allowed, and
 * for a required name-like text a unique placeholder ("Topic 2") the designer then edits. Null when no valid
 * item can be made (the caller says so next to the button instead of sending an edit the flow would refuse).
 */
export function newListItem(el: z.ZodType, title: string, existing: readonly unknown[]): unknown | null {
  const shape = shapeOf(el) ?? {};
  const fromDefaults = el.safeParse({});
  if (fromDefaults.success) return fromDefaults.data;
  const item: Record<string, unknown> = {};
  for (const [key, sub] of Object.entries(shape)) {
    const alone = sub.safeParse(undefined);
    if (alone.success) {
      if (alone.data !== undefined) item[key] = alone.data;
      continue;
    }
    if (typeOf(sub) !== 'string') continue;
    if (sub.safeParse('').success) {
      item[key] = '';
      continue;
    }
    // Session 32 (newcomer s32 #2): a field with a rule (an opening time, HH:MM) starts at its placeholder when that
    // passes ("09:00" to "17:00"): "+ Add" on a day's opening hours said "cannot be made here; edit the flow file".
    const example = metaOf(sub)?.placeholder;
    if (example !== undefined && sub.safeParse(example).success) {
      item[key] = example;
      continue;
    }
    const taken = new Set(existing.map((x) => (x && typeof x === 'object' ? String((x as Record<string, unknown>)[key] ?? '') : '')));
    const word = itemWord(title);
    let n = existing.length + 1;
    while (taken.has(`${word} ${n}`)) n++;
    item[key] = `${word} ${n}`;
  }
  const parsed = el.safeParse(item);
  return parsed.success ? parsed.data : null;
}

function ListEditor({ schema, meta, value, onChange, ctx, settingsPath }: FieldEditorProps & { value: unknown[] }) {
  const el = elementOf(schema);
  const shape = el ? shapeOf(el) : null;
  const listRef = useRef<HTMLFieldSetElement>(null);
  const [focusItem, setFocusItem] = useState<number | null>(null);
  const [addError, setAddError] = useState<string | null>(null);
  useEffect(() => {
    if (focusItem === null) return;
    const row = listRef.current?.querySelectorAll<HTMLElement>('.st-list-item')[focusItem];
    const input = row?.querySelector<HTMLInputElement>('input, textarea');
    if (input) {
      input.focus();
      input.select?.();
    }
    setFocusItem(null);
  }, [focusItem, value.length]);
  if (!el || !shape) return <JsonEditor schema={schema} meta={meta} value={value} onChange={onChange} />;
  const word = itemWord(meta.title);
  return (
    <fieldset className="st-fieldset" ref={listRef}>
      <legend>{meta.title}</legend>
      {meta.help && <p className="bt-field-help">{meta.help}</p>}
      {value.map((item, i) => {
        const fields = Object.entries(shape).map(([key, sub]) => {
          const editor = (
            <FieldEditor
              key={key}
              schema={sub}
              meta={subMeta(key, sub)}
              value={(item as Record<string, unknown>)[key]}
              ctx={ctx}
              onChange={(v) => onChange(value.map((x, j) => (j === i ? { ...(x as object), [key]: v } : x)))}
            />
          );
          return settingsPath ? (
            <SettingsField key={key} path={`${settingsPath}[${i}].${key}`}>
              {editor}
            </SettingsField>
          ) : (
            editor
          );
        });
        const remove = (
          <Button size="icon" variant="ghost" aria-label={`Remove ${word.toLowerCase()} ${i + 1}`} onClick={() => onChange(value.filter((_, j) => j !== i))}>
            <Trash2 size={14} />
          </Button>
        );
        if (!settingsPath) {
          return (
            <div key={i} className="st-list-item" data-item={i + 1}>
              <div className="st-list-fields">{fields}</div>
              {remove}
            </div>
          );
        }
        // Numbered as the problems name them ("Sensitive topics 1 and 10 are both called..."): newcomer s24 #5.
        return (
          <SettingsField key={i} path={`${settingsPath}[${i}]`} nested className="st-list-item st-list-item-numbered" label={`${word} ${i + 1}`} item={i + 1}>
            <div className="st-list-head">
              <span className="st-list-number" aria-hidden>
                {word} {i + 1}
              </span>
              {remove}
            </div>
            <div className="st-list-fields">{fields}</div>
          </SettingsField>
        );
      })}
      <Button
        size="sm"
        aria-label={`Add ${word.toLowerCase()}`}
        onClick={() => {
          const item = newListItem(el, meta.title, value);
          if (item === null) {
            setAddError(`A new ${word.toLowerCase()} cannot be made here; edit the flow file instead.`);
            return;
          }
          setAddError(null);
          onChange([...value, item]);
          setFocusItem(value.length);
        }}
      >
        <Plus size={14} /> Add
      </Button>
      {addError && (
        <p className="bt-field-error" role="alert">
          {addError}
        </p>
      )}
    </fieldset>
  );
}

/** Rule operators in words (newcomer s6 #18: "gte", "eq" were shown as codes); the canvas uses the same words. */
const OPERATOR_WORDS: Record<string, string> = ruleOperatorWords;

function RulesEditor({ meta, value, onChange, ctx }: { meta: FieldMeta; value: { combinator?: string; rules?: unknown[] } | unknown[]; onChange: (v: unknown) => void; ctx: EditorContext }) {
  const isGroup = !Array.isArray(value);
  const rules = ((isGroup ? (value as { rules?: unknown[] })?.rules : value) ?? []) as { variable: string; op: string; value?: unknown }[];
  const emit = (next: typeof rules, combinator?: string) =>
    onChange(isGroup ? { ...(value as object), combinator: combinator ?? (value as { combinator?: string }).combinator ?? 'and', rules: next } : next);
  // A rule needs a variable: an emptied name box stays a local draft, explained under the rule, until it names one.
  const [varDrafts, setVarDrafts] = useState<Record<number, string>>({});
  const combinator: 'and' | 'or' = isGroup ? ((value as { combinator?: string }).combinator === 'or' ? 'or' : 'and') : (ctx.ruleJoin?.word ?? 'or');
  const switchable = isGroup || ctx.ruleJoin !== undefined;
  const switchJoin = () => {
    const next = combinator === 'and' ? 'or' : 'and';
    if (isGroup) emit(rules, next);
    else ctx.ruleJoin?.set(next);
  };
  const meanings = rules.map((r, i) => ruleMeaningProblem(r as Rule, `Rule ${i + 1}`));
  const meaningOf = (_r: unknown, i: number) => meanings[i];
  return (
    <fieldset className="st-fieldset">
      <legend>{meta.title}</legend>
      {meta.help && <p className="bt-field-help">{meta.help}</p>}
      {isGroup && (
        <label className="st-inline">
          Match
          <select className="bt-select" value={(value as { combinator?: string }).combinator ?? 'and'} onChange={(e) => emit(rules, e.target.value)} aria-label="Combinator">
            <option value="and">all rules (and)</option>
            <option value="or">any rule (or)</option>
          </select>
        </label>
      )}
      {rules.map((r, i) => [
        // Session 50 (studio18, newcomer s49 N10): with two rules or more, the word that joins them stands between each
        // two ("and" / "or", as the canvas reads them), so a rule's three fields are not run into the next one's. In a
        // Condition it is the Match choice, and a click on it switches it for every rule; urgency rules are always "or".
        i > 0 && (
          <div key={`join-${i}`} className="st-rule-join" data-testid="rule-join">
            {switchable ? (
              <button
                type="button"
                className="st-rule-join-word"
                aria-label={`Rules joined by “${combinator}”: switch to “${combinator === 'and' ? 'or' : 'and'}” (${combinator === 'and' ? 'any rule' : 'every rule'} must hold)`}
                title={combinator === 'and' ? 'Every rule must hold. Click for “or”: any one rule is enough.' : 'Any one rule is enough. Click for “and”: every rule must hold.'}
                onClick={switchJoin}
              >
                {combinator}
              </button>
            ) : (
              <span className="st-rule-join-word" title="Any one of these rules is enough">
                or
              </span>
            )}
          </div>
        ),
        <div key={i} className="st-rule" data-rule={i + 1}>
          <span className="st-rule-number" aria-hidden="true">
            Rule {i + 1}
          </span>
          <VariablePicker
            className="st-rule-var"
            options={ctx.variables}
            placeholder="Choose a variable"
            aria-label={`Rule ${i + 1} variable`}
            aria-invalid={varDrafts[i] !== undefined || undefined}
            aria-describedby={varDrafts[i] !== undefined ? `st-rule-error-${i}` : undefined}
            value={varDrafts[i] ?? r.variable}
            onChange={(text) => {
              if (!text.trim()) return setVarDrafts((d) => ({ ...d, [i]: text }));
              setVarDrafts(({ [i]: _, ...rest }) => rest);
              emit(rules.map((x, j) => (j === i ? { ...x, variable: text.trim() } : x)));
            }}
          />
          <select className="bt-select st-rule-op" aria-label={`Rule ${i + 1} operator`} value={r.op} onChange={(e) => emit(rules.map((x, j) => (j === i ? { ...x, op: e.target.value } : x)))}>
            {ruleOperators.map((op) => (
              <option key={op} value={op}>
                {OPERATOR_WORDS[op] ?? op.replace(/_/g, ' ')}
              </option>
            ))}
          </select>
          <input
            className="bt-input st-rule-value"
            aria-label={`Rule ${i + 1} value`}
            value={r.value === undefined || r.value === null ? '' : String(r.value)}
            onChange={(e) => {
              const t = e.target.value;
              const v = t === '' ? undefined : t === 'true' ? true : t === 'false' ? false : /^-?\d+(\.\d+)?$/.test(t) ? Number(t) : t;
              emit(rules.map((x, j) => (j === i ? { ...x, value: v } : x)));
            }}
          />
          <Button
            size="icon"
            variant="ghost"
            className="st-rule-remove"
            aria-label={`Remove rule ${i + 1}`}
            onClick={() => {
              setVarDrafts({});
              emit(rules.filter((_, j) => j !== i));
            }}
          >
            <Trash2 size={14} />
          </Button>
          {/* Session 50 (studio18, hostile s49 L6): a rule that can never work as meant says so here, in validation's words. */}
          {meaningOf(r, i) && varDrafts[i] === undefined && (
            <div className={`bt-field-help st-rule-error st-rule-warning${meaningOf(r, i)!.severity === 'error' ? ' st-rule-meaning-error' : ''}`} role="status" data-code={meaningOf(r, i)!.code}>
              {meaningOf(r, i)!.message} {meaningOf(r, i)!.hint}
            </div>
          )}
          {!meaningOf(r, i) && !['exists', 'not_exists'].includes(r.op) && (r.value === undefined || r.value === null || r.value === '') && varDrafts[i] === undefined && (
            <div className="bt-field-help st-rule-error st-rule-warning" role="status">
              Rule {i + 1} has no value: it compares {r.variable} with nothing, so it never matches. Type a value, or remove the rule.
            </div>
          )}
          {varDrafts[i] !== undefined && (
            <div className="bt-field-error st-rule-error" id={`st-rule-error-${i}`} role="alert">
              Rule {i + 1} needs a variable name; the rule keeps “{r.variable}” until you type one.
            </div>
          )}
        </div>,
      ])}
      {/* Session 48 (studio16, newcomer s47 N3): a new rule starts on the variable the flow asked for last before this
          block, else the flow's first own variable; with none, on an empty picker (a draft until a name is chosen),
          never on the system variable agentName. */}
      <Button
        size="sm"
        onClick={() => {
          const start = ctx.lastAsked ?? ctx.variables.find((v) => !(builtinVariableNames as readonly string[]).includes(v));
          if (start) return emit([...rules, { variable: start, op: 'eq', value: '' }]);
          setVarDrafts((d) => ({ ...d, [rules.length]: '' }));
          emit([...rules, { variable: 'variable', op: 'eq', value: '' }]);
        }}
      >
        <Plus size={14} /> Add rule
      </Button>
    </fieldset>
  );
}

function KeyValueEditor({ meta, value, onChange }: { meta: FieldMeta; value: Record<string, string>; onChange: (v: unknown) => void }) {
  const entries = Object.entries(value);
  return (
    <fieldset className="st-fieldset">
      <legend>{meta.title}</legend>
      {meta.help && <p className="bt-field-help">{meta.help}</p>}
      {entries.map(([k, v], i) => (
        <div key={i} className="st-rule">
          <input className="bt-input" aria-label={`Name ${i + 1}`} value={k} onChange={(e) => onChange(Object.fromEntries(entries.map(([kk, vv], j) => (j === i ? [e.target.value, vv] : [kk, vv]))))} />
          <input className="bt-input" aria-label={`Value ${i + 1}`} value={v} onChange={(e) => onChange({ ...value, [k]: e.target.value })} />
          <Button size="icon" variant="ghost" aria-label={`Remove ${k}`} onClick={() => onChange(Object.fromEntries(entries.filter((_, j) => j !== i)))}>
            <Trash2 size={14} />
          </Button>
        </div>
      ))}
      <Button size="sm" onClick={() => onChange({ ...value, [`X-Header-${entries.length + 1}`]: '' })}>
        <Plus size={14} /> Add header
      </Button>
    </fieldset>
  );
}

function JsonEditor({ schema, meta, value, onChange }: { schema: z.ZodType; meta: FieldMeta; value: unknown; onChange: (v: unknown) => void }) {
  const [draft, setDraft] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  return (
    <Field label={meta.title} help={meta.help ?? 'JSON'} error={error}>
      {({ id, describedBy, invalid }) => (
        <textarea
          id={id}
          className="bt-textarea bt-mono"
          aria-describedby={describedBy}
          aria-invalid={invalid || undefined}
          value={draft ?? JSON.stringify(value ?? null, null, 2)}
          onChange={(e) => {
            setDraft(e.target.value);
            try {
              const parsed = JSON.parse(e.target.value);
              const issue = firstIssue(schema, parsed);
              setError(issue);
              if (!issue) onChange(parsed);
            } catch (err) {
              setError(`Not valid JSON: ${(err as Error).message}`);
            }
          }}
        />
      )}
    </Field>
  );
}
