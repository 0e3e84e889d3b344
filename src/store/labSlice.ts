/**
 * Compare, Sweep and the phase map: what the user chose and what the runs returned. Plain
 * data, never undone; the runs themselves are driven by src/lab/ (started
 * and cancelled through the registered actions), which writes here.
 */
import type { TimeBand } from '../charts/TimeChart';
import type { StateCreator } from 'zustand';
import type { VariantMetrics } from '../compare/metrics';
import type { Scenario } from '../scenario/schema';
import type { LabSeries } from '../lab/series';
import type { PhaseVerdict } from '../lab/phaseVerdict';
import type { SweepRange } from '../sweep/points';
import type { AppState } from './index';

/** Where a compared scenario comes from. */
export type VariantChoice =
  | { kind: 'preset'; name: string; title: string }
  | { kind: 'current' }
  | { kind: 'saved'; id: string };

/** A scenario the user kept aside to compare against ("Save as a variant"). */
export interface SavedVariant {
  id: string;
  name: string;
  scenario: Scenario;
}

export type LabRunStatus = 'queued' | 'running' | 'done' | 'failed' | 'cancelled';

export interface VariantRun {
  label: string;
  status: LabRunStatus;
  /** 0…1 of the simulated time. */
  progress: number;
  metrics?: VariantMetrics;
  /** Per simulated second, for the overlaid charts. */
  series?: LabSeries;
  /** The variant's faults as bands on the overlaid charts (its own plan at the run's seed). */
  bands?: TimeBand[];
  error?: string;
}

export type LabStatus = 'idle' | 'running' | 'done' | 'cancelled';

export interface CompareState {
  variants: VariantChoice[];
  /** The seed every variant runs with; null: the current scenario's. */
  seed: number | null;
  durationSec: number;
  status: LabStatus;
  /** The read operation the table compares (timeline for the Twitter presets). */
  op: string | null;
  /** One per variant of the last start, in order. */
  runs: VariantRun[];
  /** Simulated time and (longest) warm-up of the last start, for the charts' axes. */
  ranDurationSec: number;
  ranWarmupSec: number;
  /** The variants and seed of the last start (null before any): what the runs are results of, whatever is chosen since. */
  ranVariants: VariantChoice[];
  ranSeed: number | null;
}

export interface SweepPoint {
  value: number;
  status: LabRunStatus;
  progress: number;
  /** Response time of the swept op, ms. */
  p50?: number;
  p99?: number;
  throughputPerSec?: number;
  /** Utilization of the busiest node. */
  busiestUtilization?: number;
  errors?: number;
  /** Why the run stopped early (overload), if it did. */
  stopped?: string;
  error?: string;
}

export interface SweepState {
  /** A SweepParameter id of the current scenario; null: the first one offered. */
  parameterId: string | null;
  range: SweepRange | null;
  /** The op whose response time is plotted; null: the first one of the scenario. */
  op: string | null;
  durationSec: number;
  status: LabStatus;
  /** What the last sweep varied, for the plot's axis. */
  sweptLabel: string;
  sweptUnit?: string;
  sweptScale: SweepRange['scale'];
  sweptOp: string;
  points: SweepPoint[];
}

/** One cell of a phase map: the scenario with the X and Y values applied, run on the same seed. */
export interface PhaseCell {
  x: number;
  y: number;
  status: LabRunStatus;
  progress: number;
  verdict?: PhaseVerdict;
  /** Why the run stopped early (overload guard), if it did. */
  stopped?: string;
  error?: string;
}

/** The axis a phase map varies, as it ran (label and unit for the grid). */
export interface PhaseAxis {
  parameterId: string;
  label: string;
  unit?: string;
  values: number[];
}

export interface PhaseMapState {
  /** The Sweep panel shows one parameter (a plot) or two (a phase map). */
  mode: 'one' | 'two';
  /** SweepParameter ids of the current scenario; null: the ones offered first. */
  xId: string | null;
  yId: string | null;
  xRange: SweepRange | null;
  yRange: SweepRange | null;
  /** Simulated time per cell; null: long enough for the scenario's faults (phaseDurationSec). */
  durationSec: number | null;
  status: LabStatus;
  /** The axes of the last start, and its cells row by row (y outer, x inner). */
  x: PhaseAxis | null;
  y: PhaseAxis | null;
  /** The op whose success share is judged. */
  op: string;
  cells: PhaseCell[];
  /** The scenario every cell started from (the current one, with the phase map's duration), to open a cell by. */
  base: Scenario | null;
}

/** Most values along one axis of a phase map (a 12 × 12 grid is 144 runs). */
export const MAX_PHASE_STEPS = 12;
export const DEFAULT_PHASE_STEPS = 6;

/** The three strategies of DDIA ch. 1, the default comparison. */
export const TWITTER_VARIANTS: VariantChoice[] = [
  { kind: 'preset', name: 'twitter-fanout-read', title: 'Fan-out on read' },
  { kind: 'preset', name: 'twitter-hybrid', title: 'Hybrid' },
  { kind: 'preset', name: 'twitter-fanout-write', title: 'Fan-out on write' },
];

/** Long enough for the Twitter presets to draw a few celebrity posts (at 46 posts/s, about one per 50 s). */
export const COMPARE_DURATION_SEC = 120;
/** Sweeps run many points: each one shorter. */
export const SWEEP_DURATION_SEC = 20;
export const MAX_VARIANTS = 3;

export interface LabSlice {
  compare: CompareState;
  sweep: SweepState;
  phaseMap: PhaseMapState;
  savedVariants: SavedVariant[];
  setCompare: (patch: Partial<CompareState>) => void;
  /** Updates one variant's run (the runner reports progress and results this way). */
  updateVariantRun: (index: number, patch: Partial<VariantRun>) => void;
  setSweep: (patch: Partial<SweepState>) => void;
  updateSweepPoint: (index: number, patch: Partial<SweepPoint>) => void;
  setPhaseMap: (patch: Partial<PhaseMapState>) => void;
  updatePhaseCell: (index: number, patch: Partial<PhaseCell>) => void;
  /** Keeps a copy of a scenario to compare against later; returns its id. */
  saveVariant: (scenario: Scenario) => string;
  removeSavedVariant: (id: string) => void;
}

let nextVariantId = 1;

export const createLabSlice: StateCreator<AppState, [['temporal', unknown]], [], LabSlice> = (set, get) => ({
  compare: {
    variants: TWITTER_VARIANTS,
    seed: null,
    durationSec: COMPARE_DURATION_SEC,
    status: 'idle',
    op: null,
    runs: [],
    ranDurationSec: COMPARE_DURATION_SEC,
    ranWarmupSec: 0,
    ranVariants: [],
    ranSeed: null,
  },
  sweep: {
    parameterId: null,
    range: null,
    op: null,
    durationSec: SWEEP_DURATION_SEC,
    status: 'idle',
    sweptLabel: '',
    sweptScale: 'linear',
    sweptOp: '',
    points: [],
  },
  phaseMap: {
    mode: 'one',
    xId: null,
    yId: null,
    xRange: null,
    yRange: null,
    durationSec: null,
    status: 'idle',
    x: null,
    y: null,
    op: '',
    cells: [],
    base: null,
  },
  savedVariants: [],
  setCompare: (patch) => set({ compare: { ...get().compare, ...patch } }),
  updateVariantRun: (index, patch) => {
    const c = get().compare;
    if (!c.runs[index]) return;
    set({ compare: { ...c, runs: c.runs.map((r, i) => (i === index ? { ...r, ...patch } : r)) } });
  },
  setSweep: (patch) => set({ sweep: { ...get().sweep, ...patch } }),
  updateSweepPoint: (index, patch) => {
    const s = get().sweep;
    if (!s.points[index]) return;
    set({ sweep: { ...s, points: s.points.map((p, i) => (i === index ? { ...p, ...patch } : p)) } });
  },
  setPhaseMap: (patch) => set({ phaseMap: { ...get().phaseMap, ...patch } }),
  updatePhaseCell: (index, patch) => {
    const m = get().phaseMap;
    if (!m.cells[index]) return;
    set({ phaseMap: { ...m, cells: m.cells.map((c, i) => (i === index ? { ...c, ...patch } : c)) } });
  },
  saveVariant: (scenario) => {
    const id = `v${nextVariantId++}`;
    const taken = new Set(get().savedVariants.map((v) => v.name));
    let name = scenario.name;
    for (let i = 2; taken.has(name); i++) name = `${scenario.name} (${i})`;
    set({ savedVariants: [...get().savedVariants, { id, name, scenario }] });
    return id;
  },
  removeSavedVariant: (id) => {
    const c = get().compare;
    set({
      savedVariants: get().savedVariants.filter((v) => v.id !== id),
      compare: { ...c, variants: c.variants.filter((v) => !(v.kind === 'saved' && v.id === id)) },
    });
  },
});
