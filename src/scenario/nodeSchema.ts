/**
 * The scenario format's field helpers, time distributions, arrivals and nodes (schema.ts holds the
 * rest and re-exports what others use from here). A module of its own so that building these
 * validators, which zod does when the module runs, is a start-up step apart from building the
 * rest (src/main.tsx): together they were one long task.
 */
import * as z from 'zod';
import {
  ARRIVAL_META,
  KINDS,
  LIMITS,
  type BooleanParamMeta,
  type DistParamMeta,
  type EnumParamMeta,
  type GroupParamMeta,
  type NumberParamMeta,
} from './kinds';

// ---------------------------------------------------------------------------
// Field helpers: every one states its expectation in words.

/**
 * A bound as the messages write it: "10,000" with thousands separators from 10,000 up. Grouped by
 * hand rather than with `toLocaleString`, which builds a locale formatter per call — and the schema
 * formats hundreds of bounds while it is built at start-up. Same output as `toLocaleString('en-US')`
 * for every integer below 10²¹ (beyond, String() would switch to exponent notation).
 */
function fmt(n: number): string {
  if (!Number.isInteger(n) || Math.abs(n) < 10_000) return String(n);
  if (Math.abs(n) >= 1e21) return n.toLocaleString('en-US');
  const digits = String(Math.abs(n));
  let grouped = digits.slice(0, digits.length % 3 || 3);
  for (let i = grouped.length; i < digits.length; i += 3) grouped += `,${digits.slice(i, i + 3)}`;
  return n < 0 ? `-${grouped}` : grouped;
}

/** A number (or integer) within a range; each violated bound is named in its own message. */
export function rangedNumber(m: { type: 'int' | 'number'; min: number; exclusiveMin?: boolean; max?: number }) {
  const what = m.type === 'int' ? 'an integer' : 'a number';
  let s = m.type === 'int' ? z.int({ error: `expected ${what}` }) : z.number({ error: `expected ${what}` });
  s = m.exclusiveMin
    ? s.gt(m.min, { error: `expected ${what} > ${fmt(m.min)}` })
    : s.gte(m.min, { error: `expected ${what} ≥ ${fmt(m.min)}` });
  if (m.max !== undefined) s = s.lte(m.max, { error: `expected ${what} ≤ ${fmt(m.max)}` });
  return s;
}

export function numberParam(m: NumberParamMeta) {
  if (m.default === undefined) throw new Error(`parameter ${m.label} has no default`);
  return rangedNumber(m).default(m.default);
}

function booleanParam(m: BooleanParamMeta) {
  return z.boolean({ error: 'expected true or false' }).default(m.default);
}

function optionalNumberParam(m: NumberParamMeta) {
  return rangedNumber(m).optional();
}

export function enumParam<const T extends readonly [string, ...string[]]>(m: EnumParamMeta, values: T) {
  const error = `expected one of ${values.map((v) => `"${v}"`).join(', ')}`;
  return z.enum(values, { error }).default(m.default as T[number]);
}

export function text(maxChars: number, what = 'a string') {
  const error = `expected ${what} of at most ${maxChars} characters`;
  return z.string({ error }).max(maxChars, { error });
}

export const idPattern = /^[A-Za-z0-9_-]{1,64}$/;
export const nodeId = z
  .string({ error: 'expected an id of 1–64 letters, digits, "_" or "-"' })
  .regex(idPattern, { error: 'expected an id of 1–64 letters, digits, "_" or "-"' });
export const edgeId = z
  .string({ error: 'expected an edge id of 1–128 characters' })
  .min(1, { error: 'expected an edge id of 1–128 characters' })
  .max(128, { error: 'expected an edge id of 1–128 characters' });
export const opName = z
  .string({ error: `expected an operation name of 1–${LIMITS.maxOpChars} characters` })
  .min(1, { error: `expected an operation name of 1–${LIMITS.maxOpChars} characters` })
  .max(LIMITS.maxOpChars, { error: `expected an operation name of 1–${LIMITS.maxOpChars} characters` });

export function discriminated<T extends readonly [z.core.$ZodTypeDiscriminable, ...z.core.$ZodTypeDiscriminable[]]>(
  field: string,
  values: string[],
  options: T,
) {
  return z.discriminatedUnion(field, options as never as T, {
    error: `expected an object whose "${field}" is one of ${values.map((v) => `"${v}"`).join(', ')}`,
  });
}

// ---------------------------------------------------------------------------
// Distributions (time in milliseconds).

const nonNegMs = rangedNumber({ type: 'number', min: 0 });
const positiveMs = rangedNumber({ type: 'number', min: 0, exclusiveMin: true });

const constantDist = z.object({ type: z.literal('constant'), valueMs: nonNegMs });
const exponentialDist = z.object({ type: z.literal('exponential'), meanMs: positiveMs });
const uniformDist = z
  .object({ type: z.literal('uniform'), minMs: nonNegMs, maxMs: nonNegMs })
  .refine((d) => d.maxMs >= d.minMs, { error: 'expected maxMs ≥ minMs', path: ['maxMs'] });
const lognormalDist = z
  .object({ type: z.literal('lognormal'), medianMs: positiveMs, p99Ms: positiveMs })
  .refine((d) => d.p99Ms >= d.medianMs, { error: 'expected p99Ms ≥ medianMs', path: ['p99Ms'] });

const simpleDistTypes = ['constant', 'exponential', 'uniform', 'lognormal'];
export const SimpleTimeDistSchema = discriminated('type', simpleDistTypes, [
  constantDist,
  exponentialDist,
  uniformDist,
  lognormalDist,
]);

const mixtureDist = z.object({
  type: z.literal('mixture'),
  parts: z
    .array(
      z.object({
        weight: rangedNumber({ type: 'number', min: 0, exclusiveMin: true }),
        dist: SimpleTimeDistSchema,
      }),
      { error: 'expected a list of {weight, dist} parts' },
    )
    .min(1, { error: `expected 1–${LIMITS.maxMixtureParts} parts` })
    .max(LIMITS.maxMixtureParts, { error: `expected 1–${LIMITS.maxMixtureParts} parts` }),
});

export const TimeDistSchema = discriminated('type', [...simpleDistTypes, 'mixture'], [
  constantDist,
  exponentialDist,
  uniformDist,
  lognormalDist,
  mixtureDist,
]);

export function distParam(m: DistParamMeta) {
  return TimeDistSchema.default(m.default as z.infer<typeof TimeDistSchema>);
}

// ---------------------------------------------------------------------------
// Nodes.

const callsValues = ['parallel', 'sequential'] as const;
const position = z.object({
  x: rangedNumber({ type: 'number', min: -1e7, max: 1e7 }),
  y: rangedNumber({ type: 'number', min: -1e7, max: 1e7 }),
});

function nodeSchema<K extends string, P extends z.ZodType>(kind: K, params: P) {
  return z.object({
    id: nodeId,
    kind: z.literal(kind),
    label: text(LIMITS.maxLabelChars).optional(),
    position: position.optional(),
    params,
  });
}

/** `{}` when params are absent, then each field's own default. */
function paramsObject<S extends z.ZodRawShape>(shape: S) {
  return z
    .object(shape, { error: 'expected an object of parameters' })
    .prefault({} as never);
}

const ratePiece = z.object(
  {
    atSec: rangedNumber({ type: 'number', min: 0, max: 2 * LIMITS.maxDurationSec }),
    ratePerSec: rangedNumber({ type: 'number', min: 0 }),
  },
  { error: 'expected an object {atSec, ratePerSec}' },
);

const openArrival = z.object(
  {
    type: z.enum(['poisson', 'constant'], { error: 'expected "poisson", "constant" or "closed"' }),
    ratePerSec: rangedNumber(ARRIVAL_META.ratePerSec),
    /** Piecewise-constant rate from each atSec on; `ratePerSec` applies before the first entry (absent: constant rate, as in v1). */
    rateSchedule: z
      .array(ratePiece, { error: 'expected a list of {atSec, ratePerSec}' })
      .min(1, { error: 'expected at least one {atSec, ratePerSec} (or no rateSchedule)' })
      .max(1000, { error: 'expected at most 1000 changes of rate' })
      .refine((list) => list.every((p, i) => i === 0 || p.atSec > list[i - 1].atSec), { error: 'expected changes in increasing atSec order, each at its own time' })
      .optional(),
  },
  { error: 'expected an object {type, ratePerSec}' },
);

/** Closed-loop users (SCENARIO.md v2): each waits for its request's outcome, then thinks, or keeps to a fixed schedule. */
const closedArrival = z
  .object(
    {
      type: z.literal('closed'),
      users: rangedNumber({ type: 'int', min: 1, max: 100_000 }),
      thinkTimeMs: TimeDistSchema.optional(),
      intervalMs: rangedNumber({ type: 'number', min: 0, exclusiveMin: true, max: 3_600_000 }).optional(),
    },
    { error: 'expected an object {type: "closed", users, thinkTimeMs or intervalMs}' },
  )
  .superRefine((a, ctx) => {
    if ((a.thinkTimeMs === undefined) === (a.intervalMs === undefined)) {
      ctx.addIssue({ code: 'custom', path: a.thinkTimeMs === undefined ? ['thinkTimeMs'] : ['intervalMs'], message: 'expected either thinkTimeMs (users think between requests) or intervalMs (users keep a schedule), not both or neither' });
    }
  });

/** An absent arrival type is Poisson (v1's default), filled in before the variants are told apart. */
const arrival = z.preprocess(
  (v) => (v !== null && typeof v === 'object' && !Array.isArray(v) && (v as { type?: unknown }).type === undefined ? { ...v, type: ARRIVAL_META.type.default } : v),
  discriminated('type', ['poisson', 'constant', 'closed'], [openArrival, closedArrival]),
);

const K = KINDS;
const P = (kind: keyof typeof KINDS, name: string) => K[kind].params[name];

const ClientNode = nodeSchema(
  'client',
  z.object(
    {
      op: opName,
      arrival,
      calls: enumParam(P('client', 'calls') as EnumParamMeta, callsValues),
    },
    { error: 'expected an object {op, arrival}' },
  ),
);

const LoadBalancerNode = nodeSchema(
  'loadBalancer',
  paramsObject({
    policy: enumParam(P('loadBalancer', 'policy') as EnumParamMeta, [
      'roundRobin',
      'random',
      'leastOutstanding',
    ] as const),
  }),
);

function serverParams(kind: 'service' | 'database' | 'index') {
  return {
    servers: numberParam(P(kind, 'servers') as NumberParamMeta),
    serviceTimeMs: distParam(P(kind, 'serviceTimeMs') as DistParamMeta),
    queueCapacity: optionalNumberParam(P(kind, 'queueCapacity') as NumberParamMeta),
    ...serverBehaviourParams(kind),
    calls: enumParam(P(kind, 'calls') as EnumParamMeta, callsValues),
  };
}

/** How a node with servers behaves when busy or abandoned (SCENARIO.md v2, "Server behaviour"). */
function serverBehaviourParams(kind: 'service' | 'database' | 'index' | 'cache') {
  return {
    queueDiscipline: enumParam(P(kind, 'queueDiscipline') as EnumParamMeta, ['fifo', 'lifo'] as const),
    blocking: booleanParam(P(kind, 'blocking') as BooleanParamMeta),
    dropAbandoned: booleanParam(P(kind, 'dropAbandoned') as BooleanParamMeta),
  };
}

/** A list of operation names (an index's writes). */
const writeOpsParam = z.array(opName, { error: 'expected a list of operation names' }).max(LIMITS.maxOpsPerEdge).default([]);
/**
 * A database's or a cache's writes, and a copy's policies: absent means the default of the contract
 * (no writes, "invalidate", "always"), left absent rather than filled in, so that the documents of
 * earlier builds decode to exactly what they decoded to before (share links keep their length).
 */
const optionalWriteOps = z.array(opName, { error: 'expected a list of operation names' }).max(LIMITS.maxOpsPerEdge).optional();
function optionalEnum<const T extends readonly [string, ...string[]]>(values: T) {
  return z.enum(values, { error: `expected one of ${values.map((v) => `"${v}"`).join(', ')}` }).optional();
}

/**
 * A write policy anywhere but on a cache is a mistake, not a field of another version: refused,
 * naming it (an unknown field would only be a warning, and the writes would silently do nothing).
 */
const noWritePolicy = {
  writePolicy: z.never({ error: 'expected no writePolicy here: only a cache has a write policy (invalidate or update its entry)' }).optional(),
};

const ServiceNode = nodeSchema('service', paramsObject({ ...serverParams('service'), ...noWritePolicy }));
const DatabaseNode = nodeSchema('database', paramsObject({ ...serverParams('database'), writeOps: optionalWriteOps, ...noWritePolicy }));

const CacheNode = nodeSchema(
  'cache',
  paramsObject({
    hitRatio: numberParam(P('cache', 'hitRatio') as NumberParamMeta),
    hitTimeMs: distParam(P('cache', 'hitTimeMs') as DistParamMeta),
    ttlSec: optionalNumberParam(P('cache', 'ttlSec') as NumberParamMeta),
    capacity: optionalNumberParam(P('cache', 'capacity') as NumberParamMeta),
    writeOps: optionalWriteOps,
    writePolicy: optionalEnum(['invalidate', 'update'] as const),
    applyIf: optionalEnum(['always', 'newer'] as const),
    servers: numberParam(P('cache', 'servers') as NumberParamMeta),
    queueCapacity: optionalNumberParam(P('cache', 'queueCapacity') as NumberParamMeta),
    ...serverBehaviourParams('cache'),
    calls: enumParam(P('cache', 'calls') as EnumParamMeta, callsValues),
  }),
);

/** A queue's semantics (SCENARIO.md v2, "Logs and queues"): a broker (v1), a Redis list, or Redis Pub/Sub. */
export const QUEUE_SEMANTICS = ['broker', 'list', 'pubsub'] as const;

const QueueNode = nodeSchema(
  'queue',
  z
    .object(
      {
        semantics: enumParam(P('queue', 'semantics') as EnumParamMeta, QUEUE_SEMANTICS),
        enqueueTimeMs: distParam(P('queue', 'enqueueTimeMs') as DistParamMeta),
        consumers: numberParam(P('queue', 'consumers') as NumberParamMeta),
        capacity: optionalNumberParam(P('queue', 'capacity') as NumberParamMeta),
        reliable: booleanParam(P('queue', 'reliable') as BooleanParamMeta),
        maxMessages: optionalNumberParam(P('queue', 'maxMessages') as NumberParamMeta),
      },
      { error: 'expected an object of parameters' },
    )
    .superRefine((q, ctx) => {
      // Each bound and switch belongs to the semantics it means something for: elsewhere it would be silently ignored.
      if (q.reliable && q.semantics !== 'list') {
        ctx.addIssue({ code: 'custom', path: ['reliable'], message: `expected no reliable on a ${q.semantics === 'broker' ? 'broker' : 'Pub/Sub'} queue: only a Redis list (semantics "list") takes messages that a failed consumer could put back` });
      }
      if (q.maxMessages !== undefined && q.semantics === 'broker') {
        ctx.addIssue({ code: 'custom', path: ['maxMessages'], message: 'expected no maxMessages on a broker queue (it is Redis’s memory bound, for semantics "list" or "pubsub"); a broker is bounded by capacity' });
      }
      if (q.capacity !== undefined && q.semantics !== 'broker') {
        ctx.addIssue({ code: 'custom', path: ['capacity'], message: `expected no capacity on a Redis ${q.semantics === 'list' ? 'list' : 'Pub/Sub'} queue: Redis is bounded by its memory, maxMessages` });
      }
    })
    .prefault({} as never),
);

const IndexNode = nodeSchema(
  'index',
  paramsObject({
    ...serverParams('index'),
    writeOps: writeOpsParam,
    refreshIntervalMs: numberParam(P('index', 'refreshIntervalMs') as NumberParamMeta),
    applyIf: optionalEnum(['always', 'newer'] as const),
    ...noWritePolicy,
  }),
);

/** Backup tasks: absent (or an object whose afterFactor was cleared) means none. */
const speculative = z.preprocess(
  (v) => (v !== null && typeof v === 'object' && !Array.isArray(v) && (v as { afterFactor?: unknown }).afterFactor === undefined && Object.keys(v).every((k) => k === 'afterFactor') ? undefined : v),
  z
    .object(
      { afterFactor: rangedNumber((P('batch', 'speculative') as GroupParamMeta).fields.afterFactor as NumberParamMeta) },
      { error: 'expected an object {afterFactor} (a factor > 1 of the median task time)' },
    )
    .optional(),
);

const BatchNode = nodeSchema(
  'batch',
  paramsObject({
    intervalSec: numberParam(P('batch', 'intervalSec') as NumberParamMeta),
    recordsPerTask: numberParam(P('batch', 'recordsPerTask') as NumberParamMeta),
    workers: numberParam(P('batch', 'workers') as NumberParamMeta),
    taskStartupMs: distParam(P('batch', 'taskStartupMs') as DistParamMeta),
    perRecordMs: distParam(P('batch', 'perRecordMs') as DistParamMeta),
    stragglerFactor: distParam(P('batch', 'stragglerFactor') as DistParamMeta),
    speculative,
  }),
);

const LogNode = nodeSchema(
  'log',
  paramsObject({
    partitions: numberParam(P('log', 'partitions') as NumberParamMeta),
    appendTimeMs: distParam(P('log', 'appendTimeMs') as DistParamMeta),
    retentionSec: optionalNumberParam(P('log', 'retentionSec') as NumberParamMeta),
    commitIntervalMs: numberParam(P('log', 'commitIntervalMs') as NumberParamMeta),
  }),
);

export const NodeSchema = discriminated(
  'kind',
  Object.keys(KINDS),
  [ClientNode, LoadBalancerNode, ServiceNode, DatabaseNode, CacheNode, QueueNode, IndexNode, BatchNode, LogNode],
);
