/**
 * Dragging a component from the palette onto the canvas with pointer events
 * (mouse, pen and touch alike). A ghost follows the pointer; releasing over
 * the canvas adds the component there (`screenToFlowPosition`). A press
 * without movement is a click, which the button turns into "add at the centre".
 */
import { useReactFlow } from '@xyflow/react';
import { useRef, useState, type PointerEvent as ReactPointerEvent } from 'react';
import { actions, performAction } from '../actions';
import type { NodeKind } from '../scenario/kinds';

/** Pixels the pointer must travel before a press becomes a drag. */
const DRAG_THRESHOLD_PX = 5;

export interface Ghost {
  kind: NodeKind;
  x: number;
  y: number;
  overCanvas: boolean;
}

function canvasUnder(x: number, y: number): boolean {
  const el = document.elementFromPoint(x, y);
  return !!el?.closest('.react-flow') && !el.closest('.react-flow__panel');
}

export function usePaletteDrag() {
  const flow = useReactFlow();
  const [ghost, setGhost] = useState<Ghost | null>(null);
  const press = useRef<{ kind: NodeKind; x: number; y: number; id: number; dragging: boolean } | null>(null);
  /** Set after a drag so that the click the browser sends on release is ignored. */
  const suppressClick = useRef(false);

  const end = () => {
    press.current = null;
    setGhost(null);
    document.body.classList.remove('is-placing-component');
  };

  const handlers = (kind: NodeKind) => ({
    onPointerDown: (e: ReactPointerEvent<HTMLElement>) => {
      if (e.button !== 0) return;
      press.current = { kind, x: e.clientX, y: e.clientY, id: e.pointerId, dragging: false };
      suppressClick.current = false;
      e.currentTarget.setPointerCapture?.(e.pointerId);
    },
    onPointerMove: (e: ReactPointerEvent<HTMLElement>) => {
      const p = press.current;
      if (!p || p.id !== e.pointerId) return;
      if (!p.dragging) {
        if (Math.hypot(e.clientX - p.x, e.clientY - p.y) < DRAG_THRESHOLD_PX) return;
        p.dragging = true;
        document.body.classList.add('is-placing-component');
      }
      setGhost({ kind: p.kind, x: e.clientX, y: e.clientY, overCanvas: canvasUnder(e.clientX, e.clientY) });
    },
    onPointerUp: (e: ReactPointerEvent<HTMLElement>) => {
      const p = press.current;
      if (!p || p.id !== e.pointerId) return;
      if (p.dragging) {
        suppressClick.current = true;
        if (canvasUnder(e.clientX, e.clientY)) {
          const at = flow.screenToFlowPosition({ x: e.clientX, y: e.clientY });
          void performAction(actions.addNode, { kind: p.kind, at });
        }
      }
      end();
    },
    onPointerCancel: end,
    onClick: () => {
      if (suppressClick.current) {
        suppressClick.current = false;
        return;
      }
      void performAction(actions.addNode, { kind });
    },
  });

  return { ghost, handlers };
}
