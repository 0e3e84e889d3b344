/** The application shell: header, palette, canvas with results below, inspector. */
import { ReactFlowProvider } from '@xyflow/react';
import { FlowCanvas } from './canvas/FlowCanvas';
import { Palette } from './canvas/Palette';
import { Banners } from './feedback/Banners';
import { Toasts } from './feedback/Toasts';
import { Header } from './header/Header';
import { ResultsPanel } from './layout/ResultsPanel';
import { RightColumn } from './layout/RightColumn';
import { useAppStore } from './store';

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
              <FlowCanvas />
              <Banners />
            </div>
            <ResultsPanel />
          </main>
          <RightColumn />
        </div>
        <Toasts />
      </div>
    </ReactFlowProvider>
  );
}
