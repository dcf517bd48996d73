import { ChevronDown, X } from 'lucide-react';
import { useCallback, useEffect, useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import type { FlowProblem } from '../../../shared/flow/flowProblem';
import { Button } from '../../ui/Button';
import { ShownDirection, withoutDirection } from '../../ui/ShownDirection';
import { isSettingsPath } from '../inspector/settingsFocus';
import { withoutOwnName } from '../hooks/designerWords';

/**
 * A row of the list: a flow problem, or a field showing refused text (newcomer s40 N8), which says where it is
 * (`where`, e.g. "Flow settings › Escalation › Negative sentiment") and opens it (`open`).
 */
export type ProblemRow = FlowProblem & { where?: string; open?: () => void };

/**
 * Validation problems; clicking one selects its block and brings it into view, or, for a Flow settings field
 * (the escalation policy's phrases, Never trigger...), opens Flow settings at that field.
 *
 * Newcomer s13 #4: the list stayed open over the canvas until its X was clicked, and a list taller than the panel
 * scrolled inside with no hint that more items were below. It now closes on Escape and on a click outside it (like
 * every other popover; the badge that opens it is left to toggle it), and says how many items are below the fold.
 */
export function ProblemsPanel({
  problems,
  onFocus,
  onFocusSettings,
  onClose,
  titleOf = (id) => id,
  renderFix,
  ownTitle,
}: {
  problems: ProblemRow[];
  onFocus: (blockId: string) => void;
  onFocusSettings?: (path: string) => void;
  onClose: () => void;
  /** The block each problem is about, by the title the canvas shows (newcomer s26 F4); its id stays in the tooltip. */
  titleOf?: (blockId: string) => string;
  /** Newcomer s42 N5: a problem's one-click fix (e.g. "Add an End block"), shown under its row. */
  renderFix?: (problem: ProblemRow) => ReactNode;
  /**
   * Session 46 (studio10, retest-studio s45 L3): the block's own title as the canvas draws it, so a row's message does not
   * start with the name the row already shows at its right ("Has no URL to call." beside "Look up order").
   */
  ownTitle?: (blockId: string) => string | null;
}) {
  const panel = useRef<HTMLElement>(null);

  const list = useRef<HTMLUListElement>(null);
  const [below, setBelow] = useState(0);

  // One listener for the panel's life, reading the latest onClose: the editor's own Escape (clear the selection)
  // re-renders the editor while the key event is being dispatched, and a listener swapped then is never called.
  const close = useRef(onClose);
  close.current = onClose;
  useEffect(() => {
    const onClose = () => close.current();
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') onClose();
    };
    const onPointer = (e: PointerEvent | MouseEvent) => {
      const target = e.target as Element | null;
      if (!target || !(target instanceof Element)) return;
      if (panel.current?.contains(target)) return;
      // The badge toggles the panel itself: closing here would let its click open it again.
      if (target.closest('.st-problems-toggle')) return;
      onClose();
    };
    window.addEventListener('keydown', onKey);
    document.addEventListener('pointerdown', onPointer, true);
    return () => {
      window.removeEventListener('keydown', onKey);
      document.removeEventListener('pointerdown', onPointer, true);
    };
  }, []);

  /** How many items end below the visible part of the list. */
  const measure = useCallback(() => {
    const ul = list.current;
    if (!ul) return;
    const bottom = ul.scrollTop + ul.clientHeight;
    if (ul.scrollHeight - bottom <= 2) return setBelow(0);
    let n = 0;
    for (const li of Array.from(ul.children) as HTMLElement[]) if (li.offsetTop + li.offsetHeight / 2 > bottom) n++;
    setBelow(Math.max(1, n));
  }, []);
  useLayoutEffect(() => {
    measure();
    const ul = list.current;
    if (!ul || typeof ResizeObserver === 'undefined') return;
    const ro = new ResizeObserver(measure);
    ro.observe(ul);
    return () => ro.disconnect();
  }, [measure, problems]);

  // The name is left in when the row names no block at its right (a refused field's row says where instead).
  const shownMessage = (p: ProblemRow): string => {
    const title = !p.where && p.blockId && ownTitle ? ownTitle(p.blockId) : null;
    return title ? withoutOwnName(p.message, title) : p.message;
  };

  return (
    <section className="st-problems" aria-label="Problems" ref={panel}>
      <header>
        <strong>Problems{problems.length > 0 ? ` (${problems.length})` : ''}</strong>
        <Button variant="ghost" size="icon" aria-label="Close problems" title="Close (Escape)" onClick={onClose}>
          <X size={14} />
        </Button>
      </header>
      {problems.length === 0 ? (
        <p className="st-empty">No problems: this flow is ready to run.</p>
      ) : (
        <ul ref={list} onScroll={measure}>
          {problems.map((p, i) => {
            // Newcomer s14 N#19: a problem fixed in Flow settings (the escalation's Hand over to naming a Message block)
            // jumped to that block, where nothing can fix it: the field the problem is about wins over the block it names.
            const inSettings = Boolean(onFocusSettings) && isSettingsPath(p.path);
            return (
            <li key={i} data-tone={p.severity}>
              <button
                type="button"
                disabled={!p.open && !p.blockId && !inSettings}
                onClick={() => {
                  if (p.open) p.open();
                  else if (inSettings) onFocusSettings!(p.path);
                  else if (p.blockId) onFocus(p.blockId);
                  else return;
                  // Newcomer s42 N4: the list stayed open over the very block it had just selected; it closes, so the
                  // block (brought into view and selected) and its inspector are what the designer sees.
                  onClose();
                }}
              >
                <span className="bt-badge" data-tone={p.severity === 'error' ? 'error' : 'warning'}>
                  {p.severity}
                </span>
                <span className="st-problem-text">
                  <span className="st-problem-msg"><ShownDirection text={shownMessage(p)} /></span>
                  <span className="st-problem-hint"><ShownDirection text={p.hint} /></span>
                </span>
                {/* Session 45 (studio8, checking the lead's s44 mend on screen): the block named at the right of a row was its
                    raw title, so a label with a direction override read backwards there ("Choose pay" for "Choose ⟨RLO⟩yap"). */}
                {p.where ? <span className="st-problem-block st-problem-where" title={withoutDirection(p.where)}><ShownDirection text={p.where} /></span> : inSettings || (!p.blockId && isSettingsPath(p.path)) ? <code className="st-problem-block">Flow settings</code> : p.blockId ? <span className="st-problem-block" title={`Block id: ${p.blockId}`}><ShownDirection text={titleOf(p.blockId)} /></span> : null}
              </button>
              {renderFix?.(p)}
            </li>
            );
          })}
        </ul>
      )}
      {below > 0 && (
        <button
          type="button"
          className="st-problems-more"
          onClick={() => {
            const ul = list.current;
            if (ul) ul.scrollTo?.({ top: ul.scrollHeight, behavior: 'smooth' });
          }}
        >
          <ChevronDown size={14} /> {below} more below
        </button>
      )}
    </section>
  );
}
