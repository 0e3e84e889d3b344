/**
 * "Watch one key" from the worker: a watched key's feed rebuilds the key's
 * history exactly (the CLI's --watch-key timeline, folded the page's way);
 * a key picked mid-run starts from where the key stands at every copy;
 * watching changes no result; diverged keys come with results.
 */
import { describe, expect, it } from 'vitest';
import { runScenario } from '../../src/sim/run';
import type { Results } from '../../src/sim/results';
import { applyKeyFeed, keySentence, keyTracks, type KeyTimelineLive } from '../../src/run/keyTimeline';
import type { SnapshotEvent } from '../../src/worker/protocol';
import { harness, preset } from './harness';

const withoutWall = (r: Results) => ({ ...r, wallMs: 0 });

function fold(snaps: readonly SnapshotEvent[]): KeyTimelineLive | undefined {
  let t: KeyTimelineLive | undefined;
  for (const s of snaps) if (s.keyWatch) t = applyKeyFeed(t, s.keyWatch);
  return t;
}

describe('watching one key in the worker', () => {
  it('from the start of a run: the feed holds every event of the key, in order, as --watch-key records them, and the results are unchanged', () => {
    const scenario = { ...preset('dual-writes'), durationSec: 20 };
    const h = harness('virtual');
    h.send({ type: 'watchKey', key: 3 });
    h.send({ type: 'load', runId: 1, scenario, speed: 'max', play: true });
    h.clock.advance(120_000);
    const snaps = h.snapshots();
    const final = h.last()!;
    expect(final.status).toBe('finished');
    const fed = snaps.flatMap((s) => s.keyWatch?.events ?? []);
    const first = snaps.find((s) => s.keyWatch?.start)!.keyWatch!.start!;
    expect(first).toMatchObject({ key: 3, atMs: 0, dbVersion: 0 });
    expect(first.copies.map((c) => [c.id, c.version])).toEqual([
      ['cache', -1],
      ['index', 0],
    ]);
    const cli = runScenario(scenario, { watchKey: 3 });
    // Reads move no copy: the feed counts the stale ones instead of carrying every read.
    const isRead = (w: string) => w === 'hit' || w === 'read' || w === 'staleRead';
    expect(fed).toEqual(cli.watchedKey!.events.filter((e) => !isRead(e.what)));
    expect(fed.length).toBeGreaterThan(20);
    const staleFed: Record<string, number> = {};
    for (const sn of snaps) for (const [id, n] of Object.entries(sn.keyWatch?.staleReads ?? {})) staleFed[id] = (staleFed[id] ?? 0) + n;
    const staleCli: Record<string, number> = {};
    for (const e of cli.watchedKey!.events) if (e.what === 'staleRead') staleCli[e.node] = (staleCli[e.node] ?? 0) + 1;
    expect(staleFed).toEqual(staleCli);
    expect(Object.values(staleCli).reduce((x, y) => x + y, 0)).toBeGreaterThan(0);
    // The page's results carry no timeline, and equal a run without watching.
    expect(final.results!.watchedKey).toBeUndefined();
    expect(withoutWall(final.results!)).toEqual(withoutWall(runScenario(scenario)));
    // Diverged keys listed per copy; the lists agree with the counts.
    const diverged = final.diverged!;
    expect(diverged.map((d) => d.node)).toEqual(['cache', 'index']);
    for (const d of diverged) expect(d.keys.length).toBe(Math.min(12, final.results!.nodes[d.node].divergedKeys!));
  });

  it('picked mid-run: the timeline starts from the state of every copy at that moment, and ends where the database and the copies end', () => {
    const scenario = { ...preset('dual-writes'), durationSec: 20 };
    const h = harness('virtual');
    h.send({ type: 'load', runId: 1, scenario, speed: 1, play: true });
    h.clock.advance(8000);
    const key = 1;
    h.send({ type: 'watchKey', key });
    h.send({ type: 'speed', speed: 'max' });
    h.clock.advance(120_000);
    const snaps = h.snapshots();
    const t = fold(snaps)!;
    expect(t.key).toBe(key);
    expect(t.sinceMs).toBeGreaterThan(7000);
    expect(t.sinceMs).toBeLessThan(9000);
    // The same run watched from the start, cut at the same moment, gives the same state there.
    const whole = runScenario(scenario, { watchKey: key }).watchedKey!;
    const before = whole.events.filter((e) => e.atMs <= t.sinceMs);
    const dbThen = before.filter((e) => e.what === 'commit').at(-1)?.version ?? 0;
    expect(t.base.dbVersion).toBe(dbThen);
    const end = keyTracks(t, 40_000).now;
    const endWhole = keyTracks(fold([{ keyWatch: { key, start: { key, atMs: 0, dbVersion: 0, copies: t.base.copies.map((c) => ({ id: c.id, kind: c.kind, version: c.kind === 'cache' ? -1 : 0 })) }, events: whole.events, dropped: 0 } } as SnapshotEvent])!, 40_000).now;
    expect(end).toEqual(endWhole);
  });

  it('picked while paused: the key’s starting state comes at once, without waiting for the run to go on', () => {
    const h = harness('virtual');
    h.send({ type: 'load', runId: 1, scenario: { ...preset('dual-writes'), durationSec: 20 }, speed: 1, play: true });
    h.clock.advance(3000);
    h.send({ type: 'pause' });
    const before = h.snapshots().length;
    h.send({ type: 'watchKey', key: 9 });
    const after = h.snapshots().slice(before);
    expect(after).toHaveLength(1);
    expect(after[0].keyWatch?.start).toMatchObject({ key: 9 });
    expect(after[0].keyWatch!.start!.atMs).toBeGreaterThan(2500);
  });

  it('the race as the README quotes it: dual writes at seed 1, key 319 — the cache goes back to an older version and ends diverged', () => {
    const h = harness('virtual');
    h.send({ type: 'watchKey', key: 319 });
    h.send({ type: 'load', runId: 1, scenario: preset('dual-writes'), speed: 'max', play: true });
    h.clock.advance(300_000);
    const snaps = h.snapshots();
    expect(h.last()!.status).toBe('finished');
    expect(h.last()!.diverged!.find((d) => d.node === 'cache')!.keys).toContain(319);
    const t = fold(snaps)!;
    const names = new Map([
      ['cache', 'Cache'],
      ['index', 'Search index'],
    ]);
    expect(keySentence(t, keyTracks(t, h.last()!.simSec * 1000), names, true)).toBe(
      'At 57.4 s an older write reached Cache after a newer one: it went back from v11 to v10. The run is over and Cache still serves v10 while the database holds v11: key 319 diverged for good.',
    );
  });

  it('a key outside the scenario, or a scenario without keys, is not watched', () => {
    const h = harness('virtual');
    h.send({ type: 'watchKey', key: 5000 });
    h.send({ type: 'load', runId: 1, scenario: { ...preset('dual-writes'), durationSec: 5 }, speed: 'max', play: true });
    h.clock.advance(30_000);
    expect(h.snapshots().some((s) => s.keyWatch !== undefined)).toBe(false);
    h.send({ type: 'watchKey', key: 0 });
    h.send({ type: 'load', runId: 2, scenario: preset('mm1'), speed: 'max', play: true });
    h.clock.advance(5000);
    expect(h.snapshots().some((s) => s.keyWatch !== undefined || s.diverged !== undefined)).toBe(false);
  });
});
