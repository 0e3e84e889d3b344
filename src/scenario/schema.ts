/**
 * The scenario format, version 2 (SCENARIO.md), as zod schemas with every
 * default of the contract. Version 2 reads every v1 document unchanged (see
 * migrations.ts); its new fields come with the features that use them. Parameter ranges and defaults come from the kind
 * metadata in kinds.ts, so the inspector and the validator cannot disagree. The field helpers,
 * distributions, arrivals and nodes are in nodeSchema.ts (re-exported here).
 *
 * Every error message reads "expected …": decode.ts adds the field path and
 * ", got <value>" to make lines like
 * `nodes[2].params.servers: expected an integer ≥ 1, got -3`.
 */
import * as z from 'zod';
import {
  EDGE_META,
  FAULT_LIMITS,
  FAULT_META,
  FAULT_TYPES,
  SLO_META,
  LIMITS,
  POPULATION_META,
  KEYS_META,
  SCENARIO_META,
} from './kinds';
import { discriminated, distParam, edgeId, enumParam, idPattern, nodeId, NodeSchema, numberParam, opName, rangedNumber, text, TimeDistSchema } from './nodeSchema';

export { NodeSchema, QUEUE_SEMANTICS, rangedNumber, SimpleTimeDistSchema, TimeDistSchema } from './nodeSchema';

/** The format this build writes; older documents are migrated to it (migrations.ts). */
export const FORMAT_VERSION = 2;

// ---------------------------------------------------------------------------
// Edges.

const FanoutSchema = discriminated('type', ['fixed', 'followers', 'followees', 'celebrityFollowees'], [
  z.object({
    type: z.literal('fixed'),
    n: rangedNumber(EDGE_META.fanoutN),
  }),
  z.object({
    type: z.literal('followers'),
    skipAbove: rangedNumber(EDGE_META.skipAbove).optional(),
  }),
  z.object({ type: z.literal('followees') }),
  z.object({
    type: z.literal('celebrityFollowees'),
    threshold: rangedNumber(EDGE_META.threshold),
  }),
]);

const RetrySchema = z.object({
  maxAttempts: rangedNumber(EDGE_META.retryMaxAttempts).default(EDGE_META.retryMaxAttempts.default),
  on: z
    .array(z.enum(['timeout', 'error'], { error: 'expected "timeout" or "error"' }), { error: 'expected a list of causes' })
    .max(2)
    .default(['timeout', 'error']),
  backoff: z
    .object({
      type: enumParam(EDGE_META.retryBackoff, ['none', 'constant', 'exponential'] as const),
      baseMs: rangedNumber(EDGE_META.retryBaseMs).default(EDGE_META.retryBaseMs.default),
      capMs: rangedNumber(EDGE_META.retryCapMs).default(EDGE_META.retryCapMs.default),
      multiplier: rangedNumber(EDGE_META.retryMultiplier).default(EDGE_META.retryMultiplier.default),
    })
    .prefault({}),
  jitter: enumParam(EDGE_META.retryJitter, ['none', 'full', 'equal', 'decorrelated'] as const),
  budget: z.object({ ratio: rangedNumber(EDGE_META.retryBudgetRatio) }).optional(),
});

const BreakerSchema = z.object({
  failureRatio: numberParam(EDGE_META.breakerFailureRatio),
  minCalls: numberParam(EDGE_META.breakerMinCalls),
  windowSec: numberParam(EDGE_META.breakerWindowSec),
  openSec: numberParam(EDGE_META.breakerOpenSec),
});

export const EdgeSchema = z.object({
  id: edgeId,
  source: nodeId,
  target: nodeId,
  ops: z
    .array(opName, { error: 'expected a list of operation names' })
    .max(LIMITS.maxOpsPerEdge, { error: `expected at most ${LIMITS.maxOpsPerEdge} operation names` })
    .optional(),
  fanout: FanoutSchema.default({ type: 'fixed', n: 1 }),
  probability: rangedNumber(EDGE_META.probability).default(EDGE_META.probability.default),
  /** The consumer group an edge out of a log stands for (absent: 1 consumer). */
  consumers: rangedNumber(EDGE_META.consumers).optional(),
  mode: z.enum(['sync', 'async', 'cdc'], { error: 'expected "sync", "async" or "cdc"' }).default(EDGE_META.mode.default as 'sync'),
  /** One-way network delay, each way (absent: none, as in v1). */
  latencyMs: TimeDistSchema.optional(),
  /** How long the caller waits for an attempt (sync calls; absent: for ever, as in v1). */
  timeoutMs: rangedNumber(EDGE_META.timeoutMs).optional(),
  /** Attempts after a failure (sync calls; absent: none, as in v1). */
  retry: RetrySchema.optional(),
  /** A circuit breaker on the edge's attempts (sync calls; absent: none, as in v1). */
  breaker: BreakerSchema.optional(),
  /** Copies of a slow call (sync calls; absent: none, as in v1). */
  hedge: z
    .object({ afterMs: rangedNumber(EDGE_META.hedgeAfterMs), maxHedges: numberParam(EDGE_META.hedgeMaxHedges) }, { error: 'expected an object {afterMs, maxHedges}' })
    .optional(),
})
  .refine((e) => e.timeoutMs === undefined || e.mode !== 'async', {
    error: 'expected no timeoutMs on an async call: nobody waits for it',
    path: ['timeoutMs'],
  })
  .refine((e) => e.retry === undefined || e.mode !== 'async', {
    error: 'expected no retry on an async call: nobody waits for its outcome',
    path: ['retry'],
  })
  .refine((e) => e.hedge === undefined || e.mode !== 'async', {
    error: 'expected no hedge on an async call: nobody waits for it',
    path: ['hedge'],
  })
  .refine((e) => e.breaker === undefined || e.mode !== 'async', {
    error: 'expected no breaker on an async call: nobody hears of its failures',
    path: ['breaker'],
  })
  .refine((e) => e.mode !== 'cdc' || (e.timeoutMs === undefined && e.retry === undefined && e.hedge === undefined && e.breaker === undefined), {
    error: 'expected no timeoutMs, retry, hedge or breaker on a CDC edge: each committed write is delivered, one at a time, until it succeeds',
    path: ['mode'],
  })
  .refine((e) => e.mode !== 'cdc' || (e.fanout.type === 'fixed' && e.fanout.n === 1 && e.probability === 1), {
    error: 'expected a CDC edge with a fan-out of 1 and probability 1: it carries every committed write once',
    path: ['mode'],
  });

// ---------------------------------------------------------------------------
// Faults on a timeline.

const FM = FAULT_META;
const faultId = z
  .string({ error: 'expected a fault id of 1–64 letters, digits, "_" or "-"' })
  .regex(idPattern, { error: 'expected a fault id of 1–64 letters, digits, "_" or "-"' });
const faultTarget = z
  .string({ error: 'expected the id of a node or an edge' })
  .min(1, { error: 'expected the id of a node or an edge' })
  .max(128, { error: 'expected the id of a node or an edge' });

/** When a fault happens: at a time for a duration, or at random by MTBF and MTTR. */
const faultTiming = {
  id: faultId,
  target: faultTarget,
  atSec: rangedNumber(FM.atSec).optional(),
  durationSec: rangedNumber(FM.durationSec).optional(),
  random: z
    .object({ mtbfSec: rangedNumber(FM.mtbfSec), mttrSec: rangedNumber(FM.mttrSec) }, { error: 'expected an object {mtbfSec, mttrSec}' })
    .optional(),
};

const FaultVariants = discriminated('type', [...FAULT_TYPES], [
  z.object({ ...faultTiming, type: z.literal('crash'), mode: enumParam(FM.crashMode, ['refuse', 'blackhole'] as const) }),
  z.object({ ...faultTiming, type: z.literal('pause') }),
  z.object({ ...faultTiming, type: z.literal('slow'), factor: numberParam(FM.factor) }),
  z.object({ ...faultTiming, type: z.literal('errors'), rate: numberParam(FM.rate) }),
  z.object({ ...faultTiming, type: z.literal('capacity'), servers: numberParam(FM.servers) }),
  z.object({ ...faultTiming, type: z.literal('partition'), mode: enumParam(FM.partitionMode, ['blackhole', 'refuse'] as const) }),
  z.object({ ...faultTiming, type: z.literal('latency'), extraMs: distParam(FM.extraMs) }),
  z.object({ ...faultTiming, type: z.literal('rewind'), toSec: rangedNumber(FM.toSec) }),
]);

export const FaultSchema = FaultVariants.superRefine((f, ctx) => {
  if (f.type === 'rewind') {
    if (f.random !== undefined) ctx.addIssue({ code: 'custom', path: ['random'], message: 'expected no random on a rewind: it happens once, at atSec' });
    if (f.durationSec !== undefined) ctx.addIssue({ code: 'custom', path: ['durationSec'], message: 'expected no durationSec on a rewind: it happens at an instant' });
    if (f.atSec !== undefined && f.toSec > f.atSec) ctx.addIssue({ code: 'custom', path: ['toSec'], message: `expected a time at or before atSec (${f.atSec} s): a rewind replays what is already in the log, got ${f.toSec}` });
  }
  if (f.random !== undefined) {
    if (f.atSec !== undefined) ctx.addIssue({ code: 'custom', path: ['atSec'], message: 'expected either atSec (a fault at a time) or random (faults by MTBF), not both' });
    if (f.durationSec !== undefined) ctx.addIssue({ code: 'custom', path: ['durationSec'], message: 'expected no durationSec with random: each random fault lasts an exponential time of mean mttrSec' });
  } else if (f.atSec === undefined) {
    ctx.addIssue({ code: 'custom', path: ['atSec'], message: 'expected atSec (when the fault starts, in s) or random {mtbfSec, mttrSec}' });
  }
});

export const SloSchema = z.object({
  op: opName,
  latencyMs: rangedNumber(SLO_META.latencyMs),
  target: rangedNumber({ ...SLO_META.target, max: 1 }).refine((t) => t < 1, { error: 'expected a number < 1 (a target of 1 leaves no error budget at all)' }),
});

// ---------------------------------------------------------------------------
// Population.

const POP = POPULATION_META;
export const FollowerDistSchema = discriminated('type', ['powerlaw', 'lognormal', 'constant'], [
  z
    .object({
      type: z.literal('powerlaw'),
      alpha: rangedNumber(POP.alpha),
      min: rangedNumber(POP.min),
      max: rangedNumber(POP.max),
    })
    .refine((d) => d.max >= d.min, { error: 'expected max ≥ min', path: ['max'] }),
  z
    .object({
      type: z.literal('lognormal'),
      median: rangedNumber(POP.median),
      p99: rangedNumber(POP.p99),
    })
    .refine((d) => d.p99 >= d.median, { error: 'expected p99 ≥ median', path: ['p99'] }),
  z.object({ type: z.literal('constant'), n: rangedNumber(POP.n) }),
]);

export const PopulationSchema = z.object({
  users: rangedNumber(POP.users),
  followers: FollowerDistSchema,
  followees: FollowerDistSchema.optional(),
  activityExponent: rangedNumber(POP.activityExponent).default(POP.activityExponent.default),
});

// ---------------------------------------------------------------------------
// Keys.

export const KeysSchema = z.object(
  {
    count: rangedNumber(KEYS_META.count),
    popularity: discriminated('type', ['uniform', 'zipf'], [
      z.object({ type: z.literal('uniform') }),
      z.object({ type: z.literal('zipf'), s: rangedNumber(KEYS_META.s) }),
    ]).default({ type: 'uniform' }),
  },
  { error: 'expected an object {count, popularity}' },
);

// ---------------------------------------------------------------------------
// The scenario.

export const ScenarioSchema = z.object(
  {
    version: z.literal(FORMAT_VERSION, { error: `expected ${FORMAT_VERSION}` }),
    name: text(SCENARIO_META.name.maxChars).default(SCENARIO_META.name.default),
    seed: rangedNumber(SCENARIO_META.seed).default(SCENARIO_META.seed.default),
    durationSec: rangedNumber(SCENARIO_META.durationSec).default(SCENARIO_META.durationSec.default),
    warmupSec: rangedNumber(SCENARIO_META.warmupSec).default(SCENARIO_META.warmupSec.default),
    population: PopulationSchema.optional(),
    /** Keys each request draws at its client (absent: none, v1 semantics). */
    keys: KeysSchema.optional(),
    nodes: z
      .array(NodeSchema, { error: 'expected a list of nodes' })
      .max(LIMITS.maxNodes, { error: `expected at most ${LIMITS.maxNodes} nodes` }),
    edges: z
      .array(EdgeSchema, { error: 'expected a list of edges' })
      .max(LIMITS.maxEdges, { error: `expected at most ${LIMITS.maxEdges.toLocaleString('en-US')} edges` })
      .default([]),
    /** Faults on a timeline (absent: nothing fails, as in v1). */
    faults: z
      .array(FaultSchema, { error: 'expected a list of faults' })
      .max(FAULT_LIMITS.maxFaults, { error: `expected at most ${FAULT_LIMITS.maxFaults} faults` })
      .optional(),
    /** Service level objectives per operation (absent: none; results then have no goodput). */
    slos: z
      .array(SloSchema, { error: 'expected a list of objectives {op, latencyMs, target}' })
      .max(LIMITS.maxOpsPerEdge, { error: `expected at most ${LIMITS.maxOpsPerEdge} objectives` })
      .optional(),
  },
  { error: 'expected a scenario object' },
);

export type Scenario = z.output<typeof ScenarioSchema>;
export type ScenarioInput = z.input<typeof ScenarioSchema>;
export type ScenarioNode = Scenario['nodes'][number];
export type ScenarioEdge = Scenario['edges'][number];
export type Fanout = ScenarioEdge['fanout'];
export type ScenarioFault = NonNullable<Scenario['faults']>[number];
export type ScenarioSlo = NonNullable<Scenario['slos']>[number];
export type Population = NonNullable<Scenario['population']>;
export type Keys = NonNullable<Scenario['keys']>;
export type FollowerDist = Population['followers'];
export type NodeOf<K extends ScenarioNode['kind']> = Extract<ScenarioNode, { kind: K }>;
export type ParamsOf<K extends ScenarioNode['kind']> = NodeOf<K>['params'];
export type { TimeDist, SimpleTimeDist, NodeKind } from './kinds';
