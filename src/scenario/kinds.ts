/**
 * The parameter metadata of every node kind: the single source of truth for
 * defaults, ranges, units and the one-line lesson behind each parameter.
 * The zod schema (schema.ts) and the inspector are both generated from it.
 *
 * This file is plain data: it must stay free of engine and UI imports so that
 * the main bundle can use it without pulling in the simulator.
 */

/** A time distribution in milliseconds (SCENARIO.md, "Distributions"). */
export type SimpleTimeDist =
  | { type: 'constant'; valueMs: number }
  | { type: 'exponential'; meanMs: number }
  | { type: 'uniform'; minMs: number; maxMs: number }
  | { type: 'lognormal'; medianMs: number; p99Ms: number };

export type TimeDist =
  | SimpleTimeDist
  | { type: 'mixture'; parts: { weight: number; dist: SimpleTimeDist }[] };

export type NodeKind =
  | 'client'
  | 'loadBalancer'
  | 'service'
  | 'database'
  | 'cache'
  | 'queue'
  | 'index'
  | 'batch'
  | 'log';

interface ParamBase {
  /** Short label shown in the inspector. */
  label: string;
  /** One line that teaches the concept behind the parameter. */
  help: string;
}

/** A numeric parameter; `min`/`max` are hard limits, `slider` the comfortable range. */
export interface NumberParamMeta extends ParamBase {
  type: 'int' | 'number';
  unit?: string;
  min: number;
  /** `true` when the value must be strictly greater than `min`. */
  exclusiveMin?: boolean;
  max?: number;
  /** Absent for optional parameters (absence has a meaning, e.g. "unbounded"). */
  default?: number;
  /** What absence means, for optional parameters. */
  absentMeans?: string;
  slider: { min: number; max: number; log?: boolean; step?: number };
}

export interface DistParamMeta extends ParamBase {
  type: 'dist';
  default: TimeDist;
}

export interface EnumParamMeta extends ParamBase {
  type: 'enum';
  values: readonly string[];
  valueLabels: Record<string, string>;
  /** One line per value, for choices whose difference is itself the lesson. */
  valueHelp?: Record<string, string>;
  default: string;
  /**
   * Left absent in a document while it takes its default (the decoder does not fill it in), so that
   * documents written before the parameter existed decode to exactly what they did (and their share
   * links keep their length).
   */
  optional?: boolean;
}

/** A list of operation names (e.g. an index's write operations, an edge's ops filter). */
export interface StringListParamMeta extends ParamBase {
  type: 'stringList';
  /** What absence means, when the list is optional. */
  absentMeans?: string;
}

/** A short free-text value such as an operation name. */
export interface StringParamMeta extends ParamBase {
  type: 'string';
  default: string;
  maxChars: number;
}

/** A small object edited as a group of fields (the client's arrival process). */
export interface GroupParamMeta extends ParamBase {
  type: 'group';
  fields: Record<string, NumberParamMeta | EnumParamMeta>;
  /** A group whose variants need their own editor (the client's open or closed arrivals), named here. */
  editor?: 'arrival';
  /** The group may be absent (a new node leaves it out); `absentMeans` says what absence means. */
  optional?: boolean;
  absentMeans?: string;
}

/** A set of values chosen with one checkbox each (the failure causes a retry answers). */
export interface FlagsParamMeta extends ParamBase {
  type: 'flags';
  values: readonly string[];
  valueLabels: Record<string, string>;
}

/** One field of an optional group: where it lives in the group's object, and when it applies. */
export interface GroupFieldMeta {
  /** Dotted path inside the group's object ("backoff.baseMs"); an absent optional leaf drops its empty parent. */
  path: string;
  meta: NumberParamMeta | EnumParamMeta | FlagsParamMeta;
  /** Shown only while the field at `path` has one of `values` (the backoff's base needs a backoff). */
  shownWhen?: { path: string; values: readonly string[] };
}

/**
 * A policy that is absent until added (an edge's retries, hedging, breaker):
 * what its absence means, what "Add" starts from, and its fields in order.
 */
export interface OptionalGroupMeta extends ParamBase {
  /** What happens without it, after "None: ". */
  absentMeans: string;
  /** The words of the buttons that add and remove it. */
  addLabel: string;
  removeLabel: string;
  /** The value "Add" creates: a sensible start, not necessarily the schema's defaults. */
  added: Record<string, unknown>;
  fields: readonly GroupFieldMeta[];
}

/** An on/off switch. */
export interface BooleanParamMeta extends ParamBase {
  type: 'boolean';
  default: boolean;
  /** What "off" and "on" are called in the inspector. */
  valueLabels: { false: string; true: string };
  valueHelp?: { false: string; true: string };
}

export type ParamMeta =
  | BooleanParamMeta
  | NumberParamMeta
  | DistParamMeta
  | EnumParamMeta
  | StringListParamMeta
  | StringParamMeta
  | GroupParamMeta;

export interface KindMeta {
  kind: NodeKind;
  /** Name shown in the palette. */
  title: string;
  /** A few words for the palette, where two short lines fit. */
  summary: string;
  /** One sentence: the palette's tooltip and the inspector's header. */
  description: string;
  /** Whether other nodes may call this kind (clients only originate requests). */
  acceptsCalls: boolean;
  /** Whether this kind issues calls downstream. */
  makesCalls: boolean;
  params: Record<string, ParamMeta>;
}

const calls: EnumParamMeta = {
  type: 'enum',
  label: 'Downstream calls',
  help: 'Parallel: all calls start at once and the request waits for the slowest. Sequential: each call starts after the previous one returns, so latencies add up.',
  values: ['parallel', 'sequential'],
  valueLabels: { parallel: 'Parallel', sequential: 'Sequential' },
  default: 'parallel',
};

const queueCapacity: NumberParamMeta = {
  type: 'int',
  label: 'Queue capacity',
  unit: 'requests',
  help: 'How many requests may wait for a free server. When it is full, new requests are rejected at once: load shedding keeps latency bounded at the cost of errors.',
  min: 0,
  max: 100_000_000,
  absentMeans: 'unbounded',
  slider: { min: 0, max: 10_000, log: true },
};

/** How a node with servers behaves when it is busy or its callers give up (SCENARIO.md v2, "Server behaviour"). */
const queueDiscipline: EnumParamMeta = {
  type: 'enum',
  label: 'Waiting line',
  help: 'Which waiting request a free server takes next. First in, first out is fair; last in, first out serves the freshest request first — under overload the old ones’ callers have given up anyway, so LIFO keeps answering the requests someone still waits for.',
  values: ['fifo', 'lifo'],
  valueLabels: { fifo: 'First in, first out', lifo: 'Last in, first out' },
  valueHelp: {
    fifo: 'FIFO: the request that waited longest goes first. Fair, but in a long line every request waits the whole line — even those whose callers have long given up.',
    lifo: 'LIFO: the newest request goes first. Unfair to the old ones, but under overload the fresh requests are answered in time while the stale ones time out.',
  },
  default: 'fifo',
};

const blocking: BooleanParamMeta = {
  type: 'boolean',
  label: 'Threads',
  help: 'Thread per request: a request keeps its server while it waits for its own (sync) calls, as a blocking thread pool does. A slow dependency then uses up the pool upstream — the cascade that bulkheads and timeouts are for.',
  default: false,
  valueLabels: { false: 'Released while waiting', true: 'Held while waiting (blocking)' },
  valueHelp: {
    false: 'Non-blocking: the server is free for other requests while this one waits for its calls.',
    true: 'Blocking: the server waits with the request; its downstream time counts as busy.',
  },
};

const dropAbandoned: BooleanParamMeta = {
  type: 'boolean',
  label: 'Abandoned requests',
  help: 'Whether a waiting request whose caller already gave up (timed out) is still served. Serving it is work done for nobody; dropping it when a server would take it frees the server for a caller still waiting.',
  default: false,
  valueLabels: { false: 'Served anyway', true: 'Dropped' },
  valueHelp: {
    false: 'A request is served even when its caller timed out: the work is wasted and the line behind it waits longer.',
    true: 'A request whose caller gave up is dropped when a server would take it (counted in abandonedDropped); needs a timeout upstream.',
  },
};

/** Keys, versions and derived data (SCENARIO.md v2): which ops write, and how a copy takes a write. */
function writeOps(what: string): StringListParamMeta {
  return {
    type: 'stringList',
    label: 'Write operations',
    help: `Operations that write the key of the request ${what}; every other operation reads it. Needs keys (scenario settings).`,
    absentMeans: 'none: every operation reads',
  };
}

const applyIf: EnumParamMeta = {
  type: 'enum',
  label: 'Apply a write',
  help: 'Whether a write that carries an older version than the one held still overwrites it. Two writers racing through application code (dual writes) can arrive in the wrong order; versioned writes ignore the late, older one.',
  values: ['always', 'newer'],
  valueLabels: { always: 'Always', newer: 'Only if newer' },
  valueHelp: {
    always: 'Last write wins, whatever its version: writes that arrive out of order leave the copy behind the database for good.',
    newer: 'External versioning: a version older than the one held is ignored, so the copy only moves forward.',
  },
  default: 'always',
  optional: true,
};

const serverBehaviour = { queueDiscipline, blocking, dropAbandoned };

function servers(
  defaultServers: number,
  label = 'Servers',
  what = 'requests it serves at once',
  unit = 'servers',
): NumberParamMeta {
  return {
    type: 'int',
    label,
    unit,
    help: `How many ${what}. More servers raise capacity (servers ÷ mean service time) and cut queueing; they do not make one request faster.`,
    min: 1,
    max: 100_000,
    default: defaultServers,
    slider: { min: 1, max: 512, log: true },
  };
}

function serviceTime(defaultDist: TimeDist, what: string): DistParamMeta {
  return {
    type: 'dist',
    label: 'Service time',
    help: `How long ${what} holds a server for one request, not counting time spent waiting in the queue or for downstream calls.`,
    default: defaultDist,
  };
}

/** Metadata of the client's arrival process (not a plain param: it is a small object). */
export const ARRIVAL_META = {
  ratePerSec: {
    type: 'number',
    label: 'Rate',
    unit: 'req/s',
    help: 'Requests created per second: one of the load parameters that describe the load on a system.',
    min: 0,
    exclusiveMin: true,
    default: 100,
    slider: { min: 1, max: 100_000, log: true },
  } satisfies NumberParamMeta,
  type: {
    type: 'enum',
    label: 'Arrivals',
    help: 'Poisson: independent users arriving at random, which makes bursts and queues. Constant: one request every 1/rate seconds exactly.',
    values: ['poisson', 'constant'],
    valueLabels: { poisson: 'Poisson', constant: 'Constant' },
    valueHelp: {
      poisson: 'Independent arrivals at random moments: bursts happen, and queues form even below full load.',
      constant: 'Evenly spaced, one request every 1/rate seconds: a steady drip with no bursts.',
    },
    default: 'poisson',
  } satisfies EnumParamMeta,
};

/** Open or closed load (SCENARIO.md v2, "Network and time-varying load"). */
export const ARRIVAL_MODEL_META = {
  type: 'enum',
  label: 'Load model',
  help: 'Open: requests arrive at a rate, whatever happens to earlier ones — like users on the internet. Closed: a fixed number of users, each waiting for its answer before sending the next — like a load tester or a thread pool. A slow system slows a closed load down, so it hides its own slowness.',
  values: ['open', 'closed'],
  valueLabels: { open: 'Open: a rate', closed: 'Closed: users' },
  valueHelp: {
    open: 'Open loop: arrivals keep coming at the rate even when the system is slow, so queues grow without bound past capacity.',
    closed: 'Closed loop: each user has at most one request in flight, so the load drops when responses slow down.',
  },
  default: 'open',
} satisfies EnumParamMeta;

/** The closed-loop users' fields. */
export const CLOSED_ARRIVAL_META = {
  users: {
    type: 'int',
    label: 'Users',
    unit: 'users',
    help: 'How many users send requests, each one at a time: at most this many requests are in flight, whatever the system’s speed.',
    min: 1,
    max: 100_000,
    default: 10,
    slider: { min: 1, max: 10_000, log: true },
  } satisfies NumberParamMeta,
  pacing: {
    type: 'enum',
    label: 'Between requests',
    help: 'Think time: after each answer a user waits a while, as a person reading a page does. Fixed interval: a load tester that means to send every interval but never has two in flight — a stall delays its next sends, so it measures less of the stall than users saw (coordinated omission).',
    values: ['thinkTimeMs', 'intervalMs'],
    valueLabels: { thinkTimeMs: 'Think time', intervalMs: 'Fixed interval' },
    valueHelp: {
      thinkTimeMs: 'Each user waits a think time after every answer, then sends the next request.',
      intervalMs: 'Each user intends to send every interval; results add the latency from the intended send time (corrected for coordinated omission).',
    },
    default: 'thinkTimeMs',
  } satisfies EnumParamMeta,
  thinkTimeMs: {
    type: 'dist',
    label: 'Think time',
    help: 'How long a user waits after an answer before sending again. Throughput is at most users ÷ (think time + response time): the response time of a slow system lowers its own load.',
    default: { type: 'exponential', meanMs: 1000 },
  } satisfies DistParamMeta,
  intervalMs: {
    type: 'number',
    label: 'Interval',
    unit: 'ms',
    help: 'Each user means to send a request every interval. A late answer delays the next send and a user behind schedule sends at once until it catches up — like wrk; the corrected latency counts from when the request should have been sent.',
    min: 0,
    exclusiveMin: true,
    max: 3_600_000,
    default: 100,
    slider: { min: 1, max: 10_000, log: true },
  } satisfies NumberParamMeta,
};

/** One change of an open client's rate (`arrival.rateSchedule`). */
export const RATE_SCHEDULE_META = {
  label: 'Rate schedule',
  help: 'Change the rate during the run: a load spike, a diurnal ramp. Each change holds from its time on; the rate above applies before the first. Watch whether the system recovers after a spike ends.',
  atSec: {
    type: 'number',
    label: 'From',
    unit: 's',
    help: 'Simulated time from which the new rate holds.',
    min: 0,
    max: 7200,
    default: 30,
    slider: { min: 0, max: 3600 },
  } satisfies NumberParamMeta,
  ratePerSec: {
    type: 'number',
    label: 'Rate',
    unit: 'req/s',
    help: 'Requests created per second from then on (0: no load).',
    min: 0,
    default: 100,
    slider: { min: 1, max: 100_000, log: true },
  } satisfies NumberParamMeta,
  maxChanges: 1000,
} as const;

const OP_NAME_MAX_CHARS = 64;

const clientOp: StringParamMeta = {
  type: 'string',
  label: 'Operation',
  help: 'The name of the requests this client creates (read, write, post, timeline…). Edges can be limited to some operations, so reads and writes can take different paths.',
  default: 'read',
  maxChars: OP_NAME_MAX_CHARS,
};

const clientArrival: GroupParamMeta = {
  type: 'group',
  label: 'Load',
  help: 'How requests arrive: the load parameters of the system.',
  fields: ARRIVAL_META,
  editor: 'arrival',
};

/** Every node kind the engine runs, in palette order. */
export const KINDS: Record<NodeKind, KindMeta> = {
  client: {
    kind: 'client',
    title: 'Client',
    summary: 'Sends requests at a set rate.',
    description: 'Generates load: requests of one operation at a chosen rate.',
    acceptsCalls: false,
    makesCalls: true,
    params: { op: clientOp, arrival: clientArrival, calls },
  },
  loadBalancer: {
    kind: 'loadBalancer',
    title: 'Load balancer',
    summary: 'Spreads requests over its targets.',
    description: 'Spreads requests over its outgoing edges, one edge per request.',
    acceptsCalls: true,
    makesCalls: true,
    params: {
      policy: {
        type: 'enum',
        label: 'Policy',
        help: 'Round robin takes turns; random picks blindly; least outstanding sends each request where the fewest are in flight, which keeps queues short when servers differ.',
        values: ['roundRobin', 'random', 'leastOutstanding'],
        valueLabels: { roundRobin: 'Round robin', random: 'Random', leastOutstanding: 'Least outstanding' },
        default: 'roundRobin',
      },
    },
  },
  service: {
    kind: 'service',
    title: 'Service',
    summary: 'Queues, serves, then calls what it needs.',
    description: 'An application server: queues, serves, then calls what it depends on.',
    acceptsCalls: true,
    makesCalls: true,
    params: {
      servers: servers(1, 'Servers', 'requests it serves at once (threads, processes or instances)'),
      serviceTimeMs: serviceTime({ type: 'exponential', meanMs: 10 }, 'the service'),
      queueCapacity,
      ...serverBehaviour,
      calls,
    },
  },
  database: {
    kind: 'database',
    title: 'Database',
    summary: 'Stores data; a pool caps queries at once.',
    description: 'Stores data; its connection pool limits how many queries run at once.',
    acceptsCalls: true,
    makesCalls: true,
    params: {
      servers: servers(8, 'Connections', 'queries it runs at once (its connection pool)', 'connections'),
      serviceTimeMs: serviceTime({ type: 'lognormal', medianMs: 5, p99Ms: 50 }, 'a query'),
      queueCapacity,
      ...serverBehaviour,
      calls,
      writeOps: writeOps('at the end of its service: the key’s version goes up by one, and the response carries the new version (a read’s response carries the current one)'),
    },
  },
  cache: {
    kind: 'cache',
    title: 'Cache',
    summary: 'Answers hits fast; misses fall through.',
    description: 'Answers hits fast; misses fall through to the nodes behind it.',
    acceptsCalls: true,
    makesCalls: true,
    params: {
      hitRatio: {
        type: 'number',
        label: 'Hit ratio',
        help: 'The share of requests the cache answers itself. Only misses reach the backend, so 0.9 → 0.99 cuts backend load tenfold. With keys the cache holds real entries, and the hit ratio is measured instead (a result).',
        min: 0,
        max: 1,
        default: 0.9,
        slider: { min: 0, max: 1, step: 0.01 },
      },
      hitTimeMs: {
        type: 'dist',
        label: 'Lookup time',
        help: 'How long one lookup holds a cache server, hit or miss. A miss pays it and then the backend call.',
        default: { type: 'constant', valueMs: 1 },
      },
      ttlSec: {
        type: 'number',
        label: 'Time to live',
        unit: 's',
        help: 'How long an entry is served after it was filled or updated; then the next read misses and reloads it. A shorter TTL bounds how stale a read can be, at the price of more misses. Needs keys.',
        min: 0,
        exclusiveMin: true,
        max: 1e9,
        absentMeans: 'never expires',
        slider: { min: 0.1, max: 3600, log: true },
      },
      capacity: {
        type: 'int',
        label: 'Capacity',
        unit: 'entries',
        help: 'How many entries fit; a new one evicts the least recently used. Over uniform keys the hit ratio is about capacity ÷ keys; skewed (Zipf) keys keep their hot ones cached and hit far more often. Needs keys.',
        min: 1,
        max: 10_000_000,
        absentMeans: 'unbounded',
        slider: { min: 1, max: 10_000_000, log: true },
      },
      writeOps: writeOps('to the cache: the write policy applies'),
      writePolicy: {
        type: 'enum',
        label: 'On a write',
        help: 'What a write does to the key’s entry. Invalidate deletes it, so the next read reloads from the database — but a read that loaded the old version before the write can fill it back after the deletion (the stale fill race). Update sets the entry to the version the write carries — but two writers can arrive in the wrong order.',
        values: ['invalidate', 'update'],
        valueLabels: { invalidate: 'Invalidate', update: 'Update' },
        valueHelp: {
          invalidate: 'Delete the entry: the next read misses and reloads it.',
          update: 'Set the entry to the version the write carries.',
        },
        default: 'invalidate',
        optional: true,
      },
      applyIf,
      servers: servers(64, 'Servers', 'lookups it serves at once'),
      queueCapacity,
      ...serverBehaviour,
      calls,
    },
  },
  queue: {
    kind: 'queue',
    title: 'Queue',
    summary: 'Buffers messages for consumers.',
    description: 'An asynchronous buffer: callers return after enqueueing; consumers drain it — as a broker, a Redis list or Redis Pub/Sub — and a message is gone once taken (unlike a log, which keeps its records for replay).',
    acceptsCalls: true,
    makesCalls: true,
    params: {
      semantics: {
        type: 'enum',
        label: 'Semantics',
        help: 'What a message is once it is in. A broker hands each message to all outgoing edges at once; a Redis list gives each message to exactly one consumer, and a taken message is gone from Redis; Redis Pub/Sub pushes each message to the subscribers connected at that moment and keeps nothing. Unlike a log, none of them can be replayed.',
        values: ['broker', 'list', 'pubsub'],
        valueLabels: { broker: 'Broker', list: 'Redis list (competing consumers)', pubsub: 'Redis Pub/Sub' },
        valueHelp: {
          broker: 'One line of messages; a consumer slot delivers a message along every outgoing edge and is held until all of them are done.',
          list: 'LPUSH / BRPOP: every outgoing edge has its own consumers, and they all compete for one list — each message is taken by one of them. Consumers finish in any order, so two messages of one key can be applied out of order. A taken message exists only in its consumer: if the consumer fails or crashes with it, it is lost (unless reliable).',
          pubsub: 'PUBLISH / SUBSCRIBE: each message is pushed to every outgoing edge whose service is up at the moment it is published, and to nobody else. A subscriber that is down misses it for good, and what was pushed to it but not yet handled dies with it: at most once, no history.',
        },
        default: 'broker',
      },
      enqueueTimeMs: {
        type: 'dist',
        label: 'Enqueue time',
        help: 'How long the producer waits for the broker to accept a message (one round trip to Redis). The producer does not wait for the message to be processed. A reliable list pays it once more per message, for the acknowledgement.',
        default: { type: 'constant', valueMs: 1 },
      },
      consumers: {
        type: 'int',
        label: 'Consumers',
        unit: 'consumers',
        help: 'How many messages are delivered at once: for a broker, in all; for a Redis list or Pub/Sub, per outgoing edge (each edge is a worker pool of this many connections). If messages arrive faster than consumers finish them, consumer lag grows without bound.',
        min: 1,
        max: 100_000,
        default: 1,
        slider: { min: 1, max: 256, log: true },
      },
      capacity: {
        type: 'int',
        label: 'Capacity',
        unit: 'messages',
        help: 'How many messages may wait for a consumer (a broker). A full queue rejects new messages: backpressure on the producers. A Redis list or Pub/Sub is bounded by Max messages instead.',
        min: 0,
        max: 100_000_000,
        absentMeans: 'unbounded',
        slider: { min: 0, max: 100_000, log: true },
      },
      reliable: {
        type: 'boolean',
        label: 'Taking a message',
        help: 'A plain BRPOP removes the message from Redis as the consumer takes it: if the consumer then fails or crashes, the message exists nowhere and is lost. The reliable-queue pattern (LMOVE into a processing list, LREM once handled) keeps a copy until the consumer acknowledges it and puts it back when the consumer fails — nothing is lost, but a consumer that crashes after handling a message and before acknowledging it has the message handled twice. At-most-once against at-least-once. Redis lists only.',
        default: false,
        valueLabels: { false: 'Destructive (BRPOP)', true: 'Reliable (LMOVE + acknowledge)' },
        valueHelp: {
          false: 'At most once: a message taken by a consumer that fails or crashes is lost.',
          true: 'At least once: a message is put back when its consumer fails or crashes, and may be handled twice; the acknowledgement costs one more round trip per message.',
        },
      },
      maxMessages: {
        type: 'int',
        label: 'Max messages',
        unit: 'messages',
        help: 'Redis keeps everything in memory: this many messages fit (waiting in the list or in subscribers’ buffers, being enqueued, or awaiting acknowledgement). With maxmemory and the noeviction policy a full Redis refuses writes, so a produce call fails: backpressure, where a log would have spilled to disk. Redis lists and Pub/Sub only.',
        min: 1,
        max: 100_000_000,
        absentMeans: 'unbounded',
        slider: { min: 1, max: 1_000_000, log: true },
      },
    },
  },
  index: {
    kind: 'index',
    title: 'Search index',
    summary: 'Searchable after each refresh.',
    description: 'Serves searches; writes become searchable only at the next refresh.',
    acceptsCalls: true,
    makesCalls: true,
    params: {
      servers: servers(4, 'Servers', 'searches or writes it serves at once'),
      serviceTimeMs: serviceTime({ type: 'lognormal', medianMs: 20, p99Ms: 200 }, 'a search or an indexing write'),
      queueCapacity,
      ...serverBehaviour,
      calls,
      writeOps: {
        type: 'stringList',
        label: 'Write operations',
        help: 'Operations that index a document. They are acknowledged after service but searchable only after the next refresh: the index is eventually consistent.',
      },
      refreshIntervalMs: {
        type: 'number',
        label: 'Refresh interval',
        unit: 'ms',
        help: 'How often new writes become searchable. A longer interval is cheaper for the index but leaves readers seeing stale results for longer.',
        min: 0,
        exclusiveMin: true,
        default: 1000,
        slider: { min: 10, max: 60_000, log: true },
      },
      applyIf,
    },
  },
  batch: {
    kind: 'batch',
    title: 'Batch job',
    summary: 'Crunches what piled up, on a schedule.',
    description: 'Accumulates records and, every interval, runs a job over them: tasks on a pool of workers, as MapReduce or Spark do.',
    acceptsCalls: true,
    makesCalls: true,
    params: {
      intervalSec: {
        type: 'number',
        label: 'Interval',
        unit: 's',
        help: 'A job starts every this many seconds over the records that piled up since the last one. A record waits up to a whole interval before any job looks at it: batch trades time to result for throughput. A node downstream of other batch jobs ignores it and runs when all of them have finished (a workflow).',
        min: 0,
        exclusiveMin: true,
        max: 86_400,
        default: 60,
        slider: { min: 1, max: 3600, log: true },
      },
      recordsPerTask: {
        type: 'int',
        label: 'Records per task',
        unit: 'records',
        help: 'A job splits its input into tasks of this many records (the input split). Small tasks spread the work evenly and recover fast from a slow machine, but each pays the task start-up cost.',
        min: 1,
        max: 1_000_000_000,
        default: 10_000,
        slider: { min: 100, max: 10_000_000, log: true },
      },
      workers: {
        type: 'int',
        label: 'Workers',
        unit: 'workers',
        help: 'How many tasks run at once (slots on the cluster). More workers finish a job sooner only while there are tasks for them: a job is as slow as its slowest task.',
        min: 1,
        max: 100_000,
        default: 10,
        slider: { min: 1, max: 2048, log: true },
      },
      taskStartupMs: {
        type: 'dist',
        label: 'Task start-up',
        help: 'What every task pays before its first record: scheduling, starting a process, reading its split’s metadata. It is why a job of a few records still takes seconds.',
        default: { type: 'constant', valueMs: 1000 },
      },
      perRecordMs: {
        type: 'dist',
        label: 'Time per record',
        help: 'Work per record. A task of n records takes start-up + n × this (a sum of n draws), times its straggler factor.',
        default: { type: 'constant', valueMs: 0.01 },
      },
      stragglerFactor: {
        type: 'dist',
        label: 'Straggler factor',
        help: 'Each task’s time is multiplied by one draw of this (read the value as a factor, not ms). A mixture makes stragglers — a bad disk, a busy machine: “1 task in 20 runs 10× slower”. With many tasks a job almost surely has one, and a job is as slow as its slowest task.',
        default: { type: 'constant', valueMs: 1 },
      },
      speculative: {
        type: 'group',
        label: 'Backup tasks',
        help: 'Speculative execution (MapReduce’s backup tasks): a task that has run longer than this factor × the median time of the job’s finished tasks gets a second copy on a free worker; the first copy to finish wins and the other is cancelled. A little more work buys a much shorter tail.',
        optional: true,
        absentMeans: 'no backup tasks',
        fields: {
          afterFactor: {
            type: 'number',
            label: 'Back up after',
            unit: '× median',
            help: 'A running task gets a backup copy once it has run longer than this many times the median duration of the job’s finished tasks. Lower starts backups sooner and costs more duplicate work.',
            min: 1,
            exclusiveMin: true,
            max: 1000,
            absentMeans: 'no backup tasks',
            slider: { min: 1.1, max: 10, log: true },
          },
        },
      },
    },
  },
  log: {
    kind: 'log',
    title: 'Log (Kafka)',
    summary: 'Partitioned, retained, replayable.',
    description: 'A Kafka-style topic: records are appended to partitions and kept for the retention time whether read or not; every outgoing edge is a consumer group reading at its own pace.',
    acceptsCalls: true,
    makesCalls: true,
    params: {
      partitions: {
        type: 'int',
        label: 'Partitions',
        unit: 'partitions',
        help: 'A record goes to partition hash(key) mod partitions (round robin without keys), so one key’s records stay in order. Within a consumer group each partition has exactly one owner, read in order, one record at a time: the partition count caps how many of a group’s consumers can work at once (the rest sit idle), and a hot key holds up its one partition and every record behind it.',
        min: 1,
        max: 1024,
        default: 6,
        slider: { min: 1, max: 1024, log: true },
      },
      appendTimeMs: {
        type: 'dist',
        label: 'Append time',
        help: 'How long a produce call takes: the broker appends the record to its partition and acknowledges. A produce never waits for consumers and is never refused — the log absorbs bursts, and consumers catch up (lag) later.',
        default: { type: 'constant', valueMs: 2 },
      },
      retentionSec: {
        type: 'number',
        label: 'Retention',
        unit: 's',
        help: 'How long a record is kept, read or not: reading does not delete it, so any group can replay what is still held. A consumer group that stalls — its consumer down, or too slow — keeps its place; once it is further behind than this, the records it has not read expire and it never gets them (lost). Empty: kept forever.',
        min: 0,
        exclusiveMin: true,
        max: 1e9,
        absentMeans: 'forever',
        slider: { min: 1, max: 86_400, log: true },
      },
      commitIntervalMs: {
        type: 'number',
        label: 'Commit interval',
        unit: 'ms',
        help: 'How often each consumer group commits its position (its offsets). A consumer that restarts resumes from the last commit, so what it delivered since is delivered again — duplicates, never losses (at-least-once). Shorter: fewer duplicates after a crash, more commits to pay for; longer: cheap commits, more to redo.',
        min: 0,
        exclusiveMin: true,
        max: 3_600_000,
        default: 1000,
        slider: { min: 10, max: 60_000, log: true },
      },
    },
  },
};

/** Palette order. */
export const KIND_ORDER: NodeKind[] = ['client', 'loadBalancer', 'service', 'database', 'cache', 'queue', 'log', 'index', 'batch'];


/** Hard limits of the scenario format (SCENARIO.md). */
export const LIMITS = {
  maxPayloadChars: 100_000,
  maxJsonChars: 1_000_000,
  maxNodes: 200,
  maxEdges: 1_000,
  maxNameChars: 120,
  maxLabelChars: 120,
  maxOpChars: OP_NAME_MAX_CHARS,
  maxOpsPerEdge: 64,
  maxFixedFanout: 10_000,
  maxMixtureParts: 8,
  maxDurationSec: 3600,
  maxSeed: 2 ** 32 - 1,
} as const;

/** The edge fields (SCENARIO.md, "Edges"): what the edge inspector edits. */
export const EDGE_META = {
  consumers: {
    type: 'int',
    label: 'Consumers',
    unit: 'consumers',
    help: 'An edge out of a log is a consumer group: it reads every record at its own pace, whatever other groups do. Its consumers share the partitions, one owner each, so more consumers read more in parallel only up to the partition count — beyond it they sit idle. Each delivers its records one at a time, in order.',
    min: 1,
    max: 1024,
    default: 1,
    slider: { min: 1, max: 1024, log: true },
  } satisfies NumberParamMeta,
  mode: {
    type: 'enum',
    label: 'Call',
    help: 'A sync call is waited for: its latency adds to the caller’s response time. An async call is fired and forgotten: the caller answers at once and the work happens in the background. Change data capture (from a database) carries the database’s committed writes, not requests.',
    values: ['sync', 'async', 'cdc'],
    valueLabels: { sync: 'Sync', async: 'Async', cdc: 'Change data capture' },
    valueHelp: {
      sync: 'The caller waits for this call; its latency adds to the caller’s response time.',
      async: 'Fired and forgotten: the caller answers at once and the work happens in the background.',
      cdc: 'Every write the database commits is sent along this edge in commit order, with its key and version, one at a time and retried until it succeeds: derived data that cannot diverge, at the price of lag.',
    },
    default: 'sync',
  } satisfies EnumParamMeta,
  ops: {
    type: 'stringList',
    label: 'Operations',
    help: 'Which operations take this edge. Reads and writes can share a service and still follow different paths (a read goes to the cache, a write to the database).',
    absentMeans: 'all operations',
  } satisfies StringListParamMeta,
  probability: {
    type: 'number',
    label: 'Probability',
    help: 'The chance that a request makes this call at all, drawn per call: 0.1 sends one request in ten down this edge.',
    min: 0,
    max: 1,
    default: 1,
    slider: { min: 0, max: 1, step: 0.01 },
  } satisfies NumberParamMeta,
  fanoutType: {
    type: 'enum',
    label: 'Fan-out',
    help: 'How many calls one request makes along this edge. Fan-out is what turns one user action into many requests deeper in the system.',
    values: ['fixed', 'followers', 'followees', 'celebrityFollowees'],
    valueLabels: {
      fixed: 'Fixed number of calls',
      followers: 'One per follower (fan-out on write)',
      followees: 'One per followee (fan-out on read)',
      celebrityFollowees: 'One per celebrity followed',
    },
    valueHelp: {
      fixed: 'The same number of calls for every request: a scatter-gather over n shards or replicas.',
      followers: 'A post is copied into the timeline of each of its author’s followers: cheap reads, but one celebrity’s post costs millions of writes.',
      followees: 'A timeline read fetches the recent posts of everyone the user follows: cheap writes, expensive reads.',
      celebrityFollowees: 'The hybrid’s read side: only the celebrities a user follows are fetched at read time; everyone else was fanned out on write.',
    },
    default: 'fixed',
  } satisfies EnumParamMeta,
  fanoutN: {
    type: 'int',
    label: 'Calls per request',
    unit: 'calls',
    help: 'Every request makes this many calls along the edge and waits for all of them (if sync): with many calls, the slowest one sets the response time.',
    min: 1,
    max: LIMITS.maxFixedFanout,
    default: 1,
    slider: { min: 1, max: LIMITS.maxFixedFanout, log: true },
  } satisfies NumberParamMeta,
  skipAbove: {
    type: 'number',
    label: 'Skip authors above',
    unit: 'followers',
    help: 'The hybrid strategy’s celebrity exception: posts by accounts with more followers than this are not fanned out on write; readers fetch them instead.',
    min: 0,
    absentMeans: 'never skip',
    slider: { min: 10, max: 100_000_000, log: true },
  } satisfies NumberParamMeta,
  timeoutMs: {
    type: 'number',
    label: 'Timeout',
    unit: 'ms',
    help: 'How long the caller waits for this call before giving up on it: the call fails for the caller (cause “timeout”) and its error fails the request. The target is not told — it finishes the work anyway, for nobody (wasted work). A timeout bounds how long a slow dependency can hold a request, not how much load it carries.',
    min: 0,
    exclusiveMin: true,
    max: 86_400_000,
    absentMeans: 'wait for ever',
    slider: { min: 1, max: 10_000, log: true },
  } satisfies NumberParamMeta,
  retryMaxAttempts: {
    type: 'int',
    label: 'Attempts',
    unit: 'attempts',
    help: 'Attempts in all, the first included (1: no retry). After an attempt that failed — it timed out, or it was answered with a failure (an error, a refusal, a full line) — the caller waits the backoff and tries again along the same edge — behind a load balancer possibly another backend. Retries rescue a transient failure and multiply the load on a dependency that is already failing.',
    min: 1,
    max: 10,
    default: 3,
    slider: { min: 1, max: 10 },
  } satisfies NumberParamMeta,
  retryBackoff: {
    type: 'enum',
    label: 'Backoff',
    help: 'How long to wait before retry r: none, a constant base, or exponential — base × multiplier^(r−1), capped — so that a struggling dependency gets room to recover.',
    values: ['none', 'constant', 'exponential'],
    valueLabels: { none: 'None: at once', constant: 'Constant', exponential: 'Exponential' },
    default: 'none',
  } satisfies EnumParamMeta,
  retryBaseMs: {
    type: 'number',
    label: 'Base delay',
    unit: 'ms',
    help: 'The first retry’s delay (constant and exponential backoff); decorrelated jitter never waits less.',
    min: 0,
    max: 3_600_000,
    default: 10,
    slider: { min: 1, max: 10_000, log: true },
  } satisfies NumberParamMeta,
  retryCapMs: {
    type: 'number',
    label: 'Cap',
    unit: 'ms',
    help: 'The longest delay exponential backoff (and decorrelated jitter) may reach.',
    min: 0,
    max: 3_600_000,
    default: 10_000,
    slider: { min: 10, max: 100_000, log: true },
  } satisfies NumberParamMeta,
  retryMultiplier: {
    type: 'number',
    label: 'Multiplier',
    help: 'How much each exponential delay grows over the previous one.',
    min: 1,
    max: 100,
    default: 2,
    slider: { min: 1, max: 10, step: 0.1 },
  } satisfies NumberParamMeta,
  retryJitter: {
    type: 'enum',
    label: 'Jitter',
    help: 'Randomness in the delay, so that callers who failed together do not retry together: full waits U(0, d), equal d/2 + U(0, d/2), decorrelated U(base, 3 × the previous delay).',
    values: ['none', 'full', 'equal', 'decorrelated'],
    valueLabels: { none: 'None', full: 'Full', equal: 'Equal', decorrelated: 'Decorrelated' },
    default: 'none',
  } satisfies EnumParamMeta,
  breakerFailureRatio: {
    type: 'number',
    label: 'Opens at failure share',
    help: 'The circuit breaker opens when at least this share of the attempts over its window failed. Open, it fails attempts at once instead of sending them: the caller gets a fast error and the struggling dependency gets room to recover.',
    min: 0,
    exclusiveMin: true,
    max: 1,
    default: 0.5,
    slider: { min: 0.05, max: 1, step: 0.05 },
  } satisfies NumberParamMeta,
  breakerMinCalls: {
    type: 'int',
    label: 'Minimum attempts',
    unit: 'attempts',
    help: 'The breaker judges only a window with at least this many attempts, so that two unlucky calls in a quiet second do not open it.',
    min: 1,
    max: 1_000_000,
    default: 20,
    slider: { min: 1, max: 1000, log: true },
  } satisfies NumberParamMeta,
  breakerWindowSec: {
    type: 'number',
    label: 'Window',
    unit: 's',
    help: 'How far back the breaker counts attempts and failures.',
    min: 0.1,
    max: 3600,
    default: 10,
    slider: { min: 1, max: 120, log: true },
  } satisfies NumberParamMeta,
  breakerOpenSec: {
    type: 'number',
    label: 'Stays open',
    unit: 's',
    help: 'How long an open breaker fails attempts at once before it lets one trial attempt through: the trial’s success closes it, its failure opens it again.',
    min: 0,
    exclusiveMin: true,
    max: 3600,
    default: 5,
    slider: { min: 0.5, max: 120, log: true },
  } satisfies NumberParamMeta,
  hedgeAfterMs: {
    type: 'number',
    label: 'Hedge after',
    unit: 'ms',
    help: 'A hedged request (“The Tail at Scale”): if the call has not completed after this long, send a copy along the same edge — behind a load balancer to another backend — and take whichever answers first. Set it near the p95 and a few percent more work cuts the tail a lot.',
    min: 0,
    max: 3_600_000,
    default: 50,
    slider: { min: 1, max: 1000, log: true },
  } satisfies NumberParamMeta,
  hedgeMaxHedges: {
    type: 'int',
    label: 'Copies',
    unit: 'copies',
    help: 'At most this many copies besides the first attempt, one more after each further wait. The first to succeed wins; copies still waiting in a queue are cancelled, the others run on as wasted work.',
    min: 1,
    max: 3,
    default: 1,
    slider: { min: 1, max: 3 },
  } satisfies NumberParamMeta,
  retryBudgetRatio: {
    type: 'number',
    label: 'Retry budget',
    help: 'At most this many retries per first attempt along the edge over the last 10 s (0.1: one in ten). A budget caps what retries add to a failing dependency at that share instead of multiplying its load.',
    min: 0,
    exclusiveMin: true,
    max: 1,
    absentMeans: 'unlimited',
    slider: { min: 0.01, max: 1, step: 0.01 },
  } satisfies NumberParamMeta,
  latencyMs: {
    type: 'dist',
    label: 'Network delay',
    help: 'One-way delay of each call on its way to the target, and of its response on the way back, drawn separately for each trip. Within a data centre a trip takes about 0.1–0.5 ms, across a continent 20–40 ms. The caller waits for both trips; the target’s own latency does not include them.',
    default: { type: 'constant', valueMs: 0.5 },
  } satisfies DistParamMeta,
  threshold: {
    type: 'number',
    label: 'Celebrity threshold',
    unit: 'followers',
    help: 'Accounts with more followers than this count as celebrities, whose posts are fetched at read time.',
    min: 0,
    default: 10_000,
    slider: { min: 10, max: 100_000_000, log: true },
  } satisfies NumberParamMeta,
};

/** The causes of a failed attempt that a retry answers. */
export const RETRY_ON_META = {
  type: 'flags',
  label: 'Retry after',
  help: 'Which failures of an attempt are tried again: a timeout (the caller gave up), an error (the callee answered with a failure). Retrying a timeout sends more work to a callee that may still be doing the first.',
  values: ['timeout', 'error'],
  valueLabels: { timeout: 'a timeout', error: 'an error' },
} satisfies FlagsParamMeta;

/**
 * The resilience policies of a sync edge (SCENARIO.md v2, "Resilience on
 * edges"), each absent until added: the edge inspector is generated from
 * these tables. The timeout is a plain optional number (EDGE_META.timeoutMs).
 */
export const EDGE_POLICY_META = {
  retry: {
    label: 'Retries',
    help: 'Try a failed attempt again after a backoff. Retries rescue transient faults — and multiply the load on a dependency that is already failing, which is how a short outage becomes a retry storm.',
    absentMeans: 'a failed attempt fails the call.',
    addLabel: 'Add retries',
    removeLabel: 'Remove retries',
    added: {
      maxAttempts: EDGE_META.retryMaxAttempts.default,
      on: ['timeout', 'error'],
      backoff: { type: 'exponential', baseMs: EDGE_META.retryBaseMs.default, capMs: EDGE_META.retryCapMs.default, multiplier: EDGE_META.retryMultiplier.default },
      jitter: 'full',
    },
    fields: [
      { path: 'maxAttempts', meta: EDGE_META.retryMaxAttempts },
      { path: 'on', meta: RETRY_ON_META },
      { path: 'backoff.type', meta: EDGE_META.retryBackoff },
      { path: 'backoff.baseMs', meta: EDGE_META.retryBaseMs, shownWhen: { path: 'backoff.type', values: ['constant', 'exponential'] } },
      { path: 'backoff.multiplier', meta: EDGE_META.retryMultiplier, shownWhen: { path: 'backoff.type', values: ['exponential'] } },
      { path: 'backoff.capMs', meta: EDGE_META.retryCapMs, shownWhen: { path: 'backoff.type', values: ['exponential'] } },
      { path: 'jitter', meta: EDGE_META.retryJitter },
      { path: 'budget.ratio', meta: EDGE_META.retryBudgetRatio },
    ],
  },
  hedge: {
    label: 'Hedging',
    help: 'Send a copy of a call that is slow to answer and take whichever answer comes first (“The Tail at Scale”): the tail gets much shorter for a few percent more work.',
    absentMeans: 'a slow call is waited for.',
    addLabel: 'Add hedging',
    removeLabel: 'Remove hedging',
    added: { afterMs: EDGE_META.hedgeAfterMs.default, maxHedges: EDGE_META.hedgeMaxHedges.default },
    fields: [
      { path: 'afterMs', meta: EDGE_META.hedgeAfterMs },
      { path: 'maxHedges', meta: EDGE_META.hedgeMaxHedges },
    ],
  },
  breaker: {
    label: 'Circuit breaker',
    help: 'Stop calling a dependency that keeps failing: fail fast for a while, then try one call. The caller answers at once instead of waiting, and the dependency gets room to recover.',
    absentMeans: 'every attempt is sent, however many fail.',
    addLabel: 'Add a circuit breaker',
    removeLabel: 'Remove the circuit breaker',
    added: {
      failureRatio: EDGE_META.breakerFailureRatio.default,
      minCalls: EDGE_META.breakerMinCalls.default,
      windowSec: EDGE_META.breakerWindowSec.default,
      openSec: EDGE_META.breakerOpenSec.default,
    },
    fields: [
      { path: 'failureRatio', meta: EDGE_META.breakerFailureRatio },
      { path: 'minCalls', meta: EDGE_META.breakerMinCalls },
      { path: 'windowSec', meta: EDGE_META.breakerWindowSec },
      { path: 'openSec', meta: EDGE_META.breakerOpenSec },
    ],
  },
} satisfies Record<'retry' | 'hedge' | 'breaker', OptionalGroupMeta>;

/** Edge fields that only a sync call can have: nobody waits for an async one, so nobody gives up on it or tries again. */
export const SYNC_ONLY_EDGE_FIELDS = ['timeoutMs', ...(Object.keys(EDGE_POLICY_META) as (keyof typeof EDGE_POLICY_META)[])] as const;

/** The resilience section of the edge inspector as a whole. */
export const RESILIENCE_META = {
  label: 'Resilience',
  help: 'What the caller does when this call is slow or fails. Faults will happen; these decide whether a fault stays a fault or becomes a failure the users see.',
};

/** The scenario-wide settings (SCENARIO.md, "Top level"). */
export const SCENARIO_META = {
  name: {
    type: 'string',
    label: 'Name',
    help: 'Shown in the header and in exported files; it travels with the share link.',
    default: 'Untitled',
    maxChars: LIMITS.maxNameChars,
  } satisfies StringParamMeta,
  seed: {
    type: 'int',
    label: 'Seed',
    help: 'The random seed: the same scenario with the same seed gives exactly the same results, on every machine. Change it to see another run of the same system.',
    min: 0,
    max: LIMITS.maxSeed,
    default: 1,
    slider: { min: 0, max: 1000 },
  } satisfies NumberParamMeta,
  durationSec: {
    type: 'number',
    label: 'Duration',
    unit: 's',
    help: 'Simulated time. Rare slow requests need long runs before p99 and p99.9 settle.',
    min: 0,
    exclusiveMin: true,
    max: LIMITS.maxDurationSec,
    default: 60,
    slider: { min: 1, max: LIMITS.maxDurationSec, log: true },
  } satisfies NumberParamMeta,
  warmupSec: {
    type: 'number',
    label: 'Warm-up',
    unit: 's',
    help: 'Requests created before this are run but not counted: an empty system is faster than one in steady state, so the first seconds would flatter the results.',
    min: 0,
    max: LIMITS.maxDurationSec,
    default: 0,
    slider: { min: 0, max: 600 },
  } satisfies NumberParamMeta,
};

function msField(label: string, help: string, exclusiveMin: boolean, defaultMs: number): NumberParamMeta {
  return {
    type: 'number',
    label,
    unit: 'ms',
    help,
    min: 0,
    exclusiveMin,
    default: defaultMs,
    slider: { min: 0.1, max: 10_000, log: true },
  };
}

/** The shapes a time distribution can take (SCENARIO.md, "Distributions"), for the distribution editor. */
export const DIST_META: Record<
  TimeDist['type'],
  { label: string; help: string; fields: Record<string, NumberParamMeta> }
> = {
  constant: {
    label: 'Constant',
    help: 'Every request takes exactly this long: no variability, so queues form only when the load itself is bursty.',
    fields: { valueMs: msField('Value', 'The time every request takes.', false, 10) },
  },
  exponential: {
    label: 'Exponential',
    help: 'Memoryless: mostly short, sometimes long (p99 ≈ 4.6 × mean). The textbook M in M/M/1.',
    fields: { meanMs: msField('Mean', 'The average time; the median is 0.69 × mean and p99 is 4.6 × mean.', true, 10) },
  },
  uniform: {
    label: 'Uniform',
    help: 'Anywhere between a minimum and a maximum, all equally likely.',
    fields: {
      minMs: msField('Minimum', 'The shortest possible time.', false, 5),
      maxMs: msField('Maximum', 'The longest possible time.', false, 15),
    },
  },
  lognormal: {
    label: 'Lognormal',
    help: 'A typical request is quick but a few take far longer — the long tail that real services show. Set it by its median and p99.',
    fields: {
      medianMs: msField('Median (p50)', 'Half of the requests are faster than this.', true, 5),
      p99Ms: msField('p99', 'One request in a hundred is slower than this: the tail that users notice.', true, 50),
    },
  },
  mixture: {
    label: 'Mixture',
    help: 'A blend of distributions, e.g. 99% fast and 1% very slow (a garbage-collection pause, a cold cache): how tail latency is born.',
    fields: {},
  },
};

/** The weight of one part of a mixture. */
export const MIXTURE_WEIGHT_META: NumberParamMeta = {
  type: 'number',
  label: 'Weight',
  help: 'How often this part is drawn, relative to the other parts: weights 99 and 1 mean 99% and 1%.',
  min: 0,
  exclusiveMin: true,
  default: 1,
  slider: { min: 0.1, max: 1000, log: true },
};

/** Hard limits of follower counts and of the number of users (SCENARIO.md, "Population"). */
const MAX_FOLLOWERS = 1e10;

/** Keys (SCENARIO.md, "Keys, versions and derived data"): each request draws one at its client. */
export const KEYS_META = {
  count: {
    type: 'int',
    label: 'Keys',
    unit: 'keys',
    help: 'How many distinct keys the requests touch (user ids, product ids). A log sends every key to one partition, so the keys decide how evenly the partitions are loaded.',
    min: 1,
    max: 10_000_000,
    default: 1000,
    slider: { min: 1, max: 10_000_000, log: true },
  } satisfies NumberParamMeta,
  popularity: {
    type: 'enum',
    label: 'Popularity',
    help: 'How often each key is drawn.',
    values: ['uniform', 'zipf'],
    default: 'uniform',
    valueLabels: { uniform: 'Uniform', zipf: 'Zipf' },
    valueHelp: {
      uniform: 'Every key equally often.',
      zipf: 'The k-th most popular key is drawn in proportion to 1/k^s: a few hot keys take most of the traffic (a celebrity, a viral product).',
    },
  } satisfies EnumParamMeta,
  s: {
    type: 'number',
    label: 'Zipf exponent',
    help: 'The s of 1/k^s. Around 1 is typical of real workloads; larger makes the hottest key hotter.',
    min: 0,
    exclusiveMin: true,
    max: 10,
    default: 1,
    slider: { min: 0.1, max: 3, step: 0.05 },
  } satisfies NumberParamMeta,
};

/** The follower graph (SCENARIO.md, "Population"): what the follower distribution editor edits. */
export const POPULATION_META = {
  users: {
    type: 'int',
    label: 'Users',
    unit: 'users',
    help: 'How many accounts there are. It only caps a lognormal’s largest account (its 1 − 1/users quantile); rates come from the clients, not from this.',
    min: 1,
    max: MAX_FOLLOWERS,
    default: 100_000,
    slider: { min: 1000, max: 1_000_000_000, log: true },
  } satisfies NumberParamMeta,
  activityExponent: {
    type: 'number',
    label: 'Activity weighting',
    help: 'Who posts: an account posts in proportion to followers^this. 0 means everyone posts equally; above 0, popular accounts post more, so an average post reaches more people than an average account has followers.',
    min: -5,
    max: 5,
    default: 0,
    slider: { min: -1, max: 1, step: 0.05 },
  } satisfies NumberParamMeta,
  followersType: {
    type: 'enum',
    label: 'Followers per account',
    help: 'The shape of the follower counts. Real social graphs are heavy-tailed: most accounts have a few followers, a handful have millions.',
    values: ['powerlaw', 'lognormal', 'constant'],
    valueLabels: { powerlaw: 'Power law', lognormal: 'Lognormal', constant: 'Constant' },
    valueHelp: {
      powerlaw: 'P(F ≥ k) falls like k^−α between a minimum and a maximum: the classic heavy tail of who-follows-whom.',
      lognormal: 'Set by a median and a p99: a long tail, but thinner than a power law far out.',
      constant: 'Every account has the same number of followers: no celebrities, so fan-out is the same for every post.',
    },
    default: 'powerlaw',
  } satisfies EnumParamMeta,
  alpha: {
    type: 'number',
    label: 'Exponent α',
    help: 'How fast the tail falls: P(F ≥ k) ∝ k^−α. Smaller α means a heavier tail — more celebrities, and a mean fan-out dominated by them (below 1 the mean grows with the largest account).',
    min: 0,
    exclusiveMin: true,
    max: 20,
    default: 1.2,
    slider: { min: 0.5, max: 3, step: 0.01 },
  } satisfies NumberParamMeta,
  min: {
    type: 'int',
    label: 'Fewest followers',
    unit: 'followers',
    help: 'The smallest follower count any account has; the power law starts here.',
    min: 1,
    max: MAX_FOLLOWERS,
    default: 10,
    slider: { min: 1, max: 1000, log: true },
  } satisfies NumberParamMeta,
  max: {
    type: 'int',
    label: 'Most followers',
    unit: 'followers',
    help: 'The largest account. In 2012 the biggest Twitter accounts had over 30 million followers: one post from them is 30 million timeline writes.',
    min: 1,
    max: MAX_FOLLOWERS,
    default: 1_000_000,
    slider: { min: 100, max: 1_000_000_000, log: true },
  } satisfies NumberParamMeta,
  median: {
    type: 'number',
    label: 'Median followers',
    unit: 'followers',
    help: 'Half of the accounts have fewer followers than this.',
    min: 0,
    exclusiveMin: true,
    max: MAX_FOLLOWERS,
    default: 50,
    slider: { min: 1, max: 100_000, log: true },
  } satisfies NumberParamMeta,
  p99: {
    type: 'number',
    label: 'p99 followers',
    unit: 'followers',
    help: 'One account in a hundred has more followers than this. The further it is above the median, the heavier the tail.',
    min: 0,
    exclusiveMin: true,
    max: MAX_FOLLOWERS,
    default: 5000,
    slider: { min: 1, max: 10_000_000, log: true },
  } satisfies NumberParamMeta,
  n: {
    type: 'int',
    label: 'Followers each',
    unit: 'followers',
    help: 'Every account has exactly this many followers.',
    min: 0,
    max: MAX_FOLLOWERS,
    default: 75,
    slider: { min: 1, max: 100_000, log: true },
  } satisfies NumberParamMeta,
  followees: {
    label: 'Accounts followed',
    help: 'How many accounts a reader follows: the fan-out of a timeline read on read. In any follow graph its mean equals the mean number of followers, which is the default.',
    absentMeans: 'as many as the mean number of followers',
  },
  celebrityThreshold: {
    type: 'number',
    label: 'Celebrity threshold',
    unit: 'followers',
    help: 'Accounts with more followers than this are celebrities: the hybrid does not fan their posts out on write, and every timeline read fetches them instead. Lower it to cut writes; raise it to cut read work.',
    min: 0,
    default: 10_000,
    slider: { min: 10, max: 100_000_000, log: true },
  } satisfies NumberParamMeta,
};

/**
 * Faults on a timeline (SCENARIO.md v2, "Faults on a timeline"): what the
 * fault editor edits and what its tooltips teach. A fault is a cause; what
 * the clients see — errors, timeouts, a slower tail, nothing at all — is the
 * failure the rest of the system lets through (DDIA ch. 1: faults vs failures).
 */
export const FAULT_TYPES = ['crash', 'pause', 'slow', 'errors', 'capacity', 'partition', 'latency', 'rewind'] as const;
export type FaultType = (typeof FAULT_TYPES)[number];
/** Fault types that target a node, and those that target an edge. */
export const NODE_FAULT_TYPES: readonly FaultType[] = ['crash', 'pause', 'slow', 'errors', 'capacity'];
export const EDGE_FAULT_TYPES: readonly FaultType[] = ['partition', 'latency'];
/** Faults whose target is an edge: the network faults, and a log consumer group's rewind. */
export const EDGE_TARGET_FAULT_TYPES: readonly FaultType[] = [...EDGE_FAULT_TYPES, 'rewind'];

export const FAULT_META = {
  type: {
    type: 'enum',
    label: 'Fault',
    help: 'What goes wrong. A fault is one component deviating from its spec; a failure is the system as a whole stopping to serve its users. Timeouts, retries, spare servers and redundancy are what keep the first from becoming the second.',
    values: FAULT_TYPES,
    valueLabels: {
      crash: 'Crash',
      pause: 'Pause',
      slow: 'Slow down',
      errors: 'Errors',
      capacity: 'Lose servers',
      partition: 'Partition',
      latency: 'Network delay',
      rewind: 'Rewind (replay)',
    },
    valueHelp: {
      crash: 'The node goes down: what it was doing fails (cause “down”) and it comes back empty when the fault ends. A hardware fault or a crashed process.',
      pause: 'Stop the world: nothing starts or finishes for the duration (a long garbage-collection pause, a VM migrating); work resumes afterwards, and arrivals pile up.',
      slow: 'Every service takes longer (a noisy neighbour, a degraded disk, a bad deploy): the node still works, just slowly — often worse than a crash, because callers keep waiting.',
      errors: 'A share of the requests fail after their service (a software bug on some inputs, cause “error”).',
      capacity: 'The node runs on fewer servers for the duration (a machine of the pool lost, a connection pool shrunk).',
      partition: 'The network between caller and callee fails: calls are never answered (black hole) or refused at once.',
      latency: 'The network gets slower: extra delay on every trip along the edge, both ways.',
      rewind: 'A consumer group of a log goes back to the first record appended at or after a time and reads everything again from there: replay, to rebuild a cache or an index after a bad deploy.',
    },
    default: 'crash',
  } satisfies EnumParamMeta,
  crashMode: {
    type: 'enum',
    label: 'Crashed node',
    help: 'How a caller finds out. A refused connection fails at once; a black hole (a machine that vanished, a half-dead process) never answers, so only a timeout tells the caller — without one it waits for ever.',
    values: ['refuse', 'blackhole'],
    valueLabels: { refuse: 'Refuses calls', blackhole: 'Black hole' },
    default: 'refuse',
  } satisfies EnumParamMeta,
  partitionMode: {
    type: 'enum',
    label: 'Partitioned edge',
    help: 'A black hole (packets dropped) never answers, so only a timeout tells the caller; a refusing one (connection reset) fails at once.',
    values: ['blackhole', 'refuse'],
    valueLabels: { blackhole: 'Black hole', refuse: 'Refuses calls' },
    default: 'blackhole',
  } satisfies EnumParamMeta,
  toSec: {
    type: 'number',
    label: 'Rewind to',
    unit: 's',
    help: 'The group goes back to the first record appended at or after this time (records already expired by retention cannot be replayed).',
    min: 0,
    max: 7200,
    default: 0,
    slider: { min: 0, max: 600 },
  } satisfies NumberParamMeta,
  atSec: {
    type: 'number',
    label: 'Starts at',
    unit: 's',
    help: 'Simulated time at which the fault begins.',
    min: 0,
    max: 7200,
    default: 30,
    slider: { min: 0, max: 600 },
  } satisfies NumberParamMeta,
  durationSec: {
    type: 'number',
    label: 'Lasts',
    unit: 's',
    help: 'How long the fault lasts; without a duration it lasts to the end of the run.',
    min: 0,
    exclusiveMin: true,
    max: 7200,
    absentMeans: 'to the end of the run',
    slider: { min: 0.1, max: 600, log: true },
  } satisfies NumberParamMeta,
  mtbfSec: {
    type: 'number',
    label: 'Mean time between faults',
    unit: 's',
    help: 'Random faults: the mean up time between one fault and the next (exponential, like hard disks’ MTBF of 10–50 years — in a cluster of 10,000 disks that is about one a day).',
    min: 0.1,
    max: 1e9,
    default: 60,
    slider: { min: 1, max: 3600, log: true },
  } satisfies NumberParamMeta,
  mttrSec: {
    type: 'number',
    label: 'Mean time to repair',
    unit: 's',
    help: 'Random faults: the mean time each fault lasts (exponential). Availability is MTBF ÷ (MTBF + MTTR).',
    min: 0.001,
    max: 1e9,
    default: 5,
    slider: { min: 0.1, max: 600, log: true },
  } satisfies NumberParamMeta,
  factor: {
    type: 'number',
    label: 'Slower by',
    unit: '×',
    help: 'Service times are multiplied by this factor while the fault lasts.',
    min: 0,
    exclusiveMin: true,
    max: 10_000,
    default: 10,
    slider: { min: 1, max: 100, log: true },
  } satisfies NumberParamMeta,
  rate: {
    type: 'number',
    label: 'Failing share',
    help: 'The probability that a request fails after its service (cause “error”).',
    min: 0,
    max: 1,
    default: 0.5,
    slider: { min: 0, max: 1, step: 0.01 },
  } satisfies NumberParamMeta,
  servers: {
    type: 'int',
    label: 'Servers left',
    unit: 'servers',
    help: 'How many servers the node keeps while the fault lasts (0: none take new work).',
    min: 0,
    max: 100_000,
    default: 1,
    slider: { min: 0, max: 64 },
  } satisfies NumberParamMeta,
  extraMs: {
    type: 'dist',
    label: 'Extra delay',
    help: 'Added to the edge’s network delay on each trip, both ways, while the fault lasts.',
    default: { type: 'constant', valueMs: 200 },
  } satisfies DistParamMeta,
} as const;

/** At most this many faults in a scenario, and this many random fault intervals in a run. */
export const FAULT_LIMITS = { maxFaults: 100, maxRandomIntervals: 100_000 } as const;

/** Service level objectives (SCENARIO.md v2, "SLO and goodput"). */
export const SLO_META = {
  objectives: {
    label: 'Objectives',
    help: 'A service level objective: the share of an operation’s requests that must succeed fast enough. Goodput counts the requests that meet it; what the target leaves is the error budget that faults may spend.',
  },
  op: {
    label: 'Operation',
    help: 'The operation (a client’s requests) the objective is about.',
  },
  latencyMs: {
    type: 'number',
    label: 'Good within',
    unit: 'ms',
    help: 'A request is good when it succeeds within this time: an error, or a success slower than this, is not what its user wanted. Goodput counts only the good ones.',
    min: 0,
    exclusiveMin: true,
    max: 86_400_000,
    default: 200,
    slider: { min: 1, max: 10_000, log: true },
  } satisfies NumberParamMeta,
  target: {
    type: 'number',
    label: 'Target',
    help: 'The share of requests that must be good (0.999: “three nines”). What the target leaves — 0.1% of the requests — is the error budget: faults and slow releases may spend it, and no more.',
    min: 0,
    exclusiveMin: true,
    max: 1,
    default: 0.99,
    slider: { min: 0.5, max: 0.9999, step: 0.0001 },
  } satisfies NumberParamMeta,
} as const;
