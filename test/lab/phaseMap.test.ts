/**
 * A real phase map of the metastable retry storm, on the engine behind the
 * worker protocol (in-process): the API (10 servers × 10 ms, 1,000 requests/s)
 * serves 800 requests/s with a 200 ms timeout. After a pause, the backlog
 * makes calls time out; with one attempt the 200 requests/s of spare capacity
 * drain it and the system recovers; with two or more, every timed-out call
 * comes back as a retry, the load passes what the API can serve, and the
 * system stays down long after the pause — for any pause from 0.5 s to 5 s,
 * at seeds 1 and 2.
 */
import { describe, expect, it } from 'vitest';
import { setHeadlessRunner } from '../../src/lab/headless';
import { defaultPhaseDurationSec, phaseAxes, phaseCellScenario, startPhaseMap } from '../../src/lab/phaseMapRun';
import { workerHeadlessRunner } from '../../src/lab/workerRunner';
import { createAppStore } from '../../src/store';
import { sweepParameters } from '../../src/sweep/parameters';
import { preset } from '../worker/harness';
import { inProcessWorker } from './inProcessWorker';

const AXES = { xId: 'fault:gc-pause:durationSec', yId: 'retry.maxAttempts:users-api' };

describe('phase map of the retry storm (pause duration × retry attempts)', () => {
  it('defaults to the fault’s duration across and the retry attempts up, each cell long enough to judge', () => {
    const storm = preset('retry-storm');
    const params = sweepParameters(storm);
    const { x, y } = phaseAxes(storm, params, null, null);
    expect([x?.id, y?.id]).toEqual([AXES.xId, AXES.yId]);
    // Pause at 20 s for up to 8 s, 10 s of grace, 20 s to judge: 58 s, rounded up.
    expect(defaultPhaseDurationSec(storm, x, y, [0.5, 8], [1, 6])).toBe(60);
  });

  for (const seed of [1, 2]) {
    it(`stays down with 2 or 4 attempts and recovers with 1, whatever the pause, at seed ${seed}`, { timeout: 60_000 }, async () => {
      setHeadlessRunner(workerHeadlessRunner(() => inProcessWorker()));
      try {
        const store = createAppStore();
        store.getState().resetScenario({ ...preset('retry-storm'), seed });
        store.getState().setPhaseMap({
          ...AXES,
          xRange: { from: 0.5, to: 5, steps: 3, scale: 'linear', integer: false },
          yRange: { from: 1, to: 4, steps: 3, scale: 'log', integer: true },
          durationSec: 60,
        });
        await startPhaseMap(store);
        const map = store.getState().phaseMap;
        expect(map.status).toBe('done');
        expect(map.x?.values).toEqual([0.5, 2.75, 5]);
        expect(map.y?.values).toEqual([1, 2, 4]);
        const grid = map.y!.values.map((_, row) => map.cells.slice(row * 3, row * 3 + 3).map((c) => c.verdict?.kind));
        expect(grid).toEqual([
          ['recovers', 'recovers', 'recovers'],
          ['staysDown', 'staysDown', 'staysDown'],
          ['staysDown', 'staysDown', 'staysDown'],
        ]);
        // Recovered: nearly every request succeeds at the end; down: almost none does.
        for (const c of map.cells) {
          if (c.y === 1) expect(c.verdict!.finalShare).toBeGreaterThan(0.95);
          else expect(c.verdict!.finalShare).toBeLessThan(0.05);
        }
        // A cell opens as the exact scenario it ran: both values, the seed, the duration.
        const opened = phaseCellScenario(map, map.cells[5])!;
        expect(opened).toMatchObject({ seed, durationSec: 60 });
        expect(opened.faults![0].durationSec).toBe(5);
        expect(opened.edges[0].retry!.maxAttempts).toBe(2);
      } finally {
        setHeadlessRunner(null);
      }
    });
  }
});
