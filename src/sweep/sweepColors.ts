/** The sweep plot's colours: p50 and p99 as on every chart, throughput neutral, overload alarming. */
import { PERCENTILES } from '../charts/palette';

const percentile = (key: string) => PERCENTILES.find((p) => p.key === key)!.color;

export const SWEEP_COLORS = {
  p50: percentile('p50'),
  p99: percentile('p99'),
  throughput: '#64748b',
  overload: '#dc2626',
} as const;
