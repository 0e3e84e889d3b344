/** The first render of the app. */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { ErrorBoundary } from './feedback/ErrorBoundary';

export function renderApp(container: HTMLElement): void {
  createRoot(container).render(
    <StrictMode>
      <ErrorBoundary name="Fanout Lab">
        <App />
      </ErrorBoundary>
    </StrictMode>,
  );
}
