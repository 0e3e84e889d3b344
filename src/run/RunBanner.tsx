/**
 * What went wrong with the run, or what is going wrong in the system, in one
 * line above the charts: a refused scenario, a crashed worker (with a
 * restart button — the scenario itself is never touched), a run stopped by
 * the overload guard, or nodes overloaded right now.
 */
import { useAppStore } from '../store';
import type { LiveRun } from './liveReducer';
import './run.css';

function overloadedLabels(live: LiveRun | null): string[] {
  if (!live) return [];
  return live.meta.nodes.filter((n) => live.nodeStats[n.id]?.overloaded).map((n) => n.label);
}

export function RunBanner() {
  const runError = useAppStore((s) => s.runError);
  const stopped = useAppStore((s) => s.live?.stopped ?? null);
  // A string, so the banner re-renders only when the set of overloaded nodes changes.
  const overloaded = useAppStore((s) => overloadedLabels(s.live).join('\u0000'));
  const restartRun = useAppStore((s) => s.restartRun);

  if (runError?.kind === 'crashed') {
    return (
      <div className="run-banner run-banner-error" role="alert">
        <span>
          <strong>The simulation stopped unexpectedly.</strong> {runError.message}. Your scenario is safe.
        </span>
        <button type="button" onClick={restartRun}>
          Restart simulation
        </button>
      </div>
    );
  }
  if (runError?.kind === 'refused') {
    return (
      <div className="run-banner run-banner-error" role="alert">
        <span>
          <strong>This scenario cannot run:</strong> {runError.message}.
        </span>
      </div>
    );
  }
  if (stopped) {
    return (
      <div className="run-banner run-banner-warning" role="status">
        <span>
          <strong>Run stopped — overloaded.</strong> The simulation {stopped.message}. Lower the load or add capacity.
        </span>
      </div>
    );
  }
  if (overloaded) {
    const names = overloaded.split('\u0000');
    return (
      <div className="run-banner run-banner-warning" role="status">
        <span>
          <strong>Overloaded — queue growing:</strong> {names.join(', ')}. Requests arrive faster than {names.length > 1 ? 'these nodes serve' : 'it serves'} them (utilization ≥ 100%), so
          the queue and every request's wait grow without bound.
        </span>
      </div>
    );
  }
  return null;
}
