import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '../ui/tokens.css';
import './widget.css';
import { Widget } from './Widget';
import { followSystemTheme } from '../inbox/theme';
import { createChatClient } from './chatClient';
import { identityFromHash } from './identity';
import { scopedStorage, storageScope, trustedHostOrigin, type EmbedFacts } from './embedHost';

/**
 * localStorage keeps the chat across reloads. A browser that blocks storage in third-party frames (strict
 * cookie settings, private windows) throws on access: the chat then works without surviving a reload.
 */
function chatStorage(): Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> {
  try {
    const s = window.localStorage;
    const probe = '__baton_probe__';
    s.setItem(probe, '1');
    s.removeItem(probe);
    return s;
  } catch {
    const m = new Map<string, string>();
    return { getItem: (k) => m.get(k) ?? null, setItem: (k, v) => void m.set(k, v), removeItem: (k) => void m.delete(k) };
  }
}

const params = new URLSearchParams(location.search);
const flowId = params.get('flow') ?? '';
const title = params.get('title') ?? 'Chat with us';
// Embedded closed by /widget.js: a conversation starts when the visitor opens the chat, not on every page view.
const embeddedClosed = window.parent !== window && params.get('open') !== '1';

// The host page's origin: the loader's ?host= only when the browser vouches for it (ancestorOrigins / referrer); the
// unread count and preview are posted to that origin only, and the chat is stored per embedding page (hostile s9 #18).
const embed: EmbedFacts = {
  framed: window.parent !== window,
  claimedHost: params.get('host'),
  ancestorOrigins: (location as Location & { ancestorOrigins?: ArrayLike<string> }).ancestorOrigins ?? null,
  referrer: document.referrer,
};
const hostOrigin = trustedHostOrigin(embed);
const storage = scopedStorage(chatStorage(), storageScope(embed));
// Who the visitor is, as the page said on the loader's script tag (newcomer s9 #20).
const identity = identityFromHash(location.hash);
// A new chat once per key (the loader's data-new-chat; the studio's Run gives one per press: newcomer s35 #6).
const newChatKey = /^[A-Za-z0-9_-]{1,64}$/.test(params.get('newChat') ?? '') ? params.get('newChat')! : undefined;

followSystemTheme();

// Session 49 (apisec4): `Baton.identify(...)` called by the page after the script tag reaches the frame as a message at
// the frame's load, which can come before React has attached the widget's listener (it was lost: the chat started
// without the details). Kept here from the start and handed to the widget when it listens.
const early: MessageEvent[] = [];
const keepEarly = (e: MessageEvent) => {
  if ((e.data as { baton?: unknown } | null)?.baton === 'identify') early.push(e);
};
window.addEventListener('message', keepEarly);
const takeEarlyMessages = () => {
  window.removeEventListener('message', keepEarly);
  return early.splice(0);
};

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Widget flowId={flowId} title={title} startNow={!embeddedClosed} hostOrigin={hostOrigin} storage={storage} identity={identity} newChatKey={newChatKey} takeEarlyMessages={takeEarlyMessages} client={createChatClient({ baseUrl: location.origin, storage })} />
  </StrictMode>,
);
