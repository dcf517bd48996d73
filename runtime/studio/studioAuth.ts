/**
 * Who may talk to the studio server: only the studio page opened from the link printed at launch.
 *
 * - A per-launch secret. The printed link carries it once (`?token=`); the server answers with an HttpOnly,
 *   SameSite=Strict cookie (named after the port, so two studios do not clash) and redirects to the same
 *   page without the token. Pages and assets need that cookie.
 * - Every API call needs the `X-Baton-Secret` header. The studio page learns the secret from a <meta> tag
 *   the server writes into its HTML; another page cannot read that HTML (no CORS), and a custom header
 *   cannot be sent cross-origin without a CORS preflight the server never approves. A cookie alone is not
 *   enough for the API because cookies do not separate ports: another local page on 127.0.0.1 would get it.
 * - The Host header must name this server (a DNS-rebinding page has another host), and a browser request
 *   whose Origin is not this server's, or that the browser marks cross-site, is refused.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';

export const SECRET_HEADER = 'x-baton-secret';

export function newSecret(): string {
  return randomBytes(24).toString('base64url');
}

export function sameSecret(a: string | undefined | null, b: string): boolean {
  if (typeof a !== 'string') return false;
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export function cookieName(port: number): string {
  return `baton_studio_${port}`;
}

/**
 * Every value of one cookie in a Cookie header, decoded. Cookies ignore ports, so any page or app on 127.0.0.1
 * can set a cookie of the same name (another path, a garbled value): a value that cannot be decoded (a bad
 * percent-escape such as `%E0%A4%A`) is skipped instead of failing the request (hostile s5 #10), and the caller
 * checks every value, so a planted one cannot hide the real one.
 */
export function readCookies(header: string | undefined, name: string): string[] {
  if (!header) return [];
  const values: string[] = [];
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0 || part.slice(0, eq).trim() !== name) continue;
    try {
      values.push(decodeURIComponent(part.slice(eq + 1).trim()));
    } catch {
      // not percent-encoded text: not ours
    }
  }
  return values;
}

/** The first decodable value of one cookie in a Cookie header. */
export function readCookie(header: string | undefined, name: string): string | undefined {
  return readCookies(header, name)[0];
}

export function allowedHosts(port: number): Set<string> {
  return new Set([`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`]);
}

export function allowedOrigins(port: number): Set<string> {
  return new Set([`http://127.0.0.1:${port}`, `http://localhost:${port}`, `http://[::1]:${port}`]);
}
