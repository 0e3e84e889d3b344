/** Numbers with units, the same way everywhere in the app. */

// Made once: `toLocaleString` with options builds a new formatter on every call, and the live
// charts and nodes format thousands of numbers a second.
const WHOLE = new Intl.NumberFormat('en-US');
const FRACTION = new Intl.NumberFormat('en-US', { maximumFractionDigits: 10 });

/** At most `digits` significant digits, without trailing zeros: 0.1234 → "0.123", 1234 → "1,234". */
export function formatNumber(value: number, digits = 3): string {
  if (!Number.isFinite(value)) return String(value);
  if (value === 0) return '0';
  const abs = Math.abs(value);
  if (abs >= 10 ** digits) return WHOLE.format(Math.round(value));
  const rounded = Number(value.toPrecision(digits));
  return FRACTION.format(rounded);
}

/** A compact count: 950, 12k, 3.4M, 1.2B. */
export function formatCount(value: number): string {
  const abs = Math.abs(value);
  if (abs >= 1e9) return `${formatNumber(value / 1e9, 2)}B`;
  if (abs >= 1e6) return `${formatNumber(value / 1e6, 2)}M`;
  if (abs >= 1e4) return `${formatNumber(value / 1e3, 3)}k`;
  return formatNumber(value, 3);
}

/** A duration given in milliseconds: "0.5 ms", "12 ms", "1.5 s", "2 min". */
export function formatMs(ms: number): string {
  if (!Number.isFinite(ms)) return '∞';
  if (ms >= 120_000) return `${formatNumber(ms / 60_000, 3)} min`;
  if (ms >= 1000) return `${formatNumber(ms / 1000, 3)} s`;
  return `${formatNumber(ms, 2 + (ms >= 100 ? 1 : 0))} ms`;
}

/** A rate per second: "400 req/s", "1.2k req/s". */
export function formatRate(perSec: number, unit = 'req/s'): string {
  return `${formatCount(perSec)} ${unit}`;
}

/** "1 server", "8 servers". */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${formatCount(n)} ${n === 1 ? one : many}`;
}

/** A share 0…1 as a percentage: 0.9 → "90%", 0.995 → "99.5%". */
export function formatPercent(share: number): string {
  return `${formatNumber(share * 100, share >= 0.1 && share <= 0.99 ? 2 : 3)}%`;
}
