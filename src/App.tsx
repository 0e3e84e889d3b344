/**
 * The application shell: header, palette, canvas with results below, inspector (with the lesson dock above it).
 * The canvas, the right-hand column and the results mount in that order, each a frame and a task
 * after the one before (Deferred), so that the first render is a row of short tasks rather than
 * one long one; their placeholders hold their places.
 */
import { ReactFlowProvider } from '@xyflow/react';
import { FlowCanvas } from './canvas/FlowCanvas';
import { Palette } from './canvas/Palette';
import { Banners } from './feedback/Banners';
import { ErrorBoundary } from './feedback/ErrorBoundary';
import { Toasts } from './feedback/Toasts';
import { Header } from './header/Header';
import { ResultsPanel } from './layout/ResultsPanel';
import { RightColumn } from './layout/RightColumn';
import { LessonDock } from './lessons/LessonDock';
import { useAppStore } from './store';
import { TracePanel } from './trace/TracePanel';
import { CommandPalette } from './ui/CommandPalette';
import { Deferred } from './ui/Deferred';

export function App() {
  const sidePanel = useAppStore((s) => s.sidePanel);
  const resultsHeight = useAppStore((s) => s.chartsHeight);
  return (
    <ReactFlowProvider>
      <div className="app">
        <Header />
        <div className="workspace" data-side-panel={sidePanel ?? undefined}>
          <Palette />
          <main className="centre" aria-label="Canvas and results">
            <div className="canvas-area">
              <Deferred>
                <ErrorBoundary name="The canvas">
                  <FlowCanvas />
                </ErrorBoundary>
              </Deferred>
              <Banners />
              <TracePanel />
            </div>
            <Deferred steps={3} fallback={<div className="results" style={{ height: resultsHeight || undefined }} aria-hidden="true" />}>
              <ResultsPanel />
            </Deferred>
          </main>
          {/* Keyed by what it shows, so opening another panel also clears a failed one. */}
          <Deferred steps={2} fallback={<aside className="inspector" aria-busy="true" aria-label="Loading" />}>
            <ErrorBoundary key={sidePanel ?? 'inspector'} name={sidePanel ? 'This panel' : 'The inspector'}>
              <RightColumn />
            </ErrorBoundary>
            <LessonDock />
          </Deferred>
        </div>
        <Toasts />
        <CommandPalette />
      </div>
    </ReactFlowProvider>
  );
}
