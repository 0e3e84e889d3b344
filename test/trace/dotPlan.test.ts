/**
 * The dots' plan (src/trace/dotPlan.ts): a traced request on a slowed-down
 * clock, in causal order — out along an edge, served, its calls, back — every
 * hop visible however short, a retry leaving after the attempt it replaces
 * was given up on, and grey from the moment the caller gave up.
 */
import { describe, expect, it } from 'vitest';
import { planDots } from '../../src/trace/dotPlan';
import { balancedTrace, chainTrace } from './fixtures';

describe('the dots of one request', () => {
  it('client → api → db: out along e1, served 5 ms × slow, out along e2, served, back along e2, back along e1 — in that order', () => {
    const plan = planDots(chainTrace(), { slow: 10, travelMs: 100 });
    const steps = plan.segments.map((s) => `${s.kind}:${s.edge ?? s.node}${s.back ? ':back' : ''}`);
    expect(steps).toEqual(['travel:e1', 'serve:api', 'travel:e2', 'serve:db', 'travel:e2:back', 'travel:e1:back']);
    const [out1, serveApi, out2, serveDb, back2, back1] = plan.segments;
    // 1 ms of network × 10 = 10 visual ms, but a trip takes at least 100.
    expect([out1.fromV, out1.toV]).toEqual([0, 100]);
    expect([serveApi.fromV, serveApi.toV]).toEqual([100, 150]);
    expect([out2.fromV, out2.toV]).toEqual([150, 250]);
    expect([serveDb.fromV, serveDb.toV]).toEqual([250, 280]);
    expect([back2.fromV, back2.toV]).toEqual([280, 380]);
    expect([back1.fromV, back1.toV]).toEqual([380, 480]);
    expect(plan.durationV).toBe(480);
    expect(plan.segments.every((s) => s.tone === 'ok')).toBe(true);
  });

  it('a long request is squeezed into maxDurationV: the slow-down gives way', () => {
    const plan = planDots(chainTrace(), { slow: 1000, travelMs: 10, maxDurationV: 1200 });
    // 12 ms of request at most 1,200 visual ms: 100 visual ms per simulated ms.
    expect(plan.durationV).toBeCloseTo(1200, 6);
  });

  it('a timeout then a retry: the first attempt turns grey when the caller gives up, and the retry leaves again (with a ring) after it', () => {
    const trace = balancedTrace({ timeoutMs: 20, retry: { maxAttempts: 2 } });
    const plan = planDots(trace, { slow: 10, travelMs: 50 });
    const first = trace.spans.find((s) => s.node === 'lb' && s.attempt === 1)!;
    const retry = trace.spans.find((s) => s.node === 'lb' && s.role === 'retry')!;
    const firstSegs = plan.segments.filter((s) => s.span === first.id);
    const retrySegs = plan.segments.filter((s) => s.span === retry.id);
    const gaveUpV = 20 * 10;
    expect(firstSegs.some((s) => s.tone === 'abandoned' && s.fromV >= gaveUpV)).toBe(true);
    expect(firstSegs.filter((s) => s.toV <= gaveUpV).every((s) => s.tone === 'ok')).toBe(true);
    expect(retrySegs[0]).toMatchObject({ kind: 'travel', edge: 'e', back: false, again: true, fromV: gaveUpV });
    // The slow backend's work runs on for nobody: grey from then on too.
    const slowSpan = trace.spans.find((s) => s.node === 'slow')!;
    const slowSegs = plan.segments.filter((s) => s.span === slowSpan.id);
    expect(slowSegs.length).toBeGreaterThan(1);
    for (const s of slowSegs) expect(s.tone, `${s.kind} ${s.fromV}–${s.toV}`).toBe(s.fromV >= gaveUpV ? 'abandoned' : 'ok');
  });

  it('a hedge: the copy leaves afterMs after the original, with a ring, and the request ends when it comes back', () => {
    const trace = balancedTrace({ hedge: { afterMs: 10 } });
    const plan = planDots(trace, { slow: 10, travelMs: 50 });
    const [original, copy] = trace.spans.filter((s) => s.node === 'lb');
    const outOriginal = plan.segments.find((s) => s.span === original.id && s.kind === 'travel')!;
    const outCopy = plan.segments.find((s) => s.span === copy.id && s.kind === 'travel')!;
    expect(outCopy.fromV - outOriginal.fromV).toBe(100);
    expect(outCopy.again).toBe(true);
  });
});

describe('a request stuck in a line', () => {
  it('waits beside its node until its caller gives up, then greys out there', async () => {
    const { planDots: plan } = await import('../../src/trace/dotPlan');
    const trace = balancedTrace({ timeoutMs: 20 });
    // Pretend it never got past the line: still waiting (no service, no calls) when the trace closed.
    const slow = trace.spans.find((s) => s.node === 'lb')!;
    const stuck = {
      ...trace,
      spans: trace.spans.filter((s) => s.parent !== slow.id).map((s) => (s.id === slow.id ? { ...s, serviceStartMs: null, serviceMs: null, doneMs: null, answeredMs: null } : s)),
    };
    const waits = plan(stuck, { slow: 10, travelMs: 50 }).segments.filter((s) => s.span === slow.id && s.kind === 'wait');
    expect(waits.map((w) => [w.tone, w.fromV, w.toV])).toEqual([
      ['ok', 50, 200],
      ['abandoned', 200, 250],
    ]);
  });
});
