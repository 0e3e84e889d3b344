/**
 * The trace of one request as a waterfall, like a distributed-tracing view
 * (Jaeger, Honeycomb): one row per hop, nested by call, on a common time
 * axis in ms — network out and back, wait in line, service, waiting on its
 * own calls — with timeouts, retries and hedge copies marked. Rows are one
 * tab stop; ↑/↓ move between them and the chosen row's numbers are spelt
 * out below. Opened by a dot on the canvas, by "Trace the next request" (T),
 * or from the list of recently sampled requests.
 */
import { useEffect, useId, useMemo, useRef, useState, useSyncExternalStore, type KeyboardEvent } from 'react';
import { actions, performAction } from '../actions';
import { defaultTraceOp } from '../actions/traceActions';
import { useAppStore } from '../store';
import type { RequestTrace } from '../sim/trace';
import { formatMs, outcomeText, PHASE_HELP, PHASE_LABEL, traceEndMs, waterfallRows, type PhaseKind, type WaterfallRow } from './waterfall';
import { recentSampledTraces, recentSnapshot, subscribeRecent, useTraceStore } from './traceStore';
import './trace.css';

const NO_OPS: string[] = [];
const LEGEND: PhaseKind[] = ['network', 'wait', 'service', 'calls', 'backoff'];

/** Round tick steps for the time axis (ms). */
function ticks(endMs: number): number[] {
  const raw = endMs / 5;
  const mag = 10 ** Math.floor(Math.log10(Math.max(raw, 1e-6)));
  const step = [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? raw;
  const out: number[] = [];
  for (let t = 0; t <= endMs + 1e-9; t += step) out.push(t);
  return out;
}

function rowSummary(r: WaterfallRow): string {
  const s = r.span;
  const parts: string[] = [];
  if (r.networkMs !== null) parts.push(`network ${formatMs(r.networkMs)}`);
  if (r.waitMs !== null) parts.push(`wait ${formatMs(r.waitMs)}`);
  if (r.serviceMs !== null) parts.push(`service ${formatMs(r.serviceMs)}`);
  if (r.callsMs !== null && r.callsMs > 0) parts.push(`its calls ${formatMs(r.callsMs)}`);
  const where = s.role === 'request' ? `${s.nodeLabel} (the client)` : `${s.nodeLabel}${s.edge ? ` via ${s.edge}` : ''}`;
  return `${where}: starts at ${formatMs(r.startMs)}, ${parts.join(', ') || 'no time of its own'} — ${outcomeText(s)}${r.tags.length ? ` (${r.tags.join(', ')})` : ''}`;
}

function spanTotal(r: WaterfallRow, trace: RequestTrace): number | null {
  const s = r.span;
  if (s.role === 'request') return trace.durationMs;
  const end = s.answeredMs ?? s.gaveUpMs ?? s.doneMs;
  return end !== null && s.sentMs !== null ? end - s.sentMs : null;
}

export function Waterfall({ trace }: { trace: RequestTrace }) {
  const rows = useMemo(() => waterfallRows(trace), [trace]);
  const end = Math.max(traceEndMs(trace), 1e-6);
  const [current, setCurrent] = useState(0);
  const rowRefs = useRef<(HTMLDivElement | null)[]>([]);
  const detailId = useId();
  useEffect(() => setCurrent(0), [trace]);
  const pct = (ms: number) => `${(Math.min(Math.max(ms, 0), end) / end) * 100}%`;
  const move = (to: number) => {
    const next = Math.max(0, Math.min(rows.length - 1, to));
    setCurrent(next);
    rowRefs.current[next]?.focus();
  };
  const onKeyDown = (e: KeyboardEvent) => {
    const keys: Record<string, number> = { ArrowDown: current + 1, ArrowUp: current - 1, Home: 0, End: rows.length - 1, PageDown: current + 10, PageUp: current - 10 };
    if (e.key in keys) {
      e.preventDefault();
      move(keys[e.key]);
    }
  };
  const chosen = rows[Math.min(current, rows.length - 1)];
  return (
    <div className="waterfall">
      <div className="wf-table" role="table" aria-label="Waterfall: one row per hop, nested by call, times in ms from the request's creation" onKeyDown={onKeyDown}>
        <div className="wf-row wf-head" role="row">
          <div className="wf-name" role="columnheader">
            Hop
          </div>
          <div className="wf-track wf-axis" role="columnheader" aria-label={`Timeline, 0 to ${formatMs(end)}`}>
            {ticks(end).map((t) => (
              <span key={t} className="wf-tick" style={{ left: pct(t) }}>
                {formatMs(t)}
              </span>
            ))}
          </div>
          <div className="wf-total" role="columnheader">
            Total
          </div>
        </div>
        {rows.map((r, i) => {
          const s = r.span;
          const total = spanTotal(r, trace);
          const failed = s.outcome === 'failed' || s.outcome === 'timeout';
          return (
            <div
              key={s.id}
              ref={(el) => {
                rowRefs.current[i] = el;
              }}
              className="wf-row"
              role="row"
              tabIndex={i === current ? 0 : -1}
              aria-selected={i === current}
              aria-label={rowSummary(r)}
              aria-describedby={i === current ? detailId : undefined}
              data-outcome={s.outcome}
              onClick={() => move(i)}
            >
              <div className="wf-name" role="cell" style={{ paddingLeft: 6 + r.depth * 14 }} title={rowSummary(r)}>
                <span className="wf-node">{s.nodeLabel}</span>
                {s.role === 'retry' && <span className="wf-tag">retry {s.attempt}</span>}
                {s.role === 'hedge' && <span className="wf-tag">hedge</span>}
                {s.won && <span className="wf-tag wf-won">won</span>}
                {s.units > 1 && <span className="wf-tag">×{s.units.toLocaleString('en-US')}</span>}
                {s.async && <span className="wf-tag">async</span>}
              </div>
              <div className="wf-track" role="cell">
                {r.phases.map((p, k) => (
                  <span
                    key={k}
                    className={`wf-phase wf-${p.kind}`}
                    style={{ left: pct(p.fromMs), width: `max(2px, ${pct(p.toMs - p.fromMs)})` }}
                    title={`${PHASE_LABEL[p.kind]} ${formatMs(p.toMs - p.fromMs)} (${formatMs(p.fromMs)} → ${formatMs(p.toMs)}). ${PHASE_HELP[p.kind]}`}
                  />
                ))}
                {s.gaveUpMs !== null && <span className="wf-gaveup" style={{ left: pct(s.gaveUpMs) }} title={`The caller's timeout: it gave up at ${formatMs(s.gaveUpMs)}`} />}
              </div>
              <div className={`wf-total${failed ? ' wf-bad' : ''}`} role="cell">
                {total === null ? '–' : formatMs(total)}
                {s.outcome !== 'ok' && <span className="wf-outcome"> {outcomeText(s)}</span>}
              </div>
            </div>
          );
        })}
      </div>
      {chosen && (
        <p className="wf-detail" id={detailId} aria-live="polite">
          {rowSummary(chosen)}
        </p>
      )}
      <ul className="wf-legend" aria-label="What the colours mean">
        {LEGEND.map((k) => (
          <li key={k} title={PHASE_HELP[k]}>
            <span className={`wf-swatch wf-${k}`} aria-hidden="true" />
            <span>
              <strong>{PHASE_LABEL[k]}</strong> — {PHASE_HELP[k].replace(/^[^:]+: /, '')}
            </span>
          </li>
        ))}
        <li title="The caller stopped waiting: its timeout fired. The callee was not told, so its work went on.">
          <span className="wf-swatch wf-gaveup-swatch" aria-hidden="true" />
          <span>
            <strong>timeout</strong> — the caller gave up here (the callee's work goes on, wasted)
          </span>
        </li>
      </ul>
      {trace.hiddenCalls > 0 && <p className="wf-note">{trace.hiddenCalls.toLocaleString('en-US')} more calls were made than this trace keeps ({trace.spans.length} spans).</p>}
      {trace.bulk && (
        <p className="wf-note">
          A “×N” hop stands for many identical calls the engine runs in bulk (a celebrity’s fan-out): its service is their sum over the servers, and the calls they make downstream are not traced.
        </p>
      )}
    </div>
  );
}

function RecentRequests() {
  useSyncExternalStore(subscribeRecent, recentSnapshot);
  const recent = recentSampledTraces();
  if (recent.length === 0) return null;
  return (
    <details className="trace-recent">
      <summary>Requests on the canvas just now ({recent.length})</summary>
      <ul>
        {[...recent].reverse().map((t) => (
          <li key={t.id}>
            <button type="button" className="link-button" onClick={() => void performAction(actions.showRequestTrace, t)}>
              {t.op} · {t.durationMs === null ? 'unfinished' : formatMs(t.durationMs)} · {t.outcome === 'ok' ? 'ok' : t.outcome === 'failed' ? `failed (${t.cause ?? 'error'})` : t.outcome} · {t.spans.length} hops
            </button>
          </li>
        ))}
      </ul>
    </details>
  );
}

export function TracePanel() {
  const panelOpen = useTraceStore((s) => s.panelOpen);
  const trace = useTraceStore((s) => s.trace);
  const waitingFor = useTraceStore((s) => s.waitingFor);
  const message = useTraceStore((s) => s.message);
  const ops = useAppStore((s) => s.live?.meta.ops ?? NO_OPS);
  const paused = useAppStore((s) => s.runStatus !== 'running');
  const canTrace = useAppStore((s) => (actions.traceNextRequest.enabled ? actions.traceNextRequest.enabled(s) : true));
  const [op, setOp] = useState<string | undefined>(undefined);
  const titleId = useId();
  const ref = useRef<HTMLElement>(null);
  const chosenOp = op !== undefined && ops.includes(op) ? op : (trace && ops.includes(trace.op) ? trace.op : defaultTraceOp(useAppStore.getState()));

  // Focus goes to the waterfall's first row (↑/↓ then walk the hops), or to the panel while it waits.
  useEffect(() => {
    if (!panelOpen) return;
    const row = ref.current?.querySelector<HTMLElement>('.wf-row[tabindex="0"]');
    (row ?? ref.current)?.focus();
  }, [panelOpen, trace]);
  if (!panelOpen) return null;
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape') {
      e.stopPropagation();
      void performAction(actions.closeRequestTrace, undefined);
    }
  };
  return (
    <section ref={ref} className="trace-panel" role="dialog" aria-modal="false" aria-labelledby={titleId} tabIndex={-1} onKeyDown={onKeyDown}>
      <header className="trace-head">
        <h2 id={titleId}>
          {trace ? (
            <>
              Trace of one <em>{trace.op}</em> request: {trace.durationMs === null ? 'unfinished' : formatMs(trace.durationMs)},{' '}
              <span className={trace.outcome === 'ok' ? 'trace-ok' : 'trace-bad'}>{trace.outcome === 'failed' ? `failed (${trace.cause ?? 'error'})` : trace.outcome}</span>
            </>
          ) : (
            'Trace one request'
          )}
        </h2>
        {trace && (
          <span className="trace-meta">
            created at {formatMs(trace.startMs)} of simulated time · {trace.spans.length} hops
          </span>
        )}
        <div className="trace-actions">
          <label>
            <span className="visually-hidden">Operation</span>
            <select value={chosenOp ?? ''} onChange={(e) => setOp(e.target.value)} disabled={ops.length === 0}>
              {ops.map((o) => (
                <option key={o} value={o}>
                  {o}
                </option>
              ))}
            </select>
          </label>
          <button type="button" className="button" disabled={!canTrace || chosenOp === undefined} onClick={() => void performAction(actions.traceNextRequest, chosenOp)} title="Trace the next request of this operation (T)">
            Trace the next
          </button>
          <button type="button" className="icon-button" aria-label="Close the trace" title="Close (Esc)" onClick={() => void performAction(actions.closeRequestTrace, undefined)}>
            ×
          </button>
        </div>
      </header>
      {waitingFor !== null && (
        <p className="trace-status" role="status">
          Waiting for the next “{waitingFor}” request to finish…{paused ? ' The run is paused: press Play (K) to let it through.' : ''}
        </p>
      )}
      {message !== null && (
        <p className="trace-status" role="status">
          {message}
        </p>
      )}
      {trace ? <Waterfall trace={trace} /> : waitingFor === null && message === null && <p className="trace-status">Press “Trace the next”, or click a dot on the canvas.</p>}
      <RecentRequests />
    </section>
  );
}
