/**
 * Compare and Sweep: what the user chose and what the runs returned. Plain
 * data, never undone; the runs themselves are driven by src/lab/ (started
 * and cancelled through the registered actions), which writes here.
 */
import type { StateCreator } from 'zustand';
import type { VariantMetrics } from '../compare/metrics';
import type { Scenario } from '../scenario/schema';
import type { LabSeries } from '../lab/series';
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
  savedVariants: SavedVariant[];
  setCompare: (patch: Partial<CompareState>) => void;
  /** Updates one variant's run (the runner reports progress and results this way). */
  updateVariantRun: (index: number, patch: Partial<VariantRun>) => void;
  setSweep: (patch: Partial<SweepState>) => void;
  updateSweepPoint: (index: number, patch: Partial<SweepPoint>) => void;
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
