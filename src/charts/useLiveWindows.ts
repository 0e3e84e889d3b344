/** What every time chart reads from the store: the windows, the run's description and the sliding window. */
import { useMemo, useRef, type RefObject } from 'react';
import { useAppStore } from '../store';
import type { RunMeta, SimWindow } from '../worker/protocol';
import { useInView, useStaggered } from './staggered';

const NO_WINDOWS: SimWindow[] = [];

/** A time chart redraws at most this often: with every snapshot (about 10 a second), never faster. */
export const CHART_REDRAW_MS = 90;

/**
 * The windows as the chart should draw them — handed over in the chart's turn
 * (see staggered.ts), and only while `ref`'s element is in view — with the
 * run's description and the sliding window.
 */
export function useLiveWindows(ref: RefObject<Element | null>): { windows: SimWindow[]; meta: RunMeta | undefined; spanSec: number } {
  const liveWindows = useAppStore((s) => s.live?.windows ?? NO_WINDOWS);
  const liveMeta = useAppStore((s) => s.live?.meta);
  const spanSec = useAppStore((s) => s.chartWindowSec);
  // Windows and the run's description are handed over together: a new run (other ops, nodes or
  // edges) must never be drawn with the previous run's windows.
  const current = useMemo(() => ({ windows: liveWindows, meta: liveMeta }), [liveWindows, liveMeta]);
  const { windows, meta } = useStaggered(current, useInView(ref), CHART_REDRAW_MS);
  return { windows, meta, spanSec };
}

/** The empty-state message of a time chart, or null when it has data. */
export function emptyMessage(meta: RunMeta | undefined, windows: readonly SimWindow[]): string | null {
  if (!meta) return 'Starting the simulation…';
  if (windows.length === 0) return 'Waiting for the first simulated second…';
  return null;
}

/** The same array object as long as its contents are equal, so memoised series do not recompute needlessly. */
export function useStableIndices(next: number[]): number[] {
  const ref = useRef(next);
  const prev = ref.current;
  if (prev.length !== next.length || prev.some((v, i) => v !== next[i])) ref.current = next;
  return ref.current;
}
