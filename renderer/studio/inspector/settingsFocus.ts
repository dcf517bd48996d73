/**
 * "Take me to that field" for problems that belong to Flow settings rather than a block (newcomer s8 #1: a
 * too-broad phrase's row in the problems list was a disabled button). The problems list asks with the problem's JSON
 * path; Flow settings opens the right tab and focuses the field marked with that path (or the closest parent).
 */
type Listener = (path: string) => void;

let pending: string | null = null;
const listeners = new Set<Listener>();

/** Whether a problem at this JSON path has a field in Flow settings to go to. */
export function isSettingsPath(path: string): boolean {
  // Session 25: the reply to thanks after the end (General tab) has a field too.
  return path.startsWith('$.escalation') || path === '$.settings.closedCourtesyMessage' || path === '$.settings.shopQuestionMessage';
}

export function requestSettingsFocus(path: string) {
  pending = path;
  for (const l of listeners) l(path);
}

/** Flow settings takes a request made before it was mounted (the list first closes the block inspector). */
export function takePendingSettingsFocus(): string | null {
  const p = pending;
  pending = null;
  return p;
}

export function onSettingsFocus(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The field container for `path`: the longest data-settings-path that is `path` or a prefix of it. */
export function settingsFieldFor(root: ParentNode, path: string): HTMLElement | null {
  let best: HTMLElement | null = null;
  for (const el of root.querySelectorAll<HTMLElement>('[data-settings-path]')) {
    const p = el.dataset.settingsPath!;
    if ((path === p || path.startsWith(p + '.') || path.startsWith(p + '[')) && (!best || p.length > best.dataset.settingsPath!.length)) best = el;
  }
  return best;
}

/**
 * Focuses the field's box; for a problem about one entry of a list typed in one box (`path` ends in `[n]` below the
 * field's own path: "...topics[0].phrases[2]"), selects that entry's text in it (session 25, newcomer s24 #4: the
 * problem focused the first box of the topic).
 */
export function focusSettingsField(field: HTMLElement, path: string): void {
  const box = field.querySelector<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>('textarea, input, select');
  if (!box) return;
  box.focus();
  const own = field.dataset.settingsPath ?? '';
  const entry = /^\[(\d+)\]$/.exec(path.slice(own.length));
  if (!entry || box instanceof HTMLSelectElement) return;
  const range = entryRange(box.value, Number(entry[1]));
  if (range) box.setSelectionRange?.(range[0], range[1]);
}

/** Where the n-th entry (0-based) of a list typed as "a, b\nc" is in the text: entries are split at commas and new lines, trimmed, empty ones skipped. */
export function entryRange(text: string, n: number): [number, number] | null {
  let k = 0;
  const re = /[^,\n]+/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const lead = m[0].length - m[0].trimStart().length;
    const body = m[0].trim();
    if (body === '') continue;
    if (k === n) return [m.index + lead, m.index + lead + body.length];
    k++;
  }
  return null;
}
