/**
 * The data plane (SCENARIO.md, "Keys, versions and derived data"): what a
 * key's copies hold, kept beside the request life cycle. It exists only in a
 * scenario with `keys`; without them the engine never reaches this file, so
 * v1 and every keyless v2 scenario run exactly the code they ran before.
 *
 * - **The database** commits a write at the end of its service: the key's
 *   version goes up by one (versions start at 0, the data every copy starts
 *   from). A response carries the key's version — committed, or read — and
 *   a caller making sequential calls passes the latest version it received
 *   on to its next calls (jobs.ts `ver`: the engine copies it into calls and
 *   back up to callers). With several databases, they are one key space: a
 *   key's version counts the commits at any of them.
 * - **A cache** holds entries (typed arrays by key, or an LRU of `capacity`
 *   slots, O(1) a lookup): a read hits when its key is present and not
 *   expired (`ttlSec`) and answers with the cached version; a miss issues
 *   the cache's calls and, when they answer, fills the entry with the
 *   version the response carried (none: version 0, the initial data). A write
 *   (an op in `writeOps`) deletes the entry ("invalidate") or sets it to the
 *   version it carries ("update"). `applyIf: "newer"` ignores a version older
 *   than the one held; a fill into an entry that was deleted is never refused
 *   (nothing is held: the stale fill race survives versioning).
 * - **An index** holds every key, at version 0 at first: a write sets the
 *   key's indexed version, searchable from the next refresh on; a read
 *   answers with the searchable version.
 * - **Change data capture**: every `mode: "cdc"` edge of a database gets, in
 *   commit order, each committed write of the ops it carries; one delivery
 *   at a time (a sync call along the edge, carrying key and version), the
 *   next when it has completed, a failed one tried again CDC_RETRY_MS later
 *   — ordered and never lost, the price being lag.
 *
 * Choices where the contract is silent: a write that carries no version (it
 * reached no database first: parallel dual writes) deletes a cache entry
 * under either policy and leaves an index as it was. A stale read's
 * `stalenessMs` runs from the commit of the version after the one served;
 * the database keeps the commit times of a key's last two versions, so it is
 * exact when the version served is one or two behind, and a lower bound
 * when three or more writes overtook it. `lagMs` runs from a version's commit
 * to its application here (an index: to when it becomes searchable); a
 * deletion carrying a version counts too.
 *
 * Memory is bounded by the key count: at the database 20 bytes a key; a
 * cache 4 (plus 8 with a TTL, or 16 a slot and 4 a key as an LRU); an index
 * 16 — about 400 MB for a database, a TTL cache and ten million keys.
 */
import type { ParamsOf, Scenario } from '../scenario/schema';
import type { Simulation } from './engine';
import type { NodeResult } from './results';
import { F_COUNTED, F_FAILED, F_ISSUED_ALL, F_ISSUING, INT_FIELDS, J_COUNT, J_FLAGS, J_OP, NUM_FIELDS } from './jobs';
import { LatencyHistogram } from './stats';

/** A failed CDC delivery is tried again this long after (as a log's: the contract is silent). */
export const CDC_RETRY_MS = 100;
/** Events a watched key's timeline keeps at most (SimOptions.watchKey); later ones are counted in `dropped`. */
export const WATCH_LIMIT = 20_000;

/**
 * What happened to the watched key at one node:
 * - `commit` (database): a write committed `version`;
 * - `fill` (cache): a miss's response filled the entry with `version`;
 * - `hit` (cache) / `read` (index): a read answered with `version`, the database's own;
 * - `staleRead` (cache or index): a read answered with `version`, older than `dbVersion`;
 * - `invalidate` (cache): a write deleted the entry (`version`: the one the write carried, −1 none);
 * - `update` (cache): a write set the entry to `version`;
 * - `apply` (index): a write set the indexed version to `version`, searchable at `searchableAtMs`;
 * - `ignored` (cache or index): `applyIf: "newer"` refused `version`, older than the one held;
 * - `evict` / `expire` (cache): the entry went (LRU capacity, TTL) — `version` it held.
 */
export type KeyEventKind = 'commit' | 'fill' | 'hit' | 'read' | 'staleRead' | 'invalidate' | 'update' | 'apply' | 'ignored' | 'evict' | 'expire';

/** One moment of the watched key's history. Plain data: it crosses a worker's postMessage as it is. */
export interface KeyEvent {
  /** Simulated time, ms. */
  atMs: number;
  /** The node's id. */
  node: string;
  nodeKind: 'database' | 'cache' | 'index';
  what: KeyEventKind;
  /** The version committed, filled, answered, set or applied (see KeyEventKind). */
  version: number;
  /** The database's version of the key at that moment: a copy is stale while its version is below it. */
  dbVersion: number;
  /** An index apply: when the version becomes searchable (the next refresh), ms. */
  searchableAtMs?: number;
  /** A fill or update of a cache with a TTL: when the entry runs out, ms (the engine notices only at the next lookup). */
  expiresAtMs?: number;
}

/**
 * The history of one key (SimOptions.watchKey): its version at the database
 * and at every cache and index over time, in the order things happened.
 * `events` holds at most `limit` of them; `dropped` counts the rest. The
 * chart of one key draws a step line per node from `version` (an
 * `invalidate` or `evict`/`expire` leaves a cache without the key) against
 * the database's, and shades where a copy is below `dbVersion`.
 */
export interface KeyTimeline {
  key: number;
  /** The nodes that keep a copy of the data, in document order (databases first). */
  nodes: { id: string; kind: 'database' | 'cache' | 'index' }[];
  events: KeyEvent[];
  limit: number;
  dropped: number;
}

/**
 * Where one key stands at every copy at the moment watching began (the page's
 * "watch one key" picks a key mid-run): the step lines of its timeline start
 * here, and the events that follow move them.
 */
export interface KeyWatchStart {
  key: number;
  /** Simulated time watching began, ms. */
  atMs: number;
  /** The database's committed version. */
  dbVersion: number;
  copies: {
    id: string;
    kind: 'cache' | 'index';
    /** A cache: the version its entry holds, −1 when it holds none (an expired entry counts as none). An index: the version a search finds. */
    version: number;
    /** A cache with a TTL: when the entry held expires, ms. */
    expiresAtMs?: number;
    /** An index: a version applied and not yet searchable, and when it becomes so (the next refresh). */
    pending?: { version: number; searchableAtMs: number };
  }[];
}

/** A copy's read and write counters and histograms, measured over the window. */
class CopyMeter {
  reads = 0;
  staleReads = 0;
  staleness = new LatencyHistogram();
  lag = new LatencyHistogram();
}

function opMask(sim: Simulation, ops: readonly string[]): Uint8Array {
  const mask = new Uint8Array(sim.model.ops.length);
  for (const op of ops) {
    const o = sim.model.opIndex.get(op);
    if (o !== undefined) mask[o] = 1;
  }
  return mask;
}

/** A database's part: which ops are writes, and its CDC streams. */
export class DatabaseData {
  readonly node: number;
  readonly writeOp: Uint8Array;
  readonly streams: CdcStream[] = [];
  constructor(sim: Simulation, node: number, writeOps: readonly string[] | undefined) {
    this.node = node;
    this.writeOp = opMask(sim, writeOps ?? []);
  }
}

/** The committed writes waiting to go along one CDC edge, in commit order (a growable ring). */
export class CdcStream {
  readonly edge: number;
  readonly node: number;
  readonly carries: Uint8Array;
  private keys = new Int32Array(64);
  private vers = new Int32Array(64);
  private commitMs = new Float64Array(64);
  private ops = new Int32Array(64);
  private head = 0;
  length = 0;
  /** A delivery is in flight (or waits for its retry). */
  busy = false;
  /** The stream's id for its retry event. */
  readonly id: number;

  constructor(edge: number, node: number, carries: Uint8Array, id: number) {
    this.edge = edge;
    this.node = node;
    this.carries = carries;
    this.id = id;
  }

  push(key: number, ver: number, ms: number, op: number): void {
    if (this.length === this.keys.length) {
      const n = this.length * 2;
      const grow = <T extends Int32Array | Float64Array>(a: T, b: T): T => {
        for (let i = 0; i < this.length; i++) b[i] = a[(this.head + i) & (a.length - 1)];
        return b;
      };
      this.keys = grow(this.keys, new Int32Array(n));
      this.vers = grow(this.vers, new Int32Array(n));
      this.commitMs = grow(this.commitMs, new Float64Array(n));
      this.ops = grow(this.ops, new Int32Array(n));
      this.head = 0;
    }
    const i = (this.head + this.length) & (this.keys.length - 1);
    this.keys[i] = key;
    this.vers[i] = ver;
    this.commitMs[i] = ms;
    this.ops[i] = op;
    this.length++;
  }

  get firstKey(): number {
    return this.keys[this.head];
  }
  get firstVer(): number {
    return this.vers[this.head];
  }
  get firstMs(): number {
    return this.commitMs[this.head];
  }
  get firstOp(): number {
    return this.ops[this.head];
  }

  shift(): void {
    this.head = (this.head + 1) & (this.keys.length - 1);
    this.length--;
  }
}

/** A cache's entries: by key (unbounded), or an LRU list of `capacity` slots. */
export class CacheData {
  readonly node: number;
  readonly id: string;
  readonly writeOp: Uint8Array;
  readonly update: boolean;
  readonly newer: boolean;
  readonly ttlMs: number;
  /** An LRU of `capacity` slots (capacity below the key count); otherwise slot = key. */
  readonly lru: boolean;
  readonly capacity: number;
  /** Per slot: the version held, −1 when empty. */
  readonly held: Int32Array;
  /** Per slot: when it was last written (TTL), or null without a TTL. */
  readonly writtenMs: Float64Array | null;
  // LRU only: key ↔ slot, and the list (head: most recently used).
  readonly keySlot: Int32Array | null;
  readonly slotKey: Int32Array | null;
  readonly prev: Int32Array | null;
  readonly next: Int32Array | null;
  head = -1;
  tail = -1;
  used = 0;
  /** Per job id: 1 while the job is a miss whose response will fill the entry. */
  missOf = new Uint8Array(1024);
  lookups = 0;
  hits = 0;
  readonly meter = new CopyMeter();

  constructor(sim: Simulation, node: number, p: ParamsOf<'cache'>, keyCount: number) {
    this.node = node;
    this.id = sim.scenario.nodes[node].id;
    this.writeOp = opMask(sim, p.writeOps ?? []);
    this.update = p.writePolicy === 'update';
    this.newer = p.applyIf === 'newer';
    this.ttlMs = p.ttlSec === undefined ? Infinity : p.ttlSec * 1000;
    this.lru = p.capacity !== undefined && p.capacity < keyCount;
    this.capacity = this.lru ? p.capacity! : keyCount;
    const slots = this.capacity;
    this.held = new Int32Array(slots).fill(-1);
    this.writtenMs = this.ttlMs === Infinity ? null : new Float64Array(slots);
    this.keySlot = this.lru ? new Int32Array(keyCount).fill(-1) : null;
    this.slotKey = this.lru ? new Int32Array(slots) : null;
    this.prev = this.lru ? new Int32Array(slots) : null;
    this.next = this.lru ? new Int32Array(slots) : null;
  }

  /** The slot holding `key`, or −1 (absent). Does not look at the TTL. */
  slotOf(key: number): number {
    if (this.keySlot !== null) return this.keySlot[key];
    return this.held[key] >= 0 ? key : -1;
  }

  /** Whether the entry in `slot` has outlived its TTL at `now`. */
  expired(slot: number, now: number): boolean {
    return this.writtenMs !== null && now - this.writtenMs[slot] >= this.ttlMs;
  }

  /** Moves `slot` to the head of the LRU list (most recently used). */
  touch(slot: number): void {
    if (this.prev === null || this.head === slot) return;
    this.unlink(slot);
    this.linkHead(slot);
  }

  private unlink(s: number): void {
    const prev = this.prev!;
    const next = this.next!;
    const p = prev[s];
    const n = next[s];
    if (p >= 0) next[p] = n;
    else this.head = n;
    if (n >= 0) prev[n] = p;
    else this.tail = p;
  }

  private linkHead(s: number): void {
    this.prev![s] = -1;
    this.next![s] = this.head;
    if (this.head >= 0) this.prev![this.head] = s;
    this.head = s;
    if (this.tail < 0) this.tail = s;
  }

  /** Sets `key`'s entry to `version` at `now` (a fill or an update); returns the key evicted to make room, or −1. */
  set(key: number, version: number, now: number): number {
    let slot = this.slotOf(key);
    let evicted = -1;
    if (slot < 0 && this.lru) {
      if (this.used < this.capacity) slot = this.used++;
      else {
        // The least recently used slot (a deleted entry's freed slot waits there first).
        slot = this.tail;
        const old = this.slotKey![slot];
        if (old >= 0) {
          this.keySlot![old] = -1;
          evicted = old;
        }
        this.unlink(slot);
      }
      this.keySlot![key] = slot;
      this.slotKey![slot] = key;
      this.linkHead(slot);
    } else if (slot < 0) slot = key;
    else this.touch(slot);
    this.held[slot] = version;
    if (this.writtenMs !== null) this.writtenMs[slot] = now;
    return evicted;
  }

  /** Deletes `key`'s entry, if any. */
  remove(key: number): void {
    const slot = this.slotOf(key);
    if (slot < 0) return;
    this.held[slot] = -1;
    if (this.lru) {
      this.keySlot![key] = -1;
      this.unlink(slot);
      // The freed slot goes to the tail: the next insertion takes it before evicting anything.
      const prev = this.prev!;
      const next = this.next!;
      prev[slot] = this.tail;
      next[slot] = -1;
      if (this.tail >= 0) next[this.tail] = slot;
      else this.head = slot;
      this.tail = slot;
      this.slotKey![slot] = -1;
    }
  }
}

/** An index's copy: every key's indexed version, when it was set, and the version searchable before it. */
export class IndexData {
  readonly node: number;
  readonly id: string;
  readonly writeOp: Uint8Array;
  readonly newer: boolean;
  readonly refreshMs: number;
  readonly indexed: Int32Array;
  readonly indexedMs: Float64Array;
  readonly before: Int32Array;
  readonly meter = new CopyMeter();

  constructor(sim: Simulation, node: number, p: ParamsOf<'index'>, keyCount: number) {
    this.node = node;
    this.id = sim.scenario.nodes[node].id;
    this.writeOp = opMask(sim, p.writeOps);
    this.newer = p.applyIf === 'newer';
    this.refreshMs = p.refreshIntervalMs;
    this.indexed = new Int32Array(keyCount);
    this.indexedMs = new Float64Array(keyCount).fill(-Infinity);
    this.before = new Int32Array(keyCount);
  }

  /** The version of `key` a search finds at `now`: the indexed one once a refresh has passed since it was set. */
  searchable(key: number, now: number): number {
    return this.indexedMs[key] <= Math.floor(now / this.refreshMs) * this.refreshMs ? this.indexed[key] : this.before[key];
  }
}

/** The run's data plane: the truth at the database, and the copies. */
export class DataPlane {
  readonly keyCount: number;
  /** Per key: the committed version, and when the last two versions were committed (ms). */
  readonly version: Int32Array;
  readonly lastCommitMs: Float64Array;
  readonly prevCommitMs: Float64Array;
  readonly caches: CacheData[] = [];
  readonly indexes: IndexData[] = [];
  readonly databases: DatabaseData[] = [];
  readonly streams: CdcStream[] = [];
  /** CDC deliveries in flight, by job. */
  private readonly deliveries = new Map<number, CdcStream>();
  private readonly evCdcRetry: number;
  /** The watched key (SimOptions.watchKey, or `startWatching` mid-run), or −1. */
  watchKey: number;
  /** Whether the scenario has a database, a cache or an index: versions exist (a log then keeps them with its records). */
  readonly versioned: boolean;
  private readonly watched: KeyEvent[] = [];
  private dropped = 0;
  /** Watching for a live page (startWatching): reads are counted, not kept — they move no copy. */
  private watchLive = false;
  /** Live watching: stale reads of the watched key since the last takeWatched, by node id. */
  private liveStaleReads: Record<string, number> = Object.create(null);

  constructor(sim: Simulation, scenario: Scenario) {
    const count = scenario.keys!.count;
    this.keyCount = count;
    const hasData = scenario.nodes.some((n) => n.kind === 'database' || n.kind === 'cache' || n.kind === 'index');
    const n = hasData ? count : 0;
    this.versioned = hasData;
    this.version = new Int32Array(n);
    this.lastCommitMs = new Float64Array(n);
    this.prevCommitMs = new Float64Array(n);
    this.watchKey = sim.options.watchKey ?? -1;
    this.evCdcRetry = scenario.edges.some((e) => e.mode === 'cdc') ? sim.registerEvent('cdc retry', cdcRetryDue, false) : -1;
  }

  // ---------------------------------------------------------------------------
  // Compilation: each data node's behaviour registers its part.

  addDatabase(sim: Simulation, node: number, p: ParamsOf<'database'>): DatabaseData {
    const db = new DatabaseData(sim, node, p.writeOps);
    const id = sim.scenario.nodes[node].id;
    sim.scenario.edges.forEach((edge, e) => {
      if (edge.source !== id || edge.mode !== 'cdc') return;
      const carries = new Uint8Array(sim.model.ops.length);
      sim.model.ops.forEach((op, o) => (carries[o] = edge.ops === undefined || edge.ops.includes(op) ? 1 : 0));
      const stream = new CdcStream(e, node, carries, this.streams.length);
      this.streams.push(stream);
      db.streams.push(stream);
    });
    this.databases.push(db);
    return db;
  }

  addCache(sim: Simulation, node: number, p: ParamsOf<'cache'>): CacheData {
    const c = new CacheData(sim, node, p, this.keyCount);
    this.caches.push(c);
    return c;
  }

  addIndex(sim: Simulation, node: number, p: ParamsOf<'index'>): IndexData {
    const x = new IndexData(sim, node, p, this.keyCount);
    this.indexes.push(x);
    return x;
  }

  // ---------------------------------------------------------------------------
  // The database.

  /** After a database's service: a write commits (version + 1, published along its CDC edges); the response carries the version. */
  databaseServed(sim: Simulation, j: number, db: DatabaseData): void {
    const jobs = sim.jobs;
    const key = jobs.key[j];
    if (key < 0) return;
    const op = jobs.ints[j * INT_FIELDS + J_OP];
    if (db.writeOp[op] === 1) {
      const units = jobs.nums[j * NUM_FIELDS + J_COUNT];
      for (let u = 0; u < units; u++) {
        const v = ++this.version[key];
        this.prevCommitMs[key] = this.lastCommitMs[key];
        this.lastCommitMs[key] = sim.now;
        if (key === this.watchKey) this.watch(sim, db.node, 'database', 'commit', v, key);
        for (const s of db.streams) {
          if (s.carries[op] === 0) continue;
          s.push(key, v, sim.now, op);
          if (!s.busy) this.deliverNext(sim, s);
        }
      }
    }
    jobs.ver[j] = this.version[key];
    jobs.verMs[j] = this.lastCommitMs[key];
  }

  /** A CDC stream sends its oldest committed write along its edge: a delivery job of the database's own. */
  private deliverNext(sim: Simulation, s: CdcStream): void {
    if (s.length === 0) {
      s.busy = false;
      return;
    }
    s.busy = true;
    const jobs = sim.jobs;
    const j = jobs.spawn(s.node, s.firstOp, -1, -1, -1, 0, sim.now, 1, -1, -1, s.firstKey);
    jobs.ver[j] = s.firstVer;
    jobs.verMs[j] = s.firstMs;
    this.deliveries.set(j, s);
    jobs.ints[j * INT_FIELDS + J_FLAGS] |= F_ISSUING;
    sim.fireCall(j, s.edge, -1, 1);
    jobs.ints[j * INT_FIELDS + J_FLAGS] = (jobs.ints[j * INT_FIELDS + J_FLAGS] & ~F_ISSUING) | F_ISSUED_ALL;
    sim.settle(j);
  }

  /** A job of a database completed: a CDC delivery's outcome moves its stream on (or retries it). */
  databaseJobDone(sim: Simulation, j: number): void {
    if (this.deliveries.size === 0) return;
    const s = this.deliveries.get(j);
    if (s === undefined) return;
    this.deliveries.delete(j);
    if (sim.jobs.ints[j * INT_FIELDS + J_FLAGS] & F_FAILED) {
      sim.schedule(sim.now + CDC_RETRY_MS, this.evCdcRetry, s.id);
      return;
    }
    s.shift();
    this.deliverNext(sim, s);
  }

  retryDue(sim: Simulation, id: number): void {
    this.deliverNext(sim, this.streams[id]);
  }

  // ---------------------------------------------------------------------------
  // Reads at a copy: stale or not.

  /** A read of `key` at a copy answered `version` now: counted, and stale when the database holds a newer one. */
  private answered(sim: Simulation, j: number, meter: CopyMeter, key: number, version: number, node: number, kind: 'cache' | 'index', fresh: 'hit' | 'read' | null): void {
    const current = this.version[key];
    const counted = (sim.jobs.ints[j * INT_FIELDS + J_FLAGS] & F_COUNTED) !== 0;
    const stale = version < current;
    if (counted) {
      meter.reads++;
      if (stale) {
        meter.staleReads++;
        meter.staleness.record(sim.now - (version === current - 1 ? this.lastCommitMs[key] : this.prevCommitMs[key]));
      }
    }
    // A miss answered fresh is its fill, already recorded.
    if (key === this.watchKey && (stale || fresh !== null)) this.watch(sim, node, kind, stale ? 'staleRead' : fresh!, version, key);
  }

  // ---------------------------------------------------------------------------
  // The cache.

  /** After a cache's lookup: a write applies the write policy; a read hits (and completes: returns true) or misses. */
  cacheServed(sim: Simulation, j: number, c: CacheData): boolean {
    const jobs = sim.jobs;
    const key = jobs.key[j];
    if (key < 0) return false;
    if (j >= c.missOf.length) {
      const grown = new Uint8Array(Math.max(c.missOf.length * 2, j + 1));
      grown.set(c.missOf);
      c.missOf = grown;
    }
    c.missOf[j] = 0;
    const counted = (jobs.ints[j * INT_FIELDS + J_FLAGS] & F_COUNTED) !== 0;
    if (c.writeOp[jobs.ints[j * INT_FIELDS + J_OP]] === 1) {
      this.cacheWrite(sim, j, c, key, counted);
      return false;
    }
    if (counted) c.lookups++;
    let slot = c.slotOf(key);
    if (slot >= 0 && c.expired(slot, sim.now)) {
      if (key === this.watchKey) this.watch(sim, c.node, 'cache', 'expire', c.held[slot], key);
      c.remove(key);
      slot = -1;
    }
    if (slot < 0) {
      c.missOf[j] = 1;
      return false;
    }
    if (counted) c.hits++;
    c.touch(slot);
    jobs.ver[j] = c.held[slot];
    sim.completeJob(j, false);
    return true;
  }

  private cacheWrite(sim: Simulation, j: number, c: CacheData, key: number, counted: boolean): void {
    const jobs = sim.jobs;
    const v = jobs.ver[j];
    if (v < 0 || !c.update) {
      c.remove(key);
      if (key === this.watchKey) this.watch(sim, c.node, 'cache', 'invalidate', v, key);
    } else {
      const slot = c.slotOf(key);
      if (c.newer && slot >= 0 && c.held[slot] > v) {
        if (key === this.watchKey) this.watch(sim, c.node, 'cache', 'ignored', v, key);
        return;
      }
      const evicted = c.set(key, v, sim.now);
      if (evicted === this.watchKey && evicted >= 0) this.watch(sim, c.node, 'cache', 'evict', -1, evicted);
      if (key === this.watchKey) this.watch(sim, c.node, 'cache', 'update', v, key, undefined, sim.now + c.ttlMs);
    }
    if (v >= 0 && counted) c.meter.lag.record(sim.now - jobs.verMs[j]);
  }

  /** A job of a cache completed: a miss fills its entry with the version its response carried; every read answered is checked for staleness. */
  cacheJobDone(sim: Simulation, j: number, c: CacheData): void {
    const jobs = sim.jobs;
    const key = jobs.key[j];
    if (key < 0) return;
    const miss = j < c.missOf.length && c.missOf[j] === 1;
    if (miss) c.missOf[j] = 0;
    if (jobs.ints[j * INT_FIELDS + J_FLAGS] & F_FAILED) return;
    if (c.writeOp[jobs.ints[j * INT_FIELDS + J_OP]] === 1) return;
    const v = jobs.ver[j] < 0 ? 0 : jobs.ver[j];
    if (miss) {
      const slot = c.slotOf(key);
      if (c.newer && slot >= 0 && c.held[slot] > v) {
        if (key === this.watchKey) this.watch(sim, c.node, 'cache', 'ignored', v, key);
      } else {
        const evicted = c.set(key, v, sim.now);
        if (evicted === this.watchKey && evicted >= 0) this.watch(sim, c.node, 'cache', 'evict', -1, evicted);
        if (key === this.watchKey) this.watch(sim, c.node, 'cache', 'fill', v, key, undefined, sim.now + c.ttlMs);
      }
    }
    this.answered(sim, j, c.meter, key, v, c.node, 'cache', miss ? null : 'hit');
  }

  // ---------------------------------------------------------------------------
  // The index.

  /** After an index's service: a write sets the indexed version (searchable at the next refresh); a read answers with the searchable one. */
  indexServed(sim: Simulation, j: number, x: IndexData): void {
    const jobs = sim.jobs;
    const key = jobs.key[j];
    if (key < 0) return;
    const now = sim.now;
    if (x.writeOp[jobs.ints[j * INT_FIELDS + J_OP]] === 1) {
      const v = jobs.ver[j];
      if (v < 0) return;
      if (x.newer && v < x.indexed[key]) {
        if (key === this.watchKey) this.watch(sim, x.node, 'index', 'ignored', v, key);
        return;
      }
      const lastRefresh = Math.floor(now / x.refreshMs) * x.refreshMs;
      if (x.indexedMs[key] <= lastRefresh) x.before[key] = x.indexed[key];
      x.indexed[key] = v;
      x.indexedMs[key] = now;
      const searchableAt = Math.ceil(now / x.refreshMs) * x.refreshMs;
      if (jobs.ints[j * INT_FIELDS + J_FLAGS] & F_COUNTED) x.meter.lag.record(searchableAt - jobs.verMs[j]);
      if (key === this.watchKey) this.watch(sim, x.node, 'index', 'apply', v, key, searchableAt);
      return;
    }
    const v = x.searchable(key, now);
    jobs.ver[j] = v;
    this.answered(sim, j, x.meter, key, v, x.node, 'index', 'read');
  }

  // ---------------------------------------------------------------------------
  // Results and the watched key.

  /** The data fields of a cache's or an index's results. */
  copyResult(sim: Simulation, copy: CacheData | IndexData, r: NodeResult): void {
    const m = copy.meter;
    const summary = (h: LatencyHistogram) => (h.count > 0 ? { mean: h.mean(), p99: h.percentile(99), max: h.max } : { mean: 0, p99: 0, max: 0 });
    r.staleReads = m.staleReads;
    r.staleReadRatio = m.reads > 0 ? m.staleReads / m.reads : 0;
    r.stalenessMs = summary(m.staleness);
    if (copy instanceof CacheData) r.hitRatio = copy.lookups > 0 ? copy.hits / copy.lookups : 0;
    let writes = false;
    for (let o = 0; o < copy.writeOp.length; o++) if (copy.writeOp[o] === 1) writes = true;
    if (writes) r.lagMs = summary(m.lag);
    r.divergedKeys = this.divergedKeys(sim, copy);
  }

  /**
   * Keys whose copy differs from the database, after the drain: a cache entry counts unless its TTL
   * has run out by the end of the drain's horizon (2 × durationSec), the same for a run stepped in
   * slices (whose clock stops at its last event) and for one run to its end.
   */
  divergedKeys(sim: Simulation, copy: CacheData | IndexData): number {
    let n = 0;
    if (copy instanceof IndexData) {
      for (let k = 0; k < this.keyCount; k++) if (this.differs(sim, copy, k, -1)) n++;
      return n;
    }
    // A cache is counted by its slots: a bounded cache over ten million keys holds few of them.
    for (let s = 0; s < copy.held.length; s++) if (this.differs(sim, copy, copy.slotKey !== null ? copy.slotKey[s] : s, s)) n++;
    return n;
  }

  /**
   * The one rule of divergence: `copy` holds key `k` (in slot `s`, for a cache) differently from the
   * database at the end of the run — an index by the version a search finds, a cache by an entry
   * still live (no entry, or an expired one, is a miss, not a wrong answer).
   */
  private differs(sim: Simulation, copy: CacheData | IndexData, k: number, s: number): boolean {
    if (copy instanceof IndexData) return copy.indexed[k] !== this.version[k];
    return s >= 0 && copy.held[s] >= 0 && !copy.expired(s, sim.endMs) && copy.held[s] !== this.version[k];
  }

  private watch(sim: Simulation, node: number, nodeKind: KeyEvent['nodeKind'], what: KeyEventKind, version: number, key: number, searchableAtMs?: number, expiresAtMs?: number): void {
    if (this.watchLive && (what === 'hit' || what === 'read' || what === 'staleRead')) {
      if (what === 'staleRead') {
        const id = sim.scenario.nodes[node].id;
        this.liveStaleReads[id] = (this.liveStaleReads[id] ?? 0) + 1;
      }
      return;
    }
    if (this.watched.length >= WATCH_LIMIT) {
      this.dropped++;
      return;
    }
    const e: KeyEvent = { atMs: sim.now, node: sim.scenario.nodes[node].id, nodeKind, what, version, dbVersion: this.version.length > 0 ? this.version[key] : 0 };
    if (searchableAtMs !== undefined) e.searchableAtMs = searchableAtMs;
    if (expiresAtMs !== undefined && Number.isFinite(expiresAtMs)) e.expiresAtMs = expiresAtMs;
    this.watched.push(e);
  }

  /**
   * Watches `key` from now on (the page's key picker): the events recorded so far are dropped, and
   * the key's state at every copy now is returned — where its timeline starts. Reads are counted
   * rather than kept (a hot key is read thousands of times a second; only stale ones are counted).
   * Watching only records: a run's results are the same whichever key is watched, and whether one is.
   */
  startWatching(sim: Simulation, key: number): KeyWatchStart {
    this.watchKey = key;
    this.watchLive = true;
    this.watched.length = 0;
    this.dropped = 0;
    this.liveStaleReads = Object.create(null);
    const now = sim.now;
    const copies: KeyWatchStart['copies'] = [];
    for (const c of this.caches) {
      const slot = c.slotOf(key);
      const present = slot >= 0 && !c.expired(slot, now);
      const entry: KeyWatchStart['copies'][number] = { id: c.id, kind: 'cache', version: present ? c.held[slot] : -1 };
      if (present && c.writtenMs !== null) entry.expiresAtMs = c.writtenMs[slot] + c.ttlMs;
      copies.push(entry);
    }
    for (const x of this.indexes) {
      const entry: KeyWatchStart['copies'][number] = { id: x.id, kind: 'index', version: x.searchable(key, now) };
      if (x.indexed[key] !== entry.version) entry.pending = { version: x.indexed[key], searchableAtMs: Math.ceil(x.indexedMs[key] / x.refreshMs) * x.refreshMs };
      copies.push(entry);
    }
    // Copies listed in document order, as the timeline's nodes are.
    const order = new Map(sim.scenario.nodes.map((n, i) => [n.id, i]));
    copies.sort((a, b) => order.get(a.id)! - order.get(b.id)!);
    return { key, atMs: now, dbVersion: this.version.length > 0 ? this.version[key] : 0, copies };
  }

  /**
   * The watched key's events since the last call (reads left out), how many the limit turned away,
   * and its stale reads by node id — handed over and forgotten: a live page's feed.
   */
  takeWatched(): { events: KeyEvent[]; dropped: number; staleReads: Record<string, number> } {
    const out = { events: this.watched.splice(0), dropped: this.dropped, staleReads: this.liveStaleReads };
    this.dropped = 0;
    this.liveStaleReads = Object.create(null);
    return out;
  }

  /**
   * Up to `limit` keys whose copy at `copy` differs from the database, by the rule of
   * `divergedKeys` — the highest first: under Zipf the least popular, whose few versions make
   * the clearest timeline to watch.
   */
  divergedKeyList(sim: Simulation, copy: CacheData | IndexData, limit: number): number[] {
    const out: number[] = [];
    for (let k = this.keyCount - 1; k >= 0 && out.length < limit; k--) {
      if (this.differs(sim, copy, k, copy instanceof IndexData ? -1 : copy.slotOf(k))) out.push(k);
    }
    return out;
  }

  /** The watched key's history so far (a copy), or null when no key is watched. */
  timeline(sim: Simulation): KeyTimeline | null {
    if (this.watchKey < 0) return null;
    const nodes: KeyTimeline['nodes'] = [];
    for (const kind of ['database', 'cache', 'index'] as const) {
      for (const n of sim.scenario.nodes) if (n.kind === kind) nodes.push({ id: n.id, kind });
    }
    return { key: this.watchKey, nodes, events: this.watched.map((e) => ({ ...e })), limit: WATCH_LIMIT, dropped: this.dropped };
  }

  dispose(): void {
    for (const c of [...this.caches, ...this.indexes]) {
      c.meter.staleness.dispose();
      c.meter.lag.dispose();
    }
  }
}

function cdcRetryDue(sim: Simulation, id: number): void {
  sim.data!.retryDue(sim, id);
}
