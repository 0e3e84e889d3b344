/**
 * One memoised node component per kind, declared once outside render (React
 * Flow re-mounts every node when `nodeTypes` changes identity).
 */
import type { NodeProps, NodeTypes } from '@xyflow/react';
import { memo } from 'react';
import type { FlowNode } from '../flowTypes';
import { ComponentNode } from './ComponentNode';
import { LogLanes } from './LogLanes';
import { QueueStack } from './QueueStack';

/** The cache's hit ratio as a bar: the share of requests that never reach the backend. */
function HitRatioBar({ hitRatio }: { hitRatio: number }) {
  return (
    <div className="hit-bar" aria-hidden="true" title="Hit ratio">
      <div className="hit-bar__fill" style={{ width: `${hitRatio * 100}%` }} />
    </div>
  );
}

export const ClientNode = memo(function ClientNode(props: NodeProps<FlowNode>) {
  return <ComponentNode {...props} />;
});

export const LoadBalancerNode = memo(function LoadBalancerNode(props: NodeProps<FlowNode>) {
  return <ComponentNode {...props} />;
});

export const ServiceNode = memo(function ServiceNode(props: NodeProps<FlowNode>) {
  return <ComponentNode {...props} />;
});

export const DatabaseNode = memo(function DatabaseNode(props: NodeProps<FlowNode>) {
  return <ComponentNode {...props} />;
});

export const CacheNode = memo(function CacheNode(props: NodeProps<FlowNode>) {
  const node = props.data.node;
  return <ComponentNode {...props} extra={node.kind === 'cache' ? <HitRatioBar hitRatio={node.params.hitRatio} /> : null} />;
});

/** A queue: its waiting messages as a stack that fills and drains. */
export const QueueNode = memo(function QueueNode(props: NodeProps<FlowNode>) {
  const node = props.data.node;
  return <ComponentNode {...props} extra={node.kind === 'queue' ? <QueueStack nodeId={props.id} consumers={node.params.consumers} /> : null} />;
});

export const SearchIndexNode = memo(function SearchIndexNode(props: NodeProps<FlowNode>) {
  return <ComponentNode {...props} />;
});

/** A log: its partitions as lanes, with each consumer group's position and lag on them. */
export const LogNode = memo(function LogNode(props: NodeProps<FlowNode>) {
  const node = props.data.node;
  return <ComponentNode {...props} extra={node.kind === 'log' ? <LogLanes nodeId={props.id} partitions={node.params.partitions} /> : null} />;
});

export const BatchNode = memo(function BatchNode(props: NodeProps<FlowNode>) {
  return <ComponentNode {...props} />;
});

export const nodeTypes = {
  client: ClientNode,
  loadBalancer: LoadBalancerNode,
  service: ServiceNode,
  database: DatabaseNode,
  cache: CacheNode,
  queue: QueueNode,
  index: SearchIndexNode,
  batch: BatchNode,
  log: LogNode,
} satisfies NodeTypes;
