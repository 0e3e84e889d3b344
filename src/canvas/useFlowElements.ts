/**
 * The scenario as React Flow nodes and edges. Derived, never stored: the
 * scenario stays the single source of truth. A node or edge keeps its object
 * identity until its scenario entry, selection or size changes, so React Flow
 * re-renders only what changed (a drag re-renders one node per frame).
 */
import { MarkerType } from '@xyflow/react';
import { useMemo, useRef } from 'react';
import { KINDS } from '../scenario/kinds';
import type { ScenarioEdge, ScenarioNode } from '../scenario/schema';
import { useAppStore } from '../store';
import type { NodeSize } from '../store/uiSlice';
import type { FlowEdge, FlowNode } from './flowTypes';
import { nodeGlance } from './nodes/glance';

interface NodeMemo {
  selected: boolean;
  size: NodeSize | undefined;
  flow: FlowNode;
}

interface EdgeMemo {
  selected: boolean;
  ariaLabel: string;
  flow: FlowEdge;
}

const ORIGIN = { x: 0, y: 0 };

export function toFlowNode(node: ScenarioNode, selected: boolean, size: NodeSize | undefined): FlowNode {
  return {
    id: node.id,
    type: node.kind,
    position: node.position ?? ORIGIN,
    data: { node },
    selected,
    measured: size,
    ariaLabel: `${node.label || node.id}, ${KINDS[node.kind].title.toLowerCase()}: ${nodeGlance(node)}`,
  };
}

export function toFlowEdge(edge: ScenarioEdge, selected: boolean, ariaLabel = `Edge from ${edge.source} to ${edge.target}`): FlowEdge {
  return {
    id: edge.id,
    source: edge.source,
    target: edge.target,
    type: 'call',
    data: { edge },
    selected,
    markerEnd: { type: MarkerType.ArrowClosed, width: 18, height: 18, color: 'var(--edge-color)' },
    ariaLabel,
  };
}

export function useFlowNodes(): FlowNode[] {
  const nodes = useAppStore((s) => s.scenario.nodes);
  const selectedIds = useAppStore((s) => s.selectedNodeIds);
  const sizes = useAppStore((s) => s.nodeSizes);
  const memo = useRef(new WeakMap<ScenarioNode, NodeMemo>());
  return useMemo(() => {
    const selected = new Set(selectedIds);
    return nodes.map((node) => {
      const isSelected = selected.has(node.id);
      const size = sizes[node.id];
      const hit = memo.current.get(node);
      if (hit && hit.selected === isSelected && hit.size === size) return hit.flow;
      const flow = toFlowNode(node, isSelected, size);
      memo.current.set(node, { selected: isSelected, size, flow });
      return flow;
    });
  }, [nodes, selectedIds, sizes]);
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
    return edges.map((edge) => {
      const isSelected = selected.has(edge.id);
      const ariaLabel = edgeName(edge, names);
      const hit = memo.current.get(edge);
      if (hit && hit.selected === isSelected && hit.ariaLabel === ariaLabel) return hit.flow;
      const flow = toFlowEdge(edge, isSelected, ariaLabel);
      memo.current.set(edge, { selected: isSelected, ariaLabel, flow });
      return flow;
    });
  }, [edges, nodes, selectedIds]);
}
