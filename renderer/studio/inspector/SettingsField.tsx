/**
 * A Flow settings field with the problems about it shown right under it (newcomer s8 #1: a too-broad phrase was
 * flagged only in the problems badge), marked (`data-settings-path`) so a problem row can bring it into view, and
 * outlined in the problem's colour.
 *
 * Session 25 (newcomer s24 #4): a container whose parts are fields of their own (the sensitive topics: each topic, and
 * each topic's name, phrases, intents, examples) is `nested`: it takes only the problems about itself, and each part
 * takes its own, so one bad topic phrase outlines that topic's Phrases box alone, not every topic's fields. A nested
 * container with a problem is outlined as a whole (the topic), a leaf marks its boxes (the list the entry is in).
 */
import { createContext, useContext, type ReactNode } from 'react';
import type { FlowProblem } from '../../../shared/flow/flowProblem';
import { ProblemFixButton } from './ProblemFixButton';
import { ShownDirection } from '../../ui/ShownDirection';

/** The flow's problems, for settings fields drawn deep inside generic editors (a list's items). */
export const SettingsProblems = createContext<readonly FlowProblem[]>([]);

/** The problems a settings container at `path` shows: its own, and for a leaf those of its entries and parts. */
export function problemsAt(problems: readonly FlowProblem[], path: string, nested = false): FlowProblem[] {
  return problems.filter((p) => p.path === path || (!nested && (p.path.startsWith(path + '[') || p.path.startsWith(path + '.'))));
}

export function SettingsField({
  path,
  problems,
  nested = false,
  className,
  label,
  item,
  children,
}: {
  path: string;
  /** Defaults to the SettingsProblems context. */
  problems?: readonly FlowProblem[];
  nested?: boolean;
  className?: string;
  /** A name for the container as a group (e.g. "Topic 3"); none: a plain box. */
  label?: string;
  /** A list item's number (data-item), as the lists outside Flow settings have it. */
  item?: number;
  children: ReactNode;
}) {
  const fromContext = useContext(SettingsProblems);
  const mine = problemsAt(problems ?? fromContext, path, nested);
  // Errors too (newcomer s12 #22: the offer's two buttons with the same label were an error named only in the badge).
  const errors = mine.filter((p) => p.severity === 'error');
  return (
    <div
      className={className}
      role={label ? 'group' : undefined}
      aria-label={label}
      data-item={item}
      data-settings-path={path}
      data-nested={nested || undefined}
      data-tone={errors.length ? 'error' : mine.length ? 'warning' : undefined}
    >
      {children}
      {errors.map((p, i) => (
        <p key={`e${i}`} className="bt-field-help st-field-error" role="alert">
          <strong>Error:</strong> <ShownDirection text={p.message} /> <ShownDirection text={p.hint} />
        </p>
      ))}
      {mine
        .filter((p) => p.severity === 'warning')
        .map((p, i) => (
          <p key={i} className="bt-field-help st-field-warning" role="status">
            <strong>Warning:</strong> <ShownDirection text={p.message} /> <ShownDirection text={p.hint} />
            {/* Session 43 (studio6, newcomer s43 N1): the fix under the field the hidden character is in. */}
            {p.code === 'text_direction' && <ProblemFixButton problem={p} />}
          </p>
        ))}
    </div>
  );
}
