import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '../ui/tokens.css';
import './inbox.css';
import { Inbox, type PlaceStore } from './Inbox';
import { followSystemTheme } from './theme';
import { createInboxApi } from './inboxApi';
import { createAdminApi } from './admin/adminApi';
import { inboxStorage } from './inboxStorage';

// The studio's Run button links here with #token=... (a local designer agent): read it once, then drop it from the URL.
const hash = new URLSearchParams(location.hash.slice(1));
const initialToken = hash.get('token');
if (initialToken) history.replaceState(null, '', location.pathname + location.search);

/** The view and the open chat live in the URL hash (#/mine/<handoff id>): reload and Back keep the agent's place. */
const place: PlaceStore = {
  read: () => location.hash,
  write: (hash, push) => (push ? history.pushState(null, '', hash) : history.replaceState(null, '', hash)),
  listen: (onChange) => {
    window.addEventListener('popstate', onChange);
    return () => window.removeEventListener('popstate', onChange);
  },
};

followSystemTheme();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Inbox api={createInboxApi({ baseUrl: location.origin })} adminApi={createAdminApi({ baseUrl: location.origin })} storage={inboxStorage(window)} initialToken={initialToken} place={place} />
  </StrictMode>,
);
