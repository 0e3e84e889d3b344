/**
 * Shared by the charts that draw their data themselves inside a recharts
 * frame (see TimeChart.tsx for why): y ranges that change rarely, round
 * ticks for them, and the channel that carries data to the drawing layer.
 */

// ---------------------------------------------------------------------------
// Axis ranges that change rarely.

/** The smallest 1, 2 or 5 × 10^k at or above x. */
export function niceCeil(x: number): number {
  if (!(x > 0)) return 1;
  const p = 10 ** Math.floor(Math.log10(x));
  for (const m of [1, 2, 5, 10]) if (m * p >= x * (1 - 1e-12)) return m * p;
  return 10 * p;
}

/**
 * The next y range given the data's extent and the current range: a linear
 * axis from 0 to a nice bound above the maximum, a log axis between powers
 * of ten. It grows at once and shrinks only when the data use less than a
 * third of it (linear) or two decades fewer (log), so it does not flicker.
 */
export function nextYDomain(min: number, max: number, scale: 'linear' | 'log', current: [number, number] | null): [number, number] {
  if (scale === 'linear') {
    const want = niceCeil(max * 1.05);
    if (current && current[0] === 0 && max <= current[1] && max >= current[1] / 3) return current;
    return [0, want];
  }
  const lo = 10 ** Math.floor(Math.log10(Math.max(min, 1e-3)));
  const hi = 10 ** Math.ceil(Math.log10(Math.max(max, lo * 10)));
  if (current && current[0] > 0 && min >= current[0] && max <= current[1] && min < current[0] * 100 && max > current[1] / 100) return current;
  return [lo, hi === lo ? lo * 10 : hi];
}

/** Round ticks for a domain from nextYDomain (or a fixed one): fifths or quarters of a linear range, decades of a log one. */
export function yTicks([lo, hi]: [number, number], scale: 'linear' | 'log'): number[] {
  if (scale === 'log') {
    const out: number[] = [];
    for (let v = lo; v <= hi * (1 + 1e-9); v *= 10) out.push(v);
    return out;
  }
  const span = hi - lo;
  const lead = span / 10 ** Math.floor(Math.log10(span));
  // 1 → fifths (0.2 steps), 2 → quarters (0.5 steps), 5 → fifths (1 steps): round numbers every time.
  const parts = Math.abs(lead - 2) < 1e-9 ? 4 : 5;
  return Array.from({ length: parts + 1 }, (_, i) => lo + (span * i) / parts);
}

// ---------------------------------------------------------------------------
// Data flow to a drawing layer through a tiny store, so the recharts frame around it does not re-render.

/** A value with subscribers, read by a layer with useSyncExternalStore. */
export interface Channel<T> {
  get: () => T;
  set: (value: T) => void;
  subscribe: (listener: () => void) => () => void;
}

export function createChannel<T>(initial: T): Channel<T> {
  let rows = initial;
  const listeners = new Set<() => void>();
  return {
    get: () => rows,
    set: (next: T) => {
      if (next === rows) return;
      rows = next;
      for (const l of listeners) l();
    },
    subscribe: (l: () => void) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
  };
}

