/**
 * The canvas as an image, the way React Flow's own "download image" example
 * does it: the bounds of every node, a viewport that fits them, and
 * html-to-image drawing `.react-flow__viewport` (nodes, edges and their
 * labels; no minimap, toolbar or background dots). Loaded on first use.
 */
import { getNodesBounds, getViewportForBounds, type Node } from '@xyflow/react';

export type ImageFormat = 'png' | 'svg';

const PADDING_PX = 24;

/** A data URL of the system drawn on `background`, or undefined when there is nothing to draw. */
export async function canvasImage(root: HTMLElement, nodes: Node[], format: ImageFormat, background: string): Promise<string | undefined> {
  const viewport = root.querySelector<HTMLElement>('.react-flow__viewport');
  if (!viewport || nodes.length === 0) return undefined;
  const bounds = getNodesBounds(nodes);
  const width = Math.ceil(Math.min(4096, bounds.width + 2 * PADDING_PX));
  const height = Math.ceil(Math.min(4096, bounds.height + 2 * PADDING_PX));
  const { x, y, zoom } = getViewportForBounds(bounds, width, height, 0.1, 2, 0.05);
  const { toPng, toSvg } = await import('html-to-image');
  const options = {
    backgroundColor: background,
    width,
    height,
    style: { width: `${width}px`, height: `${height}px`, transform: `translate(${x}px, ${y}px) scale(${zoom})` },
  };
  return format === 'png' ? toPng(viewport, { ...options, pixelRatio: 2 }) : toSvg(viewport, options);
}
