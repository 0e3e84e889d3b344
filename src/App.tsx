import { ChartsPanel } from './charts/ChartsPanel';
import { RunControls } from './run/RunControls';

/** The application shell (provisional: the canvas and its layout take the space above the results). */
export function App() {
  return (
    <div className="app">
      <header className="app-header">
        <h1>Fanout Lab</h1>
        <RunControls />
      </header>
      <main className="app-main">
        <div className="app-canvas" />
        <section className="app-results">
          <ChartsPanel />
        </section>
      </main>
    </div>
  );
}
