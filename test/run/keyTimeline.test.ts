/**
 * The page's picture of one key: a feed folded into tracks per copy, stale
 * stretches, the dual-write race as a version that goes back, expiries drawn
 * when the TTL runs out, an index's version searchable from the next refresh,
 * and trimming that never changes what is drawn.
 */
import { describe, expect, it } from 'vitest';
import { applyKeyFeed, keyTracks, MAX_KEPT_KEY_EVENTS, staleShare, type KeyTimelineLive } from '../../src/run/keyTimeline';
import type { KeyEvent, KeyWatchStart } from '../../src/worker/protocol';

const start: KeyWatchStart = {
  key: 7,
  atMs: 0,
  dbVersion: 0,
  copies: [
    { id: 'cache', kind: 'cache', version: -1 },
    { id: 'index', kind: 'index', version: 0 },
  ],
};

const ev = (atMs: number, node: string, what: KeyEvent['what'], version: number, extra: Partial<KeyEvent> = {}): KeyEvent => ({
  atMs,
  node,
  nodeKind: node === 'db' ? 'database' : node === 'cache' ? 'cache' : 'index',
  what,
  version,
  dbVersion: 0,
  ...extra,
});

function timeline(events: KeyEvent[], s: KeyWatchStart = start): KeyTimelineLive {
  return applyKeyFeed(undefined, { key: s.key, start: s, events, dropped: 0 })!;
}

describe('one key’s timeline', () => {
  it('draws the dual-write race as the book does: the database ends at B (v2), the index at A (v1), stale from then on', () => {
    const t = timeline([
      ev(100, 'db', 'commit', 1), // writer A
      ev(110, 'db', 'commit', 2), // writer B
      ev(150, 'index', 'apply', 2, { searchableAtMs: 150 }), // B's write reaches the index first
      ev(180, 'index', 'apply', 1, { searchableAtMs: 180 }), // then A's, older, overwrites it
    ]);
    const k = keyTracks(t, 1000);
    expect(k.tracks.map((x) => x.steps.map((s) => [s.atMs, s.version]))).toEqual([
      [
        [0, 0],
        [100, 1],
        [110, 2],
      ],
      [[0, -1]],
      [
        [0, 0],
        [150, 2],
        [180, 1],
      ],
    ]);
    expect(k.wentBack).toEqual([{ id: 'index', atMs: 180, from: 2, to: 1 }]);
    expect(k.stale).toEqual([
      { id: 'index', fromMs: 100, toMs: 150, behind: 2 },
      { id: 'index', fromMs: 180, toMs: 1000, behind: 1 },
    ]);
    expect(k.now).toMatchObject({ dbVersion: 2, copies: [{ id: 'cache', version: -1 }, { id: 'index', version: 1 }] });
    expect(staleShare(k.stale, 0, 1000).get('index')).toBeCloseTo((50 + 820) / 1000, 12);
    // A cache without the entry has nothing to serve: never stale.
    expect(staleShare(k.stale, 0, 1000).get('cache')).toBeUndefined();
  });

  it('a cache entry with a TTL is gone when the TTL runs out, not when the next lookup notices', () => {
    const t = timeline([ev(100, 'cache', 'fill', 0, { expiresAtMs: 1100 }), ev(400, 'db', 'commit', 1), ev(2500, 'cache', 'expire', 0), ev(2600, 'cache', 'fill', 1, { expiresAtMs: 3600 })]);
    const k = keyTracks(t, 3000);
    expect(k.tracks[1].steps).toEqual([
      { atMs: 0, version: -1 },
      { atMs: 100, version: 0 },
      { atMs: 1100, version: -1 },
      { atMs: 2600, version: 1 },
    ]);
    expect(k.stale.filter((s) => s.id === 'cache')).toEqual([{ id: 'cache', fromMs: 400, toMs: 1100, behind: 1 }]);
  });

  it('an index serves an applied version from the next refresh; one overtaken within the same refresh is never served', () => {
    const t = timeline([
      ev(100, 'db', 'commit', 1),
      ev(120, 'index', 'apply', 1, { searchableAtMs: 1000 }),
      ev(300, 'db', 'commit', 2),
      ev(320, 'index', 'apply', 2, { searchableAtMs: 1000 }),
      ev(1100, 'db', 'commit', 3),
      ev(1200, 'index', 'apply', 3, { searchableAtMs: 2000 }),
    ]);
    const k = keyTracks(t, 1500);
    expect(k.tracks[2].steps).toEqual([
      { atMs: 0, version: 0 },
      { atMs: 1000, version: 2 },
    ]);
    // Not yet searchable at 1500: the pending v3 is not drawn.
    expect(k.now.copies[1].version).toBe(2);
    expect(keyTracks(t, 2500).tracks[2].steps.at(-1)).toEqual({ atMs: 2000, version: 3 });
  });

  it('reads move no line: only stale reads are counted, per copy — from events or from the worker’s counts', () => {
    const t = timeline([ev(10, 'db', 'commit', 1), ev(20, 'index', 'staleRead', 0), ev(30, 'index', 'staleRead', 0), ev(40, 'cache', 'fill', 1), ev(50, 'cache', 'hit', 1)]);
    expect(t.events.map((e) => e.what)).toEqual(['commit', 'fill']);
    expect({ ...t.staleReads }).toEqual({ index: 2 });
    const more = applyKeyFeed(t, { key: 7, events: [], staleReads: { index: 3, cache: 1 }, dropped: 0 })!;
    expect({ ...more.staleReads }).toEqual({ index: 5, cache: 1 });
  });

  it('a feed for another key is ignored, a new start replaces the old timeline, and later feeds add up', () => {
    const t = timeline([ev(10, 'db', 'commit', 1)]);
    expect(applyKeyFeed(t, { key: 8, events: [ev(20, 'db', 'commit', 2)], dropped: 0 })).toBe(t);
    const more = applyKeyFeed(t, { key: 7, events: [ev(20, 'db', 'commit', 2)], dropped: 3 })!;
    expect(more.events).toHaveLength(2);
    expect(more.dropped).toBe(3);
    const fresh = applyKeyFeed(more, { key: 9, start: { ...start, key: 9, atMs: 500 }, events: [], dropped: 0 })!;
    expect(fresh).toMatchObject({ key: 9, sinceMs: 500, events: [], dropped: 0 });
  });

  it('past its limit the page folds the oldest events into the starting state, and the tracks from there on are unchanged', () => {
    const events: KeyEvent[] = [];
    for (let i = 1; i <= MAX_KEPT_KEY_EVENTS + 700; i++) {
      events.push(ev(i * 10, 'db', 'commit', i));
      // Updates carry a TTL's expiry (25 ms): the folded starting state must keep it.
      if (i % 3 === 0) events.push(ev(i * 10 + 4, 'cache', i % 2 ? 'update' : 'invalidate', i, i % 2 ? { expiresAtMs: i * 10 + 29 } : {}));
      if (i % 5 === 0) events.push(ev(i * 10 + 6, 'index', 'apply', i - 1, { searchableAtMs: Math.ceil((i * 10 + 6) / 100) * 100 }));
    }
    const full = keyTracks({ key: 7, sinceMs: 0, base: start, events, staleReads: {}, dropped: 0 }, 1e9);
    let t: KeyTimelineLive | undefined;
    for (let i = 0; i < events.length; i += 500) t = applyKeyFeed(t, { key: 7, start: i === 0 ? start : undefined, events: events.slice(i, i + 500), dropped: 0 });
    expect(t!.events.length).toBe(MAX_KEPT_KEY_EVENTS);
    const trimmed = keyTracks(t!, 1e9);
    expect(trimmed.now).toEqual(full.now);
    const from = t!.events[0].atMs;
    const after = (steps: { atMs: number; version: number }[]) => steps.filter((s) => s.atMs > from);
    for (let k = 0; k < 3; k++) expect(after(trimmed.tracks[k].steps)).toEqual(after(full.tracks[k].steps));
  });
});

describe('the key watched by default', () => {
  it('is the most popular key drawn at most twice as often as an average one (Zipf), key 0 for uniform keys, and a picked key when the scenario has it', async () => {
    const { defaultWatchedKey, watchedKeyOf } = await import('../../src/run/keyTimeline');
    expect(defaultWatchedKey({ count: 1000, popularity: { type: 'zipf', s: 1 } })).toBe(66);
    expect(defaultWatchedKey({ count: 1000, popularity: { type: 'uniform' } })).toBe(0);
    // Against the exact sum, for a count past the exact part.
    for (const s of [0.8, 1, 1.3]) {
      const n = 200_000;
      let h = 0;
      for (let k = 1; k <= n; k++) h += Math.pow(k, -s);
      const exact = Math.ceil(Math.pow(n / (2 * h), 1 / s)) - 1;
      expect(defaultWatchedKey({ count: n, popularity: { type: 'zipf', s } })).toBe(exact);
    }
    const keyed = { keys: { count: 100, popularity: { type: 'uniform' as const } } };
    expect(watchedKeyOf(keyed, 42)).toBe(42);
    expect(watchedKeyOf(keyed, 5000)).toBe(0);
    expect(watchedKeyOf({}, 3)).toBeNull();
  });
});

describe('the key chart’s sentence', () => {
  const names = new Map([
    ['cache', 'Cache'],
    ['index', 'Search index'],
  ]);
  const race = [ev(100, 'db', 'commit', 1), ev(110, 'db', 'commit', 2), ev(150, 'index', 'apply', 2, { searchableAtMs: 150 }), ev(180, 'index', 'apply', 1, { searchableAtMs: 180 })];

  it('names the race and who is behind since when; once the run is over, a key that diverged for good', async () => {
    const { keySentence } = await import('../../src/run/keyTimeline');
    const t = timeline(race);
    const k = keyTracks(t, 1000);
    expect(keySentence(t, k, names, false)).toBe(
      'At 0.2 s an older write reached Search index after a newer one: it went back from v2 to v1. Search index is 1 behind (v1, the database v2) since 0.2 s.',
    );
    expect(keySentence(t, k, names, true)).toBe(
      'At 0.2 s an older write reached Search index after a newer one: it went back from v2 to v1. The run is over and Search index still serves v1 while the database holds v2: key 7 diverged for good.',
    );
  });

  it('says nothing the legend already says: every copy in sync and no race in the time shown', async () => {
    const { keySentence } = await import('../../src/run/keyTimeline');
    const t = timeline([...race, ev(300, 'index', 'apply', 2, { searchableAtMs: 300 })]);
    const k = keyTracks(t, 1000);
    expect(keySentence(t, k, names, false, 200)).toBeNull();
    expect(keySentence(t, k, names, false, 0)).toMatch(/^At 0\.2 s an older write reached Search index .* Every copy that holds key 7 has the database’s v2 now\.$/);
  });
});

describe('key news across folded snapshots (a hidden tab)', () => {
  it('concatenates events and adds stale-read counts; a later start replaces what came before', async () => {
    const { compactEvents } = await import('../../src/run/liveReducer');
    const snap = (keyWatch: object) => ({ type: 'snapshot', runId: 1, seq: 0, status: 'running', simSec: 1, events: 0, simRate: 0, windows: [], keyWatch }) as never;
    const a = { key: 7, start, events: [ev(10, 'db', 'commit', 1)], staleReads: { index: 1 }, dropped: 0 };
    const b = { key: 7, events: [ev(20, 'db', 'commit', 2)], staleReads: { index: 2, cache: 1 }, dropped: 1 };
    const [one] = compactEvents([snap(a), snap(b)]) as { keyWatch: { start?: unknown; events: KeyEvent[]; staleReads: Record<string, number>; dropped: number } }[];
    expect(one.keyWatch.start).toBe(start);
    expect(one.keyWatch.events.map((e) => e.version)).toEqual([1, 2]);
    expect({ ...one.keyWatch.staleReads }).toEqual({ index: 3, cache: 1 });
    expect(one.keyWatch.dropped).toBe(1);
    const c = { key: 8, start: { ...start, key: 8 }, events: [], dropped: 0 };
    const [two] = compactEvents([snap(a), snap(c)]) as { keyWatch: { key: number } }[];
    expect(two.keyWatch).toBe(c);
  });
});
