/**
 * The minimap, which steps aside for the nodes under it. A press on the
 * minimap pans the view; so when a node — or the handle a user reaches for to
 * draw an edge — lies beneath it, the minimap turns see-through and lets
 * presses through to the node, so that the press starts a connection (or a
 * node drag) rather than dragging the view away.
 */
import { MiniMap, useReactFlow, useStore, type ReactFlowState } from '@xyflow/react';
import { useCallback, useEffect, useState, type RefObject } from 'react';
import type { FlowEdge, FlowNode } from './flowTypes';

/** A box on screen, relative to the canvas's top-left corner, px. */
interface ScreenBox {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** How far a handle's hit area reaches beyond its node's border, in flow px (a 12-px handle sticking out 5 px, plus its 9-px halo). */
const HANDLE_REACH_PX = 15;

/** Whether any node (or the hit area of its handles) lies under `box`, with the view as it is in `s`. */
export function nodeUnder(s: Pick<ReactFlowState, 'transform' | 'nodeLookup'>, box: ScreenBox): boolean {
  const [tx, ty, zoom] = s.transform;
  const reach = HANDLE_REACH_PX * zoom;
  for (const node of s.nodeLookup.values()) {
    const { width, height } = node.measured;
    if (node.hidden || width === undefined || height === undefined) continue;
    const left = node.internals.positionAbsolute.x * zoom + tx - reach;
    const top = node.internals.positionAbsolute.y * zoom + ty;
    const right = left + width * zoom + 2 * reach;
    const bottom = top + height * zoom;
    if (left < box.right && right > box.left && top < box.bottom && bottom > box.top) return true;
  }
  return false;
}

/** The minimap's box relative to the canvas, kept up to date as the canvas resizes; undefined while it is not shown. */
function useMinimapBox(canvas: RefObject<HTMLDivElement | null>): ScreenBox | undefined {
  const [box, setBox] = useState<ScreenBox>();
  useEffect(() => {
    const root = canvas.current;
    if (!root) return;
    const measure = () => {
      const minimap = root.querySelector('.canvas-minimap');
      const r = minimap?.getBoundingClientRect();
      const c = root.getBoundingClientRect();
      const next = r && r.width > 0 ? { left: r.left - c.left, top: r.top - c.top, right: r.right - c.left, bottom: r.bottom - c.top } : undefined;
      setBox((prev) =>
        prev?.left === next?.left && prev?.top === next?.top && prev?.right === next?.right && prev?.bottom === next?.bottom ? prev : next,
      );
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(root);
    return () => observer.disconnect();
  }, [canvas]);
  return box;
}

export function CanvasMinimap({ canvas }: { canvas: RefObject<HTMLDivElement | null> }) {
  const flow = useReactFlow<FlowNode, FlowEdge>();
  const box = useMinimapBox(canvas);
  const covering = useStore(useCallback((s: ReactFlowState) => box !== undefined && nodeUnder(s, box), [box]));
  return (
    <MiniMap<FlowNode>
      pannable
      zoomable
      // A click on the minimap centres the view there (a drag still pans).
      onClick={(_, position) => void flow.setCenter(position.x, position.y, { zoom: flow.getZoom(), duration: 200 })}
      ariaLabel="Minimap"
      nodeColor={(n) => `var(--kind-${n.type})`}
      nodeStrokeWidth={0}
      nodeBorderRadius={6}
      className={`canvas-minimap${covering ? ' canvas-minimap--see-through' : ''}`}
      style={{ width: 132, height: 88 }}
    />
  );
}
