/**
 * A queue node's waiting messages drawn as a stack that fills and drains:
 * eight cells, the first lit by one message waiting and each one above by
 * about three times as many (1, 3, 10, 30 … 3,000+), so a backlog of
 * thousands still fits and a single message still shows. The count comes
 * from the live strip's own number (messages waiting, time-averaged over the
 * last simulated second): nothing new is measured for it.
 */
import { formatCount } from '../../run/format';
import { useNodeLiveStats } from '../../run/liveSelectors';

export const STACK_CELLS = 8;

/** Cells lit for `waiting` messages: 0 for none, then one per half decade (1, ≈3, 10, ≈30 …). */
export function stackCellsLit(waiting: number): number {
  if (!(waiting > 0)) return 0;
  if (waiting < 1) return 1;
  return Math.min(STACK_CELLS, 1 + Math.floor(2 * Math.log10(waiting) + 1e-9));
}

export function QueueStack({ nodeId, consumers }: { nodeId: string; consumers: number }) {
  const live = useNodeLiveStats(nodeId);
  const waiting = live?.queueLength ?? 0;
  const lit = stackCellsLit(waiting);
  const text = live ? `${formatCount(Math.round(waiting))} waiting` : 'not running';
  return (
    <div className="queue-stack" data-idle={live ? undefined : 'true'}>
      <div className="queue-stack__cells" role="img" aria-label={`Messages waiting: ${live ? formatCount(Math.round(waiting)) : 'not running'} (${lit} of ${STACK_CELLS} cells; each cell about three times the one below)`}>
        {Array.from({ length: STACK_CELLS }, (_, i) => (
          <span key={i} className="queue-stack__cell" data-lit={STACK_CELLS - 1 - i < lit ? 'true' : undefined} />
        ))}
      </div>
      <div className="queue-stack__text">
        <div className="queue-stack__count">{text}</div>
        <div className="queue-stack__drain">taken by {formatCount(consumers)}</div>
      </div>
    </div>
  );
}
