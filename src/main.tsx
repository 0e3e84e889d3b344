import '@xyflow/react/dist/base.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { startApp } from './boot';
import { ErrorBoundary } from './feedback/ErrorBoundary';
import { useAppStore } from './store';
import './styles.css';

startApp(useAppStore);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ErrorBoundary name="Fanout Lab">
      <App />
    </ErrorBoundary>
  </StrictMode>,
);
