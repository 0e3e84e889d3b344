/**
 * Numbers for people: every value with its unit, a sensible number of
 * significant digits, and the unit scaled (µs, ms, s; k, M).
 */

// Formatters are built once: constructing an Intl.NumberFormat costs far more than using one.
const FORMATS = [0, 1, 2, 3].map((digits) => new Intl.NumberFormat('en-US', { maximumFractionDigits: digits, minimumFractionDigits: 0 }));
const nf = (digits: number) => FORMATS[digits];
const int = FORMATS[0];

/** About three significant digits. */
function sig3(x: number): string {
  const a = Math.abs(x);
  if (a >= 100) return int.format(x);
  if (a >= 10) return nf(1).format(x);
  if (a >= 1) return nf(2).format(x);
  return nf(3).format(x);
}

/** A duration given in ms: "850 µs", "3.82 ms", "1.23 s", "2.5 min". */
export function formatMs(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return '–';
  const a = Math.abs(ms);
  if (a === 0) return '0 ms';
  if (a < 1) return `${sig3(ms * 1000)} µs`;
  if (a < 1000) return `${sig3(ms)} ms`;
  if (a < 120_000) return `${sig3(ms / 1000)} s`;
  return `${sig3(ms / 60_000)} min`;
}

/** A count with thousands separators, or M/G when very large: "950", "1,785,590", "12.3 M". */
export function formatCount(n: number | null | undefined): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return '–';
  const a = Math.abs(n);
  if (a < 10_000_000) return a < 10 && !Number.isInteger(n) ? nf(2).format(n) : int.format(n);
  if (a < 1e9) return `${sig3(n / 1e6)} M`;
  return `${sig3(n / 1e9)} G`;
}

/** A rate per second: "401 /s", "12.3 k/s", "4.5 M/s". */
export function formatRate(perSec: number | null | undefined, unit = '/s'): string {
  if (perSec === null || perSec === undefined || !Number.isFinite(perSec)) return '–';
  const a = Math.abs(perSec);
  if (a < 10_000) return `${sig3(perSec)} ${unit}`;
  if (a < 1e7) return `${sig3(perSec / 1e3)} k${unit}`;
  return `${sig3(perSec / 1e6)} M${unit}`;
}

/** A fraction as a percentage: 0.8123 → "81.2%". */
export function formatPercent(fraction: number | null | undefined): string {
  if (fraction === null || fraction === undefined || !Number.isFinite(fraction)) return '–';
  const p = fraction * 100;
  return `${Math.abs(p) >= 10 ? nf(1).format(p) : nf(2).format(p)}%`;
}

/** An axis tick for a duration given in ms, with its unit: "0", "0.5 ms", "20 ms", "1.5 s". */
export function msTick(ms: number): string {
  const a = Math.abs(ms);
  if (a === 0) return '0';
  if (a >= 1000) return `${nf(a >= 10_000 ? 0 : 1).format(ms / 1000)} s`;
  return `${sig3(ms)} ms`;
}

/** A short axis tick for a rate or a count: "950", "12k", "4.5M". */
export function countTick(n: number): string {
  const a = Math.abs(n);
  if (a >= 1e6) return `${nf(1).format(n / 1e6)}M`;
  if (a >= 1e4) return `${nf(0).format(n / 1e3)}k`;
  if (a >= 1e3) return `${nf(1).format(n / 1e3)}k`;
  return sig3(n);
}

/** A speed: "10×", "0.25×", "as fast as possible". */
export function formatSpeed(speed: number | 'max'): string {
  return speed === 'max' ? 'Max' : `${speed}×`;
}

/** Simulated time: "12.0 s", "9 min 30 s". */
export function formatSimTime(sec: number): string {
  if (sec < 600) return `${nf(1).format(sec)} s`;
  const min = Math.floor(sec / 60);
  const rest = Math.floor(sec - min * 60);
  return rest === 0 ? `${min} min` : `${min} min ${rest} s`;
}

/** "Source → Target" for each edge (node labels), with the edge's id added where two edges join the same nodes. */
export function edgeLabels(
  nodes: readonly { id: string; label: string }[],
  edges: readonly { id: string; source: string; target: string }[],
): string[] {
  const names = new Map(nodes.map((n) => [n.id, n.label]));
  const plain = edges.map((e) => `${names.get(e.source) ?? e.source} → ${names.get(e.target) ?? e.target}`);
  const seen = new Map<string, number>();
  for (const p of plain) seen.set(p, (seen.get(p) ?? 0) + 1);
  return plain.map((p, i) => (seen.get(p)! > 1 ? `${p} (${edges[i].id})` : p));
}
