/**
 * An edge: calls from one node to another. Dashed when async; chips show the
 * fan-out ("×100", "× followers"), the operations filter and the probability;
 * while a simulation runs, the calls per second. Edges between the same two
 * nodes bow apart (edgePath.ts), and a label keeps clear of node boxes.
 */
import { BaseEdge, EdgeLabelRenderer, useStore, type EdgeProps, type ReactFlowState } from '@xyflow/react';
import { memo, useCallback, useContext, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useEdgeLiveStats } from '../../run/liveSelectors';
import type { ScenarioEdge } from '../../scenario/schema';
import { useAppStore } from '../../store';
import { formatCount } from '../../ui/format';
import { FullDetail } from '../detail';
import type { FlowEdge } from '../flowTypes';
import { edgeChips } from '../nodes/glance';
import { callEdgeCurve, LABEL_ESTIMATE, labelPosition, type Box, type EdgeCurve } from './edgePath';

/** Every node's box, in flow coordinates. */
function nodeBoxes(s: ReactFlowState): Box[] {
  const boxes: Box[] = [];
  for (const node of s.nodeLookup.values()) {
    const { width, height } = node.measured;
    if (width === undefined || height === undefined || node.hidden) continue;
    boxes.push({ x: node.internals.positionAbsolute.x, y: node.internals.positionAbsolute.y, width, height });
  }
  return boxes;
}

// Sizes are rounded up to whole steps, so that a live number ticking from 985 to 1,004 does not nudge the label.
const SIZE_STEP_PX = 8;
const roundUp = (px: number) => Math.ceil(px / SIZE_STEP_PX) * SIZE_STEP_PX;

const CallEdgeLabel = memo(function CallEdgeLabel({
  id,
  edge,
  selected,
  curve,
  parallel,
}: {
  id: string;
  edge: ScenarioEdge;
  selected: boolean;
  curve: EdgeCurve;
  parallel: boolean;
}) {
  const live = useEdgeLiveStats(id);
  const chips = edgeChips(edge);
  const liveText = live ? `${formatCount(live.callsPerSec)} calls/s` : undefined;
  const ref = useRef<HTMLDivElement>(null);
  const [size, setSize] = useState<{ width: number; height: number }>(LABEL_ESTIMATE);
  const text = `${chips.join('|')}|${liveText ?? ''}`;
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el || el.offsetWidth === 0) return;
    const width = roundUp(el.offsetWidth);
    const height = roundUp(el.offsetHeight);
    setSize((s) => (s.width === width && s.height === height ? s : { width, height }));
  }, [text]);
  const position = useStore(useCallback((s: ReactFlowState) => labelPosition(curve, size, nodeBoxes(s), parallel).join(','), [curve, size, parallel]));
  if (chips.length === 0 && !liveText) return null;
  const [labelX, labelY] = position.split(',');
  return (
    <EdgeLabelRenderer>
      <div
        ref={ref}
        className={`edge-label nodrag nopan${selected ? ' edge-label--selected' : ''}`}
        data-edge-id={id}
        style={{ transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)` }}
        onClick={() => useAppStore.getState().select([], [id])}
      >
        {chips.map((c) => (
          <span key={c} className={`edge-chip${c === 'async' ? ' edge-chip--async' : ''}`}>
            {c}
          </span>
        ))}
        {liveText && <span className="edge-chip edge-chip--live">{liveText}</span>}
      </div>
    </EdgeLabelRenderer>
  );
});

export const CallEdge = memo(function CallEdge(props: EdgeProps<FlowEdge>) {
  const { id, source, target, sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, data, selected, markerEnd } = props;
  const index = data?.parallelIndex ?? 0;
  const count = data?.parallelCount ?? 1;
  const curve = useMemo(
    () => callEdgeCurve({ sourceX, sourceY, sourcePosition, targetX, targetY, targetPosition }, index, count, source < target),
    [sourceX, sourceY, sourcePosition, targetX, targetY, targetPosition, index, count, source, target],
  );
  const labelsShown = useContext(FullDetail);
  const edge = data?.edge;
  const isAsync = edge?.mode === 'async';
  return (
    <>
      <BaseEdge
        id={id}
        path={curve.path}
        markerEnd={markerEnd}
        interactionWidth={24}
        className={`call-edge${isAsync ? ' call-edge--async' : ''}${selected ? ' call-edge--selected' : ''}`}
      />
      {labelsShown && edge && <CallEdgeLabel id={id} edge={edge} selected={!!selected} curve={curve} parallel={count > 1} />}
    </>
  );
});

export const edgeTypes = { call: CallEdge };
