/**
 * How the canvas stays quick on a graph at the format's limits (hundreds of
 * nodes, a thousand edges). Small graphs are drawn in full and measured by
 * React Flow; a large one is drawn as an overview: nodes get their size from
 * their content up front (React Flow need not lay out and measure each one
 * before any edge can be drawn), only what is in view is rendered, and nodes
 * show their details and edges their labels once the view is zoomed in far
 * enough to read them.
 */
import { Position, type NodeHandle } from '@xyflow/react';
import { KINDS } from '../scenario/kinds';
import type { ScenarioNode } from '../scenario/schema';
import { hasStation } from '../kinds';
import { nodeBadges, nodeGlance } from './nodes/glance';
import { lanesHeightPx } from './nodes/LogLanes';

/** Above either count the canvas draws the overview. No preset comes near (the largest has 7 nodes). */
export const LARGE_GRAPH = { nodes: 60, edges: 150 } as const;

/** Whether a graph this size is drawn as an overview. */
export function isLargeGraph(nodeCount: number, edgeCount: number): boolean {
  return nodeCount > LARGE_GRAPH.nodes || edgeCount > LARGE_GRAPH.edges;
}

/**
 * In the overview, nodes and edge labels are drawn in full from this zoom up (detail.ts). Below it
 * their 11- and 12-px type would be under 6 px on screen.
 */
export const OVERVIEW_DETAIL_MIN_ZOOM = 0.5;

/** A node's box width, px (also `.component-node`'s width in the stylesheet). */
export const NODE_WIDTH_PX = 200;
/** The connection handles' size, px (`.flow-handle`), and how far they stick out of the node's border. */
const HANDLE_PX = 12;
const HANDLE_OUTSIDE_PX = 5;

/**
 * The box a node's content takes, from the node's stylesheet (src/canvas/canvas.css): padding and
 * border, the name (one or two lines), the glance (one or two lines), the cache's hit-ratio bar, a
 * row of badges, and the live strip. Lines are counted from the text's length, so a name or glance
 * line that wraps further than expected is cut to the box (the overview clips).
 */
export function overviewNodeHeight(node: ScenarioNode): number {
  const label = node.label || node.id;
  let height = NODE_BOX.chrome + NODE_BOX.line * (label.length > NODE_BOX.labelCharsPerLine ? 2 : 1);
  height += NODE_BOX.glanceGap + NODE_BOX.line * (nodeGlance(node).length > NODE_BOX.glanceCharsPerLine ? 2 : 1);
  if (node.kind === 'cache') height += NODE_BOX.hitBar;
  // A log's lanes and its consumer groups' lines (room for two, the most it lists: a taller box is
  // better than a clipped one); a queue's stack of waiting messages.
  if (node.kind === 'log') height += NODE_BOX.lanesGap + lanesHeightPx(node.params.partitions) + 2 * NODE_BOX.groupRow;
  if (node.kind === 'queue') height += NODE_BOX.queueStack;
  if (nodeBadges(node).length > 0) height += NODE_BOX.badges;
  height += NODE_BOX.live + (hasStation(node.kind) ? NODE_BOX.utilBar : 0);
  return height;
}

/** Heights in px of each part of a node, as laid out by its stylesheet, and how many characters fit a line. */
export const NODE_BOX = {
  /** Vertical padding (8 + 9) and border (1 + 1). */
  chrome: 19,
  /** One line of the name, glance or live numbers. */
  line: 22,
  /** Of 18-px semibold type beside the icon; of 17.5-px type across the node. */
  labelCharsPerLine: 12,
  glanceCharsPerLine: 18,
  glanceGap: 4,
  /** The live strip around its line: gap, padding and dashed border. */
  live: 33,
  /** The utilization bar above the live line, with its gap. */
  utilBar: 8,
  /** The cache's hit-ratio bar, with its gap. */
  hitBar: 10,
  /** One row of badges, with its gap. */
  badges: 30,
  /** The gap above a log's lanes (LogLanes.tsx; the lanes' own height follows the partitions), and one group's line with its gap. */
  lanesGap: 6,
  groupRow: 27,
  /** A queue's stack (QueueStack.tsx): eight cells with their frame, and its gap. */
  queueStack: 57,
} as const;

/** Where a node's handles sit, so that edges can be drawn before (and without) measuring the node. */
export function overviewHandles(node: ScenarioNode, height: number): NodeHandle[] {
  const meta = KINDS[node.kind];
  const y = height / 2 - HANDLE_PX / 2;
  const handles: NodeHandle[] = [];
  if (meta.acceptsCalls) handles.push({ type: 'target', position: Position.Left, x: -HANDLE_OUTSIDE_PX, y, width: HANDLE_PX, height: HANDLE_PX });
  if (meta.makesCalls) {
    handles.push({ type: 'source', position: Position.Right, x: NODE_WIDTH_PX - HANDLE_PX + HANDLE_OUTSIDE_PX, y, width: HANDLE_PX, height: HANDLE_PX });
  }
  return handles;
}
