/** Shared set-up for component tests: a known scenario in the app's store, reset between tests. */
import { beforeEach } from 'vitest';
import { setCanvasHandle } from '../../src/actions/canvasHandle';
import { defaultScenario } from '../../src/scenario/presets';
import { useAppStore } from '../../src/store';

const initial = useAppStore.getState();

/** Resets the store to the default scenario with an empty history before each test. */
export function useFreshStore(): void {
  beforeEach(() => {
    useAppStore.setState(initial, true);
    useAppStore.getState().resetScenario(defaultScenario());
    setCanvasHandle(null);
    localStorage.clear();
  });
}

export const store = () => useAppStore.getState();
export const node = (id: string) => store().scenario.nodes.find((n) => n.id === id)!;
