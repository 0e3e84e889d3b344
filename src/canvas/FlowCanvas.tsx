/**
 * The canvas: React Flow, controlled by the store. Every change React Flow
 * reports goes to the scenario slice; what it draws is derived from the
 * scenario. Connections the engine would refuse are refused here too, with
 * the decoder's words.
 */
import {
  Background,
  BackgroundVariant,
  ReactFlow,
  useNodesInitialized,
  useReactFlow,
  useStore,
  type Connection,
  type FinalConnectionState,
  type IsValidConnection,
  type OnConnectEnd,
} from '@xyflow/react';
import { useCallback, useEffect, useMemo, useRef, useState, type DragEvent } from 'react';
import { actions, performAction } from '../actions';
import { setCanvasHandle } from '../actions/canvasHandle';
import { connectionProblem } from '../scenario/edit';
import { useAppStore } from '../store';
import { CanvasMinimap } from './CanvasMinimap';
import { RequestDots } from '../trace/RequestDots';
import { CanvasToolbar } from './CanvasToolbar';
import { ConnectionLine, connectionEnds } from './ConnectionLine';
import { EmptyCanvas } from './EmptyCanvas';
import './canvas.css';
import { FullDetail } from './detail';
import { edgeTypes } from './edges/CallEdge';
import type { FlowEdge, FlowNode } from './flowTypes';
import { isLargeGraph, OVERVIEW_DETAIL_MIN_ZOOM } from './largeGraph';
import { nodeTypes } from './nodes/nodeTypes';
import { useFlowEdges, useFlowNodes } from './useFlowElements';
import { revealNodes, useProgressiveReveal } from './useProgressiveReveal';

export const GRID_PX = 16;
const SNAP_GRID: [number, number] = [GRID_PX, GRID_PX];
// Shift+click adds to the selection as in most editors (Shift+drag still draws a selection box).
const MULTI_SELECTION_KEYS = ['Meta', 'Control', 'Shift'];
/** The height of the minimap and the toolbar along the canvas's bottom edge, with their margins, px. */
const BOTTOM_CONTROLS_PX = 118;
// Fitting leaves the bottom strip to the minimap and the toolbar, so that no node sits under them.
// Hidden nodes are the ones a large graph has yet to mount (useProgressiveReveal.ts): they are framed too.
// Narrow side margins: a typical system is wider than tall, and every pixel of width is larger type.
// Fitting never zooms past 100 %, where node text is already 17.5 px or more.
const FIT_OPTIONS = {
  padding: { top: '20px', left: '12px', right: '12px', bottom: `${BOTTOM_CONTROLS_PX}px` } as const,
  maxZoom: 1,
  includeHiddenNodes: true,
};
/**
 * Below this zoom, node text set at 17.5 px would read under 11 px on screen; the canvas then sets it
 * larger (canvas.css, `data-node-type="larger"`: 20 px, which reads at 11 px down to 55% zoom). The
 * flagship, five columns wide, fitted to a 1024×768 screen is drawn at about 56.5%.
 */
export const LARGER_TYPE_BELOW_ZOOM = 11 / 17.5;
const NO_EDGES: FlowEdge[] = [];

/**
 * True from a frame and a task after the nodes were first measured: the edges (and their labels,
 * which place themselves around the nodes) mount then, in a task of their own rather than in the
 * one that lays out the nodes.
 */
function useEdgesAfterNodes(): boolean {
  const measured = useNodesInitialized({ includeHiddenNodes: true });
  const [ready, setReady] = useState(false);
  useEffect(() => {
    if (ready || !measured) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const frame = requestAnimationFrame(() => {
      timer = setTimeout(() => setReady(true), 0);
    });
    return () => {
      cancelAnimationFrame(frame);
      if (timer !== undefined) clearTimeout(timer);
    };
  }, [ready, measured]);
  return ready;
}

/** A large graph is mounted this many nodes, then this many edges, per frame. */
const NODES_PER_FRAME = 20;
const EDGES_PER_FRAME = 60;

const OVERVIEW_START_VIEWPORT = { x: 0, y: 0, zoom: 0.15 };

/** Said in the same words by a refused drag and by a refused "Connect to…" (src/actions/connectActions.ts). */
function refuse(reason: string) {
  useAppStore.getState().showToast(`Not connected: ${reason}.`, 'error');
}

const isValidConnection: IsValidConnection<FlowEdge> = (c) =>
  !connectionProblem(useAppStore.getState().scenario, c.source, c.target);

function onConnect(c: Connection) {
  const result = useAppStore.getState().connectNodes(c.source, c.target);
  if (!result.ok) refuse(result.reason);
}

/**
 * Released over a refused handle: say why. Released over a node's body rather
 * than its handle: connect anyway — aiming at a 12-pixel handle is not the lesson.
 */
const onConnectEnd: OnConnectEnd = (event, state: FinalConnectionState) => {
  if (state.isValid || !state.fromNode || !state.fromHandle) return;
  let toId = state.toNode?.id;
  if (!toId) {
    const point = 'changedTouches' in event ? event.changedTouches[0] : event;
    const el = point ? document.elementFromPoint(point.clientX, point.clientY)?.closest('.react-flow__node') : null;
    toId = el?.getAttribute('data-id') ?? undefined;
    if (!toId || toId === state.fromNode.id) return;
    const [source, target] = connectionEnds(state.fromNode.id, state.fromHandle.type, toId);
    onConnect({ source, target, sourceHandle: null, targetHandle: null });
    return;
  }
  const [source, target] = connectionEnds(state.fromNode.id, state.fromHandle.type, toId);
  const reason = connectionProblem(useAppStore.getState().scenario, source, target);
  if (reason) refuse(reason);
};

function hasFiles(e: DragEvent): boolean {
  return Array.from(e.dataTransfer?.types ?? []).includes('Files');
}

export function FlowCanvas() {
  const allNodes = useFlowNodes();
  const allEdges = useFlowEdges();
  const onNodesChange = useAppStore((s) => s.onNodesChange);
  const onEdgesChange = useAppStore((s) => s.onEdgesChange);
  const theme = useAppStore((s) => s.theme);
  const snapToGrid = useAppStore((s) => s.snapToGrid);
  const showMinimap = useAppStore((s) => s.showMinimap);
  const large = isLargeGraph(allNodes.length, allEdges.length);
  const shownNodes = useProgressiveReveal(allNodes.length, NODES_PER_FRAME, large);
  const shownEdges = useProgressiveReveal(allEdges.length, EDGES_PER_FRAME, large, shownNodes < allNodes.length);
  const nodes = useMemo(() => revealNodes(allNodes, shownNodes), [allNodes, shownNodes]);
  const edgesReady = useEdgesAfterNodes();
  const edges = useMemo(
    () => (!edgesReady ? NO_EDGES : shownEdges >= allEdges.length ? allEdges : allEdges.slice(0, shownEdges)),
    [allEdges, shownEdges, edgesReady],
  );
  const zoomedIn = useStore((s) => s.transform[2] >= OVERVIEW_DETAIL_MIN_ZOOM);
  const fullDetail = !large || zoomedIn;
  const largerType = useStore((s) => s.transform[2] < LARGER_TYPE_BELOW_ZOOM);
  const flow = useReactFlow<FlowNode, FlowEdge>();
  const wrapper = useRef<HTMLDivElement>(null);
  const [fileOver, setFileOver] = useState(false);

  useEffect(() => {
    setCanvasHandle({
      fitView: () => void flow.fitView({ ...FIT_OPTIONS, duration: 250 }),
      zoomIn: () => void flow.zoomIn({ duration: 150 }),
      zoomOut: () => void flow.zoomOut({ duration: 150 }),
      resetView: () => void flow.setViewport({ x: 48, y: 48, zoom: 0.75 }, { duration: 200 }),
      placementArea: () => {
        const box = wrapper.current?.getBoundingClientRect();
        if (!box || box.width === 0) return undefined;
        // The minimap and the toolbar sit along the bottom edge: keep new nodes above them.
        const top = flow.screenToFlowPosition({ x: box.left + 16, y: box.top + 16 });
        const bottom = flow.screenToFlowPosition({ x: box.right - 16, y: box.bottom - BOTTOM_CONTROLS_PX });
        return { x: top.x, y: top.y, width: bottom.x - top.x, height: bottom.y - top.y };
      },
      image: async (format) => {
        const root = wrapper.current;
        if (!root) return undefined;
        const { canvasImage } = await import('./canvasImage');
        const background = getComputedStyle(root).getPropertyValue('--canvas-bg').trim() || '#ffffff';
        return canvasImage(root, flow.getNodes(), format, background);
      },
      centre: () => {
        const box = wrapper.current?.getBoundingClientRect();
        if (!box) return { x: 0, y: 0 };
        return flow.screenToFlowPosition({ x: box.left + box.width / 2, y: box.top + box.height / 2 });
      },
    });
    return () => setCanvasHandle(null);
  }, [flow]);

  // A side panel opening or closing changes the canvas's width: fit the system to the new room.
  const sidePanel = useAppStore((s) => s.sidePanel);
  const shownPanel = useRef(sidePanel);
  useEffect(() => {
    if (shownPanel.current === sidePanel) return;
    shownPanel.current = sidePanel;
    const frame = requestAnimationFrame(() => void flow.fitView({ ...FIT_OPTIONS, duration: 200 }));
    return () => cancelAnimationFrame(frame);
  }, [sidePanel, flow]);

  const onDragOver = useCallback((e: DragEvent) => {
    if (!hasFiles(e)) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = 'copy';
    setFileOver(true);
  }, []);

  const onDrop = useCallback((e: DragEvent) => {
    setFileOver(false);
    if (!hasFiles(e)) return;
    e.preventDefault();
    const file = e.dataTransfer.files[0];
    if (file) void performAction(actions.importFile, file);
  }, []);

  return (
    <div
      ref={wrapper}
      className="canvas"
      data-lesson-target="canvas"
      data-node-type={largerType && !large ? 'larger' : undefined}
      data-file-over={fileOver ? 'true' : undefined}
      onDragOver={onDragOver}
      onDragLeave={() => setFileOver(false)}
      onDrop={onDrop}
    >
      <FullDetail.Provider value={fullDetail}>
        <ReactFlow<FlowNode, FlowEdge>
          nodes={nodes}
          edges={edges}
          nodeTypes={nodeTypes}
          edgeTypes={edgeTypes}
          onNodesChange={onNodesChange}
          onEdgesChange={onEdgesChange}
          onConnect={onConnect}
          onConnectEnd={onConnectEnd}
          isValidConnection={isValidConnection}
          connectionLineComponent={ConnectionLine}
          connectionRadius={28}
          colorMode={theme}
          snapToGrid={snapToGrid}
          snapGrid={SNAP_GRID}
          deleteKeyCode={null}
          selectionKeyCode="Shift"
          multiSelectionKeyCode={MULTI_SELECTION_KEYS}
          fitView
          fitViewOptions={FIT_OPTIONS}
          // A large graph starts zoomed out, so that nothing (edge labels above all) is drawn at full
          // detail in the moment before the first fit.
          defaultViewport={large ? OVERVIEW_START_VIEWPORT : undefined}
          minZoom={0.15}
          maxZoom={2.5}
          aria-label="Canvas"
          // A large graph renders only what is in view (small ones keep every node in the page).
          onlyRenderVisibleElements={large}
        >
          <Background variant={BackgroundVariant.Dots} gap={GRID_PX} size={1.2} className="canvas-background" />
          {showMinimap && <CanvasMinimap canvas={wrapper} />}
          <CanvasToolbar />
          <RequestDots />
        </ReactFlow>
      </FullDetail.Provider>
      <EmptyCanvas />
      {fileOver && (
        <div className="canvas-file-drop" aria-hidden="true">
          Drop a scenario file to open it
        </div>
      )}
    </div>
  );
}
