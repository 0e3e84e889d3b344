/**
 * `--trace <op>` as text: the waterfall of one request, one row per hop,
 * nested by call, with its network, wait, service and downstream time in ms
 * and a bar on a common time axis (the same rows as the page's waterfall).
 */
import type { RequestTrace } from '../sim/trace';
import { traceEndMs, waterfallRows, type PhaseKind } from '../trace/waterfall';
import { terminalSafe } from './escape';
import { ms, NONE } from './table';

/** One character per phase on the bar. */
const BAR_CHAR: Record<PhaseKind, string> = { network: '-', wait: '.', service: '#', calls: '~', backoff: ' ', return: '-' };
const BAR_WIDTH = 40;

function cell(v: number | null): string {
  return v === null ? NONE : ms(v);
}

/** The waterfall of `trace` as aligned text lines. */
export function formatTrace(trace: RequestTrace): string {
  const rows = waterfallRows(trace);
  const end = Math.max(traceEndMs(trace), 1e-9);
  const scale = BAR_WIDTH / end;
  const outcome = trace.outcome === 'ok' ? 'ok' : trace.outcome === 'failed' ? `failed (${trace.cause ?? 'error'})` : trace.outcome;
  const out: string[] = [];
  out.push(
    `Trace of one "${terminalSafe(trace.op)}" request, created at ${ms(trace.startMs)} ms: ` +
      (trace.durationMs === null ? 'unfinished' : `${ms(trace.durationMs)} ms, ${outcome}`) +
      ` · ${trace.spans.length} spans`,
  );
  out.push('times in ms from its creation; bar: - network  . wait  # service  ~ waiting on its calls');
  const header = ['hop', 'start', 'network', 'wait', 'service', 'calls', 'total', 'outcome', '0'.padEnd(BAR_WIDTH + 2 - ms(end).length) + ms(end), 'notes'];
  const cells = rows.map((r) => {
    const s = r.span;
    const name = `${'  '.repeat(r.depth)}${r.depth > 0 ? '└ ' : ''}${s.nodeLabel}${s.role === 'request' ? ` (${s.kind})` : ''}`;
    const bar = Array.from({ length: BAR_WIDTH }, () => ' ');
    for (const p of r.phases) {
      const from = Math.min(BAR_WIDTH - 1, Math.floor(p.fromMs * scale));
      const to = Math.max(from + 1, Math.min(BAR_WIDTH, Math.round(p.toMs * scale)));
      for (let i = from; i < to; i++) bar[i] = BAR_CHAR[p.kind];
    }
    if (s.gaveUpMs !== null) bar[Math.min(BAR_WIDTH - 1, Math.floor(s.gaveUpMs * scale))] = 'x';
    const total = s.role === 'request' ? trace.durationMs : (s.answeredMs ?? s.gaveUpMs ?? s.doneMs) !== null && s.sentMs !== null ? (s.answeredMs ?? s.gaveUpMs ?? s.doneMs)! - s.sentMs : null;
    const outcomeText = s.outcome === 'failed' ? `failed${s.cause ? ` (${s.cause})` : ''}` : s.outcome === 'timeout' ? 'timed out' : s.outcome;
    return [name, ms(r.startMs), s.role === 'request' ? '' : cell(r.networkMs), cell(r.waitMs), cell(r.serviceMs), cell(r.callsMs), cell(total), outcomeText, `|${bar.join('')}|`, [s.edge ? `via ${s.edge}` : '', ...r.tags].filter(Boolean).join(', ')];
  });
  const safe = [header, ...cells].map((r) => r.map(terminalSafe));
  const widths = header.map((_, i) => Math.max(...safe.map((r) => r[i].length)));
  const line = (r: string[]) => r.map((c, i) => (i === 0 || i >= 7 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ').trimEnd();
  out.push(line(safe[0]));
  for (const r of safe.slice(1)) out.push(line(r));
  if (trace.hiddenCalls > 0) out.push(`${trace.hiddenCalls.toLocaleString('en-US')} more calls were made than the trace keeps (${trace.spans.length} spans).`);
  if (trace.bulk) out.push('A bulk span stands for many identical calls served in chunks: its service is their sum, and its downstream calls are not traced.');
  return out.join('\n');
}
