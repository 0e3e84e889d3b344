/**
 * What went wrong with the run, or what is going wrong in the system, in one
 * line above the charts: a refused scenario, a crashed worker (with a
 * restart button — the scenario itself is never touched), a run stopped by
 * the overload guard, or nodes overloaded right now.
 */
import { hasBoundedQueue } from '../canvas/nodes/glance';
import type { Scenario } from '../scenario/schema';
import { useAppStore } from '../store';
import type { LiveRun } from './liveReducer';
import './run.css';

/** Overloaded nodes, each marked "\u0001" when its queue is bounded (it fills and turns requests away instead of growing). */
function overloadedLabels(live: LiveRun | null, scenario: Scenario): string[] {
  if (!live) return [];
  return live.meta.nodes
    .filter((n) => live.nodeStats[n.id]?.overloaded)
    .map((n) => {
      const node = scenario.nodes.find((s) => s.id === n.id);
      return node && hasBoundedQueue(node) ? `\u0001${n.label}` : n.label;
    });
}

export function RunBanner() {
  const runError = useAppStore((s) => s.runError);
  const stopped = useAppStore((s) => s.live?.stopped ?? null);
  // A string, so the banner re-renders only when the set of overloaded nodes changes.
  const overloaded = useAppStore((s) => overloadedLabels(s.live, s.scenario).join('\u0000'));
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
    const all = overloaded.split('\u0000');
    const growing = all.filter((n) => !n.startsWith('\u0001'));
    const full = all.filter((n) => n.startsWith('\u0001')).map((n) => n.slice(1));
    return (
      <div className="run-banner run-banner-warning" role="status">
        {growing.length > 0 && (
          <span>
            <strong>Overloaded — queue growing:</strong> {growing.join(', ')}. Requests arrive faster than {growing.length > 1 ? 'these nodes serve' : 'it serves'} them
            (utilization ≥ 100%), so the queue and every request's wait grow without bound.
          </span>
        )}
        {full.length > 0 && (
          <span>
            <strong>Overloaded — queue full:</strong> {full.join(', ')}. Requests arrive faster than {full.length > 1 ? 'these nodes serve' : 'it serves'} them; the
            bounded queue stays full, so the wait stops growing and the excess is turned away as errors.
          </span>
        )}
      </div>
    );
  }
  return null;
}
