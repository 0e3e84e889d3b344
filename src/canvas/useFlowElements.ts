/**
 * The scenario as React Flow nodes and edges. Derived, never stored: the
 * scenario stays the single source of truth. A node or edge keeps its object
 * identity until its scenario entry, selection or size changes, so React Flow
 * re-renders only what changed (a drag re-renders one node per frame).
 *
 * On a large graph (largeGraph.ts) nodes carry their size and handle
 * positions, so that React Flow draws them and their edges without measuring.
 */
import { MarkerType } from '@xyflow/react';
import { useMemo, useRef } from 'react';
import { KINDS } from '../scenario/kinds';
import type { ScenarioEdge, ScenarioNode } from '../scenario/schema';
import { useAppStore } from '../store';
import type { NodeSize } from '../store/uiSlice';
import type { FlowEdge, FlowNode } from './flowTypes';
import { isLargeGraph, NODE_WIDTH_PX, overviewHandles, overviewNodeHeight } from './largeGraph';
import { nodeGlance } from './nodes/glance';

interface NodeMemo {
  selected: boolean;
  size: NodeSize | undefined;
  overview: boolean;
  flow: FlowNode;
}

interface EdgeMemo {
  selected: boolean;
  ariaLabel: string;
  parallelIndex: number;
  parallelCount: number;
  flow: FlowEdge;
}

const ORIGIN = { x: 0, y: 0 };

/**
 * A scenario node as React Flow draws it. `overview`: sized from its content up front, with its
 * handles placed, so React Flow neither waits for nor performs a measurement.
 */
export function toFlowNode(node: ScenarioNode, selected: boolean, size: NodeSize | undefined, overview = false): FlowNode {
  const flow: FlowNode = {
    id: node.id,
    type: node.kind,
    position: node.position ?? ORIGIN,
    data: { node },
    selected,
    measured: size,
    ariaLabel: `${node.label || node.id}, ${KINDS[node.kind].title.toLowerCase()}: ${nodeGlance(node)}`,
  };
  if (overview) {
    const height = overviewNodeHeight(node);
    flow.width = NODE_WIDTH_PX;
    flow.height = height;
    flow.measured = { width: NODE_WIDTH_PX, height };
    flow.handles = overviewHandles(node, height);
    flow.className = 'flow-node--sized';
  }
  return flow;
}

/** Edges between the same two nodes, either way round, are one group: each is drawn at its own offset. */
export function pairKey(source: string, target: string): string {
  return source < target ? `${source}\u0000${target}` : `${target}\u0000${source}`;
}

export function toFlowEdge(
  edge: ScenarioEdge,
  selected: boolean,
  ariaLabel = `Edge from ${edge.source} to ${edge.target}`,
  parallelIndex = 0,
  parallelCount = 1,
): FlowEdge {
  return {
    id: edge.id,
    source: edge.source,
    target: edge.target,
    type: 'call',
    data: { edge, parallelIndex, parallelCount },
    selected,
    markerEnd: { type: MarkerType.ArrowClosed, width: 18, height: 18, color: 'var(--edge-color)' },
    ariaLabel,
  };
}

export function useFlowNodes(): FlowNode[] {
  const nodes = useAppStore((s) => s.scenario.nodes);
  const selectedIds = useAppStore((s) => s.selectedNodeIds);
  const sizes = useAppStore((s) => s.nodeSizes);
  const overview = useAppStore((s) => isLargeGraph(s.scenario.nodes.length, s.scenario.edges.length));
  const memo = useRef(new WeakMap<ScenarioNode, NodeMemo>());
  return useMemo(() => {
    const selected = new Set(selectedIds);
    return nodes.map((node) => {
      const isSelected = selected.has(node.id);
      const size = overview ? undefined : sizes[node.id];
      const hit = memo.current.get(node);
      if (hit && hit.selected === isSelected && hit.size === size && hit.overview === overview) return hit.flow;
      const flow = toFlowNode(node, isSelected, size, overview);
      memo.current.set(node, { selected: isSelected, size, overview, flow });
      return flow;
    });
  }, [nodes, selectedIds, sizes, overview]);
}

/** "Edge from Readers to API": edges are named after the labels people see. */
function edgeName(edge: ScenarioEdge, names: ReadonlyMap<string, string>): string {
  return `Edge from ${names.get(edge.source) ?? edge.source} to ${names.get(edge.target) ?? edge.target}`;
}

export function useFlowEdges(): FlowEdge[] {
  const edges = useAppStore((s) => s.scenario.edges);
  const nodes = useAppStore((s) => s.scenario.nodes);
  const selectedIds = useAppStore((s) => s.selectedEdgeIds);
  const memo = useRef(new WeakMap<ScenarioEdge, EdgeMemo>());
  return useMemo(() => {
    const selected = new Set(selectedIds);
    const names = new Map(nodes.map((n) => [n.id, n.label || n.id]));
    const groupSizes = new Map<string, number>();
    for (const edge of edges) {
      const key = pairKey(edge.source, edge.target);
      groupSizes.set(key, (groupSizes.get(key) ?? 0) + 1);
    }
    const seen = new Map<string, number>();
    return edges.map((edge) => {
      const key = pairKey(edge.source, edge.target);
      const parallelCount = groupSizes.get(key) ?? 1;
      const parallelIndex = seen.get(key) ?? 0;
      seen.set(key, parallelIndex + 1);
      const isSelected = selected.has(edge.id);
      const ariaLabel = edgeName(edge, names);
      const hit = memo.current.get(edge);
      if (
        hit &&
        hit.selected === isSelected &&
        hit.ariaLabel === ariaLabel &&
        hit.parallelIndex === parallelIndex &&
        hit.parallelCount === parallelCount
      ) {
        return hit.flow;
      }
      const flow = toFlowEdge(edge, isSelected, ariaLabel, parallelIndex, parallelCount);
      memo.current.set(edge, { selected: isSelected, ariaLabel, parallelIndex, parallelCount, flow });
      return flow;
    });
  }, [edges, nodes, selectedIds]);
}
