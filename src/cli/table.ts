/** The CLI's readable report: one table per section, numbers with units. */
import { hasStation } from '../kinds';
import type { Scenario } from '../scenario/schema';
import type { KeyTimeline } from '../sim/data';
import type { Results } from '../sim/results';
import { terminalSafe } from './escape';

/** A duration in ms, printed with sensible precision. */
export function ms(v: number): string {
  if (v === 0) return '0';
  if (v < 0.01) return v.toExponential(1);
  if (v < 10) return v.toFixed(2);
  if (v < 1000) return v.toFixed(1);
  return Math.round(v).toLocaleString('en-US');
}

export function count(v: number): string {
  if (Math.abs(v) >= 1e15) return v.toExponential(2);
  return Math.round(v).toLocaleString('en-US');
}

export function rate(v: number): string {
  if (v === 0) return '0';
  if (v < 10) return v.toFixed(2);
  if (v < 1e15) return Math.round(v).toLocaleString('en-US');
  return v.toExponential(2);
}

function pct(v: number): string {
  const percent = v * 100;
  if (percent !== 0 && Math.abs(percent) < 0.1) return `${percent.toPrecision(2)}%`;
  return `${percent.toFixed(1)}%`;
}

/** Shown for a latency with nothing measured (no request completed): not 0 ms. */
export const NONE = '–';

/** Aligns rows into columns: the first column left, the rest right. Cells are made terminal-safe. */
export function table(header: string[], cells: string[][]): string {
  const rows = cells.map((r) => r.map(terminalSafe));
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ').trimEnd();
  return [line(header), line(widths.map((w) => '─'.repeat(w))), ...rows.map(line)].join('\n');
}

export function formatResultsTable(scenario: Scenario, r: Results): string {
  const out: string[] = [];
  out.push(
    `${terminalSafe(r.scenario)} — seed ${r.seed}, ${r.simulatedSec} s measured` +
      (scenario.warmupSec > 0 ? ` after ${scenario.warmupSec} s of warm-up` : '') +
      `, ${count(r.events)} events in ${(r.wallMs / 1000).toFixed(2)} s of wall time`,
  );
  if (r.stopped) out.push(`\n⚠ ${terminalSafe(r.stopped.message)}`);

  out.push('\nOperations (end-to-end response time at the client, ms)');
  out.push(
    table(
      ['op', 'requests', 'errors', 'unfinished', 'ok/s', 'mean', 'p50', 'p90', 'p95', 'p99', 'p99.9', 'max'],
      Object.entries(r.ops).map(([op, o]) => {
        // Latency is over successful requests: with none, there is no latency to print.
        const lat = (v: number) => (o.throughputPerSec > 0 ? ms(v) : NONE);
        return [
          op,
          count(o.count),
          count(o.errors),
          count(o.unfinished),
          rate(o.throughputPerSec),
          lat(o.latencyMs.mean),
          lat(o.latencyMs.p50),
          lat(o.latencyMs.p90),
          lat(o.latencyMs.p95),
          lat(o.latencyMs.p99),
          lat(o.latencyMs.p999),
          lat(o.latencyMs.max),
        ];
      }),
    ),
  );

  const intended = Object.entries(r.ops).filter(([, o]) => o.intendedLatencyMs !== undefined);
  if (intended.length > 0) {
    out.push('\nFrom the intended send time (closed-loop users on a schedule; corrects for coordinated omission), ms');
    out.push(
      table(
        ['op', 'mean', 'p50', 'p90', 'p99', 'p99.9', 'max', 'measured p99'],
        intended.map(([op, o]) => {
          const i = o.intendedLatencyMs!;
          const lat = (v: number) => (o.throughputPerSec > 0 ? ms(v) : NONE);
          return [terminalSafe(op), lat(i.mean), lat(i.p50), lat(i.p90), lat(i.p99), lat(i.p999), lat(i.max), lat(o.latencyMs.p99)];
        }),
      ),
    );
  }

  out.push('\nNodes (latency and wait in ms)');
  out.push(
    table(
      ['node', 'kind', 'arrivals', 'dropped', 'errors', 'util', 'mean queue', 'max queue', 'wait mean', 'wait p99', 'p50', 'p99', 'max'],
      scenario.nodes.map((node) => {
        const n = r.nodes[node.id];
        const lat = (v: number) => (n.completed > 0 ? ms(v) : NONE);
        return [
          node.id,
          node.kind,
          count(n.arrivals),
          count(n.dropped),
          count(n.errors),
          !hasStation(node.kind) ? '–' : pct(n.utilization),
          n.meanQueueLength.toFixed(2),
          count(n.maxQueueLength),
          lat(n.waitMs.mean),
          lat(n.waitMs.p99),
          lat(n.latencyMs.p50),
          lat(n.latencyMs.p99),
          lat(n.latencyMs.max),
        ];
      }),
    ),
  );
  const overloaded = scenario.nodes.filter((n) => r.nodes[n.id].utilization > 0.98);
  for (const n of overloaded) {
    out.push(`⚠ ${n.id} is saturated (utilization ${pct(r.nodes[n.id].utilization)}): its queue grows as long as the load lasts.`);
  }
  const visible = scenario.nodes.filter((n) => r.nodes[n.id].visibilityLagMs);
  if (visible.length > 0) {
    out.push('\nSearch visibility (write arrival → searchable, ms)');
    out.push(
      table(
        ['index', 'mean', 'p99', 'max'],
        visible.map((n) => {
          const v = r.nodes[n.id].visibilityLagMs!;
          return [n.id, ms(v.mean), ms(v.p99), ms(v.max)];
        }),
      ),
    );
  }

  const copies = scenario.nodes.filter((n) => r.nodes[n.id].divergedKeys !== undefined);
  if (copies.length > 0) {
    out.push('\nCopies of the data (stale: answered with a version older than the database\'s; staleness since that version was superseded, ms; lag from commit to applied or searchable, ms; diverged: keys differing from the database at the end)');
    out.push(
      table(
        ['copy', 'hit ratio', 'stale reads', 'stale %', 'staleness mean', 'p99', 'max', 'lag mean', 'p99', 'max', 'diverged keys'],
        copies.map((n) => {
          const x = r.nodes[n.id];
          const stale = (v: number) => (x.staleReads! > 0 ? ms(v) : NONE);
          const lag = x.lagMs;
          return [n.id, x.hitRatio !== undefined ? pct(x.hitRatio) : NONE, count(x.staleReads!), pct(x.staleReadRatio!), stale(x.stalenessMs!.mean), stale(x.stalenessMs!.p99), stale(x.stalenessMs!.max), lag ? ms(lag.mean) : NONE, lag ? ms(lag.p99) : NONE, lag ? ms(lag.max) : NONE, count(x.divergedKeys!)];
        }),
      ),
    );
  }
  if (r.watchedKey) out.push('\n' + formatKeyTimeline(r.watchedKey));

  const batches = scenario.nodes.filter((n) => r.nodes[n.id].jobs);
  if (batches.length > 0) {
    out.push('\nBatch jobs (a job lasts from its start to its last task, ms; task work in worker-seconds, backups included; time to result from a record\'s arrival to the end of its job, ms)');
    out.push(
      table(
        ['batch', 'jobs', 'records', 'records/s', 'mean', 'p50', 'p99', 'max', 'backup tasks', 'task work', 'time to result'],
        batches.map((n) => {
          const j = r.nodes[n.id].jobs!;
          const lat = (v: number) => (j.count > 0 ? ms(v) : NONE);
          return [n.id, count(j.count), count(j.records), rate(j.recordsPerSec), lat(j.durationMs.mean), lat(j.durationMs.p50), lat(j.durationMs.p99), lat(j.durationMs.max), count(j.backupTasks), `${rate(j.taskWorkSec)} s`, j.count > 0 ? `${ms(j.recordLagMs.mean)} mean` : NONE];
        }),
      ),
    );
  }

  out.push('\nEdges (delivery = until the last call of a fan-out completed, ms)');
  out.push(
    table(
      ['edge', 'from → to', 'calls', 'calls/s', 'delivery mean', 'p50', 'p99', 'max'],
      scenario.edges.map((e) => {
        const x = r.edges[e.id];
        const d = x.deliveryMs;
        return [e.id, `${e.source} → ${e.target}`, count(x.calls), rate(x.callsPerSec), d ? ms(d.mean) : '–', d ? ms(d.p50) : '–', d ? ms(d.p99) : '–', d ? ms(d.max) : '–'];
      }),
    ),
  );

  const groups = scenario.edges.filter((e) => r.edges[e.id].delivered !== undefined);
  if (groups.length > 0) {
    out.push('\nConsumer groups and subscribers (per edge out of a log or queue; lag in records appended and not yet delivered, and in ms from the record in the log to the end of its delivery)');
    out.push(
      table(
        ['edge', 'from → to', 'consumers', 'delivered', 'duplicates', 'lost', 'out of order', 'lag mean', 'lag max', 'lag ms mean', 'p99', 'max'],
        groups.map((e) => {
          const x = r.edges[e.id];
          const lag = (v: number) => (x.delivered! > 0 ? ms(v) : NONE);
          // A log's group is sized on its edge; a Redis list or Pub/Sub has its queue's consumers on every edge.
          const source = scenario.nodes.find((n) => n.id === e.source);
          const consumers = source?.kind === 'queue' ? source.params.consumers : (e.consumers ?? 1);
          return [e.id, `${e.source} → ${e.target}`, count(consumers), count(x.delivered!), count(x.duplicates!), count(x.lost!), count(x.outOfOrder!), x.lagRecords!.mean.toFixed(1), count(x.lagRecords!.max), lag(x.lagMs!.mean), lag(x.lagMs!.p99), lag(x.lagMs!.max)];
        }),
      ),
    );
  }

  const resilient = scenario.edges.filter((e) => {
    const x = r.edges[e.id];
    return x.timeouts !== undefined || x.attempts !== undefined || x.breakerOpenSec !== undefined || (x.failures ?? 0) > 0;
  });
  if (resilient.length > 0) {
    const cell = (v: number | undefined) => (v !== undefined ? count(v) : '–');
    out.push('\nTimeouts, retries, hedges and breakers (per edge; attempts = calls + retries + hedges)');
    out.push(
      table(
        ['edge', 'calls', 'attempts', 'retries', 'hedges', 'timeouts', 'failed', 'breaker open', 'wasted at target'],
        resilient.map((e) => {
          const x = r.edges[e.id];
          const open = x.breakerOpenSec !== undefined ? `${x.breakerOpenSec.toFixed(1)} s` : '–';
          return [e.id, count(x.calls), cell(x.attempts), cell(x.retries), cell(x.hedges), cell(x.timeouts), cell(x.failures), open, cell(r.nodes[e.target]?.wastedCompletions)];
        }),
      ),
    );
  }
  const byCause = Object.entries(r.ops).filter(([, o]) => o.errorsByCause && o.errors > 0);
  for (const [op, o] of byCause) {
    const parts = Object.entries(o.errorsByCause!).filter(([, n]) => n > 0).map(([cause, n]) => `${count(n)} ${cause}`);
    out.push(`${terminalSafe(op)}: ${count(o.errors)} errors — ${parts.join(', ')}`);
  }
  const faulty = scenario.nodes.filter((n) => r.nodes[n.id].downSec !== undefined || (r.nodes[n.id].abandonedDropped ?? 0) > 0);
  for (const n of faulty) {
    const x = r.nodes[n.id];
    const parts = [x.downSec !== undefined ? `down ${x.downSec.toFixed(1)} s` : '', (x.abandonedDropped ?? 0) > 0 ? `${count(x.abandonedDropped!)} abandoned calls dropped` : ''].filter(Boolean);
    out.push(`${terminalSafe(n.id)}: ${parts.join(', ')}`);
  }
  const slos = scenario.slos ?? [];
  if (slos.length > 0) {
    out.push('\nObjectives (good: succeeded within the time)');
    for (const o of slos) {
      const x = r.ops[o.op];
      if (!x || x.sloAttainment === undefined) continue;
      const met = x.sloAttainment >= o.target ? 'met' : 'missed';
      out.push(`${terminalSafe(o.op)}: ${pct(x.sloAttainment)} good within ${o.latencyMs} ms (target ${pct(o.target)}, ${met}); goodput ${x.goodputPerSec!.toFixed(1)}/s`);
    }
  }

  if (r.population) {
    const p = r.population;
    out.push(
      `\nPopulation: mean followers ${p.meanFollowers.toFixed(1)}, p99 ${count(p.p99Followers)}, max ${count(p.maxFollowers)}; ` +
        `a post reaches ${p.meanPostFanout.toFixed(1)} followers on average`,
    );
    for (const t of p.thresholds ?? []) {
      out.push(
        `  accounts above ${count(t.threshold)} followers write ${pct(t.postShareAbove)} of posts and cause ${pct(t.writeShareAbove)} of fan-out writes; ` +
          `skipping them leaves ${t.hybridWritesPerPost.toFixed(1)} writes per post and costs ${t.celebrityFetchesPerRead.toFixed(2)} celebrity fetches per read`,
      );
    }
  }
  return out.join('\n');
}

/** The watched key's history (--watch-key), one line per event: time, node, what happened, the version, and the database's. */
export function formatKeyTimeline(t: KeyTimeline): string {
  const lines = [`Key ${t.key}: ${count(t.events.length)} events at ${t.nodes.map((n) => n.id).join(', ') || 'no data node'}` + (t.dropped > 0 ? ` (the first ${count(t.limit)}; ${count(t.dropped)} more not kept)` : '')];
  lines.push(
    table(
      ['time ms', 'node', 'event', 'version', 'database', 'note'],
      t.events.map((e) => {
        const behind = e.version >= 0 && e.version < e.dbVersion ? `${e.dbVersion - e.version} behind` : '';
        const note = e.searchableAtMs !== undefined ? `searchable at ${ms(e.searchableAtMs)}` : behind;
        return [ms(e.atMs), e.node, e.what, e.version >= 0 ? String(e.version) : NONE, String(e.dbVersion), note];
      }),
    ),
  );
  return lines.join('\n');
}
