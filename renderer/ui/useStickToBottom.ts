/**
 * Session 43 (studio5, newcomer s42 N9): a scrolling list that follows its newest line. While the reader is at the
 * bottom (within 24 px), the list stays there when its box changes size (a window resize, a pane opening under it): the
 * newest messages stay in view. Scrolled up on purpose, it stays where the reader put it. `follow` (the caller's count
 * of lines) scrolls to the bottom whenever it changes, as a chat does on a new message. The inbox's conversation log
 * does the same inline (renderer/inbox/Inbox.tsx, session 41).
 */
import { useEffect, useRef, type RefObject } from 'react';

export const STICK_SLACK_PX = 24;

export function useStickToBottom<T extends HTMLElement>(ref: RefObject<T | null>, follow: unknown): void {
  const atBottom = useRef(true);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    el.scrollTop = el.scrollHeight;
    atBottom.current = true;
  }, [ref, follow]);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const onScroll = () => {
      atBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight < STICK_SLACK_PX;
    };
    el.addEventListener('scroll', onScroll, { passive: true });
    const ro = typeof ResizeObserver === 'function' ? new ResizeObserver(() => {
      if (atBottom.current) el.scrollTop = el.scrollHeight;
    }) : null;
    ro?.observe(el);
    return () => {
      ro?.disconnect();
      el.removeEventListener('scroll', onScroll);
    };
  }, [ref]);
}
