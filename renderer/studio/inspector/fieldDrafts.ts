/**
 * Text the studio refused in a field (shown red, never in the flow), kept in this browser so that leaving or reloading
 * the page does not lose it (README "Not finished", newcomer s8 #9: a 640-character step text was gone after a reload
 * the designer confirmed). The field shows it again, still red, when the same field of the same flow opens, with a
 * way to discard it. Fixing the field (a value the flow accepts) or discarding it forgets the copy.
 * Keys: `<flow id>:<where>` (see FieldEditor's `draftKey`); copies older than two weeks are dropped.
 */
const PREFIX = 'baton.fieldDraft.v1:';
const MAX_AGE_MS = 14 * 24 * 60 * 60 * 1000;

export interface FieldDraft {
  text: string;
  /** Why the studio refused it (the red message shown under the field). */
  error: string;
  /** When it was typed (ms since epoch). */
  at: number;
}

function storage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

export function saveFieldDraft(key: string, text: string, error: string, now = Date.now()): void {
  try {
    storage()?.setItem(PREFIX + key, JSON.stringify({ text, error, at: now } satisfies FieldDraft));
  } catch {
    // Storage full or blocked: the field still holds the text and the page still asks before leaving.
  }
}

export function readFieldDraft(key: string, now = Date.now()): FieldDraft | null {
  const s = storage();
  try {
    const raw = s?.getItem(PREFIX + key);
    if (!raw) return null;
    const d = JSON.parse(raw) as Partial<FieldDraft>;
    if (typeof d.text !== 'string' || typeof d.error !== 'string' || typeof d.at !== 'number' || now - d.at > MAX_AGE_MS) {
      s?.removeItem(PREFIX + key);
      return null;
    }
    return d as FieldDraft;
  } catch {
    return null;
  }
}

export function clearFieldDraft(key: string): void {
  try {
    storage()?.removeItem(PREFIX + key);
  } catch {
    // nothing kept
  }
}
