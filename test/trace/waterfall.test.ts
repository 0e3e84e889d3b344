/** The waterfall's rows (src/trace/waterfall.ts): nested depth first, each hop cut into its phases in ms. */
import { describe, expect, it } from 'vitest';
import { waterfallRows } from '../../src/trace/waterfall';
import { balancedTrace, chainTrace } from './fixtures';

const phases = (r: ReturnType<typeof waterfallRows>[number]) => r.phases.map((p) => [p.kind, p.fromMs, p.toMs]);

describe('waterfall rows', () => {
  it('client → api → db: network, service, its calls and the network back, at the times the constants give', () => {
    const [root, api, db] = waterfallRows(chainTrace());
    expect([root.depth, api.depth, db.depth]).toEqual([0, 1, 2]);
    expect(phases(root)).toEqual([['calls', 0, 12]]);
    expect(phases(api)).toEqual([
      ['network', 0, 1],
      ['service', 1, 6],
      ['calls', 6, 11],
      ['return', 11, 12],
    ]);
    expect(phases(db)).toEqual([
      ['network', 6, 7],
      ['service', 7, 10],
      ['return', 10, 11],
    ]);
    expect([api.networkMs, api.waitMs, api.serviceMs, api.callsMs]).toEqual([2, 0, 5, 5]);
  });

  it('an attempt still in line when the trace closed waits until its caller gave up', () => {
    const trace = balancedTrace({ timeoutMs: 20 });
    const stuck = trace.spans.find((s) => s.node === 'slow')!;
    const edited = { ...trace, spans: trace.spans.map((s) => (s.id === stuck.id ? { ...s, serviceStartMs: null, serviceMs: null, doneMs: null, answeredMs: null, gaveUpMs: 20 } : s)) };
    const row = waterfallRows(edited).find((r) => r.span.id === stuck.id)!;
    expect(phases(row)).toEqual([['wait', 0, 20]]);
  });
});
