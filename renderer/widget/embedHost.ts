/**
 * Which page embeds the widget frame, as the browser vouches for it (hostile s9 #18).
 *
 * The loader (/widget.js) names the page in the frame's `?host=`, but anyone may frame /widget/ with any `?host=`
 * (frame-ancestors *). So the frame believes `?host=` only when the browser says the same: `location.ancestorOrigins[0]`
 * (Chrome, Safari, Edge) or, where that list does not exist (Firefox), the origin of `document.referrer` (the embedding
 * page can shorten or drop its referrer, never set another site's). Nothing vouched: no host, so no unread preview is
 * posted anywhere.
 *
 * The chat's storage is also scoped to that origin: where a browser does not partition third-party storage, a site
 * that frames the widget would otherwise resume the conversation the visitor had on the shop's page (and receive its
 * unread previews). Keys are prefixed `@<origin>|`; the widget opened on its own (not framed) keeps the plain keys.
 */

type KeyStore = { getItem(key: string): string | null; setItem(key: string, value: string): void; removeItem(key: string): void };

export interface EmbedFacts {
  /** True when the frame is inside another page (window.parent !== window). */
  framed: boolean;
  /** The frame's `?host=` as the loader wrote it. */
  claimedHost: string | null;
  /** `location.ancestorOrigins` where the browser has it (array-like), else undefined. */
  ancestorOrigins?: ArrayLike<string> | null;
  /** `document.referrer`. */
  referrer?: string;
}

function originOf(url: string | null | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const o = new URL(url).origin;
    return o && o !== 'null' ? o : undefined;
  } catch {
    return undefined;
  }
}

/** The embedding page's origin as the browser vouches for it, or undefined (not framed, or nothing vouches). */
export function vouchedHostOrigin(f: EmbedFacts): string | undefined {
  if (!f.framed) return undefined;
  if (f.ancestorOrigins) return f.ancestorOrigins.length > 0 ? originOf(f.ancestorOrigins[0]) : undefined;
  return originOf(f.referrer);
}

/** The origin unread previews may be posted to: `?host=` when it names the vouched embedding page, else undefined. */
export function trustedHostOrigin(f: EmbedFacts): string | undefined {
  const vouched = vouchedHostOrigin(f);
  const claimed = originOf(f.claimedHost);
  return vouched && claimed === vouched ? vouched : undefined;
}

/** The storage scope of a framed widget: the vouched embedding origin, or 'unknown' when nothing vouches for one. */
export function storageScope(f: EmbedFacts): string | undefined {
  if (!f.framed) return undefined;
  return vouchedHostOrigin(f) ?? 'unknown';
}

/** `storage` with every key prefixed by the scope (no scope: `storage` itself). */
export function scopedStorage<S extends KeyStore>(storage: S, scope: string | undefined): KeyStore {
  if (!scope) return storage;
  const k = (key: string) => `@${scope}|${key}`;
  return {
    getItem: (key) => storage.getItem(k(key)),
    setItem: (key, value) => storage.setItem(k(key), value),
    removeItem: (key) => storage.removeItem(k(key)),
  };
}
