/**
 * The runtime's web pages: the agent inbox (`/inbox`), the chat widget (`/widget.js` loader + `/widget/` frame)
 * and a demo page per flow (`/chat/:flowId`). The React apps are built by Vite into dist/renderer/{inbox,widget}
 * with shared hashed assets in dist/renderer/assets (served here as /assets/...).
 *
 * Security: the API keeps helmet's `default-src 'none'`; these pages get their own CSP (scripts only from this
 * origin, no inline script). The widget frame and loader may be embedded by any site (that is their job); the
 * inbox may not be framed at all.
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { FlowCatalog } from './flowCatalog';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const defaultPagesDir = join(repoRoot, 'dist/renderer');

const PAGE_CSP = (frameAncestors: string) =>
  [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "media-src 'self' data:",
    "frame-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    `frame-ancestors ${frameAncestors}`,
  ].join('; ');

/** Baton's tab icon: a speech bubble on the accent colour (SVG, served as /favicon.ico). */
export const FAVICON_SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="7" fill="#5b4bdb"/><path d="M8 9.5A2.5 2.5 0 0 1 10.5 7h11A2.5 2.5 0 0 1 24 9.5v8a2.5 2.5 0 0 1-2.5 2.5H14l-4.5 4v-4h0A1.5 1.5 0 0 1 8 18.5z" fill="#fff"/></svg>';

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/**
 * The `<script src=".../widget.js" data-flow="ID">` loader: a launcher button on the host page and an iframe
 * with the widget app from the same origin as the script. Plain ES5-ish DOM code, no dependencies, idempotent.
 * Options (data-*): flow (required), open="true" (start opened; "wide": only on a page at least 761 px wide), title (the panel's heading), and who the visitor is
 * (newcomer s9 #20): variables (JSON object, e.g. '{"cartValue":620}'), email, name, phone, identity-token (session 47:
 * a signed identity token made by the site's server); also
 * `window.Baton.identify({email, name, phone, variables, identityToken})` before the chat starts (or `window.Baton = {identity: {...}}`
 * set before the script); identityToken may also be a function returning a fresh token (or a promise of one), called
 * for each chat the widget starts (session 49: a token starts one chat, so "Start a new chat" needs a new one). They go to the frame in its #hash (never to the server's logs) / a postMessage; bad JSON in
 * data-variables is a console warning naming the attribute, the chat works without it.
 * While the panel is closed, the frame's {baton: 'unread', count, preview} puts a count badge on the launcher and a
 * short preview bubble above it (textContent only, never HTML; newcomer s9 #30); opening clears them.
 * Phones (max-width 480px): the open panel fills the screen and the launcher hides (newcomer s9 #16).
 * The visitor's own open / close is kept for the tab (sessionStorage "baton-open:<flow>"): a reload finds the chat as
 * they left it (session 45, ui9); a chat the page opened at start counts as left open (session 46, ui10).
 * Unread messages while the panel is closed also blink the page title ("(2) New messages" / the page's own title, once
 * a second; data-title-blink="false" turns it off) and, with data-sound="true" (off by default), play a short tone
 * when a new one arrives (newcomer s9 #31; browsers play it only after the visitor has clicked or typed on the page).
 */
export const WIDGET_LOADER = String.raw`(function () {
  'use strict';
  var script = document.currentScript;
  if (!script) return;
  var flow = script.getAttribute('data-flow');
  if (!flow) { console.error('Baton widget: add data-flow="<flow id>" to the <script> tag.'); return; }
  if (document.getElementById('baton-widget-' + flow)) { console.warn('Baton widget: the chat of flow "' + flow + '" is already on this page; this second <script> tag is ignored.'); return; }
  // Another flow's widget already on the page: this launcher sits to the left of it instead of on top of it.
  var others = document.querySelectorAll('[data-baton-widget]').length;
  var origin = new URL(script.src, location.href).origin;
  // data-open="wide": open at start only on a page at least 761 px wide, where the panel (380 px) sits beside the text;
  // on a narrower page only the launcher shows until the visitor opens it (the demo page; session 40).
  var openAttr = script.getAttribute('data-open');
  var open = openAttr === 'true' || (openAttr === 'wide' && !!window.matchMedia && window.matchMedia('(min-width: 761px)').matches);
  // Session 45 (ui9, retest s44 #4): a reload closed the chat at every size (a customer mid-chat found it gone). The
  // visitor's own open / close is kept for this tab (sessionStorage, per flow): a reload finds the chat as they left it;
  // a new tab or visit starts as the page says. Storage refused (a sandboxed frame, blocked cookies): as before.
  var openKey = 'baton-open:' + flow;
  var keptOpen = null;
  try { keptOpen = window.sessionStorage.getItem(openKey); } catch (err) { keptOpen = null; }
  if (keptOpen === '1' || keptOpen === '0') open = keptOpen === '1';
  function keepOpen(o) { try { window.sessionStorage.setItem(openKey, o ? '1' : '0'); } catch (err) { /* not kept: as before */ } }
  // Session 46 (ui10, retest-studio s45 L4): a chat the page opened by itself (data-open="wide" at 1,280 px) came back
  // closed after the visitor narrowed the window to 390 px and reloaded ("wide" no longer held), though nobody closed
  // it. Opened by the page, it is kept as open for this tab too: a reload finds it as the visitor last saw it.
  if (open && keptOpen === null) keepOpen(true);
  var title = script.getAttribute('data-title') || 'Chat with us';
  // data-new-chat="<key>": start a new chat (leaving the stored one) the first time this key is seen (the studio's Run).
  var newChat = script.getAttribute('data-new-chat');
  // Who the visitor is (data-variables / data-email / data-name / data-phone, window.Baton.identify).
  var B = window.Baton = window.Baton || {};
  // Session 49 (apisec4): identityToken may be a function (async or not) that returns a fresh signed token: the page's
  // way to give one per chat, as a token starts one chat only (its "Start a new chat" on the same page started
  // unverified). The function stays on this page; the frame is told there is one (identityTokenProvider: true) and asks
  // for a token each time it starts a chat ({baton: 'identityToken', request}), answered to the widget's origin only.
  var tokenProvider = null;
  function withoutProvider(who) {
    if (!who || typeof who !== 'object' || typeof who.identityToken !== 'function') return who;
    tokenProvider = who.identityToken;
    var copy = {};
    for (var k in who) if (Object.prototype.hasOwnProperty.call(who, k) && k !== 'identityToken') copy[k] = who[k];
    copy.identityTokenProvider = true;
    return copy;
  }
  var identity = (B.identity && typeof B.identity === 'object') ? withoutProvider(B.identity) : {};
  var varsAttr = script.getAttribute('data-variables');
  if (varsAttr) {
    try {
      var vars = JSON.parse(varsAttr);
      if (vars && typeof vars === 'object' && !Array.isArray(vars)) identity.variables = vars;
      else console.warn('Baton widget: data-variables must be a JSON object such as \'{"cartValue": 620}\'; ignored.');
    } catch (err) {
      console.warn('Baton widget: data-variables is not valid JSON (' + err.message + '); write it like data-variables=\'{"cartValue": 620}\'. The chat starts without it.');
    }
  }
  ['email', 'name', 'phone'].forEach(function (k) { var v = script.getAttribute('data-' + k); if (v) identity[k] = v; });
  // Session 47: a signed identity token made by the site's server (docs/runtime.md "Signed identity").
  var tokenAttr = script.getAttribute('data-identity-token');
  if (tokenAttr) identity.identityToken = tokenAttr;
  var hash = '';
  try { if (identity.variables || identity.email || identity.name || identity.phone || identity.identityToken || identity.identityTokenProvider) hash = '#baton=' + encodeURIComponent(JSON.stringify(identity)); } catch (err) { hash = ''; }
  var root = document.createElement('div');
  root.id = 'baton-widget-' + flow;
  root.setAttribute('data-baton-widget', flow);
  root.style.cssText = 'position:fixed;right:' + (20 + others * 72) + 'px;bottom:20px;z-index:2147483000;display:flex;flex-direction:column;align-items:flex-end;gap:12px;font-family:system-ui,sans-serif';
  var frame = document.createElement('iframe');
  frame.title = title;
  frame.src = origin + '/widget/?flow=' + encodeURIComponent(flow) + '&title=' + encodeURIComponent(title) + '&host=' + encodeURIComponent(location.origin) + (open ? '&open=1' : '') + (newChat ? '&newChat=' + encodeURIComponent(newChat) : '') + hash;
  // The chat app starts a conversation only once it is opened (page views are not conversations): tell it when.
  // (identify() calls made before the frame loaded are passed first, so a chat started now has them.)
  frame.addEventListener('load', function () { flushIdentify(); if (open && frame.contentWindow) frame.contentWindow.postMessage({ baton: 'opened' }, origin); });
  frame.setAttribute('allow', 'clipboard-write');
  frame.style.cssText = 'width:380px;height:600px;max-height:calc(100vh - 100px);max-width:calc(100vw - 40px);border:0;border-radius:16px;box-shadow:0 12px 40px rgba(16,24,40,.22);background:transparent;color-scheme:normal;display:none';
  var button = document.createElement('button');
  button.type = 'button';
  button.style.cssText = 'width:56px;height:56px;border-radius:50%;border:0;background:#4f46e5;color:#fff;cursor:pointer;box-shadow:0 6px 20px rgba(79,70,229,.45);display:flex;align-items:center;justify-content:center';
  var chatIcon = '<svg width="26" height="26" viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round" aria-hidden="true"><path d="M21 15a2 2 0 0 1-2 2H7l-4 4V5a2 2 0 0 1 2-2h14a2 2 0 0 1 2 2z"/></svg>';
  var closeIcon = '<svg width="24" height="24" viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" aria-hidden="true"><path d="M18 6 6 18M6 6l12 12"/></svg>';
  button.style.position = 'relative';
  // Unread badge on the launcher and a preview bubble above it (text only).
  var badge = document.createElement('span');
  badge.setAttribute('aria-hidden', 'true');
  badge.style.cssText = 'position:absolute;top:-4px;right:-4px;min-width:20px;height:20px;padding:0 5px;box-sizing:border-box;border-radius:10px;background:#dc2626;color:#fff;font:600 12px/20px system-ui,sans-serif;text-align:center;border:2px solid #fff;display:none';
  var bubble = document.createElement('button');
  bubble.type = 'button';
  bubble.style.cssText = 'max-width:260px;padding:10px 14px;border:1px solid #e5e7eb;border-radius:14px 14px 4px 14px;background:#fff;color:#111827;font:14px/1.4 system-ui,sans-serif;text-align:left;cursor:pointer;box-shadow:0 6px 24px rgba(16,24,40,.18);overflow:hidden;display:none;-webkit-line-clamp:3;-webkit-box-orient:vertical;overflow-wrap:anywhere';
  var unread = 0;
  var preview = '';
  // Title blink and tone for unread messages (see above).
  var blinkTitle = script.getAttribute('data-title-blink') !== 'false';
  var sound = script.getAttribute('data-sound') === 'true';
  var pageTitle = document.title;
  var blinkTimer = null;
  var blinkText = '';
  function blinkTick() {
    // The page changed its own title meanwhile (a single-page app): that is the title to come back to.
    if (document.title !== blinkText && document.title !== pageTitle) pageTitle = document.title;
    blinkText = '(' + unread + ') ' + (unread > 1 ? 'New messages' : 'New message');
    document.title = document.title === blinkText ? pageTitle : blinkText;
  }
  function blink() {
    var want = blinkTitle && !open && unread > 0;
    if (want && !blinkTimer) {
      pageTitle = document.title;
      blinkTick();
      blinkTimer = setInterval(blinkTick, 1000);
    } else if (!want && blinkTimer) {
      clearInterval(blinkTimer);
      blinkTimer = null;
      if (document.title === blinkText) document.title = pageTitle;
    }
  }
  var audio = null;
  function tone() {
    try {
      var C = window.AudioContext || window.webkitAudioContext;
      if (!C) return;
      audio = audio || new C();
      var o = audio.createOscillator();
      var g = audio.createGain();
      o.frequency.value = 880;
      g.gain.setValueAtTime(0.08, audio.currentTime);
      g.gain.exponentialRampToValueAtTime(0.0001, audio.currentTime + 0.3);
      o.connect(g);
      g.connect(audio.destination);
      o.start();
      o.stop(audio.currentTime + 0.3);
    } catch (err) { /* no sound: the badge and title still say it */ }
  }
  var phone = window.matchMedia ? window.matchMedia('(max-width: 480px)') : null;
  // Session 43 (newcomer s42 N11): from 481 to 760 px the 380 x 600 panel covered most of the page (a tablet held
  // upright: the page's heading and text under it); there it opens as a sheet along the bottom, the page above it in view.
  var narrow = window.matchMedia ? window.matchMedia('(min-width: 481px) and (max-width: 760px)') : null;
  var frameDesk = frame.style.cssText;
  function layout() {
    var full = open && phone && phone.matches;
    var sheet = open && !full && narrow && narrow.matches;
    frame.style.cssText = full ? 'position:fixed;inset:0;width:100%;height:100%;max-width:none;max-height:none;border:0;border-radius:0;background:#fff;color-scheme:normal;display:block'
      : sheet ? 'position:fixed;left:0;right:0;bottom:0;width:100%;height:min(560px,58vh);min-height:320px;max-width:none;max-height:none;border:0;border-radius:16px 16px 0 0;box-shadow:0 -8px 32px rgba(16,24,40,.22);background:transparent;color-scheme:normal;display:block'
      : frameDesk;
    frame.style.display = open ? 'block' : 'none';
    // Full screen or a sheet: the chat's own close button closes it (the launcher would sit on its message box).
    button.style.display = full || sheet ? 'none' : 'flex';
    // The page can make room for the open chat ([data-baton-widget][data-open="true"]; the demo page does).
    root.setAttribute('data-open', String(open));
    root.setAttribute('data-layout', full ? 'full' : sheet ? 'sheet' : 'panel');
    var showUnread = !open && unread > 0;
    badge.textContent = unread > 9 ? '9+' : String(unread);
    badge.style.display = showUnread ? 'block' : 'none';
    bubble.textContent = preview;
    bubble.style.display = showUnread && preview ? '-webkit-box' : 'none';
    // Session 47 (studio14, newcomer s46 N17): "...with that.. Open the chat" (a preview ending in a full stop got a
    // second one) and, with no preview, "New message: . Open the chat". A sentence's own end is kept; none is added twice.
    var said = preview.replace(/\s+$/, '');
    bubble.setAttribute('aria-label', said ? 'New message: ' + said + (/[.!?\u2026]["'\u201d\u2019)]*$/.test(said) ? '' : '.') + ' Open the chat' : 'Open the chat');
    button.setAttribute('aria-label', open ? 'Close the chat' : 'Open the chat: ' + title + (showUnread ? ' (' + unread + ' new message' + (unread > 1 ? 's' : '') + ')' : ''));
    blink();
  }
  function set(o) {
    var was = open;
    open = o;
    button.innerHTML = o ? closeIcon : chatIcon;
    button.appendChild(badge);
    button.setAttribute('aria-expanded', String(o));
    if (o) { unread = 0; preview = ''; }
    layout();
    if (frame.contentWindow) {
      if (o) frame.contentWindow.postMessage({ baton: 'opened' }, origin);
      else if (was) frame.contentWindow.postMessage({ baton: 'closed' }, origin);
    }
  }
  [phone, narrow].forEach(function (q) { if (q) { if (q.addEventListener) q.addEventListener('change', layout); else if (q.addListener) q.addListener(layout); } });
  button.addEventListener('click', function () { set(!open); keepOpen(open); });
  bubble.addEventListener('click', function () { set(true); keepOpen(true); });
  window.addEventListener('message', function (e) {
    if (e.origin !== origin || !e.data || e.source !== frame.contentWindow) return;
    if (e.data.baton === 'close') {
      set(false);
      keepOpen(false);
      if (button.style.display !== 'none') button.focus();
    } else if (e.data.baton === 'unread') {
      var n = Number(e.data.count);
      var before = unread;
      unread = isFinite(n) && n > 0 ? Math.floor(n) : 0;
      if (sound && !open && unread > before) tone();
      preview = typeof e.data.preview === 'string' ? e.data.preview.slice(0, 200) : '';
      layout();
    } else if (e.data.baton === 'identityToken') {
      // The frame starts a chat and asks for a fresh signed token (see tokenProvider above).
      var request = e.data.request;
      var answer = function (token, error) {
        if (frame.contentWindow) frame.contentWindow.postMessage({ baton: 'identityToken', request: request, identityToken: token, error: error }, origin);
      };
      if (!tokenProvider) { answer(null, 'the page gave no identityToken function'); return; }
      var got;
      try { got = tokenProvider(); } catch (err) { answer(null, 'identityToken() threw: ' + (err && err.message ? err.message : String(err))); return; }
      Promise.resolve(got).then(function (t) {
        answer(typeof t === 'string' && t ? t : null, typeof t === 'string' && t ? undefined : 'identityToken() gave ' + (t === undefined ? 'nothing' : typeof t) + ', not the token text');
      }, function (err) { answer(null, 'identityToken() failed: ' + (err && err.message ? err.message : String(err))); });
    }
  });
  // window.Baton.identify({email, name, phone, variables}) before the chat starts (each flow's widget on the page).
  var prevIdentify = B.identify;
  var loaded = false;
  var pending = [];
  function flushIdentify() {
    loaded = true;
    for (var i = 0; i < pending.length; i++) frame.contentWindow.postMessage({ baton: 'identify', identity: pending[i] }, origin);
    pending = [];
  }
  B.identify = function (who) {
    var given = who;
    who = withoutProvider(who);
    if (loaded && frame.contentWindow) frame.contentWindow.postMessage({ baton: 'identify', identity: who }, origin);
    else pending.push(who);
    if (prevIdentify) prevIdentify(given);
  };
  root.appendChild(bubble);
  root.appendChild(frame);
  root.appendChild(button);
  set(open);
  (document.body || document.documentElement).appendChild(root);
})();
`;

/** Bidi overrides/isolates become visible "[U+202E]" marks (like the inbox and widget do): a flow name cannot flip the page. */
const markBidi = (t: string) => t.replace(/[\u202A-\u202E\u2066-\u2069]/g, (c) => `[U+${c.charCodeAt(0).toString(16).toUpperCase()}]`);

/**
 * The demo page (/chat/:flowId). Newcomer s39 N20: the embed code wraps at its spaces only (word-break:break-all cut
 * "</scrip" / "t>"; a plain wrap still broke "data-" / "flow": each attribute is a no-wrap span), and from 761px up the text keeps clear of the open widget's column (380px + margins on the right:
 * at 1,024 x 700 the panel hid the title and the code). Session 40: below 761 px the widget starts closed (data-open="wide":
 * only the launcher covers the page, and the text ends 104 px above the bottom so it can scroll clear of it). Session 43
 * (newcomer s42 N11): from 481 to 760 px the open chat is a sheet along the bottom (the loader) and the text can scroll
 * clear of it; the heading and the embed code stay above it at 700 x 800. Session 44 (studio7, retest s43 N1): at 700 x 600
 * the sheet covered the code: in a window up to 760 px tall the heading is smaller and the embed code comes right under
 * it (the description after it, scrolled to), so both stay above the sheet. Session 45 (ui9, retest s44 #6): at 700 x 480
 * the sheet (at least 320 px) still covered the code's second line: up to 560 px tall the page's own header bar goes while
 * the sheet is open (the heading names the page), so the heading and the whole code stay above it.
 */
function demoPage(flowId: string, flowName: string, origin: string, newChat?: string): string {
  const id = escapeHtml(markBidi(flowId));
  const flowAttr = escapeHtml(flowId); // the real id for the script tag
  const name = escapeHtml(markBidi(flowName));
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${name} — chat demo</title>
<style>
body{margin:0;font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;background:linear-gradient(160deg,#f5f7ff 0%,#eef1f6 100%);color:#1b1f27;min-height:100vh}
header{padding:20px 40px;display:flex;align-items:center;gap:10px;font-weight:600;border-bottom:1px solid #e3e6eb;background:#fff}
.logo{width:28px;height:28px;border-radius:8px;background:#4f46e5;display:inline-block}
main{max-width:720px;padding:56px 40px}
h1{font-size:34px;margin:0 0 12px;letter-spacing:-.02em}
p{color:#5b6472;line-height:1.6;font-size:16px}
code{background:#fff;border:1px solid #e3e6eb;border-radius:6px;padding:10px 12px;display:block;font-size:13px;color:#334;white-space:pre-wrap;overflow-x:auto}
code span{white-space:nowrap}
@media (min-width:761px){main{box-sizing:border-box;max-width:min(800px,calc(100vw - 420px))}}
@media (max-width:760px){header{padding:16px 20px}main{padding:32px 20px 104px}h1{font-size:28px}}
@media (min-width:481px) and (max-width:760px){body:has([data-baton-widget][data-layout="sheet"]) main{padding-bottom:calc(max(320px,min(560px,58vh)) + 24px)}}
@media (min-width:481px) and (max-width:760px) and (max-height:760px){body:has([data-baton-widget][data-layout="sheet"]) header{padding:12px 20px}body:has([data-baton-widget][data-layout="sheet"]) main{display:flex;flex-direction:column;padding-top:14px}body:has([data-baton-widget][data-layout="sheet"]) h1{font-size:22px;margin-bottom:4px}body:has([data-baton-widget][data-layout="sheet"]) .about{order:2}body:has([data-baton-widget][data-layout="sheet"]) .embed p{margin:6px 0}}
@media (min-width:481px) and (max-width:760px) and (max-height:560px){body:has([data-baton-widget][data-layout="sheet"]) header{display:none}}
@media (prefers-color-scheme: dark){body{background:linear-gradient(160deg,#12151c 0%,#0f1217 100%);color:#e7eaf0}header{background:#181c23;border-color:#2a313c}p{color:#a3acb9}code{background:#181c23;border-color:#2a313c;color:#c7cdd8}}
</style></head>
<body>
<header><span class="logo" aria-hidden="true"></span>Baton demo page</header>
<main>
<h1>${name}</h1>
<p class="about">This page shows the chat widget of the flow <strong>${id}</strong> as a customer sees it on a website. The chat is in the corner; it keeps the conversation when you reload the page.</p>
<div class="embed"><p>Put it on any page with one tag:</p>
<code>${[`&lt;script`, `src="${escapeHtml(origin)}/widget.js"`, `data-flow="${id}"`, `async&gt;&lt;/script&gt;`].map((t) => `<span>${t}</span>`).join(' ')}</code></div>
</main>
<script src="/widget.js" data-flow="${flowAttr}" data-open="wide" data-title="${name}"${newChat ? ` data-new-chat="${escapeHtml(newChat)}"` : ''}></script>
</body></html>`;
}

function missingBuild(reply: FastifyReply, dir: string, what: string, frameAncestors = "'none'") {
  // The widget's page is shown inside other sites' frames: let the sentence show there too (not a broken frame).
  return reply
    .code(503)
    .type('text/html; charset=utf-8')
    .header('content-security-policy', PAGE_CSP(frameAncestors))
    .send(`<!doctype html><meta charset="utf-8"><title>Not built</title><body style="font-family:system-ui;padding:40px"><h1>The ${escapeHtml(what)} is not built</h1><p>There is no build in <code>${escapeHtml(dir)}</code>. Run <code>npm run build</code> and start the runtime again.</p></body>`);
}

export interface PagesOptions {
  catalog: FlowCatalog;
  /** dist/renderer by default. */
  dir?: string;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function registerPages(app: FastifyInstance<any, any, any, any, any>, o: PagesOptions): Promise<void> {
  const dir = resolve(o.dir ?? defaultPagesDir);
  await app.register(fastifyStatic, { root: dir, serve: false, cacheControl: false });

  const page = (file: string, what: string, frameAncestors: string) => async (_req: unknown, reply: FastifyReply) => {
    if (!existsSync(join(dir, file))) {
      if (frameAncestors !== "'none'") reply.raw.removeHeader('x-frame-options');
      return missingBuild(reply, dir, what, frameAncestors);
    }
    reply.header('content-security-policy', PAGE_CSP(frameAncestors)).header('cache-control', 'no-cache');
    // helmet sets its headers on the raw response: remove X-Frame-Options there for pages meant to be framed.
    if (frameAncestors !== "'none'") {
      reply.removeHeader('x-frame-options');
      reply.raw.removeHeader('x-frame-options');
    }
    return reply.sendFile(file);
  };

  app.get('/inbox', { schema: { hide: true } }, async (_req, reply) => reply.redirect('/inbox/'));
  app.get('/inbox/', { schema: { hide: true } }, page('inbox/index.html', 'agent inbox', "'none'"));
  app.get('/widget/', { schema: { hide: true } }, page('widget/index.html', 'chat widget', '*'));

  app.get('/assets/*', { schema: { hide: true } }, async (req, reply) => {
    const name = (req.params as { '*': string })['*'];
    if (!/^[\w.-]+$/.test(name) || name.startsWith('.')) return reply.code(404).send({ error: 'not_found', message: `No asset "${name}".` });
    if (!existsSync(join(dir, 'assets', name))) return reply.code(404).send({ error: 'not_found', message: `No asset "${name}"; rebuild with npm run build.` });
    // Assets are loaded by the widget frame embedded in other sites: allow cross-origin use.
    reply.header('cross-origin-resource-policy', 'cross-origin').header('cache-control', 'public, max-age=31536000, immutable');
    return reply.sendFile(join('assets', name));
  });

  // The tab icon the browser asks every page of this origin for (newcomer s7 #7: a 404 console error in every inbox tab).
  app.get('/favicon.ico', { schema: { hide: true } }, async (_req, reply) =>
    reply.type('image/svg+xml').header('cache-control', 'public, max-age=86400').header('cross-origin-resource-policy', 'cross-origin').send(FAVICON_SVG),
  );

  app.get('/widget.js', { schema: { hide: true } }, async (_req, reply) =>
    reply
      .type('text/javascript; charset=utf-8')
      .header('cross-origin-resource-policy', 'cross-origin')
      .header('access-control-allow-origin', '*')
      .header('cache-control', 'no-cache')
      .send(WIDGET_LOADER),
  );

  app.get('/chat/:flowId', { schema: { hide: true } }, async (req, reply) => {
    const flowId = (req.params as { flowId: string }).flowId;
    const active = o.catalog.active(flowId);
    if (!active) {
      return reply
        .code(404)
        .type('text/html; charset=utf-8')
        .header('content-security-policy', PAGE_CSP("'none'"))
        .send(`<!doctype html><meta charset="utf-8"><title>No such flow</title><body style="font-family:system-ui;padding:40px"><h1>No flow "${escapeHtml(markBidi(flowId))}"</h1><p>This runtime serves: ${o.catalog.flowIds().map(escapeHtml).join(', ') || 'no flows'}.</p></body>`);
    }
    const name = (active as { flow?: { name?: string } }).flow?.name ?? flowId;
    // ?newChat=<key> (the studio's Run, one key per press; newcomer s35 #6): the widget starts a new chat once for it.
    const newChat = (req.query as { newChat?: unknown }).newChat;
    const key = typeof newChat === 'string' && /^[A-Za-z0-9_-]{1,64}$/.test(newChat) ? newChat : undefined;
    return reply.type('text/html; charset=utf-8').header('content-security-policy', PAGE_CSP("'self'")).send(demoPage(flowId, name, `${req.protocol}://${req.host}`, key));
  });
}
