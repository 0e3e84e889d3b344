/**
 * Where a component added by a click (or Enter on a palette item) lands: the
 * free spot nearest the centre of the view, clear of every node and of the
 * corners the minimap and the toolbar cover, inside the visible canvas.
 */
import type { XY } from '../scenario/edit';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

const overlaps = (a: Rect, b: Rect, gap: number) =>
  a.x < b.x + b.width + gap && b.x < a.x + a.width + gap && a.y < b.y + b.height + gap && b.y < a.y + a.height + gap;

const inside = (a: Rect, area: Rect) => a.x >= area.x && a.y >= area.y && a.x + a.width <= area.x + area.width && a.y + a.height <= area.y + area.height;

/**
 * The top-left corner for a `size` box nearest `centre` that overlaps no `taken`
 * rect (with `gap` around each) and, when possible, lies inside `area`.
 * Searches rings of `step` around the centre; falls back to the nearest spot free of nodes.
 */
export function freeSpotNear(centre: XY, size: { width: number; height: number }, taken: readonly Rect[], area?: Rect, step = 32, gap = 24): XY {
  const at = (dx: number, dy: number): Rect => ({ x: centre.x - size.width / 2 + dx, y: centre.y - size.height / 2 + dy, ...size });
  let fallback: Rect | undefined;
  for (let ring = 0; ring <= 40; ring++) {
    const candidates: Rect[] = [];
    for (let i = -ring; i <= ring; i++) {
      for (let j = -ring; j <= ring; j++) {
        if (Math.max(Math.abs(i), Math.abs(j)) !== ring) continue;
        candidates.push(at(i * step, j * step));
      }
    }
    candidates.sort((a, b) => Math.hypot(a.x - at(0, 0).x, a.y - at(0, 0).y) - Math.hypot(b.x - at(0, 0).x, b.y - at(0, 0).y));
    for (const c of candidates) {
      if (taken.some((t) => overlaps(c, t, gap))) continue;
      if (!area || inside(c, area)) return { x: c.x, y: c.y };
      fallback ??= c;
    }
  }
  const f = fallback ?? at(0, 0);
  return { x: f.x, y: f.y };
}
