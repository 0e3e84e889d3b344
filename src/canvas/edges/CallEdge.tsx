/**
 * An edge: calls from one node to another. Dashed when async; chips show the
 * fan-out ("×100", "× followers"), the operations filter and the probability;
 * while a simulation runs, the calls per second. Edges between the same two
 * nodes bow apart (edgePath.ts), and a label keeps clear of node boxes,
 * folding to a dot where there is no room for it between them.
 */
import { BaseEdge, EdgeLabelRenderer, useStore, type EdgeProps, type ReactFlowState } from '@xyflow/react';
import { memo, useCallback, useContext, useMemo } from 'react';
import { useEdgeLiveStats } from '../../run/liveSelectors';
import type { ScenarioEdge } from '../../scenario/schema';
import { useAppStore } from '../../store';
import { formatCount } from '../../ui/format';
import { FullDetail } from '../detail';
import type { FlowEdge } from '../flowTypes';
import { edgeChips } from '../nodes/glance';
import { callEdgeCurve, estimateLabelSize, LABEL_DOT, labelPosition, type Box, type EdgeCurve } from './edgePath';

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

let measureContext: CanvasRenderingContext2D | null | undefined;
/** A chip's text width in the label's type (bold, the widest of its chips), measured without touching the page's layout. */
function chipTextWidth(text: string): number {
  if (measureContext === undefined) {
    try {
      measureContext = document.createElement('canvas').getContext('2d');
    } catch {
      measureContext = null;
    }
    if (measureContext) measureContext.font = `600 11px ${getComputedStyle(document.body).fontFamily || 'sans-serif'}`;
  }
  return measureContext ? measureContext.measureText(text).width : text.length * 7;
}

/** Where the label goes: full size where it clears every node, else folded to a dot where that clears them. */
function placeLabel(curve: EdgeCurve, chips: readonly string[], parallel: boolean, boxes: Box[]): string {
  const full = labelPosition(curve, estimateLabelSize(chips, chipTextWidth), boxes, parallel);
  if (full.clear) return `${full.x},${full.y},full`;
  const dot = labelPosition(curve, LABEL_DOT, boxes, parallel);
  return `${dot.x},${dot.y},dot`;
}

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
  const liveText = live ? `${formatCount(live.callsPerSec)} calls/s` : undefined;
  const shape = edgeChips(edge);
  const chips = useMemo(() => (liveText ? [...shape, liveText] : shape), [shape.join('|'), liveText]);
  const placement = useStore(useCallback((s: ReactFlowState) => placeLabel(curve, chips, parallel, nodeBoxes(s)), [curve, chips, parallel]));
  if (chips.length === 0) return null;
  const [labelX, labelY, form] = placement.split(',');
  // Folded (no room between the nodes): a dot that opens on hover, focus or selection.
  const folded = form === 'dot';
  return (
    <EdgeLabelRenderer>
      <div
        className={`edge-label nodrag nopan${folded ? ' edge-label--folded' : ''}${selected ? ' edge-label--selected' : ''}`}
        data-edge-id={id}
        title={folded ? chips.join(' · ') : undefined}
        style={{ transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)` }}
        onClick={() => useAppStore.getState().select([], [id])}
      >
        {shape.map((c) => (
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
