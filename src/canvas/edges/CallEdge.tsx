/**
 * An edge: calls from one node to another. Dashed when async; chips show the
 * fan-out ("×100", "× followers"), the operations filter and the probability;
 * while a simulation runs, the calls per second. Edges between the same two
 * nodes bow apart (edgePath.ts), and a label keeps clear of node boxes:
 * beside its curve on a leader line, or folded to a dot, when there is no
 * room for it between them.
 */
import { BaseEdge, EdgeLabelRenderer, useStore, type EdgeProps, type ReactFlowState } from '@xyflow/react';
import { memo, useCallback, useContext, useLayoutEffect, useMemo, useSyncExternalStore } from 'react';
import { useFaultState } from '../../faults/faultState';
import { useEdgeLiveStats } from '../../run/liveSelectors';
import type { ScenarioEdge } from '../../scenario/schema';
import { useAppStore } from '../../store';
import { formatCount } from '../../ui/format';
import { FullDetail } from '../detail';
import type { FlowEdge } from '../flowTypes';
import { edgeChips } from '../nodes/glance';
import { callEdgeCurve, estimateLabelSize, LABEL_DOT, labelPosition, pointAt, standOffPosition, type Box, type EdgeCurve } from './edgePath';

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

/**
 * The boxes of the labels already placed, by edge id. A label keeps clear of the labels of edges
 * whose ids sort before its own (a fixed order, so that placing settles); when a box changes, the
 * labels after it place themselves again.
 */
const placedLabels = new Map<string, Box>();
const placedListeners = new Set<() => void>();
let placedVersion = 0;
function setPlacedLabel(id: string, box: Box | undefined) {
  const old = placedLabels.get(id);
  if (old && box && old.x === box.x && old.y === box.y && old.width === box.width && old.height === box.height) return;
  if (box) placedLabels.set(id, box);
  else placedLabels.delete(id);
  placedVersion++;
  for (const listener of placedListeners) listener();
}
function subscribePlaced(listener: () => void) {
  placedListeners.add(listener);
  return () => placedListeners.delete(listener);
}
const placedSnapshot = () => placedVersion;

/** Node boxes, and the boxes of labels placed before this one's. */
function obstacles(s: ReactFlowState, id: string): Box[] {
  const boxes = nodeBoxes(s);
  for (const [other, box] of placedLabels) if (other < id) boxes.push(box);
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

/**
 * Where the label goes, as "x,y,form[,anchorX,anchorY]": full size on its curve where it clears
 * every node; else beside the curve's middle (the anchor) on a leader line; else folded to a dot.
 */
function placeLabel(curve: EdgeCurve, size: { width: number; height: number }, side: -1 | 0 | 1, boxes: Box[]): string {
  const full = labelPosition(curve, size, boxes, side !== 0);
  if (full.clear) return `${full.x},${full.y},full`;
  const aside = standOffPosition(curve, size, boxes, side);
  if (aside) {
    const [ax, ay] = pointAt(curve, 0.5);
    return `${aside.x},${aside.y},aside,${ax},${ay}`;
  }
  const dot = labelPosition(curve, LABEL_DOT, boxes, side !== 0);
  return `${dot.x},${dot.y},dot`;
}

/** A thin line from the curve's middle to a label standing beside it. */
function LeaderLine({ from, to }: { from: [number, number]; to: [number, number] }) {
  const length = Math.hypot(to[0] - from[0], to[1] - from[1]);
  const angle = Math.atan2(to[1] - from[1], to[0] - from[0]);
  return (
    <div
      className="edge-leader"
      aria-hidden="true"
      style={{ width: length, transform: `translate(${from[0]}px, ${from[1]}px) rotate(${angle}rad)` }}
    />
  );
}

const CallEdgeLabel = memo(function CallEdgeLabel({
  id,
  edge,
  selected,
  curve,
  side,
}: {
  id: string;
  edge: ScenarioEdge;
  selected: boolean;
  curve: EdgeCurve;
  /** Parallel edges: the side of the curve this one bows to (-1 or 1); a lone edge: 0. */
  side: -1 | 0 | 1;
}) {
  const live = useEdgeLiveStats(id);
  const fault = useFaultState(id);
  const liveText = live ? `${formatCount(live.callsPerSec)} calls/s` : undefined;
  const faultText = fault ? `${fault.effect} · ${fault.countdown}` : undefined;
  const shape = edgeChips(edge);
  const chips = useMemo(() => [...shape, ...(faultText ? [faultText] : []), ...(liveText ? [liveText] : [])], [shape.join('|'), faultText, liveText]);
  const size = useMemo(() => estimateLabelSize(chips, chipTextWidth), [chips]);
  const placedAt = useSyncExternalStore(subscribePlaced, placedSnapshot);
  const placement = useStore(
    // eslint-disable-next-line react-hooks/exhaustive-deps -- placedAt: place again when an earlier label moves
    useCallback((s: ReactFlowState) => placeLabel(curve, size, side, obstacles(s, id)), [curve, size, side, id, placedAt]),
  );
  const [labelX, labelY, form, anchorX, anchorY] = placement.split(',');
  useLayoutEffect(() => {
    const folded = form === 'dot';
    const w = folded ? LABEL_DOT.width : size.width;
    const h = folded ? LABEL_DOT.height : size.height;
    setPlacedLabel(id, chips.length === 0 ? undefined : { x: Number(labelX) - w / 2, y: Number(labelY) - h / 2, width: w, height: h });
  }, [id, labelX, labelY, form, size, chips.length]);
  useLayoutEffect(() => () => setPlacedLabel(id, undefined), [id]);
  if (chips.length === 0) return null;
  // Folded (no room between the nodes): a dot that opens on hover, focus or selection.
  const folded = form === 'dot';
  return (
    <EdgeLabelRenderer>
      {form === 'aside' && <LeaderLine from={[Number(anchorX), Number(anchorY)]} to={[Number(labelX), Number(labelY)]} />}
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
        {faultText && (
          <span className="edge-chip edge-chip--fault" data-fault={fault!.type} role="status" title={fault!.help}>
            {faultText}
          </span>
        )}
        {liveText && <span className="edge-chip edge-chip--live">{liveText}</span>}
      </div>
    </EdgeLabelRenderer>
  );
});

/**
 * Which side of its curve (-1 above, 1 below) a parallel edge's label keeps to: the side the edge
 * bows to. The bow runs along the left normal of the pair's reference direction, whose vertical
 * part has the sign of that direction's horizontal part (`referenceDx`).
 */
function parallelSide(index: number, count: number, referenceDx: number): -1 | 0 | 1 {
  const k = index - (count - 1) / 2;
  if (count < 2 || k === 0) return 0;
  return (k > 0) === (referenceDx >= 0) ? 1 : -1;
}

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
  const badge = useFaultState(id);
  const faulted = badge !== null && !badge.soon;
  return (
    <>
      <BaseEdge
        id={id}
        path={curve.path}
        markerEnd={markerEnd}
        interactionWidth={24}
        className={`call-edge${isAsync ? ' call-edge--async' : ''}${selected ? ' call-edge--selected' : ''}${faulted ? ' call-edge--faulted' : ''}`}
      />
      {labelsShown && edge && <CallEdgeLabel id={id} edge={edge} selected={!!selected} curve={curve} side={parallelSide(index, count, source < target ? targetX - sourceX : sourceX - targetX)} />}
    </>
  );
});

export const edgeTypes = { call: CallEdge };
