/**
 * One key's copies (DDIA ch. 1: keeping caches and indexes in sync with the
 * database is the application's job): the version of one chosen key at the
 * database and at every cache and index over simulated time, a step line each,
 * and under the plot a strip per copy shaded where it was stale — it held an
 * older version than the database. A dual write that loses the race shows as
 * a copy's line stepping *down* and its strip staying red: the database ends
 * at B, the index at A.
 *
 * The key is picked in the card (typed, or from suggestions: the most popular
 * key, a typical one, keys that ended diverged). A key picked mid-run is
 * watched from that moment, starting from where it stood at every copy;
 * "from the start" runs the same run again (watching changes no result) so
 * the whole history shows. The worker streams the key's events
 * (protocol.ts `KeyWatchFeed`); src/run/keyTimeline.ts folds and draws them.
 */
import { memo, useCallback, useEffect, useMemo, useRef, useState, type CSSProperties, type KeyboardEvent } from 'react';
import { createPortal } from 'react-dom';
import { defaultWatchedKey, keyRows, keySentence, keyTracks, staleShare, watchedKeyOf } from '../run/keyTimeline';
import { formatPercent } from '../run/format';
import { useAppStore } from '../store';
import { useDraft } from '../inspector/fields/useDraft';
import { onMenuItemKey, usePopover } from '../ui/usePopover';
import { ChartCard, type LegendItem } from './ChartCard';
import { seriesColor } from './palette';
import { useInView, useStaggered } from './staggered';
import { TimeChart, type LineSpec, type TimeBand } from './TimeChart';
import { CHART_REDRAW_MS } from './useLiveWindows';

/** The database's line: a slate that reads on both themes. */
const DB_COLOR = '#64748b';
/** Stale stretches shaded at most (the newest). */
const MAX_BANDS = 300;

const versionTick = (v: number) => (Number.isInteger(v) ? `v${v}` : '');
const versionText = (v: number) => `v${Math.round(v)}`;
const behindTick = (v: number) => (Number.isInteger(v) ? String(v) : '');
const behindText = (v: number) => (v === 0 ? 'in sync' : `${Math.round(v)} behind`);

type Row = ReturnType<typeof keyRows>[number];

/** The rows as versions behind the database: each copy's column `v{k}` becomes `v0 − v{k}` (null stays null). */
function behindRows(rows: readonly Row[]): Row[] {
  return rows.map((r) => {
    const out: Row = { t: r.t };
    for (const k of Object.keys(r)) if (k !== 't' && k !== 'v0') out[k] = r[k] === null || r.v0 === null ? null : r.v0 - r[k]!;
    return out;
  });
}

/** The smallest and largest value in the rows (0 and 1 when there is none). */
function rowRange(rows: readonly Row[]): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const r of rows) {
    for (const k of Object.keys(r)) {
      const v = r[k];
      if (k === 't' || v === null) continue;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  }
  return Number.isFinite(lo) ? [lo, hi] : [0, 1];
}

/** Versions (the book's drawing: every copy's version over time) or how far behind the database each copy is. */
function ViewSwitch({ view, onChange }: { view: 'versions' | 'behind'; onChange: (v: 'versions' | 'behind') => void }) {
  return (
    <div className="segmented segmented--small" role="group" aria-label="Key chart shows">
      <button type="button" aria-pressed={view === 'versions'} onClick={() => onChange('versions')} title="Each copy's version of the key over time, the database's solid">
        Versions
      </button>
      <button type="button" aria-pressed={view === 'behind'} onClick={() => onChange('behind')} title="How many versions each copy is behind the database: 0 in sync">
        Behind
      </button>
    </div>
  );
}

export const KeyTimelineChart = memo(function KeyTimelineChart() {
  const ref = useRef<HTMLElement>(null);
  const live = useAppStore((s) => s.live);
  const scenario = useAppStore((s) => s.runScenario);
  const spanSec = useAppStore((s) => s.chartWindowSec);
  const picked = useAppStore((s) => s.watchedKey);
  const watchKey = useAppStore((s) => s.watchKey);
  // Redrawn with the other charts' pace, and only while in view.
  const now = useMemo(() => ({ timeline: live?.keyTimeline, simSec: live?.simSec ?? 0, finished: live?.resultsFinal ?? false, diverged: live?.diverged }), [live?.keyTimeline, live?.simSec, live?.resultsFinal, live?.diverged]);
  const { timeline, simSec, finished, diverged } = useStaggered(now, useInView(ref), CHART_REDRAW_MS);
  const keys = scenario?.keys;
  const watching = scenario ? watchedKeyOf(scenario, picked) : null;

  const names = useMemo(() => new Map((scenario?.nodes ?? []).map((n) => [n.id, n.label || n.id])), [scenario]);
  const order = useMemo(() => new Map((scenario?.nodes ?? []).map((n, i) => [n.id, i])), [scenario]);
  const dbName = useMemo(() => {
    const dbs = (scenario?.nodes ?? []).filter((n) => n.kind === 'database');
    return dbs.length === 1 ? dbs[0].label || dbs[0].id : 'Database';
  }, [scenario]);

  const current = timeline && timeline.key === watching ? timeline : undefined;
  const toMs = simSec * 1000;
  const drawn = useMemo(() => (current ? keyTracks(current, toMs) : null), [current, toMs]);
  const fromMs = Math.max(0, toMs - spanSec * 1000);
  const [view, setView] = useState<'versions' | 'behind'>('versions');
  const versionRows = useMemo(() => (drawn ? keyRows(drawn.tracks, fromMs, toMs) : []), [drawn, fromMs, toMs]);
  // "Behind": per copy, the database's version minus its own — 0 in sync, 1 a version behind.
  const rows = useMemo(() => (view === 'versions' ? versionRows : behindRows(versionRows)), [view, versionRows]);
  const [lo, hi] = useMemo(() => rowRange(rows), [rows]);
  const yDomain = useMemo<[number, number]>(() => (view === 'versions' ? [Math.max(0, lo), Math.max(lo + 2, hi)] : [0, Math.max(2, hi)]), [view, lo, hi]);
  const colorOf = (id: string) => seriesColor(order.get(id) ?? 0);
  const trackIds = drawn ? drawn.tracks.map((tr) => tr.id).join('\n') : '';
  const lines = useMemo<LineSpec[]>(
    () =>
      trackIds === ''
        ? []
        : trackIds
            .split('\n')
            .map((id, k) => ({ key: `v${k}`, name: k === 0 ? dbName : (names.get(id) ?? id), color: k === 0 ? DB_COLOR : seriesColor(order.get(id) ?? 0), dashed: k > 0 }))
            .filter((l) => view === 'versions' || l.key !== 'v0'),
    [trackIds, dbName, names, order, view],
  );
  const share = useMemo(() => (drawn ? staleShare(drawn.stale, Math.max(fromMs, current?.sinceMs ?? 0), toMs) : new Map<string, number>()), [drawn, fromMs, toMs, current?.sinceMs]);
  // Stale stretches shaded in the copy's colour, the newest MAX_BANDS of them (a tooltip each).
  const bands = useMemo<TimeBand[]>(() => {
    if (!drawn) return [];
    const out = drawn.stale
      .filter((g) => g.toMs > fromMs)
      .sort((a, b) => a.fromMs - b.fromMs)
      .slice(-MAX_BANDS)
      .map((g) => {
        const color = seriesColor(order.get(g.id) ?? 0);
        return { key: `${g.id}@${g.fromMs}`, startSec: g.fromMs / 1000, endSec: g.toMs / 1000, label: `${names.get(g.id) ?? g.id} stale, up to ${g.behind} behind`, fill: `${color}2e`, text: color, quiet: true };
      });
    return out;
  }, [drawn, fromMs, order, names]);
  const legend: LegendItem[] = drawn
    ? [
        { label: dbName, color: DB_COLOR, value: `v${drawn.now.dbVersion}` },
        ...drawn.now.copies.map((c) => {
          const behind = c.version >= 0 ? drawn.now.dbVersion - c.version : 0;
          const stale = share.get(c.id) ?? 0;
          // Its version now, and the share of the time shown it spent stale.
          return {
            label: names.get(c.id) ?? c.id,
            color: colorOf(c.id),
            dashed: true,
            value: `${c.version < 0 ? 'no entry' : `v${c.version}${behind > 0 ? ` · ${behind} behind` : ''}`}${stale > 0 ? ` · stale ${formatPercent(stale)}` : ''}`,
          };
        }),
      ]
    : [];
  // Words only when they add to the legend: a race in the time shown, a copy behind, a key diverged.
  const sentence = current && drawn ? keySentence(current, drawn, names, finished, fromMs) : null;
  const empty = !scenario ? 'Starting the simulation…' : !keys ? 'This scenario has no keys.' : !current ? `Waiting for key ${watching}…` : null;
  const from = current && current.sinceMs > 0 ? ` · watched from ${(current.sinceMs / 1000).toFixed(1)} s` : '';

  return (
    <ChartCard
      ref={ref}
      target="charts.key"
      title="One key"
      className="key-chart"
      subtitle={`the version of key ${watching ?? ''} at the database (solid grey) and at each cache and index (dashed) over simulated time, shaded in the copy's colour while it was stale — it held an older version than the database; “Behind” shows how many versions behind each copy was${from}`}
      legend={legend}
      controls={
        keys && watching !== null ? (
          <>
            <ViewSwitch view={view} onChange={setView} />
            <KeyPicker
              count={keys.count}
              watching={watching}
              suggestions={{ hottest: 0, typical: defaultWatchedKey(keys), diverged: diverged ?? [] }}
              names={names}
              sinceMs={current?.sinceMs ?? 0}
              onPick={watchKey}
            />
          </>
        ) : undefined
      }
      note={sentence}
      empty={empty}
    >
      <TimeChart
        rows={rows}
        lines={lines}
        spanSec={spanSec}
        warmupSec={scenario?.warmupSec ?? 0}
        yLabel={view === 'versions' ? 'version' : 'versions behind'}
        yTick={view === 'versions' ? versionTick : behindTick}
        format={view === 'versions' ? versionText : behindText}
        yDomain={yDomain}
        bands={bands}
      />
    </ChartCard>
  );
});

interface Suggestions {
  hottest: number;
  typical: number;
  diverged: readonly { node: string; keys: readonly number[] }[];
}

/**
 * The key field and its menu. The field applies a whole key on Enter or when it loses the focus
 * (Esc puts the watched one back); the menu offers keys worth watching and a replay from the start.
 */
function KeyPicker(props: { count: number; watching: number; suggestions: Suggestions; names: ReadonlyMap<string, string>; sinceMs: number; onPick: (key: number, fromStart?: boolean) => void }) {
  const { count, watching, suggestions, names, sinceMs, onPick } = props;
  // The inspector's draft: dropped when the watched key changes elsewhere (the menu, a replay).
  const { draft, setDraft, problem, setProblem } = useDraft(watching);
  const menu = useMenu();
  const apply = () => {
    if (draft === null) return;
    const text = draft.trim();
    const key = Number(text);
    if (text === '' || !Number.isInteger(key) || key < 0 || key >= count) {
      setProblem(`A key is a whole number from 0 to ${(count - 1).toLocaleString('en-US')}.`);
      return;
    }
    setDraft(null);
    setProblem(undefined);
    if (key !== watching) onPick(key);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter') apply();
    else if (e.key === 'Escape') {
      setDraft(null);
      setProblem(undefined);
    }
  };
  const diverged = suggestions.diverged.filter((d) => d.keys.length > 0);
  const item = (key: number, label: string, fromStart = false) => (
    <button
      key={`${label}-${key}`}
      type="button"
      role="menuitem"
      className="connect-menu__item"
      onClick={() => menu.choose(() => onPick(key, fromStart))}
      onKeyDown={onMenuItemKey}
    >
      {label}
    </button>
  );
  return (
    <div className="chart-card-controls key-picker popover-anchor" ref={menu.containerRef}>
      <label className="key-picker-field" title={problem ?? `The key to follow: 0 to ${(count - 1).toLocaleString('en-US')}. Enter applies; Esc puts back the watched one.`}>
        <span>Key</span>
        <input
          type="text"
          inputMode="numeric"
          aria-label="Key to watch"
          aria-invalid={problem ? 'true' : undefined}
          value={draft ?? String(watching)}
          onChange={(e) => setDraft(e.target.value)}
          onKeyDown={onKeyDown}
          onBlur={apply}
          size={Math.max(3, String(count - 1).length)}
        />
      </label>
      <button
        type="button"
        className="key-picker-more"
        aria-haspopup="menu"
        aria-expanded={menu.open}
        onClick={menu.toggle}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown' && !menu.open) {
            e.preventDefault();
            menu.setOpen(true);
          }
        }}
        title="Keys worth watching, and a replay from the start"
      >
        Pick…
      </button>
      {problem && (
        <span className="key-picker-problem" role="alert">
          {problem}
        </span>
      )}
      {menu.open &&
        createPortal(
          <div className="popover key-picker-menu" role="menu" aria-label="Keys to watch" ref={menu.menuRef} style={menu.place}>
            {sinceMs > 0 && item(watching, `Key ${watching} from the start (runs the same run again)`, true)}
            {item(suggestions.hottest, `Key ${suggestions.hottest} — the most popular`)}
            {suggestions.typical !== suggestions.hottest && item(suggestions.typical, `Key ${suggestions.typical} — a typical busy key`)}
            {diverged.map((d) => (
              <div key={d.node} role="group" aria-label={`Keys that differ at ${names.get(d.node) ?? d.node}`}>
                <div className="popover__title">Differ at {names.get(d.node) ?? d.node}</div>
                {d.keys.slice(0, 6).map((k) => item(k, `Key ${k} (from the start)`, true))}
              </div>
            ))}
          </div>,
          document.body,
        )}
    </div>
  );
}

/**
 * The menu's state (usePopover's), and where it goes: drawn at the top of the page (a portal),
 * above its button — the chart card clips what overflows it, and the strip sits at the foot of
 * the page. Its first item takes the focus.
 */
function useMenu() {
  const popover = usePopover<HTMLDivElement>();
  const { open, containerRef, portalRef } = popover;
  const [place, setPlace] = useState<CSSProperties>({});
  useEffect(() => {
    if (!open) return;
    const r = containerRef.current?.querySelector<HTMLElement>('[aria-haspopup]')?.getBoundingClientRect();
    if (r) setPlace({ position: 'fixed', bottom: window.innerHeight - r.top + 4, right: Math.max(4, window.innerWidth - r.right), maxHeight: Math.max(120, r.top - 12) });
  }, [open, containerRef]);
  const menuRef = useCallback(
    (el: HTMLDivElement | null) => {
      portalRef.current = el;
      el?.querySelector<HTMLElement>('[role="menuitem"]')?.focus();
    },
    [portalRef],
  );
  return { ...popover, menuRef, place };
}
