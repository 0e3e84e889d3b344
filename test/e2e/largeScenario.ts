/** A scenario at the format's limits, for the end-to-end test and scripts/largeopen.ts. */

/** 200 nodes in layers (10 clients, then services and databases), 1,000 edges from each layer to the next. */
export function largeScenario() {
  const nodes: unknown[] = [];
  const layers: string[][] = [];
  const width = 20;
  for (let layer = 0; layer < 10; layer++) {
    const ids: string[] = [];
    for (let i = 0; i < width; i++) {
      const id = `n${layer}-${i}`;
      ids.push(id);
      const position = { x: layer * 320, y: i * 140 };
      if (layer === 0) nodes.push({ id, kind: 'client', position, params: { op: `op${i % 4}`, arrival: { type: 'poisson', ratePerSec: 5 } } });
      else nodes.push({ id, kind: layer === 9 ? 'database' : 'service', position, params: { servers: 64 } });
    }
    layers.push(ids);
  }
  const edges: unknown[] = [];
  for (let layer = 0; layer < 9 && edges.length < 1000; layer++) {
    for (let i = 0; i < width && edges.length < 1000; i++) {
      for (let k = 0; k < 6 && edges.length < 1000; k++) {
        const target = layers[layer + 1][(i + k * 3) % width];
        edges.push({ id: `e${edges.length}`, source: layers[layer][i], target, probability: 0.1 });
      }
    }
  }
  return { version: 1, name: 'Two hundred nodes', durationSec: 60, nodes, edges };
}
