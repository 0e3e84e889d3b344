/**
 * The curve of a call edge and where its label sits. A lone edge is React
 * Flow's default bezier (same control points, label at the curve's middle).
 * Edges joining the same two nodes, in either direction, bow apart: each is
 * pushed sideways by its own offset, far enough that their labels do not
 * overlap. The label then slides along its curve, if needed, to a spot clear
 * of every node's box; failing that it stands off the curve, beside its
 * middle, on a leader line; and where there is no room at all, it folds to a
 * dot (CallEdge.tsx).
 */
import { Position } from '@xyflow/react';

export interface EdgeEnds {
  sourceX: number;
  sourceY: number;
  sourcePosition: Position;
  targetX: number;
  targetY: number;
  targetPosition: Position;
}

/** A box in flow coordinates. */
export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface EdgeCurve {
  /** Start, two control points, end. */
  points: [number, number, number, number, number, number, number, number];
  path: string;
}

/** React Flow's bezier curvature (getBezierPath's default). */
const CURVATURE = 0.25;
/** A typical label's size: one row of chips of 11-px type. */
export const LABEL_ESTIMATE = { width: 120, height: 22 } as const;
/** A folded label: a dot on the curve. */
export const LABEL_DOT = { width: 14, height: 14 } as const;
/** The widest a character of 11-px type runs (bold digits and capitals), and a chip's padding and the gap between chips, px. */
const CHAR_PX = 7;
const CHIP_PADDING_PX = 12;
const CHIP_GAP_PX = 3;
/** The label's own padding and border on each side, px. */
const LABEL_FRAME_PX = 3;

/**
 * A label's size from its chips' text, erring large: a label judged clear of the nodes is clear.
 * `textWidth` measures a chip's text in px (the canvas passes the browser's own measure); without
 * it, every character counts as the widest.
 */
export function estimateLabelSize(chips: readonly string[], textWidth: (text: string) => number = (t) => t.length * CHAR_PX): { width: number; height: number } {
  let width = 2 * LABEL_FRAME_PX + Math.max(0, chips.length - 1) * CHIP_GAP_PX;
  for (const chip of chips) width += Math.ceil(textWidth(chip)) + CHIP_PADDING_PX;
  return { width, height: LABEL_ESTIMATE.height };
}
/** Room kept between a label and a node's border, and between neighbouring labels, px. */
const CLEARANCE_PX = 4;
/** The farthest a parallel edge bows out, px: beyond it, the curves would loop around the nodes. */
const MAX_STEP_PX = 170;

// As React Flow's getBezierPath (xyflow system: calculateControlOffset, getControlWithCurvature).
function controlOffset(distance: number): number {
  return distance >= 0 ? 0.5 * distance : CURVATURE * 25 * Math.sqrt(-distance);
}

function control(pos: Position, x1: number, y1: number, x2: number, y2: number): [number, number] {
  switch (pos) {
    case Position.Left:
      return [x1 - controlOffset(x1 - x2), y1];
    case Position.Right:
      return [x1 + controlOffset(x2 - x1), y1];
    case Position.Top:
      return [x1, y1 - controlOffset(y1 - y2)];
    case Position.Bottom:
      return [x1, y1 + controlOffset(y2 - y1)];
  }
}

/**
 * How far apart neighbouring parallel edges are at their middles, px: enough for two labels of
 * `label` size side by side across the curves' direction (`normal`, a unit vector).
 */
function parallelStep(normal: [number, number], label: { width: number; height: number }): number {
  const across = Math.min((label.width + CLEARANCE_PX) / Math.max(Math.abs(normal[0]), 1e-6), (label.height + CLEARANCE_PX) / Math.max(Math.abs(normal[1]), 1e-6));
  return Math.min(MAX_STEP_PX, across * 1.15);
}

/**
 * The curve of the `index`-th of `count` edges between the same two nodes. `forward`: whether this
 * edge runs in the group's reference direction (from the pair's first node to its second), so that
 * edges running the other way are pushed to the same side as their reference and never onto it.
 */
export function callEdgeCurve(ends: EdgeEnds, index = 0, count = 1, forward = true, label: { width: number; height: number } = LABEL_ESTIMATE): EdgeCurve {
  const { sourceX: sx, sourceY: sy, targetX: tx, targetY: ty } = ends;
  let [scx, scy] = control(ends.sourcePosition, sx, sy, tx, ty);
  let [tcx, tcy] = control(ends.targetPosition, tx, ty, sx, sy);
  if (count > 1) {
    // The reference direction, from the pair's first node to its second.
    const dx = forward ? tx - sx : sx - tx;
    const dy = forward ? ty - sy : sy - ty;
    const length = Math.hypot(dx, dy) || 1;
    const normal: [number, number] = [-dy / length, dx / length];
    const shift = (index - (count - 1) / 2) * parallelStep(normal, label);
    // Moving both control points by d moves the curve's middle (t = ½) by ¾ d.
    const d = shift / 0.75;
    scx += normal[0] * d;
    scy += normal[1] * d;
    tcx += normal[0] * d;
    tcy += normal[1] * d;
  }
  return { points: [sx, sy, scx, scy, tcx, tcy, tx, ty], path: `M${sx},${sy} C${scx},${scy} ${tcx},${tcy} ${tx},${ty}` };
}

/** The point of a cubic bezier at t. */
export function pointAt(curve: EdgeCurve, t: number): [number, number] {
  const [x0, y0, x1, y1, x2, y2, x3, y3] = curve.points;
  const u = 1 - t;
  const a = u * u * u;
  const b = 3 * u * u * t;
  const c = 3 * u * t * t;
  const d = t * t * t;
  return [a * x0 + b * x1 + c * x2 + d * x3, a * y0 + b * y1 + c * y2 + d * y3];
}

function overlaps(a: Box, b: Box): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

/** Where on the curve a label is tried, middle first: t = 0.5, 0.45, 0.55, 0.4, … */
function candidates(min: number, max: number): number[] {
  const ts = [0.5];
  for (let step = 0.05; 0.5 - step >= min - 1e-9 || 0.5 + step <= max + 1e-9; step += 0.05) {
    if (0.5 - step >= min - 1e-9) ts.push(0.5 - step);
    if (0.5 + step <= max + 1e-9) ts.push(0.5 + step);
  }
  return ts;
}
const LONE_CANDIDATES = candidates(0.15, 0.85);
// Parallel labels stay near the middle, where their curves are farthest apart.
const PARALLEL_CANDIDATES = candidates(0.35, 0.65);

/**
 * The centre of a label of `size` on `curve`: the middle, or the spot nearest the middle whose box
 * (with a little clearance) touches none of `nodes` — `clear: true`. When every spot touches a
 * node, the middle, `clear: false`.
 */
export function labelPosition(
  curve: EdgeCurve,
  size: { width: number; height: number },
  nodes: Iterable<Box>,
  parallel = false,
): { x: number; y: number; clear: boolean } {
  const boxes = [...nodes];
  const w = size.width + 2 * CLEARANCE_PX;
  const h = size.height + 2 * CLEARANCE_PX;
  for (const t of parallel ? PARALLEL_CANDIDATES : LONE_CANDIDATES) {
    const [x, y] = pointAt(curve, t);
    const box = { x: x - w / 2, y: y - h / 2, width: w, height: h };
    if (!boxes.some((node) => overlaps(box, node))) return { x, y, clear: true };
  }
  const [x, y] = pointAt(curve, 0.5);
  return { x, y, clear: false };
}

/** How far a label may stand off its curve, px, and the step of the search. */
const STAND_OFF_MAX_PX = 180;
const STAND_OFF_STEP_PX = 12;

/**
 * A spot near the curve's middle where a label of `size` clears every node, off the curve; the
 * nearest such spot, or undefined. `side`: search only on one side of the curve (-1 above, 1 below)
 * — parallel edges each keep to their own side, so that their labels do not meet.
 */
export function standOffPosition(curve: EdgeCurve, size: { width: number; height: number }, nodes: Iterable<Box>, side: -1 | 0 | 1 = 0): { x: number; y: number } | undefined {
  const boxes = [...nodes];
  const [mx, my] = pointAt(curve, 0.5);
  const w = size.width + 2 * CLEARANCE_PX;
  const h = size.height + 2 * CLEARANCE_PX;
  let best: { x: number; y: number; distance: number } | undefined;
  for (let dy = STAND_OFF_STEP_PX; dy <= STAND_OFF_MAX_PX; dy += STAND_OFF_STEP_PX) {
    for (const sign of side === 0 ? [-1, 1] : [side]) {
      for (const dx of [0, -40, 40, -80, 80]) {
        const x = mx + dx;
        const y = my + sign * dy;
        const distance = Math.hypot(dx, dy);
        if (best && best.distance <= distance) continue;
        const box = { x: x - w / 2, y: y - h / 2, width: w, height: h };
        if (!boxes.some((node) => overlaps(box, node))) best = { x, y, distance };
      }
    }
    if (best) break;
  }
  return best && { x: best.x, y: best.y };
}
