/**
 * What a kind of node is, headless: everything about it that the schema,
 * the inspector, the palette, the canvas's text, the charts, Compare, Sweep,
 * the analysis and the CLI read. One module per kind (./client.ts, …),
 * registered once in ./index.ts. The engine's side of a kind is its
 * behaviour (src/sim/behaviours/), its look on the canvas its icon
 * (src/ui/icons.tsx), node component (src/canvas/nodes/nodeTypes.tsx) and
 * colour tokens (src/styles/tokens.css); test/kinds/registry.test.ts checks
 * that every registered kind has every part.
 *
 * No React and no engine here: the main bundle and the engine both import it.
 */
import type { KindMeta, NodeKind } from '../scenario/kinds';
import type { ScenarioNode } from '../scenario/schema';

export type NodeOf<K extends NodeKind> = Extract<ScenarioNode, { kind: K }>;

/** How a node passes requests on, in expectation. */
export interface Routing {
  /** Share of arriving requests that issue downstream calls (a cache: its misses). */
  passOn: number;
  /** 'all': every eligible edge; 'one': one of them, evenly in expectation (a load balancer). */
  split: 'all' | 'one';
}

/** A kind whose node is a station: servers that are busy or not, so it has a utilization. */
export interface StationSpec {
  /** The parameter that sizes it, and what one of them is called. */
  field: 'servers' | 'consumers' | 'workers';
  noun: string;
  /** The parameter holding the busy time per request, when it is a service time (a queue's consumer holds its slot as long as the delivery takes: none). */
  serviceTimeField?: 'serviceTimeMs' | 'hitTimeMs';
}

export interface KindSpec<K extends NodeKind = NodeKind> {
  kind: K;
  /** Title, summary, description and every parameter's metadata (src/scenario/kinds.ts). */
  meta: KindMeta;
  /** Null for kinds without servers (clients, load balancers): no utilization, nothing to size. */
  station: StationSpec | null;
  routing(node: NodeOf<K>): Routing;
  /** One line of the node's most telling parameters: "8 servers · 5 ms p50". */
  glance(node: NodeOf<K>): string;
  /** The same system at `factor` times the load and capacity (see src/scenario/scale.ts). */
  scale(node: NodeOf<K>, factor: number): NodeOf<K>;
}
