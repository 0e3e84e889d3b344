/** The React Flow shapes of scenario nodes and edges. */
import type { Edge, Node } from '@xyflow/react';
import type { NodeKind } from '../scenario/kinds';
import type { ScenarioEdge, ScenarioNode } from '../scenario/schema';

export type ComponentNodeData = { node: ScenarioNode };
/** A scenario node on the canvas; its React Flow type is its kind. */
export type FlowNode = Node<ComponentNodeData, NodeKind>;

/**
 * `parallelIndex` of `parallelCount`: the edge's place among the edges joining the same two nodes
 * (either way round), so that each is drawn on its own curve.
 */
export type CallEdgeData = { edge: ScenarioEdge; parallelIndex: number; parallelCount: number };
/** A scenario edge on the canvas: one or more calls from source to target. */
export type FlowEdge = Edge<CallEdgeData, 'call'>;
