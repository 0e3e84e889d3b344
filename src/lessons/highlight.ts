/**
 * Highlights of the UI elements a lesson step talks about, as a style sheet:
 * one selector per target, so an element that re-renders or mounts later
 * (a node after a preset loads, the inspector after a selection) is
 * highlighted too, and nothing stays behind when the step changes — the
 * sheet is simply replaced. A target that is not on screen matches nothing.
 */
import type { LessonTarget } from './types';

/** A value for a double-quoted CSS attribute selector. */
function attr(value: string): string {
  return `"${value.replace(/[\\"]/g, '\\$&').replace(/[\n\r\f]/g, ' ')}"`;
}

/** Panels and cards: the ring goes inside, where a scrolling container cannot clip it. */
const INSET_TARGETS = new Set<string>(['canvas', 'inspector', 'palette', 'compare.results', 'charts.latency', 'charts.throughput', 'charts.edges', 'charts.nodes', 'charts.histogram', 'charts.lag', 'charts.key']);

/** Header buttons another part of the app owns may mark themselves as side-panel toggles instead. */
const SIDE_PANEL_TARGETS = new Set<string>(['followers', 'compare', 'sweep']);

export interface TargetSelectors {
  /** Elements that get a ring (outline and pulse). */
  ring: string[];
  /** Whether the ring goes inside the element. */
  inset: boolean;
  /** SVG edges, whose path is drawn thicker in the highlight colour instead. */
  edgePaths: string[];
}

/** The CSS selectors of a target. */
export function targetSelectors(target: LessonTarget): TargetSelectors {
  if (target.startsWith('node:')) {
    return { ring: [`.react-flow__node[data-id=${attr(target.slice(5))}]`], inset: false, edgePaths: [] };
  }
  if (target.startsWith('edge:')) {
    const id = attr(target.slice(5));
    return { ring: [`.edge-label[data-edge-id=${id}]`], inset: false, edgePaths: [`.react-flow__edge[data-id=${id}] .react-flow__edge-path`] };
  }
  const ring = [`[data-lesson-target=${attr(target)}]`];
  if (SIDE_PANEL_TARGETS.has(target)) ring.push(`[data-side-panel-toggle=${attr(target)}]`);
  return { ring, inset: INSET_TARGETS.has(target), edgePaths: [] };
}

/** The style sheet that highlights `targets` (empty when there are none). */
export function highlightCss(targets: readonly LessonTarget[]): string {
  const outset: string[] = [];
  const inset: string[] = [];
  const paths: string[] = [];
  for (const t of targets) {
    const s = targetSelectors(t);
    (s.inset ? inset : outset).push(...s.ring);
    paths.push(...s.edgePaths);
  }
  const rules: string[] = [];
  if (outset.length > 0) rules.push(`${outset.join(',\n')} { outline: 3px solid var(--lesson-highlight) !important; outline-offset: 3px !important; animation: var(--lesson-pulse); }`);
  if (inset.length > 0) rules.push(`${inset.join(',\n')} { outline: 3px solid var(--lesson-highlight) !important; outline-offset: -3px !important; }`);
  if (paths.length > 0) rules.push(`${paths.join(',\n')} { stroke: var(--lesson-highlight) !important; stroke-width: 4px !important; animation: var(--lesson-pulse-stroke); }`);
  return rules.join('\n');
}

/** The chart cards among `targets`: they sit in a scrolling row and are brought into view. */
export function scrollTargets(targets: readonly LessonTarget[]): string[] {
  return targets.filter((t) => t.startsWith('charts.') || t === 'results').map((t) => `[data-lesson-target=${attr(t)}]`);
}
