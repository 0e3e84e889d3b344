/**
 * Runs a comparison: every chosen variant on the same seed and duration,
 * all at once in parallel workers, each filling its column of the table as
 * it lands. One comparison at a time; cancelling stops every run.
 */
import { faultBands } from '../charts/faultBands';
import { commonReadOp, variantMetrics } from '../compare/metrics';
import { fetchPreset } from '../persistence/presets';
import { knownOps } from '../scenario/edit';
import type { Scenario } from '../scenario/schema';
import { followerEdges } from '../scenario/twitter';
import type { AppStore } from '../store';
import { MAX_VARIANTS, type VariantChoice } from '../store/labSlice';
import { headlessRunner, type HeadlessRun } from './headless';
import { markCancelled, runPool, type PoolJob } from './runPool';

let active: AbortController | null = null;

/** The name a variant is shown by. */
export function variantLabel(choice: VariantChoice, store: AppStore): string {
  switch (choice.kind) {
    case 'preset':
      return choice.title;
    case 'current':
      return 'Current scenario';
    case 'saved':
      return store.getState().savedVariants.find((v) => v.id === choice.id)?.name ?? 'A removed variant';
  }
}

/** The same variant chosen twice is told apart by a number: "Current scenario (2)". */
function distinctLabels(labels: string[]): string[] {
  const seen = new Map<string, number>();
  return labels.map((l) => {
    const n = (seen.get(l) ?? 0) + 1;
    seen.set(l, n);
    return n === 1 ? l : `${l} (${n})`;
  });
}

async function resolveVariant(choice: VariantChoice, store: AppStore): Promise<Scenario> {
  switch (choice.kind) {
    case 'current':
      return store.getState().scenario;
    case 'saved': {
      const v = store.getState().savedVariants.find((x) => x.id === choice.id);
      if (!v) throw new Error('this saved variant was removed');
      return v.scenario;
    }
    case 'preset': {
      const r = await fetchPreset(choice.name);
      if (!r.ok) throw new Error(r.error.message);
      return r.scenario;
    }
  }
}

/**
 * A variant as Compare runs it: the comparison's seed and simulated time, its
 * warm-up at most half of that.
 */
export function compareScenario(scenario: Scenario, seed: number, durationSec: number): Scenario {
  return { ...scenario, seed, durationSec, warmupSec: Math.min(scenario.warmupSec, durationSec / 2) };
}

/** Starts the comparison the store describes (any comparison in progress is cancelled first). */
export async function startCompare(store: AppStore): Promise<void> {
  cancelCompare(store);
  const controller = new AbortController();
  active = controller;
  const { compare, scenario: current } = store.getState();
  const choices = compare.variants.slice(0, MAX_VARIANTS);
  const seed = compare.seed ?? current.seed;
  const durationSec = compare.durationSec;
  store.getState().setCompare({
    status: 'running',
    ranDurationSec: durationSec,
    ranWarmupSec: 0,
    ranVariants: choices,
    ranSeed: seed,
    runs: distinctLabels(choices.map((c) => variantLabel(c, store))).map((label) => ({ label, status: 'queued', progress: 0 })),
  });

  // Scenarios first (presets are fetched), so the table knows its op before any run lands.
  const scenarios = await Promise.all(
    choices.map((c, i) =>
      resolveVariant(c, store).catch((err: unknown) => {
        store.getState().updateVariantRun(i, { status: 'failed', error: err instanceof Error ? err.message : String(err) });
        return null;
      }),
    ),
  );
  if (controller.signal.aborted) return;
  const op = commonReadOp(scenarios.filter((s): s is Scenario => s !== null).map(knownOps)) ?? null;
  store.getState().setCompare({ op });

  const runnable = scenarios
    .map((s, index) => ({ index, scenario: s && compareScenario(s, seed, durationSec) }))
    .filter((x): x is { index: number; scenario: Scenario } => x.scenario !== null);
  store.getState().setCompare({ ranWarmupSec: Math.max(0, ...runnable.map((r) => r.scenario.warmupSec)) });
  const run = headlessRunner();
  const jobs: PoolJob<{ index: number; scenario: Scenario } & HeadlessRun>[] = runnable.map(({ index, scenario }) => (signal) =>
      run(scenario, {
        signal,
        op: op ?? '',
        writeEdgeIds: followerEdges(scenario).map((e) => e.id),
        onProgress: (simSec) => store.getState().updateVariantRun(index, { progress: Math.min(1, simSec / durationSec) }),
      }).then((r) => ({ index, scenario, ...r })),
  );
  await runPool(
    jobs,
    runnable.length,
    controller.signal,
    {
      onStart: (i) => store.getState().updateVariantRun(runnable[i].index, { status: 'running' }),
      onDone: (_, r) =>
        store.getState().updateVariantRun(r.index, {
          status: 'done',
          progress: 1,
          metrics: variantMetrics(r.scenario, r.results, op ?? ''),
          series: r.series,
          bands: faultBands(r.scenario, r.scenario.seed),
        }),
      onFail: (i, message) => store.getState().updateVariantRun(runnable[i].index, { status: 'failed', error: message }),
    },
  );
  if (active === controller) {
    active = null;
    store.getState().setCompare({ status: 'done' });
  }
}

/** Stops the comparison in progress; runs that finished keep their results. */
export function cancelCompare(store: AppStore): void {
  if (!active) return;
  active.abort();
  active = null;
  const c = store.getState().compare;
  store.getState().setCompare({
    status: 'cancelled',
    runs: markCancelled(c.runs),
  });
}
