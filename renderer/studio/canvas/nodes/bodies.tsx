/**
 * What each kind shows inside its node, at a glance. One small component per kind; the frame
 * (BlockNode.tsx) draws header, badges and exit handles for all of them.
 */
import type { ReactNode } from 'react';
import type { Block, BlockKind } from '../../../../shared/flow/schema';
import { ruleOperatorWords, type questionInputTypes } from '../../../../shared/flow/blocks/fields';
import { ShownDirection } from '../../../ui/ShownDirection';
import { weekSummary } from '../../inspector/weeklyHours';
import { weekdays } from '../../../../shared/flow/blocks/fields';

const CANVAS_DAY_SHORT = { mon: 'Mon', tue: 'Tue', wed: 'Wed', thu: 'Thu', fri: 'Fri', sat: 'Sat', sun: 'Sun' } as const;

type Data = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

function Text({ children, empty }: { children?: string; empty: string }) {
  const value = (children ?? '').trim();
  return value ? (
    <p className="bn-text">
      <span className="bn-clamp">
        <ShownDirection text={value} />
      </span>
    </p>
  ) : (
    <p className="bn-text bn-empty">{empty}</p>
  );
}

function Meta({ children }: { children: ReactNode }) {
  return <div className="bn-meta">{children}</div>;
}

const Var = ({ name }: { name?: string }) => (name ? <code className="bn-var">{`{{${name}}}`}</code> : null);

/**
 * A rule's value as the designer typed it (newcomer s46 N3: a regex showed JSON-escaped on the canvas,
 * `"^\\d{3}$"` for the inspector's `^\d{3}$`, and a designer could "fix" a correct pattern): text in quotes, as
 * typed; numbers and true / false as they are.
 */
export function ruleValueText(value: unknown): string {
  return typeof value === 'string' ? `“${value}”` : JSON.stringify(value) ?? String(value);
}

/** "Hours Mon–Fri 08:00–21:00; Sat 09:00–13:00 · Europe/London · 2 closed dates", the whole line in the tooltip. */
export function takeoverHoursLine(hours: Data): string {
  const given = (hours.weekly ?? {}) as Record<string, { from: string; to: string }[] | undefined>;
  const week = Object.fromEntries(weekdays.map((d) => [d, Array.isArray(given[d]) ? given[d] : []])) as Parameters<typeof weekSummary>[0];
  const closed = Array.isArray(hours.closedDates) ? hours.closedDates.length : 0;
  return `Hours ${weekSummary(week, CANVAS_DAY_SHORT)} · ${hours.timezone ?? 'UTC'}${closed ? ` · ${closed} closed date${closed === 1 ? '' : 's'}` : ''}`;
}

function TakeoverHours({ hours }: { hours: Data }) {
  const line = takeoverHoursLine(hours);
  return (
    <p className="bn-text bn-muted bn-clamp bn-hours" data-testid="takeover-hours" title={`${line}. Outside these hours: the out-of-hours message, then the “No agent” exit.`}>
      {line}
    </p>
  );
}

export function rulesSummary(group: Data | undefined): string {
  const rules = (group?.rules ?? []) as Data[];
  if (rules.length === 0) return 'No rules yet';
  const join = group?.combinator === 'or' ? ' or ' : ' and ';
  return rules
    .slice(0, 3)
    // Session 48 (studio16, newcomer s47 N3): operators in words ("is", not the code "eq").
    .map((r) => `${r.variable} ${ruleOperatorWords[String(r.op)] ?? String(r.op).replace(/_/g, ' ')}${r.value === undefined ? '' : ` ${ruleValueText(r.value)}`}`)
    .join(join) + (rules.length > 3 ? ` (+${rules.length - 3})` : '');
}

/** The Question node's answer-type chip: the inspector's words, short (newcomer s39 N10: the node said "datetime"). */
export const answerTypeChip: Record<(typeof questionInputTypes)[number], string> = {
  text: 'Text',
  email: 'Email',
  phone: 'Phone',
  number: 'Number',
  date: 'Date',
  datetime: 'Date & time',
  url: 'Web address',
  address: 'Postal address',
};

const modeLabel: Record<string, string> = { simple: 'Simple', default: 'Default', custom: 'Custom' };

export const nodeBodies: Partial<Record<BlockKind, (props: { data: Data; block: Block }) => ReactNode>> = {
  start: () => <p className="bn-text bn-muted">Every conversation begins here.</p>,
  message: ({ data }) => <Text empty="Empty message">{data.text}</Text>,
  question: ({ data }) => (
    <>
      <Text empty="No question text">{data.text}</Text>
      <Meta>
        <span className="bn-chip">{answerTypeChip[data.inputType as keyof typeof answerTypeChip] ?? data.inputType}</span> <Var name={data.variable} />
      </Meta>
    </>
  ),
  buttons: ({ data }) => (
    <>
      <Text empty="No question text">{data.text}</Text>
      {data.variable ? (
        <Meta>
          <Var name={data.variable} />
        </Meta>
      ) : null}
    </>
  ),
  condition: ({ data }) => <p className="bn-text bn-mono">{rulesSummary(data)}</p>,
  set_variable: ({ data }) => {
    const list = (data.assignments ?? []) as Data[];
    if (list.length === 0) return <p className="bn-text bn-empty">No assignments</p>;
    return (
      <ul className="bn-list">
        {list.slice(0, 4).map((a, i) => (
          <li key={i} className="bn-mono">
            {a.variable} {a.op === 'add' ? '+=' : a.op === 'clear' ? '= ∅' : '='} {a.op === 'clear' ? '' : String(a.value)}
          </li>
        ))}
      </ul>
    );
  },
  intent_router: ({ data }) => (
    <>
      {data.prompt ? <Text empty="">{data.prompt}</Text> : null}
      <Meta>
        {(data.intents ?? []).length} intents · threshold {data.threshold}
      </Meta>
    </>
  ),
  keyword_router: ({ data }) => (
    <>
      {data.prompt ? <Text empty="">{data.prompt}</Text> : null}
      <Meta>{(data.routes ?? []).length} routes</Meta>
    </>
  ),
  // Session 49 (studio17, newcomer s49 N7): a long URL wraps inside the block (at most 3 lines, the whole URL in the
  // tooltip and the inspector); it ran past the block's right edge onto the next block.
  http_request: ({ data }) => (
    <p className="bn-text bn-mono bn-clamp" title={data.url ? `${data.method} ${data.url}` : undefined}>
      <span className="bn-chip">{data.method}</span> {data.url || <span className="bn-empty">no URL</span>}
    </p>
  ),
  // Session 48 (studio16, studio14's leftover): the days as the inspector's grid names them, with their hours
  // ("Mon–Fri 09:00–17:00; Sat 09:00–13:00"), not the file's codes "mon, tue, wed".
  business_hours: ({ data }) => {
    const given = (data.weekly ?? {}) as Record<string, { from: string; to: string }[] | undefined>;
    const week = Object.fromEntries(weekdays.map((d) => [d, Array.isArray(given[d]) ? given[d] : []])) as Parameters<typeof weekSummary>[0];
    return (
      <Meta>
        {data.timezone} · {weekSummary(week, CANVAS_DAY_SHORT)}
      </Meta>
    );
  },
  notify: ({ data }) => (
    <>
      <Meta>
        <span className="bn-chip">{data.channel}</span> {(data.to ?? []).join(', ') || <span className="bn-empty">no recipient</span>}
      </Meta>
      <Text empty="No text">{data.text}</Text>
    </>
  ),
  human_takeover: ({ data }) => (
    <>
      <div className="bn-meta">
        <span className="bn-chip bn-chip-accent" data-testid="assignation-mode">
          {modeLabel[data.assignation] ?? data.assignation}
        </span>
        <span className="bn-chip">{data.priority}</span>
        {(data.teams ?? []).length ? <span className="bn-chip">{(data.teams as string[]).join(', ')}</span> : null}
      </div>
      <p className="bn-text bn-muted">Queue timeout {data.queueTimeoutMinutes} min</p>
      {/* Session 50 (studio18, newcomer s49 N8): a Custom takeover's opening hours in the inspector's words (the Business
          hours block's line): outside them it says its out-of-hours message and leaves by "No agent". */}
      {data.assignation === 'custom' && data.availability ? <TakeoverHours hours={data.availability as Data} /> : null}
    </>
  ),
  ticket: ({ data }) => (
    <>
      <Text empty="No confirmation text">{data.text}</Text>
      <Meta>
        <span className="bn-chip">{data.priority}</span>
      </Meta>
    </>
  ),
  csat: ({ data }) => (
    <>
      <Text empty="No question text">{data.text}</Text>
      <Meta>
        <Var name={data.variable} />
      </Meta>
    </>
  ),
  jump: ({ data }) => <p className="bn-text">→ {data.target ? <code>{data.target}</code> : <span className="bn-empty">no target</span>}</p>,
  end: ({ data }) => <Text empty="Ends the conversation">{data.text}</Text>,
};
