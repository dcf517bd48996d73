/**
 * Fields showing a red error right now: what the designer typed there was refused and is held only in the field
 * (newcomer s8 #9: a 640-character step text showed a red box while the header said "Saved" and the problems badge
 * "No problems", and a reload silently dropped it). <Field> registers itself here while it shows an error; the
 * studio reads the list to say "Not saved: fix the red field", to count it as a problem and to warn before leaving.
 */
import { useEffect, useSyncExternalStore, type RefObject } from 'react';

export interface RefusedField {
  label: string;
  error: string;
  /** The field's box on the page (newcomer s40 N8: the studio says where it is and goes there), when known. */
  element?: HTMLElement | null;
}

const refused = new Map<symbol, RefusedField>();
let snapshot: readonly RefusedField[] = [];
const listeners = new Set<() => void>();

function emit() {
  snapshot = [...refused.values()];
  for (const l of listeners) l();
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The fields whose typed value is refused (not saved) now, with the reason each shows. */
export function refusedFields(): readonly RefusedField[] {
  return snapshot;
}

export function useRefusedFields(): readonly RefusedField[] {
  return useSyncExternalStore(subscribe, refusedFields, refusedFields);
}

/** Registers one field as refused while `error` is set (and it is mounted); `box`: the field's element, read once mounted. */
export function useRefusedField(label: string, error: string | null | undefined, box?: RefObject<HTMLElement | null>) {
  useEffect(() => {
    if (!error) return;
    const key = Symbol(label);
    refused.set(key, { label, error, element: box?.current ?? null });
    emit();
    return () => {
      refused.delete(key);
      emit();
    };
  }, [label, error, box]);
}

/** While any field holds refused text, closing or reloading the page asks first (the browser's own dialog). */
export function useWarnBeforeLeavingRefused(count: number) {
  useEffect(() => {
    if (count === 0) return;
    const onBeforeUnload = (e: BeforeUnloadEvent) => {
      e.preventDefault();
      e.returnValue = '';
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, [count]);
}
