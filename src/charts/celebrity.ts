/**
 * Celebrity posts on the time charts: where the hybrid and fan-out on write
 * part ways. Everyone else's posts cost both strategies the same timeline
 * writes; a post by an author above the celebrity threshold costs fan-out on
 * write one write per follower and the hybrid none (its readers fetch it).
 * The live windows count them (src/sim/windows.ts, `celebrityPosts`).
 */
import { formatCount } from '../ui/format';
import type { SimWindow } from '../worker/protocol';
import { visibleWindows } from './series';

/** A moment marked on a time chart, with what a hover says about it. */
export interface ChartMarker {
  /** Simulated time, s (the end of its window, where the chart draws that window's point). */
  t: number;
  label: string;
}

/** Markers drawn at most on one chart: the posts with the most followers win. */
export const MAX_MARKERS = 40;

/** What a marker says: "celebrity post: 3.4M followers — fan-out on write makes 3.4M timeline writes; the hybrid (above 10k) makes none". */
export function celebrityLabel(c: NonNullable<SimWindow['celebrityPosts']>): string {
  const what = c.count === 1 ? `celebrity post: ${formatCount(c.maxFollowers)} followers` : `${c.count} celebrity posts (the largest ${formatCount(c.maxFollowers)} followers)`;
  return `${what} — fan-out on write makes ${formatCount(c.totalFollowers)} timeline writes; the hybrid (above ${formatCount(c.thresholdFollowers)} followers) makes none`;
}

/** The celebrity posts among the windows the chart shows, one marker per window that has any. */
export function celebrityMarkers(windows: readonly SimWindow[], spanSec: number): ChartMarker[] {
  const marked = visibleWindows(windows, spanSec).filter((w) => (w.celebrityPosts?.count ?? 0) > 0);
  const kept = marked.length <= MAX_MARKERS ? marked : [...marked].sort((a, b) => b.celebrityPosts!.maxFollowers - a.celebrityPosts!.maxFollowers).slice(0, MAX_MARKERS).sort((a, b) => a.endSec - b.endSec);
  return kept.map((w) => ({ t: w.endSec, label: celebrityLabel(w.celebrityPosts!) }));
}

/** Two short lines in a chart card; the card's tooltip on it says the rest (NO_CELEBRITY_YET_IN_FULL). */
export const NO_CELEBRITY_YET = 'No celebrity post yet: the hybrid and fan-out on write are identical';
export const NO_CELEBRITY_YET_IN_FULL = 'No celebrity has posted yet — the hybrid and fan-out on write are identical until one does.';

/**
 * The line under the chart: until a celebrity posts, that the two strategies
 * are identical so far; after, the latest one. Null when the run records no
 * celebrity posts (no population).
 */
export function celebrityNote(windows: readonly SimWindow[]): string | null {
  if (windows.length === 0 || windows[windows.length - 1].celebrityPosts === undefined) return null;
  for (let i = windows.length - 1; i >= 0; i--) {
    const c = windows[i].celebrityPosts;
    if (c && c.count > 0) return `▼ celebrity post at ${Math.round(windows[i].endSec)} s: ${formatCount(c.maxFollowers)} followers`;
  }
  // The store keeps the latest windows only: an older celebrity post may have been let go.
  if (windows[0].index > 0) return `No celebrity post in the last ${Math.round(windows[windows.length - 1].endSec - windows[0].startSec)} s`;
  return NO_CELEBRITY_YET;
}
