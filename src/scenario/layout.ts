/**
 * Positions for nodes that have none (a hand-written file, a CLI scenario):
 * left to right by call depth, so requests flow the way people read. Nodes
 * that already have a position keep it. Deterministic, so the same file
 * always opens with the same picture.
 */
import type { Scenario } from './schema';

export const LAYOUT_COLUMN_PX = 280;
export const LAYOUT_ROW_PX = 130;

export function withPositions(scenario: Scenario): Scenario {
  if (scenario.nodes.every((n) => n.position)) return scenario;
  const index = new Map(scenario.nodes.map((n, i) => [n.id, i]));
  const incoming: number[][] = scenario.nodes.map(() => []);
  for (const e of scenario.edges) {
    const s = index.get(e.source);
    const t = index.get(e.target);
    if (s !== undefined && t !== undefined) incoming[t].push(s);
  }
  // Longest path from a root; the graph is acyclic (the decoder guarantees it), and the guard bounds hostile input.
  const depth = new Array<number>(scenario.nodes.length).fill(-1);
  const depthOf = (start: number): number => {
    const stack = [start];
    while (stack.length > 0) {
      const v = stack[stack.length - 1];
      if (depth[v] >= 0) {
        stack.pop();
        continue;
      }
      const pending = incoming[v].filter((u) => depth[u] < 0);
      if (pending.length > 0 && stack.length <= scenario.nodes.length) {
        stack.push(...pending);
        continue;
      }
      depth[v] = incoming[v].reduce((d, u) => Math.max(d, depth[u] + 1), 0);
      stack.pop();
    }
    return depth[start];
  };
  const rows = new Map<number, number>();
  const nodes = scenario.nodes.map((n, i) => {
    if (n.position) return n;
    const column = depthOf(i);
    const row = rows.get(column) ?? 0;
    rows.set(column, row + 1);
    return { ...n, position: { x: column * LAYOUT_COLUMN_PX, y: row * LAYOUT_ROW_PX } };
  });
  return { ...scenario, nodes };
}
