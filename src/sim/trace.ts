/**
 * Tracing one request (after distributed tracing: Dapper, Jaeger, Honeycomb):
 * an observer of the Simulation that follows chosen requests through every
 * hop and records one span per job — a call (or attempt, or hedge copy) at
 * one node — with when it left its caller, arrived, waited, was served,
 * completed downstream and was answered, plus timeouts, retries and hedges.
 *
 * It only reads the engine's job records: it never draws from a random
 * stream, never schedules an event and never writes a field, so a run with
 * a tracer gives the very same results as one without (test/sim/trace.test.ts).
 * Without a tracer the engine pays one null check per hook.
 *
 * Which requests: the next one of an op (`traceNext`, the CLI's `--trace`
 * and the page's "trace the next request"), and a bounded sample for the
 * canvas's travelling dots (`grantSamples`: credits per op, no randomness).
 * Job ids are recycled: an id is trusted only while its record's generation
 * is the one seen when the span began.
 *
 * Bulk calls (one job standing for many identical calls, a celebrity's
 * fan-out) get one span carrying their count; their chunks' service is
 * summed into it, and the calls the chunks make downstream are not traced.
 */
import type { Simulation } from './engine';
import { CAUSES, causeIndex, F_CANCELLED, F_REQUEST, INT_FIELDS, J_ARRIVAL, J_COUNT, J_EDGE, J_FLAGS, J_GEN, J_MARK, J_NODE, J_OP, J_PARENT, J_SERVICE, NUM_FIELDS } from './jobs';

/** What the engine tells an observer (engine.ts calls these, each behind one null check). */
export interface SimObserver {
  /** fireCall: job `from` made call `c` along edge `e` (before it is sent). */
  called(from: number, c: number, e: number): void;
  /** send: attempt `c` leaves along edge `e` (a first attempt, a retry after its backoff, a hedge copy). */
  sent(c: number, e: number): void;
  /** arrive: job `j` reached its node. */
  arrived(j: number): void;
  /** serviceDone: job `j`'s service is over (its start and length are in its record). */
  served(j: number): void;
  /** completeJob: job `j` completed at its node (downstream calls included). */
  completed(j: number, failed: boolean): void;
  /** notifyUp: job `j`'s caller hears of it (`answered` false: the caller's own timeout). */
  notified(j: number, failed: boolean, answered: boolean): void;
  /** timedOut: the caller of attempt `c` gave up on it. */
  timedOut(c: number): void;
  /** retry: attempt `next` takes failed attempt `c`'s place after `delayMs` of backoff. */
  retried(c: number, next: number, delayMs: number): void;
  /** hedgeDue: attempt `j` got no answer in time; hedge record `r` now waits for its copies. */
  hedged(j: number, r: number): void;
}

export type SpanRole = 'request' | 'call' | 'retry' | 'hedge';
/** ok · failed (an error, a refusal, a crash: see `cause`) · timeout (the caller gave up) · cancelled (a losing hedge copy still in a line) · unfinished (still going when the trace closed). */
export type SpanOutcome = 'ok' | 'failed' | 'timeout' | 'cancelled' | 'unfinished';

/** One hop: a job at one node. Times are ms from the request's creation; null when it did not happen. */
export interface TraceSpan {
  id: number;
  /** The caller's span (−1 for the request itself). */
  parent: number;
  node: string;
  nodeLabel: string;
  kind: string;
  /** The edge the call came along (null for the request at its client). */
  edge: string | null;
  role: SpanRole;
  /** Which attempt of its call (1: the first). */
  attempt: number;
  async: boolean;
  /** Identical calls this span stands for (> 1: a bulk call). */
  units: number;
  /** Left the caller. */
  sentMs: number | null;
  /** Reached the node (sentMs → arrivedMs is the network). */
  arrivedMs: number | null;
  /** A server took it (arrivedMs → serviceStartMs is the wait in line). */
  serviceStartMs: number | null;
  /** Time on a server (a bulk call: its chunks' service, summed). */
  serviceMs: number | null;
  /** Completed at the node, its own calls included. */
  doneMs: number | null;
  /** The caller heard of it (doneMs → answeredMs is the network back). */
  answeredMs: number | null;
  /** The caller's timeout fired: it stopped waiting. */
  gaveUpMs: number | null;
  /** The backoff waited before this retry. */
  backoffMs: number | null;
  outcome: SpanOutcome;
  /** Why it failed: rejected, timeout, error, down or breakerOpen. */
  cause: string | null;
  /** The attempt this one retries, or −1. */
  retryOf: number;
  /** The attempt this one is a hedge copy of, or −1. */
  hedgeOf: number;
  /** A hedged call's copy (or original) whose success completed the call. */
  won: boolean;
  /** Finished for a caller that no longer waited (wasted work). */
  wasted: boolean;
  /** Calls it made that the trace did not record (the span cap). */
  hiddenCalls: number;
}

export interface RequestTrace {
  /** Unique within a run. */
  id: number;
  op: string;
  /** Simulated time the request was created, ms. */
  startMs: number;
  /** Response time at the client (null while unfinished). */
  durationMs: number | null;
  outcome: SpanOutcome;
  cause: string | null;
  spans: TraceSpan[];
  /** Calls not recorded because the trace reached its span cap. */
  hiddenCalls: number;
  /** Whether a span stands for many calls (bulk): its downstream calls are not traced. */
  bulk: boolean;
  /** Picked for the canvas's dots (true) or asked for (false). */
  sampled: boolean;
}

interface Tracked {
  trace: OpenTrace;
  span: number;
  gen: number;
  /** A hedge record standing in for span `span` (the original attempt) while copies race. */
  hedgeRecord: boolean;
}

/** A span while it is being recorded: absolute times. */
type LiveSpan = TraceSpan;

interface OpenTrace {
  id: number;
  op: number;
  startMs: number;
  spans: LiveSpan[];
  maxSpans: number;
  hiddenCalls: number;
  bulk: boolean;
  sampled: boolean;
  /** Root done (ms), or null. */
  rootDoneMs: number | null;
  jobs: number[];
}

export interface TracerOptions {
  /** Spans kept per requested trace (default 400). */
  maxSpans?: number;
  /** Spans kept per sampled trace (default 48). */
  sampledMaxSpans?: number;
  /** Sampled traces open at once, at most (default 6). */
  maxOpenSampled?: number;
  /** A finished request's trace waits this long for work still running downstream (wasted work, hedge losers), ms (default 1,000). */
  graceMs?: number;
  /** An unfinished request's trace is closed after this long, ms (default 10,000). */
  maxAgeMs?: number;
}

/** Records the spans of chosen requests; attach with `sim.observer = new Tracer(sim)`. */
export class Tracer implements SimObserver {
  private readonly sim: Simulation;
  private readonly live = new Map<number, Tracked>();
  /** 1 per job id the map holds: most hooks are about jobs nobody traces, and a typed array says so faster than a Map. */
  private followed = new Uint8Array(1024);
  private readonly open: OpenTrace[] = [];
  private readonly done: RequestTrace[] = [];
  private readonly isClient: Uint8Array;
  private readonly nodeIds: string[];
  private readonly nodeLabels: string[];
  private readonly nodeKinds: string[];
  private readonly edgeIds: string[];
  /** Requests asked for: the next request of each op created at or after `fromMs`. */
  private readonly wanted: { op: number; fromMs: number }[] = [];
  /** Per op, sampled traces that may start (the page grants them as time passes). */
  readonly sampleCredit: Float64Array;
  private readonly maxSpans: number;
  private readonly sampledMaxSpans: number;
  private readonly maxOpenSampled: number;
  private readonly graceMs: number;
  private readonly maxAgeMs: number;
  private nextId = 1;
  /** The last client job looked at as a new request (job, generation, time), so its other calls do not ask again. */
  private seenJob = -1;
  private seenGen = -1;
  private seenMs = -1;

  constructor(sim: Simulation, options: TracerOptions = {}) {
    this.sim = sim;
    const nodes = sim.scenario.nodes;
    this.isClient = Uint8Array.from(nodes, (n) => (n.kind === 'client' ? 1 : 0));
    this.nodeIds = nodes.map((n) => n.id);
    this.nodeLabels = nodes.map((n) => n.label || n.id);
    this.nodeKinds = nodes.map((n) => n.kind);
    this.edgeIds = sim.scenario.edges.map((e) => e.id);
    this.sampleCredit = new Float64Array(sim.model.ops.length);
    this.maxSpans = options.maxSpans ?? 400;
    this.sampledMaxSpans = options.sampledMaxSpans ?? 48;
    this.maxOpenSampled = options.maxOpenSampled ?? 6;
    this.graceMs = options.graceMs ?? 1000;
    this.maxAgeMs = options.maxAgeMs ?? 10_000;
  }

  /** Traces the next request of `op` created at or after `fromMs` (default: now). Returns false for an op the run does not have. */
  traceNext(op: string, fromMs = this.sim.now): boolean {
    const k = this.sim.model.opIndex.get(op);
    if (k === undefined) return false;
    this.wanted.push({ op: k, fromMs });
    return true;
  }

  /** Whether nothing is being followed or waited for: the engine may run without the tracer. */
  get idle(): boolean {
    return this.wanted.length === 0 && this.open.length === 0;
  }

  /** Whether a `traceNext` is still waiting for its request. */
  get waiting(): boolean {
    return this.wanted.length > 0;
  }

  /** Lets up to `perOp` more sampled traces start for every op, holding at most `cap` unspent. */
  grantSamples(perOp: number, cap = 2): void {
    for (let k = 0; k < this.sampleCredit.length; k++) this.sampleCredit[k] = Math.min(cap, this.sampleCredit[k] + perOp);
  }

  /** Traces finished since the last call (and, with `all`, every open one closed as it stands: the end of a run). */
  take(all = false): RequestTrace[] {
    const now = this.sim.now;
    for (let i = 0; i < this.open.length; i++) {
      const t = this.open[i];
      if (all || this.ready(t, now)) {
        this.open.splice(i--, 1);
        this.done.push(this.close(t));
      }
    }
    return this.done.splice(0);
  }

  // ---------------------------------------------------------------------------
  // Hooks

  called(from: number, c: number, e: number): void {
    let at = this.lookup(from);
    if (at === null) {
      at = this.newRequest(from);
      if (at === null) return;
    }
    if (at.hedgeRecord) return;
    this.addSpan(at.trace, at.span, c, e, 'call');
  }

  sent(c: number): void {
    const at = this.lookup(c);
    if (at !== null) {
      if (!at.hedgeRecord) at.trace.spans[at.span].sentMs = this.sim.now;
      return;
    }
    // A hedge copy: its caller is a hedge record we follow.
    const jobs = this.sim.jobs;
    const r = jobs.ints[c * INT_FIELDS + J_PARENT];
    if (r < 0) return;
    const rec = this.lookup(r);
    if (rec === null || !rec.hedgeRecord) return;
    const original = rec.trace.spans[rec.span];
    const s = this.addSpan(rec.trace, original.parent, c, jobs.ints[c * INT_FIELDS + J_EDGE], 'hedge');
    if (s >= 0) rec.trace.spans[s].hedgeOf = rec.span;
  }

  arrived(j: number): void {
    const at = this.lookup(j);
    if (at !== null) {
      at.trace.spans[at.span].arrivedMs = this.sim.now;
      return;
    }
    // A client's request that travels as its only call (F_REQUEST), seen as it is created.
    const jobs = this.sim.jobs;
    if (!(jobs.ints[j * INT_FIELDS + J_FLAGS] & F_REQUEST) || jobs.nums[j * NUM_FIELDS + J_ARRIVAL] !== this.sim.now) return;
    const e = jobs.ints[j * INT_FIELDS + J_EDGE];
    if (e < 0) return;
    const t = this.start(jobs.ints[j * INT_FIELDS + J_OP], this.sim.model.edgeSource[e], -1);
    if (t === null) return;
    const s = this.addSpan(t, 0, j, e, 'call');
    if (s >= 0) t.spans[s].arrivedMs = this.sim.now;
  }

  served(j: number): void {
    const jobs = this.sim.jobs;
    const at = this.lookup(j);
    if (at !== null) {
      const span = at.trace.spans[at.span];
      span.serviceStartMs = jobs.nums[j * NUM_FIELDS + J_MARK];
      span.serviceMs = jobs.nums[j * NUM_FIELDS + J_SERVICE];
      return;
    }
    // A chunk of a bulk call we follow: its service adds to the call's.
    const p = jobs.ints[j * INT_FIELDS + J_PARENT];
    if (p < 0) return;
    const bulk = this.lookup(p);
    if (bulk === null || bulk.hedgeRecord) return;
    const span = bulk.trace.spans[bulk.span];
    if (span.units <= 1 || jobs.ints[j * INT_FIELDS + J_NODE] !== jobs.ints[p * INT_FIELDS + J_NODE]) return;
    const start = jobs.nums[j * NUM_FIELDS + J_MARK];
    span.serviceStartMs = span.serviceStartMs === null ? start : Math.min(span.serviceStartMs, start);
    span.serviceMs = (span.serviceMs ?? 0) + jobs.nums[j * NUM_FIELDS + J_SERVICE];
  }

  completed(j: number, failed: boolean): void {
    const at = this.lookup(j);
    if (at === null || at.hedgeRecord) return;
    const span = at.trace.spans[at.span];
    span.doneMs = this.sim.now;
    if (failed) {
      if (span.outcome === 'unfinished') span.outcome = 'failed';
      span.cause ??= this.cause(j);
    } else {
      if (span.outcome === 'unfinished') span.outcome = 'ok';
      if (span.gaveUpMs !== null) span.wasted = true;
    }
    if (at.span === 0) this.rootDone(at.trace, span);
  }

  notified(j: number, failed: boolean, answered: boolean): void {
    const at = this.lookup(j);
    if (at === null) return;
    const t = at.trace;
    if (at.hedgeRecord) {
      // The hedged call is decided: copies still waiting in a line were cancelled.
      const jobs = this.sim.jobs;
      for (const tracked of this.liveOf(t)) {
        const s = t.spans[tracked.span];
        if ((s.hedgeOf === at.span || tracked.span === at.span) && s.doneMs === null && jobs.ints[tracked.job * INT_FIELDS + J_FLAGS] & F_CANCELLED) s.outcome = 'cancelled';
      }
      return;
    }
    const span = t.spans[at.span];
    if (!answered || span.gaveUpMs !== null || span.answeredMs !== null) return;
    span.answeredMs = this.sim.now;
    if (failed) {
      if (span.outcome === 'unfinished' || span.outcome === 'ok') span.outcome = 'failed';
      span.cause ??= this.cause(j);
    } else if (span.outcome === 'unfinished') span.outcome = 'ok';
    if (!failed && (span.hedgeOf >= 0 || t.spans.some((s) => s.hedgeOf === at.span))) {
      const group = span.hedgeOf >= 0 ? span.hedgeOf : at.span;
      if (!t.spans.some((s) => s.won && (s.id === group || s.hedgeOf === group))) span.won = true;
    }
    // A request that travelled as its only call is over when its caller hears of it.
    if (span.parent === 0 && this.sim.jobs.ints[j * INT_FIELDS + J_FLAGS] & F_REQUEST) {
      const root = t.spans[0];
      root.doneMs = this.sim.now;
      root.outcome = failed ? 'failed' : 'ok';
      if (failed) root.cause = span.cause;
      this.rootDone(t, root);
    }
  }

  timedOut(c: number): void {
    const at = this.lookup(c);
    if (at === null || at.hedgeRecord) return;
    const span = at.trace.spans[at.span];
    span.gaveUpMs = this.sim.now;
    span.outcome = 'timeout';
    span.cause = 'timeout';
  }

  retried(c: number, next: number, delayMs: number): void {
    const at = this.lookup(c);
    if (at === null || at.hedgeRecord) return;
    const failed = at.trace.spans[at.span];
    const s = this.addSpan(at.trace, failed.parent, next, this.sim.jobs.ints[next * INT_FIELDS + J_EDGE], 'retry');
    if (s < 0) return;
    const span = at.trace.spans[s];
    span.retryOf = at.span;
    span.backoffMs = delayMs;
    span.sentMs = null;
    span.attempt = this.sim.jobs.attempt[next];
    span.hedgeOf = failed.hedgeOf;
  }

  hedged(j: number, r: number): void {
    const at = this.lookup(j);
    if (at === null || at.hedgeRecord) return;
    this.track(at.trace, r, at.span, true);
  }

  // ---------------------------------------------------------------------------

  private lookup(j: number): Tracked | null {
    if (j >= this.followed.length || this.followed[j] === 0) return null;
    const at = this.live.get(j);
    if (at === undefined) return null;
    if (at.gen !== this.sim.jobs.ints[j * INT_FIELDS + J_GEN]) {
      this.forget(j);
      return null;
    }
    return at;
  }

  private track(t: OpenTrace, j: number, span: number, hedgeRecord: boolean): void {
    if (j >= this.followed.length) {
      const grown = new Uint8Array(Math.max(j + 1, this.followed.length * 2));
      grown.set(this.followed);
      this.followed = grown;
    }
    this.followed[j] = 1;
    this.live.set(j, { trace: t, span, gen: this.sim.jobs.ints[j * INT_FIELDS + J_GEN], hedgeRecord });
    t.jobs.push(j);
  }

  private forget(j: number): void {
    this.live.delete(j);
    this.followed[j] = 0;
  }

  /** The live jobs of trace `t`, with their span. */
  private liveOf(t: OpenTrace): { job: number; span: number }[] {
    const out: { job: number; span: number }[] = [];
    for (const j of t.jobs) {
      const at = this.lookup(j);
      if (at !== null && at.trace === t && !at.hedgeRecord) out.push({ job: j, span: at.span });
    }
    return out;
  }

  /** A client job making its first call: a new request, traced if asked for or sampled. */
  private newRequest(from: number): Tracked | null {
    const jobs = this.sim.jobs;
    const node = jobs.ints[from * INT_FIELDS + J_NODE];
    if (this.isClient[node] !== 1) return null;
    const created = jobs.nums[from * NUM_FIELDS + J_ARRIVAL];
    if (created !== this.sim.now) return null;
    const gen = jobs.ints[from * INT_FIELDS + J_GEN];
    if (from === this.seenJob && gen === this.seenGen && created === this.seenMs) return null;
    this.seenJob = from;
    this.seenGen = gen;
    this.seenMs = created;
    const t = this.start(jobs.ints[from * INT_FIELDS + J_OP], node, from);
    return t === null ? null : this.lookup(from);
  }

  /** Opens a trace for a request of `op` created now at `client` (its job, or −1 when it has none), if one is wanted. */
  private start(op: number, client: number, job: number): OpenTrace | null {
    const now = this.sim.now;
    let sampled = false;
    const w = this.wanted.findIndex((x) => x.op === op && x.fromMs <= now);
    if (w >= 0) this.wanted.splice(w, 1);
    else {
      if (this.sampleCredit[op] < 1) return null;
      let openSampled = 0;
      for (const t of this.open) if (t.sampled) openSampled++;
      if (openSampled >= this.maxOpenSampled) return null;
      this.sampleCredit[op] -= 1;
      sampled = true;
    }
    const t: OpenTrace = {
      id: this.nextId++,
      op,
      startMs: now,
      spans: [],
      maxSpans: sampled ? this.sampledMaxSpans : this.maxSpans,
      hiddenCalls: 0,
      bulk: false,
      sampled,
      rootDoneMs: null,
      jobs: [],
    };
    t.spans.push(this.blankSpan(0, -1, client, null, 'request', 1, false, 1));
    t.spans[0].arrivedMs = now;
    this.open.push(t);
    if (job >= 0) this.track(t, job, 0, false);
    return t;
  }

  private blankSpan(id: number, parent: number, node: number, edge: number | null, role: SpanRole, attempt: number, async: boolean, units: number): LiveSpan {
    return {
      id,
      parent,
      node: this.nodeIds[node],
      nodeLabel: this.nodeLabels[node],
      kind: this.nodeKinds[node],
      edge: edge === null ? null : this.edgeIds[edge],
      role,
      attempt,
      async,
      units,
      sentMs: null,
      arrivedMs: null,
      serviceStartMs: null,
      serviceMs: null,
      doneMs: null,
      answeredMs: null,
      gaveUpMs: null,
      backoffMs: null,
      outcome: 'unfinished',
      cause: null,
      retryOf: -1,
      hedgeOf: -1,
      won: false,
      wasted: false,
      hiddenCalls: 0,
    };
  }

  /** A span for job `c`, called by span `parent` along edge `e`; −1 past the trace's cap. */
  private addSpan(t: OpenTrace, parent: number, c: number, e: number, role: SpanRole): number {
    if (t.spans.length >= t.maxSpans) {
      t.hiddenCalls++;
      if (parent >= 0) t.spans[parent].hiddenCalls++;
      return -1;
    }
    const jobs = this.sim.jobs;
    const units = jobs.nums[c * NUM_FIELDS + J_COUNT];
    const id = t.spans.length;
    const span = this.blankSpan(id, parent, jobs.ints[c * INT_FIELDS + J_NODE], e, role, jobs.attempt[c], this.sim.model.edgeAsync[e] === 1, units);
    span.sentMs = this.sim.now;
    if (units > 1) t.bulk = true;
    t.spans.push(span);
    this.track(t, c, id, false);
    return id;
  }

  private cause(j: number): string {
    return CAUSES[causeIndex(this.sim.jobs.ints[j * INT_FIELDS + J_FLAGS])];
  }

  private rootDone(t: OpenTrace, root: LiveSpan): void {
    if (t.rootDoneMs === null) t.rootDoneMs = this.sim.now;
    if (root.outcome === 'unfinished') root.outcome = 'ok';
  }

  /** Whether trace `t` can close: its request is over and nothing of it still runs (or the grace is over), or it is too old. */
  private ready(t: OpenTrace, now: number): boolean {
    if (t.rootDoneMs === null) return now - t.startMs >= this.maxAgeMs;
    if (now - t.rootDoneMs >= this.graceMs) return true;
    // Settled: completed at its node, cancelled in a line, or failed before it arrived (a breaker, a refusal on the way).
    for (const s of t.spans) if (s.doneMs === null && s.outcome !== 'cancelled' && !(s.arrivedMs === null && s.answeredMs !== null)) return false;
    return true;
  }

  private close(t: OpenTrace): RequestTrace {
    for (const j of t.jobs) if (this.live.get(j)?.trace === t) this.forget(j);
    const rel = (v: number | null) => (v === null ? null : v - t.startMs);
    const spans = t.spans.map((s) => ({
      ...s,
      sentMs: rel(s.sentMs),
      arrivedMs: rel(s.arrivedMs),
      serviceStartMs: rel(s.serviceStartMs),
      doneMs: rel(s.doneMs),
      answeredMs: rel(s.answeredMs),
      gaveUpMs: rel(s.gaveUpMs),
    }));
    const root = spans[0];
    return {
      id: t.id,
      op: this.sim.model.ops[t.op],
      startMs: t.startMs,
      durationMs: t.rootDoneMs === null ? null : t.rootDoneMs - t.startMs,
      outcome: root.outcome,
      cause: root.cause,
      spans,
      hiddenCalls: t.hiddenCalls,
      bulk: t.bulk,
      sampled: t.sampled,
    };
  }
}
