/** The sweep plot's colours: the percentile colours every chart uses, throughput neutral, overload alarming. */
export const SWEEP_COLORS = {
  p50: '#2563eb',
  p99: '#d97706',
  throughput: '#64748b',
  overload: '#dc2626',
} as const;
