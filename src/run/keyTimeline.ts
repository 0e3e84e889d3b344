/**
 * One key's history as the page keeps and draws it ("watch one key", SCENARIO.md's "Keys,
 * versions and derived data"): the worker's feed (protocol.ts `KeyWatchFeed`) folded into a
 * bounded record, then turned into what the chart draws — a step line per copy (the database's
 * committed version, each cache's entry, each index's searchable version) and a strip per copy
 * that is shaded where the copy was stale.
 *
 * What a copy holds at a moment, from the engine's events (src/sim/data.ts documents them):
 * - the database: the version of its last `commit`;
 * - a cache: the version of its last `fill` or `update`, none after an `invalidate`, `evict` or
 *   `expire` — and, with a TTL, none from the moment the entry runs out (the engine notices an
 *   expiry only at the next lookup: the page draws it when it happened);
 * - an index: a search finds an `apply`'s version from the next refresh on (`searchableAtMs`);
 *   an apply that a later one overtakes within the same refresh is never found.
 * A copy is stale while it holds a version below the database's. Reads (`hit`, `read`,
 * `staleRead`) change nothing; stale reads are counted.
 */
import type { Keys, Scenario } from '../scenario/schema';
import type { KeyEvent, KeyWatchFeed, KeyWatchStart } from '../worker/protocol';

/**
 * The key watched when none was picked: the most popular key drawn at most twice as often as an
 * average one. Under Zipf the hottest keys change many times a second — a blur of steps — while
 * this one changes often enough to race and seldom enough to read (Zipf s = 1 over 1,000 keys:
 * key 66, about 0.2% of requests). Uniform keys: key 0.
 */
export function defaultWatchedKey(keys: Keys): number {
  if (keys.popularity.type !== 'zipf') return 0;
  const s = keys.popularity.s;
  const n = keys.count;
  // H = Σ (k+1)^−s; P(k) = (k+1)^−s / H ≤ 2/n  ⇔  (k+1)^s ≥ n / (2H).
  // Beyond 10,000 terms the rest of the sum is its integral (midpoint rule, error far below the rounding of k).
  const exact = Math.min(n, 10_000);
  let h = 0;
  for (let k = 1; k <= exact; k++) h += Math.pow(k, -s);
  if (n > exact) h += s === 1 ? Math.log((n + 0.5) / (exact + 0.5)) : (Math.pow(exact + 0.5, 1 - s) - Math.pow(n + 0.5, 1 - s)) / (s - 1);
  const k = Math.ceil(Math.pow(n / (2 * h), 1 / s)) - 1;
  return Math.min(n - 1, Math.max(0, k));
}

/** The key a run of `scenario` watches: the one picked if the scenario has it, else the default one; null without keys. */
export function watchedKeyOf(scenario: Pick<Scenario, 'keys'>, picked: number | null): number | null {
  const keys = scenario.keys;
  if (!keys) return null;
  return picked !== null && picked < keys.count ? picked : defaultWatchedKey(keys);
}

/** Events the page keeps at most; older ones are folded into the starting state. */
export const MAX_KEPT_KEY_EVENTS = 5000;

/** The watched key's history on the page. */
export interface KeyTimelineLive {
  key: number;
  /** When watching began (the run's start, or the moment a key was picked), ms. */
  sinceMs: number;
  /** The state at the first kept event (the watch's start, with older events folded in). */
  base: KeyWatchStart;
  /** Events since `base`, oldest first, reads left out (they move no line): at most MAX_KEPT_KEY_EVENTS. */
  events: KeyEvent[];
  /** Stale reads since watching began, per copy id. */
  staleReads: Record<string, number>;
  /** Events the worker could not keep (its limit per snapshot). */
  dropped: number;
}

const isRead = (e: KeyEvent) => e.what === 'hit' || e.what === 'read' || e.what === 'staleRead';

/** Folds the feed of one snapshot into the page's timeline. A feed with a `start` begins a new one. */
export function applyKeyFeed(prev: KeyTimelineLive | undefined, feed: KeyWatchFeed): KeyTimelineLive | undefined {
  let t: KeyTimelineLive;
  if (feed.start) t = { key: feed.key, sinceMs: feed.start.atMs, base: feed.start, events: [], staleReads: Object.create(null), dropped: 0 };
  else if (prev && prev.key === feed.key) t = { ...prev, staleReads: { ...prev.staleReads } };
  else return prev;
  const kept = t.events.slice();
  for (const e of feed.events) {
    if (e.what === 'staleRead') t.staleReads[e.node] = (t.staleReads[e.node] ?? 0) + 1;
    if (!isRead(e)) kept.push(e);
  }
  if (feed.staleReads) for (const [id, n] of Object.entries(feed.staleReads)) t.staleReads[id] = (t.staleReads[id] ?? 0) + n;
  t.dropped += feed.dropped;
  if (kept.length > MAX_KEPT_KEY_EVENTS) {
    const old = kept.splice(0, kept.length - MAX_KEPT_KEY_EVENTS);
    let base = t.base;
    for (const e of old) base = foldKeyEvent(base, e);
    t.base = base;
  }
  t.events = kept;
  return t;
}

/** One copy's state, as the watch's start gives it. */
type CopyAt = KeyWatchStart['copies'][number];
/** Records that copy state `c` holds `version` from `atMs` on. */
type OnSet = (atMs: number, version: number) => void;

/**
 * The rules of a copy, written once for the trimming fold and the chart's
 * tracks: what has run out by itself before event `e` (a TTL entry is gone at
 * its expiry; an index's pending version is searchable from its refresh),
 * then what `e` does. Mutates `c` and tells `set` of each change, at the
 * moment it happens.
 */
function stepCopy(c: CopyAt, e: KeyEvent, set: OnSet): void {
  settleCopy(c, e.atMs, set);
  switch (e.what) {
    case 'fill':
    case 'update':
      set(e.atMs, e.version);
      if (e.expiresAtMs !== undefined) c.expiresAtMs = e.expiresAtMs;
      else delete c.expiresAtMs;
      break;
    case 'invalidate':
    case 'evict':
    case 'expire':
      // An expiry already drawn at its TTL is no news.
      if (c.version >= 0) set(e.atMs, -1);
      delete c.expiresAtMs;
      break;
    case 'apply':
      if (e.searchableAtMs !== undefined && e.searchableAtMs > e.atMs) c.pending = { version: e.version, searchableAtMs: e.searchableAtMs };
      else {
        set(e.atMs, e.version);
        delete c.pending;
      }
      break;
    default:
      break;
  }
}

/** What has run out by itself by `until`: stepCopy's first half. */
function settleCopy(c: CopyAt, until: number, set: OnSet): void {
  if (c.expiresAtMs !== undefined && c.expiresAtMs <= until) {
    set(c.expiresAtMs, -1);
    delete c.expiresAtMs;
  }
  if (c.pending && c.pending.searchableAtMs <= until) {
    set(c.pending.searchableAtMs, c.pending.version);
    delete c.pending;
  }
}

/** The state after event `e` (a new object; `s` is left as it was). */
export function foldKeyEvent(s: KeyWatchStart, e: KeyEvent): KeyWatchStart {
  if (e.what === 'commit') return { ...s, atMs: e.atMs, dbVersion: e.version };
  const i = s.copies.findIndex((c) => c.id === e.node);
  if (i < 0) return { ...s, atMs: e.atMs };
  const copies = s.copies.slice();
  const c = { ...copies[i], ...(copies[i].pending ? { pending: { ...copies[i].pending! } } : {}) };
  stepCopy(c, e, (_, version) => {
    c.version = version;
  });
  copies[i] = c;
  return { ...s, atMs: e.atMs, copies };
}

/** A copy's held version from one moment on: −1 for none (a cache without the entry). */
export interface Step {
  atMs: number;
  version: number;
}

/** What the chart draws for one copy (or the database). */
export interface CopyTrack {
  id: string;
  kind: 'database' | 'cache' | 'index';
  /** From `sinceMs` to `toMs`, in time order, each step holding until the next. */
  steps: Step[];
}

/** A stretch during which a copy held a version below the database's. */
export interface StaleStretch {
  id: string;
  fromMs: number;
  toMs: number;
  /** The most versions the copy was behind during the stretch. */
  behind: number;
}

/** A copy's version went down: a write older than the one it held arrived after it (the dual-write race). */
export interface WentBack {
  id: string;
  atMs: number;
  from: number;
  to: number;
}

export interface KeyTracks {
  tracks: CopyTrack[];
  stale: StaleStretch[];
  wentBack: WentBack[];
  /** The state at `toMs`. */
  now: KeyWatchStart;
}

/**
 * The timeline's tracks from its start to `toMs`. A cache entry with a TTL is gone from the
 * `expiresAtMs` its fill or update carried (unless a later write replaced it first).
 */
export function keyTracks(t: KeyTimelineLive, toMs: number): KeyTracks {
  const order = [{ id: '', kind: 'database' as const }, ...t.base.copies.map((c) => ({ id: c.id, kind: c.kind }))];
  const steps: Step[][] = order.map(() => []);
  let db = t.base.dbVersion;
  const copies: CopyAt[] = t.base.copies.map((c) => ({ ...c, ...(c.pending ? { pending: { ...c.pending } } : {}) }));
  const index = new Map(copies.map((c, i) => [c.id, i]));
  const wentBack: WentBack[] = [];
  const push = (k: number, atMs: number, version: number) => {
    const s = steps[k];
    if (s.length > 0 && s[s.length - 1].atMs === atMs) s[s.length - 1].version = version;
    else if (s.length === 0 || s[s.length - 1].version !== version) s.push({ atMs, version });
  };
  const setters: OnSet[] = copies.map((c, i) => (atMs, version) => {
    if (version >= 0 && c.version >= 0 && version < c.version) wentBack.push({ id: c.id, atMs, from: c.version, to: version });
    c.version = version;
    push(i + 1, atMs, version);
  });
  const start = Math.max(t.base.atMs, t.sinceMs);
  push(0, start, db);
  copies.forEach((c, i) => push(i + 1, start, c.version));
  for (const e of t.events) {
    if (e.atMs > toMs) break;
    // What ran out by itself before this event happened first, at every copy.
    copies.forEach((c, i) => settleCopy(c, e.atMs, setters[i]));
    if (e.what === 'commit') {
      db = e.version;
      push(0, e.atMs, db);
      continue;
    }
    const i = index.get(e.node);
    if (i !== undefined) stepCopy(copies[i], e, setters[i]);
  }
  copies.forEach((c, i) => settleCopy(c, toMs, setters[i]));
  const tracks: CopyTrack[] = order.map((o, k) => ({ id: o.id, kind: o.kind, steps: steps[k] }));
  const now: KeyWatchStart = {
    key: t.key,
    atMs: toMs,
    dbVersion: db,
    copies: copies.map((c) => ({ id: c.id, kind: c.kind, version: c.version })),
  };
  return { tracks, stale: staleStretches(tracks, toMs), wentBack, now };
}

/** What a copy served during a stretch: the database's version, an older one, or nothing (a cache without the entry). */
export type CopyState = 'fresh' | 'stale' | 'none';

export interface CopySegment {
  fromMs: number;
  toMs: number;
  state: CopyState;
  /** Stale: the most versions the copy was behind during the segment. */
  behind: number;
}

/** Per copy (tracks after the database's, in order), its states from its first step to `toMs`. */
export function copySegments(tracks: readonly CopyTrack[], toMs: number): { id: string; segments: CopySegment[] }[] {
  const db = tracks[0];
  if (!db) return [];
  return tracks.slice(1).map((copy) => {
    const segments: CopySegment[] = [];
    // Both tracks are in time order: one pass over their merged change times.
    let i = 0;
    let j = 0;
    let d = db.steps[0]?.version ?? 0;
    let v = copy.steps[0]?.version ?? -1;
    let open: CopySegment | null = null;
    while (i < db.steps.length || j < copy.steps.length) {
      const at = Math.min(db.steps[i]?.atMs ?? Infinity, copy.steps[j]?.atMs ?? Infinity);
      if (at > toMs) break;
      while (i < db.steps.length && db.steps[i].atMs === at) d = db.steps[i++].version;
      while (j < copy.steps.length && copy.steps[j].atMs === at) v = copy.steps[j++].version;
      const state: CopyState = v < 0 ? 'none' : v < d ? 'stale' : 'fresh';
      const behind = state === 'stale' ? d - v : 0;
      if (open !== null && open.state === state) {
        open.behind = Math.max(open.behind, behind);
        continue;
      }
      if (open !== null) {
        open.toMs = at;
        if (open.toMs > open.fromMs) segments.push(open);
      }
      open = { fromMs: at, toMs, state, behind };
    }
    if (open !== null && toMs > open.fromMs) segments.push(open);
    return { id: copy.id, segments };
  });
}

/** Per copy, where it held a version below the database's (a cache without the entry is not stale: it has nothing to serve). */
export function staleStretches(tracks: readonly CopyTrack[], toMs: number): StaleStretch[] {
  return copySegments(tracks, toMs).flatMap((c) => c.segments.filter((g) => g.state === 'stale').map((g) => ({ id: c.id, fromMs: g.fromMs, toMs: g.toMs, behind: g.behind })));
}

/** The share of [fromMs, toMs] each copy spent stale, by id. */
export function staleShare(stale: readonly StaleStretch[], fromMs: number, toMs: number): Map<string, number> {
  const out = new Map<string, number>();
  const span = toMs - fromMs;
  if (!(span > 0)) return out;
  for (const s of stale) {
    const d = Math.min(s.toMs, toMs) - Math.max(s.fromMs, fromMs);
    if (d > 0) out.set(s.id, (out.get(s.id) ?? 0) + d / span);
  }
  return out;
}

/** Changes the chart draws at most: past this, the window starts later (the newest kept). */
export const MAX_DRAWN_CHANGES = 1500;

/**
 * The chart's rows over [fromMs, toMs]: one column per track (`v0` the database, `v1`… the
 * copies, null where a cache holds nothing), two rows at each change — the value before and
 * after — so that straight segments draw steps. Times in seconds.
 */
export function keyRows(tracks: readonly CopyTrack[], fromMs: number, toMs: number): { t: number; [k: string]: number | null }[] {
  const times = new Set<number>();
  for (const tr of tracks) for (const s of tr.steps) if (s.atMs > fromMs && s.atMs <= toMs) times.add(s.atMs);
  let sorted = [...times].sort((a, b) => a - b);
  if (sorted.length > MAX_DRAWN_CHANGES) {
    sorted = sorted.slice(sorted.length - MAX_DRAWN_CHANGES);
    fromMs = sorted[0] - 1e-6;
  }
  const at = tracks.map(() => 0);
  const value = (k: number, ms: number, inclusive: boolean): number | null => {
    const steps = tracks[k].steps;
    let i = at[k];
    while (i + 1 < steps.length && (inclusive ? steps[i + 1].atMs <= ms : steps[i + 1].atMs < ms)) i++;
    at[k] = i;
    const v = steps.length === 0 || steps[i].atMs > ms ? -1 : steps[i].version;
    return v < 0 ? null : v;
  };
  const row = (ms: number, inclusive: boolean) => {
    const r: { t: number; [k: string]: number | null } = { t: ms / 1000 };
    tracks.forEach((_, k) => (r[`v${k}`] = value(k, ms, inclusive)));
    return r;
  };
  const rows = [row(Math.max(fromMs, 0), true)];
  for (const ms of sorted) {
    rows.push(row(ms, false), row(ms, true));
  }
  rows.push(row(toMs, true));
  return rows;
}

/** A copy's name in sentences: its label, by id. */
type Names = ReadonlyMap<string, string>;

const fmtSec = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/**
 * What the timeline says in words: a version that went back (the race), who is behind now and
 * since when — and, once the run is over, whether the key diverged for good.
 */
export function keySentence(t: KeyTimelineLive, k: KeyTracks, names: Names, finished: boolean, fromMs = -Infinity): string | null {
  const name = (id: string) => names.get(id) ?? id;
  const parts: string[] = [];
  const race = k.wentBack.filter((w) => w.atMs >= fromMs).at(-1);
  if (race) parts.push(`At ${fmtSec(race.atMs)} an older write reached ${name(race.id)} after a newer one: it went back from v${race.from} to v${race.to}.`);
  const db = k.now.dbVersion;
  const behind = k.now.copies.filter((c) => c.version >= 0 && c.version < db);
  const segments = copySegments(k.tracks, k.now.atMs);
  const since = (id: string) => segments.find((s) => s.id === id)?.segments.at(-1)?.fromMs ?? k.now.atMs;
  if (behind.length === 0) {
    if (parts.length === 0) return null;
    parts.push(`Every copy that holds key ${t.key} has the database’s v${db} now.`);
  } else if (finished) {
    parts.push(`The run is over and ${behind.map((c) => `${name(c.id)} still serves v${c.version}`).join(', ')} while the database holds v${db}: key ${t.key} diverged for good.`);
  } else {
    parts.push(`${behind.map((c) => `${name(c.id)} is ${db - c.version} behind (v${c.version}, the database v${db}) since ${fmtSec(since(c.id))}`).join('; ')}.`);
  }
  return parts.join(' ');
}
