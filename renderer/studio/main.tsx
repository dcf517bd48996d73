import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '@xyflow/react/dist/base.css';
import '../ui/tokens.css';
import './studio.css';
import { App } from './App';
import { StudioBoundary } from './StudioBoundary';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <StudioBoundary>
      <App />
    </StudioBoundary>
  </StrictMode>,
);
