/**
 * Lessons are data: a scenario to load, then steps. Each step says what to
 * do, may recognise when the learner has done it (a check on the scenario
 * or on the live run), and explains what the charts now show.
 */
import type { VariantMetrics } from '../compare/metrics';
import type { Scenario, ScenarioInput } from '../scenario/schema';
import type { Results } from '../sim/results';
import type { VariantChoice } from '../store/labSlice';

/** What a check can look at. */
export interface LessonContext {
  /** The scenario as it is now. */
  scenario: Scenario;
  /** The scenario as the lesson loaded it. */
  start: Scenario;
  run: {
    status: 'idle' | 'running' | 'paused' | 'finished' | 'error';
    /** Simulated seconds run so far. */
    simulatedSec: number;
    /** Results so far (measurement window only), when the run has produced any. */
    results: Results | null;
  };
  /** The app's own comparison tools, as the learner last ran them. */
  lab: {
    compare: {
      status: 'idle' | 'running' | 'done' | 'cancelled';
      runs: { label: string; status: string; metrics?: VariantMetrics }[];
      /** What the runs are results of: the variants, seed and simulated time of the last start (null before any). */
      ran: LessonComparison | null;
    };
    sweep: {
      status: 'idle' | 'running' | 'done' | 'cancelled';
      /** The SweepParameter id swept (`rate:<client id>`, `servers:<node id>`, …). */
      parameterId: string | null;
      op: string;
      points: { value: number; status: string; p50?: number; p99?: number; throughputPerSec?: number }[];
    };
  };
}

/**
 * A UI element a step points at. Components mark themselves with
 * `data-lesson-target="<name>"`; nodes and edges on the canvas are matched by
 * `node:<id>` / `edge:<id>`.
 */
export type LessonTarget =
  | 'run.play'
  | 'run.speed'
  | 'inspector'
  | 'palette'
  | 'canvas'
  | 'presets'
  | 'compare'
  | 'compare.results'
  | 'sweep'
  | 'followers'
  | 'charts.latency'
  | 'charts.throughput'
  | 'charts.edges'
  | 'charts.nodes'
  | 'charts.histogram'
  | 'charts.batch'
  | 'charts.lag'
  | 'charts.key'
  | 'results'
  | `node:${string}`
  | `edge:${string}`;

/** One answer to a prediction; exactly one of a prediction's choices is `correct`. */
export interface PredictionChoice {
  label: string;
  /** On a chart prediction: the height the answer stands for, in the chart's unit. */
  y?: number;
  correct?: boolean;
  /** Why this answer is right, or what it overlooks: shown in the reveal. */
  because?: string;
}

/**
 * A bet the learner places before doing the step: the question is asked
 * first, the instruction waits for an answer, and the reveal (once the check
 * passes) says whether it was right and why. The correct answer agrees with
 * the numbers the notice quotes (which the claims test measures).
 */
export interface LessonPrediction {
  question: string;
  choices: PredictionChoice[];
  /**
   * A bet placed on a chart instead of a list: the learner drags a marker at
   * `at.x` up or down (or moves it with the arrow keys) to one of the choices'
   * heights (`y`), beside the points already known.
   */
  chart?: PredictionChart;
}

export interface PredictionChart {
  xLabel: string;
  yLabel: string;
  /** The y axis's unit, as the tick labels show it ('ms'). */
  unit: string;
  /** The y axis is logarithmic (response times spanning decades). */
  logY?: boolean;
  /** Points on the curve the learner has already seen, drawn as dots. */
  known: { x: number; y: number }[];
  /** Where the guess goes. */
  at: { x: number; label: string };
  /** The x axis's extent. */
  xMax: number;
  /** After the reveal: the curve as the learner's own run of Compare or Sweep measured it. */
  measured?: (lab: LessonContext['lab']) => { x: number; y: number }[];
}

/** A comparison run in the app's Compare panel: these variants, side by side on one seed for one simulated time. */
export interface LessonComparison {
  variants: VariantChoice[];
  seed: number;
  durationSec: number;
}

export interface LessonStep {
  /** What to do, in one or two short sentences. */
  instruction: string;
  /** Asked before the instruction can be done. */
  predict?: LessonPrediction;
  /** Recognises that the learner has done it; a step without a check continues with "Next". */
  check?: (ctx: LessonContext) => boolean;
  /** What to notice once it is done: the concept, pointing at a chart or a node. */
  notice: string;
  /**
   * The numbers on screen, in a sentence. A step with a readout describes
   * data: its scenario check ticks it off only once a run of the changed
   * scenario has results for `settleSec` simulated seconds.
   */
  readout?: (ctx: LessonContext) => string | undefined;
  /** Simulated seconds of results a readout step needs before it is done (default 20). */
  settleSec?: number;
  highlight?: LessonTarget[];
  /**
   * A step whose idea is a comparison: its button opens Compare with exactly
   * these variants, seed and simulated time, clears the results shown there
   * and runs them. Its check is `compared(comparison)`, so it is done only
   * once that comparison has results.
   */
  compare?: LessonComparison;
}

export interface Lesson {
  id: string;
  title: string;
  /** One sentence: what the learner will be able to say afterwards. */
  goal: string;
  /** Minutes, roughly. */
  minutes: number;
  /** A preset from public/scenarios, or a scenario of the lesson's own. */
  scenario: { preset: string } | { inline: ScenarioInput };
  /** Whether the run starts playing when the lesson loads (default: paused at 0 s, for a first step that says "press Play"). */
  autoplay?: boolean;
  steps: LessonStep[];
  /** What to remember, two to four short sentences: shown when the lesson is complete. */
  recap: string[];
}
