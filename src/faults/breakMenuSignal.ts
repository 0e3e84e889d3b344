/**
 * The "B" key asks the Break it menu of the selected node or edge to open
 * (the menu lives in the inspector, with its own open state): a signal
 * rather than store state, since nothing is kept — it is a request to a
 * component on screen.
 */
const listeners = new Set<() => void>();

export function requestBreakMenu(): boolean {
  for (const l of listeners) l();
  return listeners.size > 0;
}

export function onBreakMenuRequest(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
