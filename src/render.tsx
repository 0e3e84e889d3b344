/**
 * The first render of the app, as a transition: React renders it in slices of a few milliseconds
 * instead of one long task. (Should the store change in the middle, React renders it again at once,
 * which is no longer than rendering it outright.)
 */
import { StrictMode, startTransition } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { ErrorBoundary } from './feedback/ErrorBoundary';

export function renderApp(container: HTMLElement): void {
  const root = createRoot(container);
  startTransition(() =>
    root.render(
      <StrictMode>
        <ErrorBoundary name="Fanout Lab">
          <App />
        </ErrorBoundary>
      </StrictMode>,
    ),
  );
}
