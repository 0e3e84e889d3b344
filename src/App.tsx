import { ChartsPanel } from './charts/ChartsPanel';
import { RunControls } from './run/RunControls';

/** The application shell. */
export function App() {
  return (
    <div className="app">
      <header className="app-header">
        <h1>Fanout Lab</h1>
        <p>Feel how data systems behave under load.</p>
        <RunControls />
      </header>
      <main className="app-results">
        <ChartsPanel />
      </main>
    </div>
  );
}
