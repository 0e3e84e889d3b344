/**
 * The results area below the canvas, with a fixed, user-resizable height so
 * nothing shifts when live charts arrive. The charts themselves load lazily
 * (they bring the charting library), keeping the first paint light.
 */
import { lazy, Suspense, useRef, type KeyboardEvent, type PointerEvent } from 'react';
import { useAppStore } from '../store';
import { ErrorBoundary } from '../feedback/ErrorBoundary';
import { Icon } from '../ui/icons';

const ChartsPanel = lazy(() => import('../charts/ChartsPanel').then((m) => ({ default: m.ChartsPanel })));

export const RESULTS_MIN_PX = 120;
export const RESULTS_MAX_PX = 560;
export const RESULTS_COLLAPSED_PX = 0;
/** What the panel opens at when it has never been open (the store's starting height). */
export const RESULTS_DEFAULT_PX = 300;

function clampHeight(px: number): number {
  return Math.round(Math.min(RESULTS_MAX_PX, Math.max(RESULTS_MIN_PX, px)));
}

export function ResultsPanel() {
  const height = useAppStore((s) => s.chartsHeight);
  const setView = useAppStore((s) => s.setView);
  const drag = useRef<{ y: number; height: number } | null>(null);
  // The height it had before it was hidden, so that "Show results" gives it back.
  const openHeight = useRef(height > RESULTS_COLLAPSED_PX ? height : RESULTS_DEFAULT_PX);
  if (height > RESULTS_COLLAPSED_PX) openHeight.current = height;
  const collapsed = height <= RESULTS_COLLAPSED_PX;

  const onPointerDown = (e: PointerEvent<HTMLDivElement>) => {
    drag.current = { y: e.clientY, height: collapsed ? RESULTS_MIN_PX : height };
    e.currentTarget.setPointerCapture(e.pointerId);
  };
  const onPointerMove = (e: PointerEvent<HTMLDivElement>) => {
    if (!drag.current) return;
    setView({ chartsHeight: clampHeight(drag.current.height + drag.current.y - e.clientY) });
  };
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const step = e.shiftKey ? 80 : 20;
    if (e.key === 'ArrowUp') setView({ chartsHeight: clampHeight(height + step) });
    else if (e.key === 'ArrowDown') setView({ chartsHeight: clampHeight(height - step) });
    else return;
    e.preventDefault();
  };

  return (
    <div className="results" style={{ height: collapsed ? undefined : height }} data-collapsed={collapsed ? 'true' : undefined}>
      <div className="results__bar">
        <div
          className="results__grip"
          role="separator"
          aria-orientation="horizontal"
          aria-label="Resize the results panel"
          aria-valuemin={RESULTS_MIN_PX}
          aria-valuemax={RESULTS_MAX_PX}
          aria-valuenow={collapsed ? RESULTS_MIN_PX : height}
          tabIndex={0}
          onPointerDown={onPointerDown}
          onPointerMove={onPointerMove}
          onPointerUp={() => (drag.current = null)}
          onPointerCancel={() => (drag.current = null)}
          onKeyDown={onKeyDown}
        />
        <h2 className="results__title">Results</h2>
        <button
          type="button"
          className="icon-button icon-button--small"
          aria-label={collapsed ? 'Show results' : 'Hide results'}
          aria-expanded={!collapsed}
          onClick={() => setView({ chartsHeight: collapsed ? openHeight.current : RESULTS_COLLAPSED_PX })}
        >
          <Icon name="chevronDown" size={16} style={{ transform: collapsed ? 'rotate(180deg)' : undefined }} />
        </button>
      </div>
      {!collapsed && (
        <div className="results__body">
          <ErrorBoundary name="The results panel">
            <Suspense fallback={<p className="results__loading">Loading charts…</p>}>
              <ChartsPanel />
            </Suspense>
          </ErrorBoundary>
        </div>
      )}
    </div>
  );
}
