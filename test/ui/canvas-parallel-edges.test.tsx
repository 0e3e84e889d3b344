/**
 * Edges between the same two nodes are drawn apart: each on its own curve,
 * with its own label, the labels clear of each other — whether the edges run
 * the same way or opposite ways. A lone edge keeps React Flow's curve.
 */
import { render, waitFor } from '@testing-library/react';
import { getBezierPath, Position } from '@xyflow/react';
import { describe, expect, it } from 'vitest';
import { App } from '../../src/App';
import { callEdgeCurve, LABEL_ESTIMATE, labelPosition, type EdgeEnds } from '../../src/canvas/edges/edgePath';
import { store, useFreshStore } from './helpers';

useFreshStore();

/** Node A's output handle at (200, 50); node B's input handle at (520, 150). */
const aToB: EdgeEnds = { sourceX: 200, sourceY: 50, sourcePosition: Position.Right, targetX: 520, targetY: 150, targetPosition: Position.Left };
/** B's output handle at (720, 150) back to A's input handle at (0, 50). */
const bToA: EdgeEnds = { sourceX: 720, sourceY: 150, sourcePosition: Position.Right, targetX: 0, targetY: 50, targetPosition: Position.Left };

/** A label's centre on its curve. */
function centre(...args: Parameters<typeof labelPosition>): [number, number] {
  const { x, y } = labelPosition(...args);
  return [x, y];
}

/** Whether two labels of the estimated size, centred at a and b, overlap. */
function labelsOverlap(a: [number, number], b: [number, number]): boolean {
  return Math.abs(a[0] - b[0]) < LABEL_ESTIMATE.width && Math.abs(a[1] - b[1]) < LABEL_ESTIMATE.height;
}

describe('the curve of a call edge', () => {
  it('is React Flow’s own bezier, label at its middle, for a lone edge', () => {
    const [path, labelX, labelY] = getBezierPath(aToB);
    const curve = callEdgeCurve(aToB);
    expect(curve.path).toBe(path);
    const [x, y] = centre(curve, LABEL_ESTIMATE, []);
    expect(x).toBeCloseTo(labelX, 6);
    expect(y).toBeCloseTo(labelY, 6);
  });

  it('two edges the same way round: two curves, labels apart', () => {
    const first = callEdgeCurve(aToB, 0, 2, true);
    const second = callEdgeCurve(aToB, 1, 2, true);
    expect(first.path).not.toBe(second.path);
    const a = centre(first, LABEL_ESTIMATE, [], true);
    const b = centre(second, LABEL_ESTIMATE, [], true);
    expect(labelsOverlap(a, b)).toBe(false);
  });

  it('two edges opposite ways: two curves, labels apart', () => {
    // Without offsets both curves pass through the same middle point, labels on top of each other.
    const lone = [centre(callEdgeCurve(aToB), LABEL_ESTIMATE, []), centre(callEdgeCurve(bToA), LABEL_ESTIMATE, [])];
    expect(labelsOverlap(lone[0], lone[1])).toBe(true);
    const forward = callEdgeCurve(aToB, 0, 2, true);
    const backward = callEdgeCurve(bToA, 1, 2, false);
    expect(forward.path).not.toBe(backward.path);
    expect(labelsOverlap(centre(forward, LABEL_ESTIMATE, [], true), centre(backward, LABEL_ESTIMATE, [], true))).toBe(false);
  });

  it('three edges between one pair: three curves, no two labels overlapping', () => {
    const labels = [0, 1, 2].map((i) => centre(callEdgeCurve(aToB, i, 3, true), LABEL_ESTIMATE, [], true));
    for (let i = 0; i < 3; i++) for (let j = i + 1; j < 3; j++) expect(labelsOverlap(labels[i], labels[j])).toBe(false);
  });

  it('a label slides along its curve off a node box that covers the middle', () => {
    const curve = callEdgeCurve(aToB);
    const middle = centre(curve, LABEL_ESTIMATE, []);
    const blocker = { x: middle[0] - 40, y: middle[1] - 20, width: 80, height: 40 };
    const { x, y, clear: found } = labelPosition(curve, LABEL_ESTIMATE, [blocker]);
    expect(found).toBe(true);
    const clear =
      x + LABEL_ESTIMATE.width / 2 <= blocker.x ||
      x - LABEL_ESTIMATE.width / 2 >= blocker.x + blocker.width ||
      y + LABEL_ESTIMATE.height / 2 <= blocker.y ||
      y - LABEL_ESTIMATE.height / 2 >= blocker.y + blocker.height;
    expect(clear).toBe(true);
  });
});

describe('parallel edges on the canvas', () => {
  it('two edges from API to Database are drawn as two paths with two labels apart', async () => {
    store().editScenario((s) => {
      const apiDb = s.edges.find((e) => e.id === 'api-db')!;
      return { ...s, edges: [...s.edges, { ...apiDb, id: 'api-db-reads', ops: ['read'] }] };
    });
    const { container } = render(<App />);
    const paths = await waitFor(() => {
      const found = [...container.querySelectorAll('[aria-label="Edge from API to Database"] .react-flow__edge-path')];
      expect(found).toHaveLength(2);
      return found.map((p) => p.getAttribute('d'));
    });
    expect(paths[0]).not.toBe(paths[1]);
    const centres = await waitFor(() => {
      const labels = ['api-db', 'api-db-reads'].map((id) => container.querySelector<HTMLElement>(`.edge-label[data-edge-id="${id}"]`));
      expect(labels.every(Boolean)).toBe(true);
      return labels.map((l) => {
        const m = /translate\(([-\d.e]+)px, ([-\d.e]+)px\)$/.exec(l!.style.transform)!;
        return [Number(m[1]), Number(m[2])] as [number, number];
      });
    });
    expect(labelsOverlap(centres[0], centres[1])).toBe(false);
  });
});
