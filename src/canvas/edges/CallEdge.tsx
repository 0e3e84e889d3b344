/**
 * An edge: calls from one node to another. Dashed when async; chips show the
 * fan-out ("×100", "× followers"), the operations filter and the probability;
 * while a simulation runs, the calls per second.
 */
import { BaseEdge, EdgeLabelRenderer, getBezierPath, type EdgeProps } from '@xyflow/react';
import { memo } from 'react';
import { useEdgeLiveStats } from '../../run/liveSelectors';
import { useAppStore } from '../../store';
import { formatCount } from '../../ui/format';
import type { FlowEdge } from '../flowTypes';
import { edgeChips } from '../nodes/glance';

export const CallEdge = memo(function CallEdge(props: EdgeProps<FlowEdge>) {
  const { id, sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, data, selected, markerEnd } = props;
  const [path, labelX, labelY] = getBezierPath({ sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition });
  const live = useEdgeLiveStats(id);
  const select = useAppStore((s) => s.select);
  const edge = data?.edge;
  const chips = edge ? edgeChips(edge) : [];
  const isAsync = edge?.mode === 'async';
  return (
    <>
      <BaseEdge
        id={id}
        path={path}
        markerEnd={markerEnd}
        interactionWidth={24}
        className={`call-edge${isAsync ? ' call-edge--async' : ''}${selected ? ' call-edge--selected' : ''}`}
      />
      {(chips.length > 0 || live) && (
        <EdgeLabelRenderer>
          <div
            className={`edge-label nodrag nopan${selected ? ' edge-label--selected' : ''}`}
            data-edge-id={id}
            style={{ transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)` }}
            onClick={() => select([], [id])}
          >
            {chips.map((c) => (
              <span key={c} className={`edge-chip${c === 'async' ? ' edge-chip--async' : ''}`}>
                {c}
              </span>
            ))}
            {live && <span className="edge-chip edge-chip--live">{formatCount(live.callsPerSec)} calls/s</span>}
          </div>
        </EdgeLabelRenderer>
      )}
    </>
  );
});

export const edgeTypes = { call: CallEdge };
