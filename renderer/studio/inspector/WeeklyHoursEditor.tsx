/**
 * Session 47 (studio14, newcomer s46 N6): opening hours as a week grid. Before, each day was a ~300 px card of free-text
 * HH:MM boxes, each with its own help, one "Add" click per day (Mon-Fri 09:00-17:00 took five clicks and a 1,500 px
 * inspector). Now one row per day, as Chatwoot's and Landbot's business hours: an open / closed switch, the opening and
 * closing time as time inputs (the simulator's clock uses the same), more openings a day ("Add an opening": a lunch
 * break), and "Copy Monday to weekdays" / "to all days". The stored format is unchanged (`weekly.mon: [{from, to}]`,
 * '24:00' for midnight, which a time input shows as 00:00); a time not complete yet stays in its box, is not stored, and
 * is counted as a refused field until it is.
 *
 * `OpeningHoursEditor` is a whole opening-hours object (time zone, week, closed dates); when it may be null (the Human
 * takeover's Availability: none = people answer at any hour) it first asks which: the empty week it showed for null
 * read as "closed every day" while the chat was open at all hours.
 */
import { Plus, Trash2 } from 'lucide-react';
import { useId, useRef, useState, type ReactNode } from 'react';
import { dayNames, weekdays, type Weekday } from '../../../shared/flow/blocks/fields';
import type { FieldMeta } from '../../../shared/flow/blocks/types';
import { openingHoursProblems } from '../../../shared/flow/openingHoursProblems';
import type { OpeningHours } from '../../../shared/flow/schema';
import { Button } from '../../ui/Button';
import { useRefusedField } from '../../ui/refusedFields';
import { copyChanges, copyDay, DEFAULT_RANGE, fullWeek, localTime, nextRange, sameWeek, shownTime, storedTime, WEEK_PRESETS, weekSummary, workWeek, WORKDAYS, type TimeRange, type Week } from './weeklyHours';

export const DAY_SHORT: Record<Weekday, string> = { mon: 'Mon', tue: 'Tue', wed: 'Wed', thu: 'Thu', fri: 'Fri', sat: 'Sat', sun: 'Sun' };
const ORDINAL = ['', '', '2nd', '3rd', '4th', '5th', '6th', '7th', '8th', '9th'];
const nth = (i: number) => ORDINAL[i + 1] ?? `${i + 1}th`;
/** "Monday opens at", and for a day's later openings "Monday opens at (2nd opening)". */
const timeLabel = (day: Weekday, i: number, closing: boolean) => `${dayNames[day]} ${closing ? 'closes' : 'opens'} at${i > 0 ? ` (${nth(i)} opening)` : ''}`;

export interface WeeklyHoursEditorProps {
  meta: FieldMeta;
  value: unknown;
  onChange(value: Week): void;
}

export function WeeklyHoursEditor({ meta, value, onChange }: WeeklyHoursEditorProps) {
  const week = fullWeek(value);
  const helpId = useId();
  /** A day's openings when it was switched off, given back when it is switched on again (nothing typed is lost). */
  const closedWith = useRef<Partial<Record<Weekday, TimeRange[]>>>({});
  // The checks the flow's validation makes on these ranges (one definition): shown on the day's row too.
  const problems = openingHoursProblems({ timezone: 'UTC', weekly: week, closedDates: [] }, [], { isValidTimeZone: () => true });
  const set = (day: Weekday, ranges: TimeRange[]) => onChange({ ...week, [day]: ranges });
  const toggle = (day: Weekday, open: boolean) => {
    if (!open) {
      closedWith.current[day] = week[day];
      return set(day, []);
    }
    // Back as it was, else as the nearest open day before it (Tuesday opened after Monday's 08:00-18:00), else 09:00-17:00.
    const before = weekdays.slice(0, weekdays.indexOf(day)).reverse().find((d) => week[d].length > 0);
    set(day, closedWith.current[day]?.length ? closedWith.current[day]! : before ? week[before].map((r) => ({ ...r })) : [{ ...DEFAULT_RANGE }]);
  };
  const summary = weekSummary(week, DAY_SHORT, (t) => localTime(t));
  return (
    <fieldset className="st-week" aria-describedby={helpId}>
      <legend>{meta.title}</legend>
      <p className="bt-field-help" id={helpId}>
        {meta.help} A closing time of 00:00 (12:00 AM) is midnight.
      </p>
      {/* Session 49 (studio17, newcomer s47 N7): a whole week in one click, then adjust the days that differ. */}
      <label className="st-week-presets">
        <span className="st-week-presets-label">Fill the week:</span>
        <select
          className="bt-select"
          aria-label="Fill the week"
          value=""
          title="Set the whole week at once, then change the days that differ (Ctrl+Z undoes it)"
          onChange={(e) => {
            const p = WEEK_PRESETS.find((x) => x.key === e.target.value);
            if (p) onChange(p.week());
          }}
        >
          <option value="">Choose opening hours…</option>
          {WEEK_PRESETS.map((p) => {
            const current = sameWeek(week, p.week());
            return (
              <option key={p.key} value={p.key} disabled={current}>
                {p.label((t) => localTime(t))}
                {current ? ' (now)' : ''}
              </option>
            );
          })}
        </select>
      </label>
      <div className="st-week-grid">
        <div className="st-week-head" aria-hidden="true">
          <span>Day</span>
          <span className="st-week-head-times">
            <span>Opens</span>
            <span>Closes</span>
          </span>
        </div>
        {weekdays.map((day) => (
          <DayRow
            key={day}
            day={day}
            ranges={week[day]}
            problems={problems.filter((p) => p.path[1] === day)}
            onToggle={(open) => toggle(day, open)}
            onRanges={(ranges) => set(day, ranges)}
          />
        ))}
      </div>
      <p className="st-week-summary" aria-live="polite" data-testid="week-summary">
        {summary}
      </p>
      <div className="st-week-copy">
        <Button size="sm" disabled={!copyChanges(week, 'mon', WORKDAYS)} onClick={() => onChange(copyDay(week, 'mon', WORKDAYS))} title="Tuesday to Friday get Monday's hours">
          Copy Monday to weekdays
        </Button>
        <Button size="sm" disabled={!copyChanges(week, 'mon', weekdays)} onClick={() => onChange(copyDay(week, 'mon', weekdays))} title="Every day gets Monday's hours, Saturday and Sunday too">
          Copy Monday to all days
        </Button>
      </div>
    </fieldset>
  );
}

function DayRow({
  day,
  ranges,
  problems,
  onToggle,
  onRanges,
}: {
  day: Weekday;
  ranges: TimeRange[];
  problems: ReturnType<typeof openingHoursProblems>;
  onToggle(open: boolean): void;
  onRanges(ranges: TimeRange[]): void;
}) {
  const open = ranges.length > 0;
  const next = nextRange(ranges);
  const name = dayNames[day];
  return (
    <div className="st-week-day" role="group" aria-label={name} data-day={day} data-open={open}>
      <label className="st-week-toggle" title={open ? `Open on ${name}: switch off to close all day` : `Closed on ${name}: switch on to open`}>
        <input type="checkbox" role="switch" className="st-switch" checked={open} aria-label={`Open on ${name}`} onChange={(e) => onToggle(e.target.checked)} />
        <span className="st-week-name" aria-hidden="true">
          {DAY_SHORT[day]}
        </span>
      </label>
      <div className="st-week-ranges">
        {open ? (
          ranges.map((r, i) => (
            <div className="st-week-range" key={i}>
              <TimeBox label={timeLabel(day, i, false)} stored={r.from} closing={false} onTime={(t) => onRanges(ranges.map((x, j) => (j === i ? { ...x, from: t } : x)))} />
              <span className="st-week-dash" aria-hidden="true">
                –
              </span>
              <TimeBox label={timeLabel(day, i, true)} stored={r.to} closing onTime={(t) => onRanges(ranges.map((x, j) => (j === i ? { ...x, to: t } : x)))} />
              {ranges.length > 1 ? (
                <Button size="icon" variant="ghost" className="st-week-remove" aria-label={`Remove ${name}'s ${i === 0 ? 'first' : nth(i)} opening (${r.from}–${r.to})`} title="Remove this opening" onClick={() => onRanges(ranges.filter((_, j) => j !== i))}>
                  <Trash2 size={13} />
                </Button>
              ) : null}
            </div>
          ))
        ) : (
          <span className="st-week-closed">Closed</span>
        )}
        {problems.map((p, i) => (
          <p key={i} className={p.severity === 'error' ? 'bt-field-error st-week-problem' : 'bt-field-help st-week-problem st-week-warning'} role={p.severity === 'error' ? 'alert' : 'status'}>
            {problemWords(p.code, name)}
          </p>
        ))}
      </div>
      {open ? (
        <Button size="icon" variant="ghost" className="st-week-add" aria-label={`Add an opening on ${name}`} title={next ? `Add another opening on ${name} (e.g. after a lunch break)` : `No room for another opening on ${name}`} disabled={!next} onClick={() => next && onRanges([...ranges, next])}>
          <Plus size={14} />
        </Button>
      ) : (
        <span />
      )}
    </div>
  );
}

/** A day's problem in the grid's words (its closing time of midnight is typed 00:00 here, not 24:00). */
function problemWords(code: string, day: string): string {
  if (code === 'bad_time_range') return `${day} closes before it opens: make the closing time later. For hours past midnight, close at 00:00 and open at 00:00 the next day.`;
  if (code === 'closed_last_minute') return `${day} closes at 23:59, so the chat is closed from 23:59 to midnight. To stay open until midnight, close at 00:00 (12:00 AM).`;
  return `${day}: ${code.replace(/_/g, ' ')}`;
}

/** One time input: the stored time when it is complete and valid; what is typed stays in the box until then. */
function TimeBox({ label, stored, closing, onTime }: { label: string; stored: string; closing: boolean; onTime(t: string): void }) {
  const [draft, setDraft] = useState<string | null>(null);
  const box = useRef<HTMLInputElement>(null);
  const error = draft !== null ? `${label}: enter a whole time (hours and minutes); the flow keeps ${stored === '24:00' ? 'midnight' : stored} until then.` : null;
  useRefusedField(label, error, box);
  return (
    <input
      ref={box}
      type="time"
      className="bt-input st-week-time"
      aria-label={label}
      aria-invalid={error ? true : undefined}
      title={error ?? label}
      value={draft ?? shownTime(stored)}
      onChange={(e) => {
        const t = storedTime(e.target.value, closing);
        if (t === null) return setDraft(e.target.value);
        setDraft(null);
        if (t !== stored) onTime(t);
      }}
      onBlur={() => {
        // Left with nothing in it: the stored time comes back (nothing was stored meanwhile).
        if (draft === '') setDraft(null);
      }}
    />
  );
}

/**
 * A whole opening-hours object: its time zone, week and closed dates (each field's own editor), and when `nullable`,
 * first the choice between "at any hour" (null) and "only in opening hours" (a Monday-Friday 09:00-17:00 week in
 * `timezone`, the flow's zone, to start from). `fields` renders the object's fields as the inspector does elsewhere.
 */
export function OpeningHoursEditor({
  meta,
  value,
  nullable,
  timezone,
  onChange,
  fields,
}: {
  meta: FieldMeta;
  value: OpeningHours | null | undefined;
  nullable: boolean;
  timezone: string;
  onChange(v: OpeningHours | null): void;
  fields(value: OpeningHours): ReactNode;
}) {
  const on = value !== null && value !== undefined;
  const kept = useRef<OpeningHours | null>(null);
  const name = useId();
  return (
    <fieldset className="st-fieldset st-hours" data-testid="opening-hours">
      <legend>{meta.title}</legend>
      {meta.help && <p className="bt-field-help">{meta.help}</p>}
      {nullable && (
        <div className="st-hours-choice" role="radiogroup" aria-label={`${meta.title}: when`}>
          <label className="bt-check">
            <input
              type="radio"
              name={name}
              checked={!on}
              onChange={() => {
                kept.current = value ?? null;
                onChange(null);
              }}
            />
            <span>At any hour (no opening hours)</span>
          </label>
          <label className="bt-check">
            <input type="radio" name={name} checked={on} onChange={() => onChange(kept.current ?? { timezone, weekly: workWeek(), closedDates: [] })} />
            <span>Only in opening hours</span>
          </label>
        </div>
      )}
      {on && fields(value)}
    </fieldset>
  );
}
