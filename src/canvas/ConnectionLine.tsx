/**
 * The line drawn while the user drags from a handle. Over a node the engine
 * would refuse as a target, it turns red and says why, before the user lets go.
 */
import { getBezierPath, type ConnectionLineComponentProps } from '@xyflow/react';
import { connectionProblem } from '../scenario/edit';
import { useAppStore } from '../store';
import type { FlowNode } from './flowTypes';

/** Source and target of a connection, whichever handle the drag started from. */
export function connectionEnds(fromId: string, fromHandleType: 'source' | 'target', toId: string): [string, string] {
  return fromHandleType === 'target' ? [toId, fromId] : [fromId, toId];
}

export function ConnectionLine({
  fromX,
  fromY,
  toX,
  toY,
  fromPosition,
  toPosition,
  fromNode,
  fromHandle,
  toNode,
}: ConnectionLineComponentProps<FlowNode>) {
  const [path] = getBezierPath({ sourceX: fromX, sourceY: fromY, sourcePosition: fromPosition, targetX: toX, targetY: toY, targetPosition: toPosition });
  const problem = useAppStore((s) => {
    if (!toNode) return undefined;
    const [source, target] = connectionEnds(fromNode.id, fromHandle.type, toNode.id);
    return connectionProblem(s.scenario, source, target);
  });
  const status = toNode ? (problem ? 'invalid' : 'valid') : 'pending';
  return (
    <g className="connection-line" data-status={status}>
      <path d={path} fill="none" className="connection-line__path" />
      <circle cx={toX} cy={toY} r={4} className="connection-line__end" />
      {problem && (
        <foreignObject x={toX + 14} y={toY + 10} width={280} height={96} className="connection-line__hint-box">
          <div className="connection-hint" role="status">
            Can’t connect: {problem}
          </div>
        </foreignObject>
      )}
    </g>
  );
}
