/**
 * The follower panel's simulated writes/s: shown once the run of the current
 * scenario has measured at least a second, never beside a changed scenario.
 */
import { renderHook } from '@testing-library/react';
import { act } from 'react';
import { describe, expect, it } from 'vitest';
import { MIN_MEASURED_SEC, useSimulatedWrites } from '../../src/followers/useSimulatedWrites';
import type { LiveRun } from '../../src/run/liveReducer';
import type { Results } from '../../src/sim/results';
import { useAppStore } from '../../src/store';
import { store, useFreshStore } from './helpers';

useFreshStore();

function runWith(simulatedSec: number, callsPerSec: number) {
  const results = { simulatedSec, edges: { 'cache-db': { callsPerSec } } } as unknown as Results;
  useAppStore.setState({ runScenario: store().scenario, live: { results } as LiveRun });
}

describe('useSimulatedWrites', () => {
  it('waits for a measured second, then gives the rate and the time it was measured over', () => {
    const { result } = renderHook(() => useSimulatedWrites(['cache-db']));
    act(() => runWith(MIN_MEASURED_SEC / 20, 5));
    expect(result.current).toBeUndefined();
    act(() => runWith(12, 40));
    expect(result.current).toEqual({ writesPerSec: 40, simulatedSec: 12 });
  });

  it('gives nothing once the scenario no longer is the one that ran', () => {
    const { result } = renderHook(() => useSimulatedWrites(['cache-db']));
    act(() => runWith(12, 40));
    act(() => store().resetScenario({ ...store().scenario, seed: store().scenario.seed + 1 }));
    expect(result.current).toBeUndefined();
  });
});
