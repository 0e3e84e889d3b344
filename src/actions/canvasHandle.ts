/** The canvas lends its viewport commands to actions while it is mounted. */
import type { CanvasHandle } from './types';

let current: CanvasHandle | null = null;

export function setCanvasHandle(handle: CanvasHandle | null): void {
  current = handle;
}

export function getCanvasHandle(): CanvasHandle | null {
  return current;
}
