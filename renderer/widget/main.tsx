import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '../ui/tokens.css';
import './widget.css';
import { Widget } from './Widget';
import { createChatClient } from './chatClient';

const params = new URLSearchParams(location.search);
const flowId = params.get('flow') ?? '';
const title = params.get('title') ?? 'Chat with us';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Widget flowId={flowId} title={title} client={createChatClient({ baseUrl: location.origin, storage: window.localStorage })} />
  </StrictMode>,
);
