/**
 * How often the 95% interval of the p99 covers the true M/M/1 p99, over many
 * seeds (μ = 100/s, mean service 10 ms; ten batches): the figures in the
 * README's "Agreement with queueing theory" and in src/sim/batchMeans.ts.
 * Prints, per load and run length, the coverage of the reported ±
 * (quantileInterval), of the asymmetric [low, high], of the interval from
 * the batches' own p99s it replaced, and of the mean's interval.
 *
 *   npx tsx scripts/p99coverage.ts [--seeds 200]
 */
import { decodeScenario } from '../src/scenario/decode';
import { BatchMeans, intervalOf } from '../src/sim/batchMeans';
import { Simulation } from '../src/sim/engine';
import { collectResults } from '../src/sim/results';
import { mm1 } from '../src/sim/theory';
import { numberArg } from './preview';

const seeds = numberArg('seeds', 200);
const pct = (k: number) => `${((k / seeds) * 100).toFixed(1)}%`;
for (const [lambdaPerMs, durationSec] of [
  [0.08, 600],
  [0.09, 600],
  [0.05, 120],
  [0.08, 120],
] as const) {
  const theory = mm1(lambdaPerMs, 0.1);
  const p99 = theory.responseQuantile(0.99);
  let reported = 0;
  let asymmetric = 0;
  let batchP99s = 0;
  let mean = 0;
  for (let seed = 1; seed <= seeds; seed++) {
    const decoded = decodeScenario({
      version: 2,
      seed,
      durationSec,
      warmupSec: 10,
      nodes: [
        { id: 'c', kind: 'client', params: { op: 'req', arrival: { ratePerSec: lambdaPerMs * 1000 } } },
        { id: 's', kind: 'service', params: { servers: 1, serviceTimeMs: { type: 'exponential', meanMs: 10 } } },
      ],
      edges: [{ id: 'e', source: 'c', target: 's' }],
    });
    if (!decoded.ok) throw new Error(decoded.error.message);
    const sim = new Simulation(decoded.scenario, { windowMs: 1000 });
    const bm = new BatchMeans(sim);
    sim.runToEnd();
    const c = bm.result().ops.req;
    const r = collectResults(sim, 0).ops.req.latencyMs;
    const ci = c.p99Ms!;
    if (Math.abs(r.p99 - p99) <= ci.halfWidth) reported++;
    if (ci.low! <= p99 && p99 <= ci.high!) asymmetric++;
    const old = intervalOf(bm.batchHistograms(0).map((h) => h.percentile(99)))!;
    if (Math.abs(r.p99 - p99) <= old.halfWidth) batchP99s++;
    if (Math.abs(r.mean - theory.meanResponse) <= c.meanMs!.halfWidth) mean++;
    sim.dispose();
  }
  console.log(
    `ρ = ${(lambdaPerMs * 10).toFixed(1)}, ${durationSec} s, ${seeds} seeds: p99 ± ${pct(reported)}, [low, high] ${pct(asymmetric)}, batch p99s ${pct(batchP99s)}; mean ${pct(mean)}`,
  );
}
