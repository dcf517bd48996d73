import { X } from 'lucide-react';
import type { FlowProblem } from '../../../shared/flow/flowProblem';
import { Button } from '../../ui/Button';
import { isSettingsPath } from '../inspector/settingsFocus';

/**
 * Validation problems; clicking one selects its block and brings it into view, or, for a Flow settings field
 * (the escalation policy's phrases, Never trigger...), opens Flow settings at that field.
 */
export function ProblemsPanel({ problems, onFocus, onFocusSettings, onClose }: { problems: FlowProblem[]; onFocus: (blockId: string) => void; onFocusSettings?: (path: string) => void; onClose: () => void }) {
  return (
    <section className="st-problems" aria-label="Problems">
      <header>
        <strong>Problems</strong>
        <Button variant="ghost" size="icon" aria-label="Close problems" onClick={onClose}>
          <X size={14} />
        </Button>
      </header>
      {problems.length === 0 ? (
        <p className="st-empty">No problems: this flow is ready to run.</p>
      ) : (
        <ul>
          {problems.map((p, i) => (
            <li key={i} data-tone={p.severity}>
              <button
                type="button"
                disabled={!p.blockId && !(onFocusSettings && isSettingsPath(p.path))}
                onClick={() => (p.blockId ? onFocus(p.blockId) : onFocusSettings && isSettingsPath(p.path) ? onFocusSettings(p.path) : undefined)}
              >
                <span className="bt-badge" data-tone={p.severity === 'error' ? 'error' : 'warning'}>
                  {p.severity}
                </span>
                <span className="st-problem-text">
                  <span className="st-problem-msg">{p.message}</span>
                  <span className="st-problem-hint">{p.hint}</span>
                </span>
                {p.blockId ? <code className="st-problem-block">{p.blockId}</code> : isSettingsPath(p.path) ? <code className="st-problem-block">Flow settings</code> : null}
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
