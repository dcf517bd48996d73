/**
 * Light or dark, following the system (`prefers-color-scheme`), for the inbox and the widget: sets
 * `data-theme` on <html>, which switches the shared tokens (renderer/ui/tokens.css). `?theme=light|dark` in the
 * page URL forces one (handy for screenshots and for a site that embeds the widget on a fixed background).
 */
export function followSystemTheme(doc: Document = document, win: Pick<Window, 'matchMedia' | 'location'> = window): () => void {
  const forced = new URLSearchParams(win.location.search).get('theme');
  const root = doc.documentElement;
  if (forced === 'light' || forced === 'dark') {
    root.dataset.theme = forced;
    return () => undefined;
  }
  const mq = typeof win.matchMedia === 'function' ? win.matchMedia('(prefers-color-scheme: dark)') : null;
  const apply = () => {
    root.dataset.theme = mq?.matches ? 'dark' : 'light';
  };
  apply();
  mq?.addEventListener?.('change', apply);
  return () => mq?.removeEventListener?.('change', apply);
}
