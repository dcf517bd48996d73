import { ShownDirection } from '../../ui/ShownDirection';
import type { FlowProblem } from '../../../shared/flow/flowProblem';

/** Problems of a file that could not be imported or opened: what, where (line, path, block) and what to do. */
export function ProblemList({ problems, max = 20 }: { problems: FlowProblem[]; max?: number }) {
  if (problems.length === 0) return null;
  const shown = problems.slice(0, max);
  return (
    <ul className="bt-problems">
      {shown.map((p, i) => (
        <li key={i} data-severity={p.severity}>
          <div className="bt-problems-where">
            <span className="bt-problems-severity">{p.severity === 'error' ? 'Error' : 'Warning'}</span>
            {p.line !== undefined ? <code>line {p.line}, column {p.column ?? 1}</code> : <code>{p.path}</code>}
            {p.blockId ? <span className="bt-problems-block">block {p.blockId}</span> : null}
          </div>
          <div className="bt-problems-message"><ShownDirection text={p.message} /></div>
          {p.hint ? <div className="bt-problems-hint">{p.hint}</div> : null}
        </li>
      ))}
      {problems.length > max ? <li className="bt-problems-more">and {problems.length - max} more…</li> : null}
    </ul>
  );
}
