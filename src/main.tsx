import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { startLiveRuns } from './run/controller';
import { useAppStore } from './store';
import './styles.css';

// The simulation runs beside React, driven by the store: started once, here, not by a component.
const stopLiveRuns = startLiveRuns(useAppStore);
import.meta.hot?.dispose(stopLiveRuns);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
