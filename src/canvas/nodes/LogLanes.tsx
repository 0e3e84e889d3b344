/**
 * A log node's partitions drawn as lanes (Kafka's picture of a topic): each
 * lane runs from the retention limit on the left to "now" on the right, its
 * records filling it from their oldest's age, fading as they near expiry;
 * each consumer group (an outgoing edge) marks the oldest record it has not
 * read yet, and the stretch from there to the newest — its lag — in its own
 * colour, the same as on the consumer-lag chart. A group whose mark reaches
 * the left edge is losing records to retention.
 *
 * One small SVG per node, redrawn with each snapshot (about ten a second):
 * a handful of rectangles and one shared gradient, nothing that animates.
 */
import { useId, useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { countTick, formatCount, formatMs } from '../../run/format';
import { seriesColor } from '../../charts/palette';
import { useAppStore } from '../../store';
import type { LogGroupLive, LogNodeLive } from '../../worker/protocol';

/** Lanes drawn at most; more partitions are counted under them. */
export const MAX_LANES = 6;
/** Consumer groups listed at most under the lanes. */
export const MAX_GROUP_ROWS = 2;
const LANE_PX = 11;
const LANE_GAP_PX = 4;
const WIDTH = 178;

/** The height of the lanes' drawing for a log of `partitions` partitions, px. */
export function lanesHeightPx(partitions: number): number {
  const n = Math.max(1, Math.min(MAX_LANES, partitions));
  return n * LANE_PX + (n - 1) * LANE_GAP_PX;
}

/** How far back the lanes reach, ms: the retention, or — records kept forever — the oldest record's age. */
export function lanesHorizonMs(live: LogNodeLive): number {
  if (live.retentionMs !== null) return live.retentionMs;
  let oldest = 0;
  for (const p of live.partitions) oldest = Math.max(oldest, p.oldestAgeMs ?? 0);
  return Math.max(1000, oldest);
}

/** Where an age falls across the lane, 0 (the horizon) … WIDTH (now). */
function xOfAge(ageMs: number, horizonMs: number): number {
  return WIDTH * (1 - Math.min(1, Math.max(0, ageMs / horizonMs)));
}

interface Consumer {
  edgeId: string;
  /** Index of the edge in the run (colour), or −1 before a run. */
  edge: number;
  name: string;
  group: LogGroupLive | undefined;
}

function groupSentence(c: Consumer): string {
  const g = c.group;
  if (!g) return `${c.name}: not running`;
  const oldest = Math.max(0, ...g.nextAgeMs.map((a) => a ?? 0));
  const idle = g.consumers - g.activeConsumers;
  return `${c.name}: ${formatCount(g.lagRecords)} records behind${g.lagRecords > 0 ? `, oldest unread ${formatMs(oldest)} old` : ''} · ${formatCount(g.delivered)} delivered, ${formatCount(g.duplicates)} duplicates, ${formatCount(g.lost)} lost${idle > 0 ? ` · ${idle} idle consumer${idle > 1 ? 's' : ''} (more consumers than partitions)` : ''}`;
}

export function LogLanes({ nodeId, partitions }: { nodeId: string; partitions: number }) {
  const live = useAppStore((s) => s.live?.logs?.[nodeId]);
  const meta = useAppStore((s) => s.live?.meta);
  // The groups are the node's outgoing edges in the scenario: the drawing keeps its size whether a run is going or not.
  const targets = useAppStore(useShallow((s) => s.scenario.edges.filter((e) => e.source === nodeId).map((e) => `${e.id}\u0000${e.target}`)));
  const labels = useAppStore(useShallow((s) => targets.map((t) => {
    const target = t.split('\u0000')[1];
    const n = s.scenario.nodes.find((x) => x.id === target);
    return n?.label || target;
  })));
  const gradient = useId();
  const consumers: Consumer[] = useMemo(
    () =>
      targets.map((t, i) => {
        const edgeId = t.split('\u0000')[0];
        const edge = meta ? meta.edges.findIndex((e) => e.id === edgeId) : -1;
        return { edgeId, edge, name: labels[i], group: live?.groups.find((g) => g.edge === edge) };
      }),
    [targets, labels, meta, live],
  );
  const lanes = Math.max(1, Math.min(MAX_LANES, partitions));
  const height = lanesHeightPx(partitions);
  const horizon = live ? lanesHorizonMs(live) : 1;
  const expiring = live?.retentionMs !== null;
  const more = partitions - lanes;
  const summary = live
    ? `${formatCount(live.recordsHeld)} records held in ${formatCount(live.partitionCount)} partitions${live.retentionMs !== null ? `, kept ${formatMs(live.retentionMs)}` : ', kept forever'}. ${consumers.map(groupSentence).join('. ')}`
    : `${formatCount(partitions)} partitions, not running`;
  return (
    <div className="log-lanes">
      <svg className="log-lanes__plot" viewBox={`0 0 ${WIDTH} ${height}`} width="100%" height={height} preserveAspectRatio="none" role="img" aria-label={`Partitions: ${summary}`}>
        <title>{summary}</title>
        <defs>
          {/* Fresh records on the right in the log's colour, fading to the left as they near expiry. */}
          <linearGradient id={gradient} x1="0" x2={WIDTH} y1="0" y2="0" gradientUnits="userSpaceOnUse">
            <stop offset="0" className="log-lanes__stop" style={{ stopOpacity: expiring ? 0.1 : 0.4 }} />
            <stop offset="1" className="log-lanes__stop" style={{ stopOpacity: 0.55 }} />
          </linearGradient>
        </defs>
        {Array.from({ length: lanes }, (_, p) => {
          const y = p * (LANE_PX + LANE_GAP_PX);
          const part = live?.partitions[p];
          const heldX = part && part.oldestAgeMs !== null ? xOfAge(part.oldestAgeMs, horizon) : WIDTH;
          const groups = consumers.filter((c) => c.group);
          const sliceH = LANE_PX / Math.max(1, groups.length);
          // A group whose oldest unread record here is about to expire is losing records to retention.
          const losing = expiring && groups.some((c) => (c.group!.nextAgeMs[p] ?? 0) >= 0.95 * horizon);
          return (
            <g key={p} data-partition={p}>
              <rect className="log-lanes__track" x={0} y={y} width={WIDTH} height={LANE_PX} rx={2} />
              {heldX < WIDTH && <rect className="log-lanes__held" x={heldX} y={y} width={WIDTH - heldX} height={LANE_PX} rx={2} fill={`url(#${gradient})`} />}
              {groups.map((c, g) => {
                const age = c.group!.nextAgeMs[p];
                if (age === null || age === undefined || c.group!.lag[p] === 0) return null;
                const x = xOfAge(age, horizon);
                const color = seriesColor(c.edge);
                return (
                  <g key={c.edgeId} data-group={c.edgeId}>
                    <rect x={x} y={y + g * sliceH} width={WIDTH - x} height={sliceH} fill={color} opacity={0.85} />
                    <rect x={Math.min(WIDTH - 3, x)} y={y - 1} width={3} height={LANE_PX + 2} fill={color} />
                  </g>
                );
              })}
              {losing && <rect className="log-lanes__expiry" x={0} y={y - 2} width={3} height={LANE_PX + 4} data-losing="true" />}
            </g>
          );
        })}
      </svg>
      {more > 0 && <div className="log-lanes__more">+{formatCount(more)} more partitions</div>}
      {consumers.slice(0, MAX_GROUP_ROWS).map((c) => (
        <div key={c.edgeId} className="log-lanes__group" title={groupSentence(c)}>
          <span className="log-lanes__swatch" style={{ background: c.edge >= 0 ? seriesColor(c.edge) : 'var(--text-muted)' }} aria-hidden="true" />
          <span className="log-lanes__name">{c.name}</span>
          <span className="log-lanes__lag">{c.group ? countTick(c.group.lagRecords) : '–'}</span>
        </div>
      ))}
      {consumers.length > MAX_GROUP_ROWS && <div className="log-lanes__more">+{consumers.length - MAX_GROUP_ROWS} more groups</div>}
    </div>
  );
}
