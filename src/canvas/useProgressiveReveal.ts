/**
 * Mounting a large graph a slice per frame: each frame then creates, lays
 * out and paints a few dozen elements rather than thousands in one long
 * task that would freeze the page while the scenario opens.
 */
import { useEffect, useState } from 'react';
import type { FlowNode } from './flowTypes';

/**
 * How many of `total` items to show: all of them when inactive; else none while `waiting`, then
 * `perFrame` more each frame.
 */
export function useProgressiveReveal(total: number, perFrame: number, active: boolean, waiting = false): number {
  const [shown, setShown] = useState(() => (!active ? total : waiting ? 0 : Math.min(total, perFrame)));
  const done = !active || shown >= total;
  useEffect(() => {
    if (done || waiting) return;
    const frame = requestAnimationFrame(() => setShown((n) => n + perFrame));
    return () => cancelAnimationFrame(frame);
  }, [done, waiting, shown, perFrame]);
  return active ? Math.min(shown, total) : total;
}

/**
 * The nodes with all but the first `shown` hidden. Hidden rather than left out, so that React Flow
 * knows the whole graph from the start and its first fit frames all of it.
 */
export function revealNodes(nodes: FlowNode[], shown: number): FlowNode[] {
  if (shown >= nodes.length) return nodes;
  return nodes.map((node, i) => (i < shown ? node : { ...node, hidden: true }));
}
