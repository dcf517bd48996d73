import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '../ui/tokens.css';
import './inbox.css';
import { Inbox } from './Inbox';
import { createInboxApi } from './inboxApi';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Inbox api={createInboxApi({ baseUrl: location.origin })} storage={window.sessionStorage} />
  </StrictMode>,
);
