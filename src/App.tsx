/** The application shell: header, palette, canvas with results below, inspector (with the lesson dock above it). */
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
import { CommandPalette } from './ui/CommandPalette';

export function App() {
  const sidePanel = useAppStore((s) => s.sidePanel);
  return (
    <ReactFlowProvider>
      <div className="app">
        <Header />
        <div className="workspace" data-side-panel={sidePanel ?? undefined}>
          <Palette />
          <main className="centre" aria-label="Canvas and results">
            <div className="canvas-area">
              <ErrorBoundary name="The canvas">
                <FlowCanvas />
              </ErrorBoundary>
              <Banners />
            </div>
            <ResultsPanel />
          </main>
          {/* Keyed by what it shows, so opening another panel also clears a failed one. */}
          <ErrorBoundary key={sidePanel ?? 'inspector'} name={sidePanel ? 'This panel' : 'The inspector'}>
            <RightColumn />
          </ErrorBoundary>
          <LessonDock />
        </div>
        <Toasts />
        <CommandPalette />
      </div>
    </ReactFlowProvider>
  );
}
