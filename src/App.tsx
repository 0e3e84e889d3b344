/** The application shell: header, palette, canvas with results below, inspector (with the lesson dock above it). */
import { ReactFlowProvider } from '@xyflow/react';
import { FlowCanvas } from './canvas/FlowCanvas';
import { Palette } from './canvas/Palette';
import { Banners } from './feedback/Banners';
import { ErrorBoundary } from './feedback/ErrorBoundary';
import { Toasts } from './feedback/Toasts';
import { Header } from './header/Header';
import { Inspector } from './inspector/Inspector';
import { ResultsPanel } from './layout/ResultsPanel';
import { LessonDock } from './lessons/LessonDock';

export function App() {
  return (
    <ReactFlowProvider>
      <div className="app">
        <Header />
        <div className="workspace">
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
          <ErrorBoundary name="The inspector">
            <Inspector />
          </ErrorBoundary>
          <LessonDock />
        </div>
        <Toasts />
      </div>
    </ReactFlowProvider>
  );
}
