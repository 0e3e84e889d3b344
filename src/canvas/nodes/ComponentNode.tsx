/**
 * The body every component shares: icon, label, kind, key parameters at a
 * glance, handles, and — while a simulation runs — its live load.
 */
import { Handle, Position, type NodeProps } from '@xyflow/react';
import { useContext, type CSSProperties, type ReactNode } from 'react';
import { useNodeLiveStats, type NodeLiveStats } from '../../run/liveSelectors';
import { KINDS } from '../../scenario/kinds';
import { formatCount, formatNumber, formatPercent } from '../../ui/format';
import type { LogNodeLive } from '../../worker/protocol';
import { useAppStore } from '../../store';
import { KindIcon } from '../../ui/icons';
import { FullDetail } from '../detail';
import type { FlowNode } from '../flowTypes';
import { hasStation } from '../../kinds';
import { hasBoundedQueue, nodeBadges, nodeGlance } from './glance';
import { useFaultState, type FaultBadge } from '../../faults/faultState';

/** What is broken on the node right now, hanging above it (the node keeps its size), with its countdown. */
export function FaultFlag({ badge }: { badge: FaultBadge }) {
  return (
    <div className="fault-flag" data-fault={badge.type} data-soon={badge.soon ? 'true' : undefined} role="status" title={badge.help}>
      <span className="fault-flag__effect">{badge.effect}</span>
      <span className="fault-flag__countdown">{badge.countdown}</span>
      {badge.others > 0 && <span className="fault-flag__more">+{badge.others}</span>}
    </div>
  );
}

/** Utilization bands shared by the node overlay and the legend. */
export function utilizationBand(utilization: number): 'calm' | 'busy' | 'hot' {
  if (utilization >= 0.9) return 'hot';
  if (utilization >= 0.7) return 'busy';
  return 'calm';
}

/**
 * The node's live load. The strip is always there, with the same height
 * whether a run is going or not, so nodes never change size (and handles
 * never move) when a simulation starts; the overload notice hangs below the
 * node instead of pushing it taller.
 */
function LiveStrip({ live, servers, bounded, logFacts }: { live: NodeLiveStats | undefined; servers: boolean; bounded: boolean; logFacts?: string }) {
  const facts: string[] = [];
  // A log has no waiting line: what it holds is its records, kept for the retention time.
  if (live && logFacts !== undefined) facts.push(logFacts);
  else if (live) {
    if (live.utilization !== undefined) facts.push(`${formatPercent(Math.min(live.utilization, 9.99))} busy`);
    facts.push(`${formatNumber(live.queueLength, 2)} queued`);
    if (live.errorsPerSec > 0) facts.push(`${formatNumber(live.errorsPerSec, 2)} errors/s`);
  }
  const band = !live || live.utilization === undefined ? 'calm' : utilizationBand(live.utilization);
  const utilization = live?.utilization ?? 0;
  return (
    <div className="component-node__live" data-band={live?.overloaded ? 'hot' : band} data-idle={live ? undefined : 'true'}>
      {servers && (
        <div className="util-bar" aria-hidden="true">
          {/* Scaled, not resized: it moves ten times a second, and a transform costs no layout. */}
          <div className="util-bar__fill" style={{ transform: `scaleX(${Math.min(1, Math.max(0, utilization))})` }} />
        </div>
      )}
      <div className="component-node__live-facts" title={live ? facts.join(' · ') : undefined}>
        {live ? facts.join(' · ') : 'not running'}
      </div>
      {live?.overloaded && <div className="component-node__overload">{bounded ? 'Overloaded — queue full, turning requests away' : 'Overloaded — queue growing'}</div>}
    </div>
  );
}

/**
 * A cache's or an index's data figures in a keyed scenario (SCENARIO.md, "Keys, versions and
 * derived data"), from the results so far (about once a second) or the final ones: the share of
 * its reads that were stale, and the keys it holds differently from the database — "differ" while
 * the run goes on (a write may still be on its way), "diverged" once it is over and drained. The
 * line is there from the start, so the node never grows mid-run.
 */
function DataFacts({ id }: { id: string }) {
  const text = useAppStore((s) => {
    const r = s.live?.results?.nodes;
    const n = r && Object.hasOwn(r, id) ? r[id] : undefined;
    if (!n || n.divergedKeys === undefined) return null;
    const keys = `${formatCount(n.divergedKeys)} ${s.live!.resultsFinal ? 'diverged' : n.divergedKeys === 1 ? 'differs' : 'differ'}`;
    return `${formatPercent(n.staleReadRatio ?? 0)} stale · ${keys}|${n.divergedKeys > 0 && s.live!.resultsFinal ? 'diverged' : (n.staleReadRatio ?? 0) > 0 ? 'stale' : 'fresh'}`;
  });
  const [facts, state] = text?.split('|') ?? ['stale · diverged: not running', 'idle'];
  return (
    <div
      className="component-node__data"
      data-state={state}
      title={text ? `${facts}: the share of reads this copy answered with an older version than the database held, and the keys it holds differently from the database` : 'Stale reads and diverged keys appear here while the scenario runs'}
    >
      {facts}
    </div>
  );
}

/** "1,234 records": what a log holds now (its live strip; the lanes show how old they are). */
function logHeldText(log: LogNodeLive): string {
  return `${formatCount(log.recordsHeld)} records`;
}

type ComponentNodeProps = NodeProps<FlowNode> & { extra?: ReactNode };

/** A node in full, or — zoomed far out on a large graph — as its box, colour and name (detail.ts). */
export function ComponentNode(props: ComponentNodeProps) {
  return useContext(FullDetail) ? <DetailedNode {...props} /> : <FarNode {...props} />;
}

function kindStyle(kind: string): CSSProperties {
  return { '--kind-color': `var(--kind-${kind})`, '--kind-soft': `var(--kind-${kind}-soft)` } as CSSProperties;
}

/** Seen from far: the name in large type on the kind's colour; red when overloaded. Same box, same handles. */
function FarNode({ id, data, selected }: ComponentNodeProps) {
  const node = data.node;
  const meta = KINDS[node.kind];
  // Only the overload flag: the live numbers are too small to read from here, and would re-render every node ten times a second.
  const overloaded = useAppStore((s) => {
    const stats = s.live?.nodeStats;
    return stats !== undefined && Object.hasOwn(stats, id) && stats[id].overloaded;
  });
  const fault = useFaultState(id);
  return (
    <div
      className="component-node component-node--far"
      data-kind={node.kind}
      data-selected={selected ? 'true' : undefined}
      data-overloaded={overloaded ? 'true' : undefined}
      data-fault={fault && !fault.soon ? fault.type : undefined}
      style={kindStyle(node.kind)}
    >
      {meta.acceptsCalls && <Handle type="target" position={Position.Left} className="flow-handle flow-handle--in" />}
      <span className="component-node__far-label">{node.label || node.id}</span>
      {meta.makesCalls && <Handle type="source" position={Position.Right} className="flow-handle flow-handle--out" />}
    </div>
  );
}

function DetailedNode({ id, data, selected, extra }: ComponentNodeProps) {
  const node = data.node;
  const meta = KINDS[node.kind];
  const live = useNodeLiveStats(id);
  const badges = nodeBadges(node);
  const label = node.label || node.id;
  const style = kindStyle(node.kind);
  const fault = useFaultState(id);
  const keyed = useAppStore((s) => s.scenario.keys !== undefined);
  const logFacts = useAppStore((s) => {
    const log = s.live?.logs?.[id];
    return log && node.kind === 'log' ? logHeldText(log) : undefined;
  });
  return (
    <div
      className="component-node"
      data-kind={node.kind}
      data-selected={selected ? 'true' : undefined}
      data-overloaded={live?.overloaded ? 'true' : undefined}
      data-fault={fault && !fault.soon ? fault.type : undefined}
      style={style}
    >
      {fault && <FaultFlag badge={fault} />}
      {meta.acceptsCalls && <Handle type="target" position={Position.Left} className="flow-handle flow-handle--in" />}
      <div className="component-node__head">
        <span className="component-node__icon" title={meta.title}>
          <KindIcon kind={node.kind} size={13} />
        </span>
        <span className="component-node__label" title={label}>
          {label}
        </span>
      </div>
      <div className="component-node__glance">{nodeGlance(node)}</div>
      {extra}
      {badges.length > 0 && (
        <div className="component-node__badges">
          {badges.map((b) => (
            <span key={b} className="chip">
              {b}
            </span>
          ))}
        </div>
      )}
      <LiveStrip live={live} servers={hasStation(node.kind)} bounded={hasBoundedQueue(node)} logFacts={logFacts} />
      {keyed && (node.kind === 'cache' || node.kind === 'index') && <DataFacts id={id} />}
      {meta.makesCalls && <Handle type="source" position={Position.Right} className="flow-handle flow-handle--out" />}
    </div>
  );
}
