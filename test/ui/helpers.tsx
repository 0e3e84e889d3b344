/** Shared set-up for component tests: a known scenario in the app's store, reset between tests. */
import { beforeEach } from 'vitest';
import { setCanvasHandle } from '../../src/actions/canvasHandle';
import { knownScenario } from '../fixtures/known';
import { useAppStore } from '../../src/store';

const initial = useAppStore.getState();

/** Resets the store to a known scenario (cache-aside) with an empty history before each test. */
export function useFreshStore(): void {
  beforeEach(() => {
    useAppStore.setState(initial, true);
    useAppStore.getState().resetScenario(knownScenario());
    setCanvasHandle(null);
    localStorage.clear();
  });
}

export const store = () => useAppStore.getState();
export const node = (id: string) => store().scenario.nodes.find((n) => n.id === id)!;
