/**
 * Newcomer s40 N8: a value refused in Flow settings (a threshold of 5) was listed in the problems as "“Single-message
 * threshold” is not saved" with an empty place and a row that could not be clicked, so a designer who had closed the
 * panel had to hunt for the field. Where a refused field is, read from the page around it: Flow settings, its tab and
 * its section ("Flow settings › Escalation › Negative sentiment"), or the block whose inspector holds it.
 */
export interface RefusedPlace {
  /** What the problems list shows in its place column. */
  place: string;
  /** The Flow settings field's JSON path (data-settings-path), when it has one. */
  path: string | null;
  /** The block whose inspector holds the field. */
  blockId: string | null;
}

const text = (el: Element | null | undefined) => el?.textContent?.replace(/\s+/g, ' ').trim() || null;

export function refusedPlace(element: HTMLElement | null | undefined): RefusedPlace | null {
  if (!element || typeof element.closest !== 'function') return null;
  const settings = element.closest('[data-testid="flow-settings"]');
  if (settings) {
    const tab = text(settings.querySelector('[role="tab"][aria-selected="true"]'));
    const signal = element.closest('[data-signal]');
    const fieldset = element.closest('fieldset:not(.st-readonly-scope)');
    const section = signal ? text(signal.querySelector('.st-signal-head .bt-field-label')) : fieldset ? text(fieldset.querySelector('legend')) : null;
    const path = (element.closest('[data-settings-path]') as HTMLElement | null)?.dataset.settingsPath ?? null;
    return { place: ['Flow settings', tab, section].filter(Boolean).join(' › '), path, blockId: null };
  }
  const block = element.closest('[data-testid="block-inspector"]') as HTMLElement | null;
  if (block?.dataset.blockId) return { place: '', path: null, blockId: block.dataset.blockId };
  return null;
}

/** Brings the refused field into view and puts the cursor in its box. */
export function focusRefused(element: HTMLElement): void {
  if (!element.isConnected) return;
  element.scrollIntoView?.({ block: 'center' });
  element.querySelector<HTMLElement>('input, textarea, select')?.focus();
}
