/**
 * The guided lessons: one per idea of DDIA chapter 1. Each loads a scenario,
 * asks for one change at a time, and explains what the charts now show. The
 * numbers quoted in the text are what these scenarios produce (seed 1); the
 * readouts show the learner's own.
 */
import { COMPARE_DURATION_SEC, TWITTER_VARIANTS } from '../store/labSlice';
import { compared, edge, ms, node, param, percent, perSec, ranFor, rate, startRate } from './checks';
import type { Lesson, LessonComparison, LessonContext } from './types';

const op = (ctx: LessonContext, name: string) => ctx.run.results?.ops[name];
const nodeResult = (ctx: LessonContext, id: string) => ctx.run.results?.nodes[id];
const edgeResult = (ctx: LessonContext, id: string) => ctx.run.results?.edges[id];

function followersEdge(ctx: LessonContext) {
  return ctx.scenario.edges.find((e) => e.fanout.type === 'followers');
}

/** The hybrid's two sides: writes on post, celebrity fetches per read. */
function mergeReadout(ctx: LessonContext): string | undefined {
  const writes = followersEdge(ctx);
  const merge = ctx.scenario.edges.find((e) => e.fanout.type === 'celebrityFollowees');
  const w = writes && edgeResult(ctx, writes.id);
  const m = merge && edgeResult(ctx, merge.id);
  const t = op(ctx, 'timeline');
  if (!w || !m || !t) return undefined;
  return `Timeline writes ${perSec(w.callsPerSec)}; celebrity fetches ${perSec(m.callsPerSec)}, ${(m.callsPerSec / Math.max(t.throughputPerSec, 1e-9)).toFixed(1)} per read; timeline p99 ${ms(t.latencyMs.p99)}.`;
}

/** DDIA's three timeline strategies, as Compare offers them by default: two simulated minutes, for a few celebrity posts. */
const TIMELINE_COMPARISON: LessonComparison = { variants: TWITTER_VARIANTS, seed: 1, durationSec: COMPARE_DURATION_SEC };

const describingLoad: Lesson = {
  id: 'describing-load',
  title: 'Describing load',
  goal: 'Name the load parameters of a system, and see why posts per second alone say little about Twitter.',
  minutes: 3,
  scenario: { preset: 'twitter-hybrid' },
  steps: [
    {
      instruction: "This is Twitter's home timeline at 1/100 of its 2012 load. Press Play and let it run for ten simulated seconds.",
      check: ranFor(10),
      highlight: ['run.play'],
      notice:
        'Two operations make the load: people posting (46 posts/s) and people reading their home timeline (3,000 reads/s). Reads outnumber posts 65 to 1 — the ratio DDIA quotes for Twitter in 2012: 4.6k posts/s against 300k timeline reads/s.',
      readout: (ctx) => {
        const p = op(ctx, 'post');
        const t = op(ctx, 'timeline');
        return p && t ? `So far: posts ${perSec(p.throughputPerSec)}, timeline reads ${perSec(t.throughputPerSec)}.` : undefined;
      },
    },
    {
      instruction: 'Select “People reading timelines” on the canvas and double its rate to 6,000 requests/s.',
      check: (ctx) => (rate(ctx, 'readers') ?? 0) >= 1.8 * (startRate(ctx, 'readers') ?? Infinity) && rate(ctx, 'posters') === startRate(ctx, 'posters'),
      highlight: ['node:readers', 'inspector'],
      notice:
        'Timeline throughput doubles, and so does the work: the API servers go from about 19% to 38% busy, and the fetches of celebrities’ posts from the posts database double too. Response times barely move — at this load the servers are mostly idle. A what-if like “what if reads double?” is exactly what load parameters are for.',
      readout: (ctx) => {
        const api = nodeResult(ctx, 'api');
        const t = op(ctx, 'timeline');
        return api && t ? `API servers ${percent(api.utilization)} busy; timeline p99 ${ms(t.latencyMs.p99)}.` : undefined;
      },
    },
    {
      predict: {
        question: "Posts are under 2% of all requests. Double them: what happens to the writes into the home timeline cache (about 2,100/s now)?",
        choices: [
          { label: "They barely change: posts are a tiny share of the load", because: "Posts are few, but each one is copied to every follower’s timeline." },
          { label: "They roughly double, from about 2,100/s to 3,800/s", correct: true, because: "Every post becomes one write per follower, so writes grow with posts × followers: the fan-out." },
          { label: "They grow 65-fold, like the ratio of reads to posts", because: "The 65 to 1 ratio is reads to posts; writes follow posts × followers per post." },
        ],
      },
      instruction: 'Now double “People posting” to 92 posts/s.',
      check: (ctx) => (rate(ctx, 'posters') ?? 0) >= 1.8 * (startRate(ctx, 'posters') ?? Infinity),
      highlight: ['node:posters', 'edge:timeline-writes', 'charts.edges'],
      notice:
        'Posts are under 2% of all requests, yet watch the edge marked “× followers ≤ 10k”, into the home timeline cache: every post becomes one write per follower — 74 on average, about 44 here because the hybrid skips celebrities. Doubling posts takes timeline writes from about 2,100/s to 3,800/s. For this system the load parameter that matters is posts/s × followers per post: the fan-out.',
      readout: (ctx) => {
        const e = followersEdge(ctx);
        const r = e && edgeResult(ctx, e.id);
        const p = op(ctx, 'post');
        return r && p ? `Timeline writes ${perSec(r.callsPerSec)}: ${(r.callsPerSec / Math.max(p.throughputPerSec, 1e-9)).toFixed(0)} per post.` : undefined;
      },
    },
    {
      instruction: 'Which two numbers would you put on a capacity dashboard for this system? Think about it, then press Next.',
      notice:
        'Reads per second for the read path, and posts per second × fan-out for the write path. DDIA calls these load parameters, and the best choice depends on the architecture — which is what the next lesson, on fan-out, is about.',
    },
  ],
  recap: [
    'Load is described by load parameters: requests per second, the read/write ratio, the fan-out of each request — whichever ones drive your system.',
    'For Twitter the rate of posts is small; what costs is reads and the fan-out of each post to its followers.',
    'Doubling one parameter can cost very differently from doubling another: know which one your bottleneck follows.',
  ],
};

const fanOut: Lesson = {
  id: 'fan-out',
  title: "Fan-out: Twitter's home timeline",
  goal: 'Compare fan-out on read, fan-out on write and the hybrid, and say what each costs.',
  minutes: 5,
  scenario: { preset: 'twitter-fanout-read' },
  steps: [
    {
      instruction: "This is Twitter's first approach: a timeline read fetches the recent posts of every account the reader follows. Press Play.",
      check: ranFor(10),
      highlight: ['run.play', 'edge:fetch-followees'],
      notice:
        'Each read fans out to about 29 queries, one per account followed — 87,000 calls/s on the edge marked “× followees” — and waits for the slowest of them. The posts database is about 55% busy with reads alone, and timeline p99 is around 16 ms.',
      readout: (ctx) => {
        const t = op(ctx, 'timeline');
        const db = nodeResult(ctx, 'posts');
        return t && db ? `Timeline p99 ${ms(t.latencyMs.p99)}; posts database ${percent(db.utilization)} busy.` : undefined;
      },
    },
    {
      predict: {
        question: "Fan-out on write pushes each post into every follower’s cached timeline. What happens to timeline read p99 (about 16 ms now)?",
        choices: [
          { label: "It stays about the same: the work is the same", because: "The work moves to writes: a read no longer queries every account followed." },
          { label: "It rises: every post now costs dozens of writes", because: "Writes cost more, but reads are what the p99 measures, and a read becomes one lookup." },
          { label: "It falls to about 5 ms", correct: true, because: "A read is now a single cache lookup instead of some 29 queries and a wait for the slowest." },
        ],
      },
      instruction: 'Twitter’s second approach: open Presets in the header and load “Twitter timeline: fan-out on write”. It starts running at once.',
      check: (ctx) => {
        const e = followersEdge(ctx);
        return e !== undefined && e.fanout.type === 'followers' && e.fanout.skipAbove === undefined && ranFor(5)(ctx);
      },
      highlight: ['presets'],
      notice:
        'Now the work is done when a post is written: it is pushed into the cached home timeline of every follower, so a read is a single cache lookup — timeline p99 falls to about 5 ms. The cost moves to writes, and unevenly: a post reaches 74 followers on average (about 3,400 writes/s in the long run), but most reach a few dozen and a celebrity’s reaches millions.',
      readout: (ctx) => {
        const t = op(ctx, 'timeline');
        const e = followersEdge(ctx);
        const w = e && edgeResult(ctx, e.id);
        return t && w ? `Timeline p99 ${ms(t.latencyMs.p99)}; timeline writes ${perSec(w.callsPerSec)}.` : undefined;
      },
    },
    {
      predict: {
        question: "Some way into the second minute a celebrity posts: some 85,000 timeline writes at once. Which timeline read numbers move?",
        choices: [
          { label: "All of them: p50 jumps along with the tail", because: "Most reads never meet the busy cache: the median stays put." },
          { label: "Only the tail: p99.9 jumps from about 7 ms to 80 ms while p50 stays under 1 ms", correct: true, because: "Only the reads that arrive while the cache is busy delivering the celebrity’s post wait — a few in a thousand." },
          { label: "None: the writes go to another node", because: "The writes land in the same home timeline cache the reads use." },
        ],
      },
      instruction: 'Let it run until the clock in the header passes two simulated minutes, watching the timeline writes on the “Load per edge” chart and the p99.9 line of the timeline chart.',
      check: ranFor(120),
      highlight: ['charts.edges', 'charts.latency'],
      notice:
        'Some way into the second minute a celebrity posts: one post, some 85,000 timeline writes at once. Delivering it to every follower takes about 180 ms instead of 1–3 ms (Twitter aimed for 5 seconds at full scale), and the reads that meet the busy cache wait: timeline p99.9 jumps from about 7 ms to 80 ms, while p50 stays under 1 ms.',
      readout: (ctx) => {
        const e = followersEdge(ctx);
        const d = e && edgeResult(ctx, e.id)?.deliveryMs;
        const t = op(ctx, 'timeline');
        return d && t ? `Slowest delivery so far ${ms(d.max)}; timeline p50 ${ms(t.latencyMs.p50)}, p99.9 ${ms(t.latencyMs.p999)}.` : undefined;
      },
    },
    {
      instruction: 'Now what Twitter settled on: load the preset “Twitter timeline: hybrid” from Presets.',
      check: (ctx) => {
        const e = followersEdge(ctx);
        return e?.fanout.type === 'followers' && e.fanout.skipAbove !== undefined && ctx.scenario.edges.some((x) => x.fanout.type === 'celebrityFollowees');
      },
      highlight: ['presets'],
      notice:
        'Ordinary accounts’ posts are still fanned out on write, but accounts above 10,000 followers are skipped: each read fetches their posts and merges them in (the edge marked “× celebrities > 10k”, about 3 fetches per read). Timeline writes drop by about 40%, to some 2,000/s, the celebrity spikes are gone, and reads cost a little more than with pure fan-out on write (p99 about 9 ms instead of 5).',
      readout: (ctx) => mergeReadout(ctx),
    },
    {
      instruction:
        'Lower the celebrity threshold to 1,000 followers: in Followers (in the header), or on both edges — “× followers ≤ 10k” (Skip authors above) and “× celebrities > 10k” (Celebrity threshold).',
      check: (ctx) => {
        const e = followersEdge(ctx);
        const merge = ctx.scenario.edges.find((x) => x.fanout.type === 'celebrityFollowees');
        return e?.fanout.type === 'followers' && (e.fanout.skipAbove ?? Infinity) <= 1500 && merge?.fanout.type === 'celebrityFollowees' && merge.fanout.threshold <= 1500;
      },
      highlight: ['followers', 'edge:timeline-writes', 'edge:merge-celebrities'],
      notice:
        'A lower threshold moves work from writes to reads: timeline writes fall from about 2,000/s to 1,500/s, but every read now fetches about 6 celebrities instead of 3, and the posts database works twice as hard. Where to draw the line trades one load parameter against the other — the heart of the fan-out dilemma.',
      readout: (ctx) => mergeReadout(ctx),
    },
    {
      instruction: 'Now see all three at once: press Open Compare and run — it runs fan-out on read, the hybrid and fan-out on write on the same seed for two simulated minutes.',
      compare: TIMELINE_COMPARISON,
      check: compared(TIMELINE_COMPARISON),
      highlight: ['compare', 'compare.results'],
      notice:
        'One table, one seed, the whole dilemma: fan-out on read writes least and reads slowest; fan-out on write reads fastest, writes most, and its write load spikes whenever a celebrity posts; the hybrid sits between — faster reads than fan-out on read, fewer writes than fan-out on write, and no celebrity spikes. None of them is best on every row: which one wins depends on which load parameter your system has most of.',
    },
  ],
  recap: [
    'Fan-out on read makes reads pay (one query per account followed); fan-out on write makes posts pay (one write per follower).',
    'Followers follow a power law: a celebrity post is one post and millions of writes, a spike in the write load.',
    'The hybrid fans ordinary posts out on write and merges celebrities in on read; its threshold trades write load against read load.',
  ],
};

const responseTime: Lesson = {
  id: 'response-time',
  title: 'Response time and latency',
  goal: 'Tell response time from service time and latency, and see queueing delay grow with load.',
  minutes: 3,
  scenario: { preset: 'mm1' },
  steps: [
    {
      instruction: 'One server needs 10 ms per request on average, and 80 requests arrive per second. Press Play.',
      check: ranFor(20),
      highlight: ['run.play', 'charts.latency'],
      notice:
        'The mean response time is about 45 ms after two simulated minutes (queueing theory’s long-run value is 50 ms) — four to five times the 10 ms of work. The rest is queueing: the request waits while the server handles earlier ones. Response time is what the client sees (service + waiting + network); latency is the time a request is latent, waiting to be handled.',
      readout: (ctx) => {
        const r = op(ctx, 'request');
        const s = nodeResult(ctx, 'server');
        return r && s ? `Mean response ${ms(r.latencyMs.mean)}, of which waiting ${ms(s.waitMs.mean)}; server ${percent(s.utilization)} busy.` : undefined;
      },
    },
    {
      predict: {
        question: "The load grows by 12%, from 80 to 90 requests/s; the server still needs 10 ms per request. What does the mean response time (about 45 ms) do?",
        choices: [
          { label: "It stays the same: the service time did not change", because: "The work per request is the same, but each request waits behind more of the others." },
          { label: "It grows by about 12%, like the load", because: "Waiting does not grow in proportion: it grows like 1/(1 − utilization)." },
          { label: "It grows by more than half, to about 75 ms, heading for 100 ms", correct: true, because: "One server at 90% busy: 1/(μ − λ) = 1/(100 − 90) s = 100 ms in the long run. Every extra millisecond is waiting." },
        ],
      },
      instruction: 'Select “Clients” and raise the rate from 80 to 90 requests/s.',
      check: (ctx) => {
        const r = rate(ctx, 'clients') ?? 0;
        return r >= 88 && r < 100 && param(ctx, 'server', 'servers') === 1;
      },
      highlight: ['node:clients', 'inspector'],
      notice:
        '12% more load, and the mean response time grows by more than half: about 75 ms after two simulated minutes, and still climbing toward the 100 ms queueing theory predicts for one server, 1/(μ − λ) = 1/(100 − 90) s. The service time did not change at all — every extra millisecond is waiting.',
      readout: (ctx) => {
        const r = op(ctx, 'request');
        return r ? `Mean response ${ms(r.latencyMs.mean)}, p99 ${ms(r.latencyMs.p99)}.` : undefined;
      },
    },
    {
      instruction: 'Give the server a second worker: select “Server” and set Servers to 2.',
      check: (ctx) => (param(ctx, 'server', 'servers') ?? 0) >= 2,
      highlight: ['node:server', 'inspector'],
      notice:
        'Two servers share one queue: utilization halves and waiting almost disappears — response time falls to about 12 ms, close to the 10 ms of service. Headroom buys response time; running hot costs it.',
      readout: (ctx) => {
        const r = op(ctx, 'request');
        const s = nodeResult(ctx, 'server');
        return r && s ? `Mean response ${ms(r.latencyMs.mean)}, of which waiting ${ms(s.waitMs.mean)}; server ${percent(s.utilization)} busy.` : undefined;
      },
    },
  ],
  recap: [
    'Response time = network + waiting + service; only the service is the work itself.',
    'Waiting grows like 1/(1 − utilization): 12% more load can cost far more than 12% more time.',
    'Headroom — a second server — buys response time back.',
  ],
};

const percentilesInline = {
  version: 1,
  name: 'Percentiles: a page backed by a database',
  seed: 1,
  durationSec: 600,
  warmupSec: 5,
  nodes: [
    { id: 'users', kind: 'client', label: 'Users', position: { x: 0, y: 80 }, params: { op: 'page', arrival: { type: 'poisson', ratePerSec: 200 } } },
    { id: 'api', kind: 'service', label: 'API', position: { x: 320, y: 80 }, params: { servers: 8, serviceTimeMs: { type: 'exponential', meanMs: 2 } } },
    { id: 'db', kind: 'database', label: 'Database', position: { x: 640, y: 80 }, params: { servers: 16, serviceTimeMs: { type: 'lognormal', medianMs: 5, p99Ms: 50 } } },
  ],
  edges: [
    { id: 'users-api', source: 'users', target: 'api' },
    { id: 'api-db', source: 'api', target: 'db' },
  ],
} as const;

const percentiles: Lesson = {
  id: 'percentiles',
  title: 'Percentiles: why not the mean',
  goal: 'Read p50, p99 and p99.9, and see why averages hide the slow requests.',
  minutes: 3,
  scenario: { inline: percentilesInline as never },
  steps: [
    {
      instruction: 'Press Play and look at the latency histogram.',
      check: ranFor(20),
      highlight: ['run.play', 'charts.histogram'],
      notice:
        'Response times are not all alike: they spread from under 1 ms to over 100 ms (the histogram’s axis is logarithmic). The median (p50, about 7 ms) is the typical page — half are faster. The mean (about 10 ms) sits above it, pulled up by the slow ones: it is not what a typical user experiences.',
      readout: (ctx) => {
        const p = op(ctx, 'page');
        return p ? `Mean ${ms(p.latencyMs.mean)}, p50 ${ms(p.latencyMs.p50)}, p99 ${ms(p.latencyMs.p99)}, p99.9 ${ms(p.latencyMs.p999)}.` : undefined;
      },
    },
    {
      instruction: 'Find the p99 and p99.9 lines on the “Response time · page” chart, then press Next.',
      highlight: ['charts.latency'],
      notice:
        'One page in 100 is slower than p99 (about 50 ms), one in 1,000 slower than p99.9. These tail latencies matter: the slowest requests often come from the most valuable users — those with the most data — which is why Amazon sets its targets at p99.9.',
    },
    {
      predict: {
        question: "The database’s p99 goes from 50 ms to 500 ms, its median stays 5 ms. What happens to the median page (about 7 ms)?",
        choices: [
          { label: "It barely moves", correct: true, because: "The median page meets a typical query: 7.3 → 7.5 ms. The change is all in the tail — and the mean, pulled up by it." },
          { label: "It doubles", because: "Half the pages are still faster than a typical query; only the slow few got slower." },
          { label: "It grows tenfold, like the p99", because: "The p99 describes one page in a hundred, not the typical one." },
        ],
      },
      instruction: 'Make the database unpredictable: select “Database” and raise its service time p99 from 50 ms to 500 ms (the median stays 5 ms).',
      check: (ctx) => {
        const db = node(ctx, 'db');
        if (db?.kind !== 'database' || db.params.serviceTimeMs.type !== 'lognormal') return false;
        return db.params.serviceTimeMs.p99Ms >= 300 && db.params.serviceTimeMs.medianMs <= 6;
      },
      highlight: ['node:db', 'inspector'],
      notice:
        'The median barely moves (7.3 → 7.5 ms). The mean almost quadruples, p99 is ten times higher and p99.9 passes two seconds. An average would have told you “a bit slower”; the percentiles show that one user in a hundred now waits half a second.',
      readout: (ctx) => {
        const p = op(ctx, 'page');
        return p ? `Now: p50 ${ms(p.latencyMs.p50)}, mean ${ms(p.latencyMs.mean)}, p99 ${ms(p.latencyMs.p99)}, p99.9 ${ms(p.latencyMs.p999)}.` : undefined;
      },
    },
  ],
  recap: [
    'The median is the typical request; the mean is pulled up by slow ones and describes nobody.',
    'p99 and p99.9 describe the tail: one request in a hundred, in a thousand — often your most valuable users.',
    'A slower tail can leave the median unchanged: watch the percentiles, not the average.',
  ],
};

const tailAmplification: Lesson = {
  id: 'tail-amplification',
  title: 'Tail latency amplification',
  goal: 'See why a request that waits for many backends is slow far more often than any one backend.',
  minutes: 3,
  scenario: { preset: 'tail-at-scale' },
  steps: [
    {
      predict: {
        question: "A leaf is slow (one second) only 1% of the time, and a search waits for all 100 of its leaves. How often will a search be slow?",
        choices: [
          { label: "About 1% of the time, like a leaf", because: "That holds for one leaf; a search needs all 100 to be fast." },
          { label: "About 10% of the time", because: "That is what 10 leaves give: 1 − 0.99¹⁰." },
          { label: "Most of the time: about 63% of searches — the median search takes a second", correct: true, because: "1 − 0.99¹⁰⁰ = 63%: with 100 leaves, meeting at least one slow one is the norm." },
        ],
      },
      instruction: 'Each search fans out to 100 leaf servers. A leaf answers in about 10 ms, and is slow (one second) only 1% of the time. Press Play.',
      check: ranFor(30),
      highlight: ['run.play', 'edge:root-leaves'],
      notice:
        'Yet the median search takes a full second. A search waits for its slowest leaf, and with 100 leaves 1 − 0.99¹⁰⁰ = 63% of searches meet at least one slow one. This is tail latency amplification, from Dean and Barroso’s “The Tail at Scale”.',
      readout: (ctx) => {
        const s = op(ctx, 'search');
        return s ? `Search p50 ${ms(s.latencyMs.p50)}, p99 ${ms(s.latencyMs.p99)}.` : undefined;
      },
    },
    {
      instruction: 'Select the edge from “Root server” to “100 leaf servers” (click its “×100” label) and lower Calls per request from 100 to 10.',
      check: (ctx) => {
        const e = edge(ctx, 'root-leaves');
        return e?.fanout.type === 'fixed' && e.fanout.n <= 10;
      },
      highlight: ['edge:root-leaves', 'inspector'],
      notice:
        'With 10 leaves only 1 − 0.99¹⁰ ≈ 10% of searches meet a slow leaf: the median drops back to about 17 ms and even p90 is fast (about 26 ms); the one-second tail now shows only from p95 up. The more backends a request needs, the more the rare slow one dominates what users see.',
      readout: (ctx) => {
        const s = op(ctx, 'search');
        return s ? `Now p50 ${ms(s.latencyMs.p50)}, p90 ${ms(s.latencyMs.p90)}, p99 ${ms(s.latencyMs.p99)}.` : undefined;
      },
    },
    {
      instruction: 'Set the calls per request back to 100. While it runs, think: what could a root server do instead of waiting for every leaf?',
      check: (ctx) => {
        const e = edge(ctx, 'root-leaves');
        return e?.fanout.type === 'fixed' && e.fanout.n >= 100;
      },
      notice:
        'Real systems answer with what arrived in time, or send a hedged second request to another replica after a short delay: the first answer wins. Either way the slow 1% stops deciding the median.',
    },
  ],
  recap: [
    'A request that waits for many backends is as slow as the slowest of them.',
    'With n calls, the chance that one of them is in its own 1% tail is 1 − 0.99ⁿ: at 10 calls, almost 1 in 10.',
    'The more a request fans out, the more the tail of one backend becomes the typical case.',
  ],
};

/** The sweep's low-load points (seed 1, 20 s each) the chart prediction shows: p99 at 5 to 54 requests/s. */
const SWEEP_KNOWN_POINTS = [
  { x: 5, y: 59 },
  { x: 10, y: 42 },
  { x: 20, y: 64 },
  { x: 39, y: 88 },
  { x: 54, y: 89 },
];

const throughput: Lesson = {
  id: 'throughput',
  title: 'Throughput and the hockey stick',
  goal: 'See how response time explodes as utilization approaches 1, and what happens beyond it.',
  minutes: 3,
  scenario: { preset: 'mm1' },
  steps: [
    {
      instruction: 'Press Play: 80 requests/s on a server that can do 100/s.',
      check: ranFor(20),
      highlight: ['run.play', 'charts.throughput'],
      notice: 'Throughput matches the arrival rate, 80/s: everything that arrives gets served. The server is about 80% busy and the mean response time is about 45 ms (50 ms in the long run) — 10 ms of work, the rest waiting.',
      readout: (ctx) => {
        const r = op(ctx, 'request');
        const s = nodeResult(ctx, 'server');
        return r && s ? `Throughput ${perSec(r.throughputPerSec)}; server ${percent(s.utilization)} busy; mean ${ms(r.latencyMs.mean)}.` : undefined;
      },
    },
    {
      predict: {
        question: 'The sweep runs the server at ten loads from 5 to 105 requests/s, 20 s each; up to 54/s its p99 stays under 90 ms (the dots). Where will p99 be at 105/s, just past the 100/s the server can do?',
        chart: {
          xLabel: 'Load, requests/s',
          yLabel: 'p99 response time, log scale',
          unit: 'ms',
          logY: true,
          known: SWEEP_KNOWN_POINTS,
          at: { x: 105, label: '105/s' },
          xMax: 110,
          measured: (lab) => (lab.sweep.parameterId === 'rate:clients' ? lab.sweep.points.flatMap((p) => (p.p99 !== undefined ? [{ x: p.value, y: p.p99 }] : [])) : []),
        },
        choices: [
          { label: 'About 100 ms: a little above the rest', y: 100, because: 'Below capacity, more load adds a little waiting; past it, the queue never empties.' },
          { label: 'About 300 ms: three times worse', y: 300, because: 'That is roughly where 90–95% busy lands; past 100% the queue grows for the whole run.' },
          { label: 'About 1.5 s: the hockey stick', y: 1500, correct: true, because: 'Five more requests arrive each second than the server can finish: after 20 s some 100 wait, a second and more of work ahead of each newcomer. A longer run would wait longer still.' },
          { label: 'Over 15 s', y: 15000, because: 'The queue grows by 5 a second, so 20 s of overload builds about 1 s of waiting, not 15.' },
        ],
      },
      instruction: 'Draw the whole curve: open Sweep in the header — it offers to vary “Clients: rate” from 5 to 105 requests/s — and press Run the sweep.',
      check: (ctx) => {
        const sw = ctx.lab.sweep;
        const done = sw.points.filter((p) => p.status === 'done' && p.p99 !== undefined);
        return sw.status === 'done' && sw.parameterId === 'rate:clients' && done.length >= 5 && done.some((p) => p.value >= 100) && done.some((p) => p.value <= 20);
      },
      highlight: ['sweep'],
      settleSec: 0,
      notice:
        'Flat, flat, then the hockey stick: p99 stays under 90 ms from 5 to 54 requests/s, reaches about 160 ms at 75/s and about 1.5 s at 105/s. Queueing delay grows like 1/(1 − utilization): the last few percent of capacity are the most expensive, and past 100% there is no steady state at all — the longer the overload lasts, the longer the wait.',
      readout: (ctx) => {
        const pts = ctx.lab.sweep.points.filter((p) => p.p99 !== undefined);
        if (pts.length === 0) return undefined;
        return pts.map((p) => `${Math.round(p.value)}/s → ${ms(p.p99)}`).join(' · ');
      },
    },
    {
      predict: {
        question: "The server can do 100 requests/s and 110/s now arrive. What does throughput do?",
        choices: [
          { label: "It rises to 110/s, like the arrivals", because: "A server cannot finish more than its capacity, however many arrive." },
          { label: "It flattens at 100/s while the queue grows every second", correct: true, because: "Beyond capacity, 10 requests a second pile up: the queue and the response times grow for as long as the overload lasts." },
          { label: "It collapses towards zero", because: "The server keeps working at full speed; it just cannot keep up." },
        ],
      },
      instruction: 'Now push it past the edge: set the Rate to 110 requests/s.',
      check: (ctx) => (rate(ctx, 'clients') ?? 0) > 100,
      highlight: ['node:server', 'charts.nodes'],
      notice:
        'The server cannot go faster than 100/s: throughput flattens at capacity, the queue grows every second and the node says “Overloaded — queue growing”. Response times climb into seconds and keep climbing for as long as the overload lasts. Throughput and response time are two sides of one curve.',
      readout: (ctx) => {
        const s = nodeResult(ctx, 'server');
        const r = op(ctx, 'request');
        return s && r ? `Server ${percent(s.utilization)} busy, ${Math.round(s.meanQueueLength).toLocaleString('en-US')} waiting on average; mean response ${ms(r.latencyMs.mean)}.` : undefined;
      },
    },
  ],
  recap: [
    'Throughput follows the arrival rate until it reaches capacity, then flattens.',
    'Response time against load is a hockey stick: flat at low load, steep near capacity.',
    'Past capacity there is no steady state: the queue and the waits grow for as long as the overload lasts.',
  ],
};

const scalingInline = {
  version: 1,
  name: 'Scaling up and out',
  seed: 1,
  durationSec: 600,
  warmupSec: 5,
  nodes: [
    { id: 'users', kind: 'client', label: 'Users', position: { x: 0, y: 120 }, params: { op: 'request', arrival: { type: 'poisson', ratePerSec: 250 } } },
    { id: 'lb', kind: 'loadBalancer', label: 'Load balancer', position: { x: 300, y: 120 }, params: { policy: 'roundRobin' } },
    { id: 'web-1', kind: 'service', label: 'Web server 1', position: { x: 600, y: 40 }, params: { servers: 4, serviceTimeMs: { type: 'exponential', meanMs: 14 } } },
    { id: 'db', kind: 'database', label: 'Database', position: { x: 920, y: 120 }, params: { servers: 12, serviceTimeMs: { type: 'lognormal', medianMs: 15, p99Ms: 60 } } },
  ],
  edges: [
    { id: 'users-lb', source: 'users', target: 'lb' },
    { id: 'lb-web-1', source: 'lb', target: 'web-1' },
    { id: 'web-1-db', source: 'web-1', target: 'db' },
  ],
} as const;

/** Services behind the load balancer, each wired to the database. */
function webServers(ctx: LessonContext): string[] {
  const backends = ctx.scenario.edges.filter((e) => e.source === 'lb').map((e) => e.target);
  return backends.filter((id) => node(ctx, id)?.kind === 'service' && ctx.scenario.edges.some((e) => e.source === id && e.target === 'db'));
}

function backendsWiredToDb(ctx: LessonContext): number {
  return webServers(ctx).length;
}

const scaling: Lesson = {
  id: 'scaling',
  title: 'Scaling up and scaling out',
  goal: 'Relieve a bottleneck with a faster machine or with more machines, and watch the bottleneck move.',
  minutes: 4,
  scenario: { inline: scalingInline as never },
  steps: [
    {
      instruction: 'Press Play, and watch the “Utilization per node” chart: which node is the bottleneck?',
      check: ranFor(20),
      highlight: ['run.play', 'charts.nodes'],
      notice: 'Web server 1 is about 87% busy and requests queue there: mean response time is about 50 ms, although the work itself takes 14 ms plus a 15 ms query.',
      readout: (ctx) => {
        const w = nodeResult(ctx, 'web-1');
        return w ? `Web server 1: ${percent(w.utilization)} busy, mean wait ${ms(w.waitMs.mean)}.` : undefined;
      },
    },
    {
      instruction: 'Scale up: select “Web server 1” and halve its mean service time to 7 ms (a machine twice as fast).',
      check: (ctx) => {
        const w = node(ctx, 'web-1');
        return w?.kind === 'service' && w.params.serviceTimeMs.type === 'exponential' && w.params.serviceTimeMs.meanMs <= 8;
      },
      highlight: ['node:web-1', 'inspector'],
      notice: 'Utilization halves and the queue vanishes: response time halves to about 25 ms. Scaling up — a more powerful machine — is simple, but fast machines get expensive quickly and one machine is still one machine.',
      readout: (ctx) => {
        const w = nodeResult(ctx, 'web-1');
        const r = op(ctx, 'request');
        return w && r ? `Web server 1: ${percent(w.utilization)} busy; mean response ${ms(r.latencyMs.mean)}.` : undefined;
      },
    },
    {
      instruction:
        'Scale out: select “Web server 1” and press Ctrl+D (⌘D on a Mac) for a copy, and drag the copy below the original. Then wire it in: drag from the dot on the right edge of “Load balancer” onto the copy, and from the copy’s right-hand dot onto “Database”.',
      check: (ctx) => backendsWiredToDb(ctx) >= 2,
      highlight: ['node:web-1', 'node:lb', 'canvas'],
      notice: 'The load balancer now alternates between two web servers: each gets half the requests and runs about 22% busy. Stateless servers like these scale out easily — add machines, share the load.',
      readout: (ctx) => {
        const busy = webServers(ctx).map((id) => nodeResult(ctx, id)?.utilization);
        return busy.length >= 2 && busy.every((u) => u !== undefined) ? `Web servers ${busy.map((u) => percent(u)).join(' and ')} busy.` : undefined;
      },
    },
    {
      predict: {
        question: "Two web servers behind the load balancer, one database. Traffic grows to 700 requests/s: which node becomes the bottleneck?",
        choices: [
          { label: "The web servers", because: "Two of them share the load: they run about 60% busy." },
          { label: "The database", correct: true, because: "It was not scaled out: every request still queries it, and it reaches 100% busy." },
          { label: "The load balancer", because: "It only forwards requests; it is not where the work is." },
        ],
      },
      instruction: 'Now grow the traffic: select “Users” and raise its Rate to 700 requests/s.',
      check: (ctx) => (rate(ctx, 'users') ?? 0) >= 650 && backendsWiredToDb(ctx) >= 2,
      highlight: ['node:users', 'node:db', 'charts.nodes'],
      notice:
        'The web tier copes (about 60% busy), but the database is now at 100%: its queue grows and response times climb into seconds. The bottleneck moved to the one component that was not scaled out — the stateful one. Scaling a database is much harder, which is what DDIA’s later chapters on replication and partitioning are about.',
      readout: (ctx) => {
        const db = nodeResult(ctx, 'db');
        return db ? `Database ${percent(db.utilization)} busy, mean queue ${db.meanQueueLength.toFixed(0)} requests.` : undefined;
      },
    },
  ],
  recap: [
    'Scaling up (a faster machine) and scaling out (more machines) both relieve a bottleneck.',
    'Relieve one bottleneck and the next one shows: the database, once the web tier keeps up.',
    'A load balancer spreads requests; it cannot make the shared part behind it faster.',
  ],
};

const cachingInline = {
  version: 1,
  name: 'Caching: a cache in front of a small database',
  seed: 1,
  durationSec: 600,
  warmupSec: 5,
  nodes: [
    { id: 'readers', kind: 'client', label: 'Readers', position: { x: 0, y: 0 }, params: { op: 'read', arrival: { type: 'poisson', ratePerSec: 400 } } },
    { id: 'writers', kind: 'client', label: 'Writers', position: { x: 0, y: 200 }, params: { op: 'write', arrival: { type: 'poisson', ratePerSec: 40 } } },
    { id: 'api', kind: 'service', label: 'API', position: { x: 320, y: 100 }, params: { servers: 8, serviceTimeMs: { type: 'exponential', meanMs: 2 } } },
    { id: 'cache', kind: 'cache', label: 'Cache', position: { x: 640, y: 0 }, params: { hitRatio: 0.9, hitTimeMs: { type: 'constant', valueMs: 1 }, servers: 64 } },
    { id: 'db', kind: 'database', label: 'Database', position: { x: 960, y: 100 }, params: { servers: 3, serviceTimeMs: { type: 'lognormal', medianMs: 5, p99Ms: 50 } } },
  ],
  edges: [
    { id: 'readers-api', source: 'readers', target: 'api' },
    { id: 'writers-api', source: 'writers', target: 'api' },
    { id: 'api-cache', source: 'api', target: 'cache', ops: ['read'] },
    { id: 'cache-db', source: 'cache', target: 'db' },
    { id: 'api-db', source: 'api', target: 'db', ops: ['write'] },
  ],
} as const;

const caching: Lesson = {
  id: 'caching',
  title: 'Caching and the miss path',
  goal: 'See what a hit ratio buys, and what the misses still cost.',
  minutes: 3,
  scenario: { inline: cachingInline as never },
  steps: [
    {
      instruction: 'Press Play. Reads go through a cache; writes go straight to the database.',
      check: ranFor(20),
      highlight: ['run.play', 'node:cache'],
      notice: '9 reads in 10 are cache hits, answered in about 1 ms. Only the misses — 40/s — reach the database, plus 40 writes/s: the database is about 20% busy.',
      readout: (ctx) => {
        const miss = edgeResult(ctx, 'cache-db');
        const db = nodeResult(ctx, 'db');
        return miss && db ? `Misses reaching the database: ${perSec(miss.callsPerSec)}; database ${percent(db.utilization)} busy.` : undefined;
      },
    },
    {
      predict: {
        question: "400 reads/s; with a hit ratio of 0.9, 40 misses/s reach the database. At a hit ratio of 0.3, how many misses?",
        choices: [
          { label: "About 120/s: three times as many", because: "The misses are 1 − hit ratio: 10% becomes 70%." },
          { label: "About 280/s: seven times as many", correct: true, because: "70% of 400 reads: the misses jump sevenfold, and the small database goes from 20% to about 86% busy." },
          { label: "About 90/s", because: "Compare the miss ratios, not the hit ratios: 0.1 → 0.7." },
        ],
      },
      instruction: 'Select “Cache” and lower its hit ratio to 0.3 (a cold cache, or one too small for the working set).',
      check: (ctx) => (param(ctx, 'cache', 'hitRatio') ?? 1) <= 0.35,
      highlight: ['node:cache', 'inspector', 'node:db'],
      notice:
        'Misses jump sevenfold, to 280/s. The small database goes from 20% to about 86% busy, and read p99 climbs from about 20 ms to well over 100 ms. A cache is first of all a shield for the database: its hit ratio is a capacity parameter, not just a speed-up.',
      readout: (ctx) => {
        const r = op(ctx, 'read');
        const db = nodeResult(ctx, 'db');
        return r && db ? `Read p99 ${ms(r.latencyMs.p99)}; database ${percent(db.utilization)} busy.` : undefined;
      },
    },
    {
      instruction: 'Now raise the cache’s Hit ratio to 0.99.',
      check: (ctx) => (param(ctx, 'cache', 'hitRatio') ?? 0) >= 0.985,
      highlight: ['node:cache', 'inspector'],
      notice:
        'Only 4 misses/s reach the database and read p99 drops to about 11 ms. But the tail of reads is still the miss path: p99.9 is a database query. And a cache holds copies: writes change the database, so a cached value can be stale until it is invalidated or expires. Keeping derived data — caches, indexes — in sync is one of DDIA’s recurring themes.',
      readout: (ctx) => {
        const miss = edgeResult(ctx, 'cache-db');
        const r = op(ctx, 'read');
        return miss && r ? `Misses ${perSec(miss.callsPerSec)}; read p99 ${ms(r.latencyMs.p99)}, p99.9 ${ms(r.latencyMs.p999)}.` : undefined;
      },
    },
  ],
  recap: [
    'A cache answers hits cheaply and passes misses on: the database sees only the misses.',
    'The miss path still costs: the response time mixes fast hits with slow misses.',
    'Going from 90% to 99% hits divides the database load by ten — the last percent matter most.',
  ],
};

const queuesInline = {
  version: 1,
  name: 'Queues: absorbing work asynchronously',
  seed: 1,
  durationSec: 600,
  warmupSec: 0,
  nodes: [
    { id: 'producers', kind: 'client', label: 'Producers', position: { x: 0, y: 80 }, params: { op: 'job', arrival: { type: 'poisson', ratePerSec: 150 } } },
    { id: 'api', kind: 'service', label: 'API', position: { x: 320, y: 80 }, params: { servers: 4, serviceTimeMs: { type: 'exponential', meanMs: 2 } } },
    { id: 'jobs', kind: 'queue', label: 'Job queue', position: { x: 640, y: 80 }, params: { enqueueTimeMs: { type: 'constant', valueMs: 1 }, consumers: 1 } },
    { id: 'workers', kind: 'service', label: 'Workers', position: { x: 960, y: 80 }, params: { servers: 4, serviceTimeMs: { type: 'exponential', meanMs: 8 } } },
  ],
  edges: [
    { id: 'producers-api', source: 'producers', target: 'api' },
    { id: 'api-jobs', source: 'api', target: 'jobs', mode: 'async' },
    { id: 'jobs-workers', source: 'jobs', target: 'workers' },
  ],
} as const;

const queues: Lesson = {
  id: 'queues',
  title: 'Queues: absorbing load asynchronously',
  goal: 'See a queue decouple producers from consumers, watch consumer lag, and bound it.',
  minutes: 4,
  scenario: { inline: queuesInline as never },
  steps: [
    {
      instruction: 'Press Play. The API puts each job on a queue and answers at once; one consumer feeds the workers.',
      check: ranFor(30),
      highlight: ['run.play', 'node:jobs'],
      notice:
        'Producers get their answer in about 2 ms — they never wait for the work. Behind the queue, one consumer handles a job at a time (about 8 ms each, so at most ~125/s) while 150/s arrive: the backlog grows every second. The queue absorbs the difference, for now — its wait for a consumer is the consumer lag.',
      readout: (ctx) => {
        const j = op(ctx, 'job');
        const q = nodeResult(ctx, 'jobs');
        return j && q ? `Producers: p99 ${ms(j.latencyMs.p99)}. Queue: ${q.meanQueueLength.toFixed(0)} waiting on average, lag ${ms(q.waitMs.mean)}.` : undefined;
      },
    },
    {
      instruction: 'Select “Job queue” and raise Consumers to 2.',
      check: (ctx) => (param(ctx, 'jobs', 'consumers') ?? 0) >= 2,
      highlight: ['node:jobs', 'inspector'],
      notice: 'Two consumers can deliver about 250 jobs/s, more than arrive: the backlog stays near zero and the lag falls to a few milliseconds. A queue smooths bursts, but it cannot create capacity: on average, consumers must keep up.',
      readout: (ctx) => {
        const q = nodeResult(ctx, 'jobs');
        return q ? `Queue: ${q.meanQueueLength.toFixed(1)} waiting on average, lag ${ms(q.waitMs.mean)}.` : undefined;
      },
    },
    {
      predict: {
        question: "With one consumer the queue cannot keep up, and now it holds at most 100 messages. When it is full, do the producers see errors?",
        choices: [
          { label: "Yes: about 25 of their requests a second fail", because: "The queue drops about 25 jobs a second, but nobody tells the producers." },
          { label: "No: the jobs are dropped, but the API does not wait for the enqueue", correct: true, because: "The call to the queue is asynchronous: the producers get their answer before the queue refuses the job." },
          { label: "No: a full queue makes the producers wait", because: "That would be backpressure, which needs a synchronous call — the next step." },
        ],
      },
      instruction: 'Now set Consumers back to 1, and give the queue a Capacity of 100 messages: untick “unbounded” under Capacity, then type 100.',
      check: (ctx) => param(ctx, 'jobs', 'consumers') === 1 && (param(ctx, 'jobs', 'capacity') ?? Infinity) <= 200,
      highlight: ['node:jobs', 'inspector'],
      notice:
        'The backlog stops at 100: the queue now rejects what it cannot hold — about 25 jobs/s are dropped. The producers still see no error, because the API fires the enqueue and does not wait. An in-memory queue (Redis-style) must be bounded like this; a log such as Kafka keeps messages on disk, retained and replayable, and lets consumers fall far behind.',
      readout: (ctx) => {
        const q = nodeResult(ctx, 'jobs');
        return q ? `Dropped so far: ${Math.round(q.dropped).toLocaleString('en-US')} messages.` : undefined;
      },
    },
    {
      instruction: 'Select the edge from “API” to “Job queue” (click its “async” label) and switch Call from Async to Sync.',
      check: (ctx) => edge(ctx, 'api-jobs')?.mode === 'sync' && (param(ctx, 'jobs', 'capacity') ?? Infinity) <= 200,
      highlight: ['edge:api-jobs', 'inspector'],
      notice:
        'Now the API waits for the broker to accept each job, so a full queue fails the producer’s request: about 25 errors a second appear on the throughput chart. That is backpressure — the producers learn that the system is overloaded and can slow down or retry.',
      readout: (ctx) => {
        const j = op(ctx, 'job');
        return j && j.count > 0 ? `Producers: ${perSec(j.throughputPerSec)} ok, ${percent(j.errors / j.count)} of requests failed.` : undefined;
      },
    },
  ],
  recap: [
    'A queue decouples producers from consumers: the producer is answered when the message is accepted.',
    'Consumer lag is how long messages wait: it grows when consumers cannot keep up.',
    'More consumers, or a bound on the queue, keep the lag in check; an unbounded queue hides an overload.',
  ],
};

/** Every lesson, in the order of DDIA chapter 1. */
/** The users → API call of the retry storm, with its retry rule. */
function stormRetry(ctx: LessonContext) {
  return edge(ctx, 'users-api')?.retry;
}

function stormReadout(ctx: LessonContext): string | undefined {
  const g = op(ctx, 'get');
  const e = ctx.run.results?.edges['users-api'];
  if (!g || !e) return undefined;
  return `${g.count.toLocaleString('en-US')} requests, ${g.errors.toLocaleString('en-US')} failed, ${(e.attempts ?? e.calls).toLocaleString('en-US')} attempts; ${perSec(g.throughputPerSec)} succeeded on average.`;
}

function faultReadout(ctx: LessonContext): string | undefined {
  const r = ctx.run.results;
  const g = r?.ops.get;
  if (!r || !g || g.count === 0) return undefined;
  const down = r.nodes['replica-a']?.downSec;
  return `${percent(g.errors / g.count)} of ${g.count.toLocaleString('en-US')} requests failed${down !== undefined ? `; Replica A down ${percent(down / r.simulatedSec)} of the time` : ''}.`;
}

const faultsAndFailures: Lesson = {
  id: 'faults-and-failures',
  title: 'Faults and failures: redundancy',
  goal: 'Tell a fault (one part deviating from its spec) from a failure (the system no longer serving its users), and see redundancy keep the first from becoming the second.',
  minutes: 4,
  scenario: { preset: 'random-faults-one' },
  steps: [
    {
      instruction: 'Replica A crashes at random: on average every 30 s, for 5 s each time (its MTBF and MTTR; the bands on the charts). Set the speed to Max, press Play and let the 15 minutes run.',
      check: ranFor(890),
      highlight: ['run.speed', 'run.play'],
      notice:
        'Replica A was down 16% of this run (in the long run MTTR ÷ (MTBF + MTTR) = 5 ÷ 35 = 14%), and about 16% of the requests failed with it — cause “down”: the retry had nowhere else to go. A fault became a failure the users see, because nothing covered for it.',
      readout: faultReadout,
    },
    {
      predict: {
        question: "Each replica is down about 14% of the time, independently, and a failed call is retried on the other. What share of requests will fail?",
        choices: [
          { label: "About 14%, as before", because: "A request now fails only if the replica its retry goes to is down too." },
          { label: "About 7%: half as many", because: "Two replicas do not halve the failures, they square the chance: 0.14²." },
          { label: "Under about 2%: only when both replicas are down at once", correct: true, because: "0.14² ≈ 2% in the long run; this run measures about 1.4%. Redundancy turns most faults into non-failures." },
        ],
      },
      // Its notice quotes the whole run's failures: it is done when the run nears its end.
      settleSec: 890,
      instruction: 'Open Presets and choose “Random crashes: two replicas and a retry”: Replica B fails the same way, independently. Let it run to the end.',
      check: (ctx) => node(ctx, 'replica-b') !== undefined && edge(ctx, 'lb-b') !== undefined,
      highlight: ['presets'],
      notice:
        'Now only about 1.4% of the requests fail: one fails only when both replicas are down at once (in the long run about 0.14² = 2%), since the retry goes to the replica still up. Redundancy turns faults into non-failures: that is fault tolerance.',
      readout: faultReadout,
    },
    {
      instruction: 'Faults at scale are routine. Read on, then press Next.',
      notice:
        'Hard disks have a mean time to failure of 10 to 50 years, yet in a cluster of 10,000 disks about one dies every day (10,000 ÷ (27 years × 365 days) ≈ 1). So systems are built to tolerate the loss of a machine rather than to prevent it — and breaking one on purpose (select a component and press B) is how you find out whether yours does.',
    },
  ],
  recap: [
    'A fault is one component deviating from its spec; a failure is the system as a whole no longer serving its users.',
    'Redundancy keeps a fault from becoming a failure: a second replica carries the load while one is down.',
    'Faults are normal at scale — with a 10–50 year MTTF, a 10,000-disk cluster loses about one disk a day.',
  ],
};

const retryStorms: Lesson = {
  id: 'retry-storms',
  title: 'Retry storms: when a fault outlives itself',
  goal: 'See how retries turn a 2-second pause into a lasting outage, and what stops them: no retries, or a retry budget.',
  minutes: 4,
  scenario: { preset: 'retry-storm' },
  steps: [
    {
      predict: {
        question: "The API can serve 1,000 requests/s and gets 800/s. After its 2 s pause ends, the API…",
        choices: [
          { label: "recovers within seconds: the pause is over", because: "That is what happens without retries (next step). Here every timed-out call comes back up to three more times." },
          { label: "stays down for the rest of the run", correct: true, because: "The retries offer some 3,200 attempts a second against a capacity of 1,000: the API stays busy with answers nobody waits for. A metastable failure." },
        ],
      },
      instruction: 'At 20 s the API pauses for 2 s (a long garbage-collection pause: the band on the charts). Callers give up after 200 ms and try again, up to 4 attempts. Press Play and watch the run to its end.',
      check: ranFor(60),
      highlight: ['run.play', 'charts.throughput'],
      notice:
        'Before the pause the API served 800 requests/s, about 80% busy. The pause lasted 2 s, yet the API never comes back: of about 96,000 requests in two minutes, about 80,000 fail, and in the last 30 s none succeeds. Every request now makes about 3.5 attempts (some 336,000 in all): 3,200/s offered against a capacity of 1,000/s. The API stays 96% busy, with answers nobody waits for any more. A fault of 2 s became a failure that outlives it — a metastable failure.',
      readout: stormReadout,
    },
    {
      // The pause is at 20–22 s, and the notice says what follows it.
      settleSec: 60,
      instruction: 'Select the edge from “Users” to “API” and press “Remove retries” in the inspector.',
      check: (ctx) => edge(ctx, 'users-api') !== undefined && (stormRetry(ctx) === undefined || stormRetry(ctx)!.maxAttempts <= 1),
      highlight: ['edge:users-api', 'inspector'],
      notice:
        'Without retries the same pause costs about 7,500 failed requests — those caught in it — and the API serves 800/s again within about 8 s of its end. The retries meant to hide a fault amplified it into an outage.',
      readout: stormReadout,
    },
    {
      // The pause is at 20–22 s, and the notice says what follows it.
      settleSec: 60,
      instruction: 'Add retries again (“Add retries”), then give them a retry budget of 0.1: retries may add at most 10% to the first attempts.',
      check: (ctx) => {
        const r = stormRetry(ctx);
        return r !== undefined && r.maxAttempts >= 2 && r.budget !== undefined && r.budget.ratio <= 0.2;
      },
      highlight: ['edge:users-api', 'inspector'],
      notice:
        'With the budget, retries still cover the odd lost request, but when everything fails at once they cannot multiply the load: about 14,000 failures, and the API is back at 800/s about 16 s after the pause, for under 2% more attempts than requests. Backoff with jitter alone would not do it: it spreads the retries out, but each one still comes — compare the preset “Retry storm, with backoff and jitter only”.',
      readout: stormReadout,
    },
  ],
  recap: [
    'Retries multiply the load exactly when a system is weakest: a 2-second pause can become a lasting outage.',
    'No retries, a retry budget, LIFO service or a circuit breaker let the system recover; backoff alone does not.',
    'A fault that outlives its trigger is a property of the whole system, not of the part that failed.',
  ],
};

const measuringLatency: Lesson = {
  id: 'measuring-latency',
  title: 'Measuring latency: coordinated omission',
  goal: 'See why response time must be measured at the client from when each request should have been sent, and why a load tester that waits for answers hides a stall.',
  minutes: 3,
  scenario: { preset: 'coordinated-omission' },
  steps: [
    {
      predict: {
        question: "At 30 s the API pauses for 2 s. Whose p99 will show the pause?",
        choices: [
          { label: "Both: they call the same API", because: "Both meet the pause, but the load tester sends only one request during it." },
          { label: "Only the users’", correct: true, because: "The users keep arriving and all wait for the pause; the load tester waits for its answer before sending the next, so its slow requests are never sent — coordinated omission." },
          { label: "Only the load tester’s: it sends every 10 ms", because: "It means to, but it waits for each answer first." },
        ],
      },
      instruction: 'Two clients call the same API: open-loop users (they arrive whether or not earlier requests were answered) and a load tester that sends every 10 ms, but only after its previous answer. At 30 s the API pauses for 2 s. Press Play and let the run finish.',
      check: ranFor(45),
      highlight: ['run.play', 'charts.latency'],
      notice:
        'The users’ p99 is about 1.5 s: everyone who arrived during the pause waited for it. The load tester’s p99 is about 9 ms, as if nothing had happened. While the API was paused it sent one request (which took 2 s) instead of the 200 it was meant to: its slow requests were never sent, so they were never measured. That is coordinated omission — the tester slowed down exactly when the system did.',
      readout: (ctx) => {
        const u = op(ctx, 'users');
        const t = op(ctx, 'tester');
        return u && t ? `Users p99 ${ms(u.latencyMs.p99)}; load tester p99 ${ms(t.latencyMs.p99)}.` : undefined;
      },
    },
    {
      instruction: 'Open the Table tab below the canvas and find the load tester’s “p99 from intended send” in the Failures table, then press Next.',
      highlight: ['results'],
      notice:
        'Measured from when each request should have been sent (every 10 ms), the tester’s p99 is about 1.7 s — what the users saw. Measure response time at the client, from the intended time: a benchmark that waits for answers flatters the system just when it is slow.',
      readout: (ctx) => {
        const t = op(ctx, 'tester');
        return t?.intendedLatencyMs ? `Load tester from the intended send time: p99 ${ms(t.intendedLatencyMs.p99)} (measured from the send: ${ms(t.latencyMs.p99)}).` : undefined;
      },
    },
    {
      // The stall is at 30–32 s: the new tester must have run through it.
      settleSec: 45,
      instruction: 'Select the load tester and change its “Load model” to Open: a rate, at 100 requests/s.',
      check: (ctx) => {
        const n = node(ctx, 'tester');
        return n?.kind === 'client' && n.params.arrival.type !== 'closed';
      },
      highlight: ['node:tester', 'inspector'],
      notice:
        'An open-loop tester keeps sending through the stall, like real users: its p99 is now about 1.2 s, of the same order as theirs. And a last trap: the p99 of two clients together is not the average of their p99s — percentiles come from all the requests (or merged histograms), never from averaging.',
      readout: (ctx) => {
        const t = op(ctx, 'tester');
        return t ? `Load tester p99 ${ms(t.latencyMs.p99)}.` : undefined;
      },
    },
  ],
  recap: [
    'Measure response time at the client, from when each request should have been sent.',
    'A load tester that waits for each answer stops sending during a stall, and its percentiles hide it (coordinated omission).',
    'Percentiles cannot be averaged: combine the histograms, not the p99s.',
  ],
};

const hedgedRequests: Lesson = {
  id: 'hedged-requests',
  title: 'Hedged requests: cutting the tail',
  goal: 'See how sending a second copy of a slow call — and taking whichever answers first — cuts tail latency for a few percent more work.',
  minutes: 3,
  scenario: { preset: 'tail-at-scale' },
  steps: [
    {
      instruction: 'The search from the tail-latency lesson: 100 leaves, each slow (one second) 1% of the time. Press Play.',
      check: ranFor(30),
      highlight: ['run.play', 'charts.latency'],
      notice: 'As before, the median search takes a full second: 63% of searches meet at least one slow leaf, and wait for it.',
      readout: (ctx) => {
        const s = op(ctx, 'search');
        return s ? `Search p50 ${ms(s.latencyMs.p50)}, p99 ${ms(s.latencyMs.p99)}.` : undefined;
      },
    },
    {
      predict: {
        question: "A leaf call that has not answered after 50 ms gets a second copy on another replica. How many more leaf calls does that cost?",
        choices: [
          { label: "About 1%", correct: true, because: "Only the slow 1% of calls are still waiting at 50 ms, so only they get a copy — and the median search falls from a second to about 60 ms." },
          { label: "About 10%", because: "Copies go only to calls still waiting after 50 ms, and only about 1% of leaf calls are that slow." },
          { label: "About 100%: every call is sent twice", because: "That would be sending every call twice; a hedge waits 50 ms first." },
        ],
      },
      instruction: 'Select the edge from “Root server” to “100 leaf servers” and press “Add hedging” in the inspector (a copy after 50 ms).',
      check: (ctx) => {
        const h = edge(ctx, 'root-leaves')?.hedge;
        return h !== undefined && h.afterMs <= 100;
      },
      highlight: ['edge:root-leaves', 'inspector'],
      notice:
        'A leaf call that has not answered after 50 ms gets a copy on another replica; the first answer wins and the other copy is dropped. The median search falls from a second to about 60 ms, for about 1% more leaf calls. The p99 is still a second: a search whose copy is slow too still waits.',
      readout: (ctx) => {
        const s = op(ctx, 'search');
        const e = ctx.run.results?.edges['root-leaves'];
        return s && e ? `Search p50 ${ms(s.latencyMs.p50)}, p99 ${ms(s.latencyMs.p99)}; ${(e.hedges ?? 0).toLocaleString('en-US')} copies for ${e.calls.toLocaleString('en-US')} calls.` : undefined;
      },
    },
    {
      instruction: 'Raise “Copies” to 2: a second copy after another 50 ms if neither has answered.',
      check: (ctx) => (edge(ctx, 'root-leaves')?.hedge?.maxHedges ?? 0) >= 2,
      highlight: ['edge:root-leaves', 'inspector'],
      notice:
        'Now even the p99 falls to about 80 ms, for still only about 1% more calls: a slow leaf is rare, so copies are rare. This is Dean and Barroso’s cure in “The Tail at Scale” — a few percent more work buys a much shorter tail, provided the copies do not overload the replicas.',
      readout: (ctx) => {
        const s = op(ctx, 'search');
        return s ? `Search p50 ${ms(s.latencyMs.p50)}, p99 ${ms(s.latencyMs.p99)}, p99.9 ${ms(s.latencyMs.p999)}.` : undefined;
      },
    },
  ],
  recap: [
    'A hedged request sends a second copy of a slow call and takes whichever answers first.',
    'Hedging after a high percentile cuts the tail for a few percent more work.',
    'It is the cure the tail-amplification lesson only named: fan-out makes the tail common, hedging makes it rare again.',
  ],
};

function jobsOf(ctx: LessonContext) {
  return ctx.run.results?.nodes.sort?.jobs;
}

const batchThroughput: Lesson = {
  id: 'batch-throughput',
  title: 'Batch jobs: throughput and the slowest task',
  goal: 'See that a batch job is as slow as its slowest task, and how backup tasks (MapReduce) cut the time of a job with stragglers.',
  minutes: 3,
  scenario: { preset: 'mapreduce-stragglers' },
  steps: [
    {
      instruction: 'A sort of 10⁹ records starts at 1,000 s: 15,000 tasks on 1,800 workers. Set the speed to Max and press Play; wait for the job to finish.',
      // The job starts at 1,000 s and, with its stragglers, ends before 3,400 s.
      check: ranFor(3400),
      highlight: ['run.speed', 'run.play'],
      notice:
        'The job takes about 2,300 s (38 minutes), about 430,000 records/s. Yet most tasks take under two minutes: 1 task in 1,000 runs 10–20× slower, and with 15,000 tasks about 15 of them are stragglers. The job waits for the last one — a job is as slow as its slowest task.',
      readout: (ctx) => {
        const j = jobsOf(ctx);
        return j ? `${j.count} job: ${ms(j.durationMs.mean)}, ${perSec(j.recordsPerSec)} records.` : undefined;
      },
    },
    {
      predict: {
        question: "Stragglers are about 15 tasks of 15,000. With backup copies of tasks running past 1.5 × the median, what happens to the job’s time (about 2,300 s)?",
        choices: [
          { label: "It barely changes: the stragglers are only 0.1% of tasks", because: "They are few, but the job waits for the last one of them." },
          { label: "It grows: there are more tasks to run", because: "About 13 backup tasks, under 0.1% more — and the stragglers they race are cancelled." },
          { label: "It falls by more than half, to about 1,100 s", correct: true, because: "The job no longer waits for its slowest task: a backup copy finishes first. MapReduce measured 891 s with backups, 1,283 s without." },
        ],
      },
      // The job starts at 1,000 s and, with backups, takes about 1,100 s: the notice needs it finished.
      settleSec: 2300,
      instruction: 'Select “Sort” and, under Backup tasks, set “Back up after” to 1.5 × the median task (untick “no backup tasks”); the job runs again at Max.',
      check: (ctx) => {
        const n = node(ctx, 'sort');
        return n?.kind === 'batch' && n.params.speculative !== undefined && n.params.speculative.afterFactor <= 2;
      },
      highlight: ['node:sort', 'inspector'],
      notice:
        'A task running past 1.5 × the median gets a copy on a free worker; the first to finish wins. The job now takes about 1,100 s — less than half — for 13 backup tasks, under 0.1% more tasks, and about 910,000 records/s. The worker time does not even grow: the stragglers are cancelled when their backups win. MapReduce’s 2004 paper measured the same effect: 891 s with backup tasks, 1,283 s without.',
      readout: (ctx) => {
        const j = jobsOf(ctx);
        return j ? `${j.count} job: ${ms(j.durationMs.mean)}, ${perSec(j.recordsPerSec)} records, ${j.backupTasks} backup tasks.` : undefined;
      },
    },
    {
      instruction: 'Look at the “Batch jobs” chart below the canvas: the last job, workers down and time across. Then press Next.',
      highlight: ['charts.batch'],
      notice:
        'Each bar is a task copy: the stragglers in amber, raced by their backup copies in violet, which finish first. Batch processing cares about throughput — records per second, the time a job takes over a dataset — and pays in time to result: a record waits for the next job and then for the whole job.',
    },
  ],
  recap: [
    'A batch job is measured by throughput — records per second — and it is as slow as its slowest task.',
    'A few stragglers can double a job’s time while the other workers sit idle.',
    'Backup tasks (MapReduce) copy the slow tasks and take the first copy to finish.',
  ],
};

/** Saved in version 1 of the scenario format, before faults, timeouts and retries existed: it opens through the migration. */
const maintainabilityInline = {
  version: 1,
  name: 'An old share link: a page behind a cache',
  seed: 1,
  durationSec: 600,
  warmupSec: 5,
  nodes: [
    { id: 'users', kind: 'client', label: 'Users', position: { x: 0, y: 80 }, params: { op: 'page', arrival: { type: 'poisson', ratePerSec: 200 } } },
    { id: 'api', kind: 'service', label: 'API', position: { x: 300, y: 80 }, params: { servers: 8, serviceTimeMs: { type: 'exponential', meanMs: 4 } } },
    { id: 'cache', kind: 'cache', label: 'Cache', position: { x: 600, y: 0 }, params: { hitRatio: 0.02, hitTimeMs: { type: 'constant', valueMs: 4 }, servers: 32 } },
    { id: 'db', kind: 'database', label: 'Database', position: { x: 900, y: 80 }, params: { servers: 8, serviceTimeMs: { type: 'lognormal', medianMs: 8, p99Ms: 40 } } },
  ],
  edges: [
    { id: 'users-api', source: 'users', target: 'api' },
    { id: 'api-cache', source: 'api', target: 'cache' },
    { id: 'cache-db', source: 'cache', target: 'db' },
  ],
} as const;

/** The learner's crash of the database, once the run is a few seconds past its end. */
function crashOver(ctx: LessonContext): boolean {
  return (ctx.scenario.faults ?? []).some((f) => f.type === 'crash' && f.target === 'db' && f.random === undefined && f.durationSec !== undefined && ctx.run.simulatedSec >= (f.atSec ?? 0) + f.durationSec + 5);
}

const maintainability: Lesson = {
  id: 'maintainability',
  title: 'Maintainability: operable, simple, evolvable',
  goal: 'Name the three design principles of maintainable systems, and try each: a format that evolves without breaking old links, accidental complexity removed, and a fault made visible with its cause.',
  minutes: 4,
  scenario: { inline: maintainabilityInline as never },
  steps: [
    {
      instruction: 'This scenario was saved as a share link in version 1 of the app’s format — before faults, timeouts and retries existed. Press Play.',
      check: ranFor(20),
      highlight: ['run.play', 'charts.latency'],
      notice:
        'It opened, and runs exactly as it did when it was saved: every change of the format comes with a migration, so version 1 becomes version 2 on load with each field keeping its meaning, and the same seed gives the same numbers — the median page takes about 16 ms, p99 about 49 ms. That is evolvability: a system (or a file format) that can change without breaking what people already rely on. The old link is a promise kept.',
      readout: (ctx) => {
        const p = op(ctx, 'page');
        const c = nodeResult(ctx, 'cache');
        return p ? `Page p50 ${ms(p.latencyMs.p50)}, p99 ${ms(p.latencyMs.p99)}${c ? `; the cache ${percent(c.utilization)} busy` : ''}.` : undefined;
      },
    },
    {
      predict: {
        question: 'The cache answers only 2% of pages, and every page pays its 4 ms lookup first. Remove it and wire the API straight to the database: what does the median page (about 16 ms) do?',
        choices: [
          { label: 'It gets slower: the database now has to serve every page', because: 'It served 98% of them already: 2% more work for a database a quarter busy changes little.' },
          { label: 'It falls to about 12 ms', correct: true, because: 'The lookup every page paid is gone; the 2% of hits never made up for it.' },
          { label: 'Nothing changes: the cache did nothing', because: 'It did something every time: a 4 ms lookup on the way to the database.' },
        ],
      },
      instruction: 'Simplify: select “Cache” and delete it (Delete key), then connect “API” to “Database” (drag from its right-hand handle, or select it and use Connect to… in the inspector).',
      check: (ctx) => !ctx.scenario.nodes.some((n) => n.kind === 'cache') && ctx.scenario.edges.some((e) => e.source === 'api' && e.target === 'db'),
      highlight: ['node:cache', 'node:api', 'node:db'],
      notice:
        'The median page falls to about 12 ms and p99 to about 45 ms, and the system is easier to reason about: one hop fewer, one less thing to size, monitor and keep in sync. A cache with a hit ratio of 2% is accidental complexity — complexity not inherent in the problem, only in the implementation. Simplicity means removing it, and finding abstractions that hide the rest.',
      readout: (ctx) => {
        const p = op(ctx, 'page');
        return p ? `Page p50 ${ms(p.latencyMs.p50)}, p99 ${ms(p.latencyMs.p99)}.` : undefined;
      },
    },
    {
      predict: {
        question: 'Now the database crashes for 10 s while 200 pages/s arrive, and no call has a timeout or a retry. How many pages fail, and can you tell why from the charts?',
        choices: [
          { label: 'None: the API waits for the database to come back', because: 'A crashed node refuses connections: the calls fail at once, they do not wait.' },
          { label: 'About 2,000, and the charts name the cause: the database was down', correct: true, because: '10 s × 200 pages/s, each failing at once; the errors chart splits them by cause, and the fault’s band marks when it happened.' },
          { label: 'All pages from then on: a crash is permanent', because: 'The crash lasts 10 s; the database restarts and pages succeed again.' },
        ],
      },
      instruction: 'Break it on purpose: select “Database”, press B (or Break it) and choose Crash. Let the run go on until the database is back.',
      check: crashOver,
      highlight: ['node:db', 'results'],
      settleSec: 0,
      notice:
        'About 2,000 pages fail while the database is down — and the app says so: the failures chart counts them under “down”, the fault’s band shows the 10 s, the node shows its countdown, and pages succeed again the moment it is back. That is operability: making the system’s behaviour visible — monitoring, good defaults, faults you can inject on purpose — so the people running it can see what is wrong and act.',
      readout: (ctx) => {
        const p = op(ctx, 'page');
        const down = p?.errorsByCause?.down;
        return p && down !== undefined ? `${p.errors.toLocaleString('en-US')} pages failed so far, ${down.toLocaleString('en-US')} of them because the database was down.` : undefined;
      },
    },
  ],
  recap: [
    'Operability: make the system’s behaviour visible, and faults cheap to see and recover from.',
    'Simplicity: remove accidental complexity — a component that costs more than it gives is a liability to reason about.',
    'Evolvability: change without breaking what people rely on, as the format migrations keep old links working.',
  ],
};

/** The copies of a keyed scenario: keys diverged from the database, and stale reads. */
function copiesReadout(ctx: LessonContext): string | undefined {
  const c = nodeResult(ctx, 'cache');
  const i = nodeResult(ctx, 'index');
  if (c?.divergedKeys === undefined || i?.divergedKeys === undefined) return undefined;
  return `Diverged keys: cache ${c.divergedKeys}, index ${i.divergedKeys}; stale cache reads ${percent(c.staleReadRatio ?? 0)}; index lag p99 ${ms(i.lagMs?.p99 ?? 0)}.`;
}

/** Dual writes against their change data capture twin, on the presets' own seed and length (the runs of steps 1 and 2). */
const SYNC_COMPARISON: LessonComparison = {
  variants: [
    { kind: 'preset', name: 'dual-writes', title: 'Dual writes' },
    { kind: 'preset', name: 'dual-writes-cdc', title: 'Change data capture' },
  ],
  seed: 1,
  durationSec: 60,
};

const cachesInSync: Lesson = {
  id: 'caches-in-sync',
  title: 'Caches and indexes in sync: dual writes vs change data capture',
  goal: 'See why application code that writes a database, a cache and a search index one after the other leaves them disagreeing for good, and how following the database’s own log of changes (change data capture) keeps them in step.',
  minutes: 4,
  scenario: { preset: 'dual-writes' },
  steps: [
    {
      predict: {
        question: 'Two apps write keys to the database, then to the cache, then to the search index (dual writes). For 10 s the index refuses one write in five. When the run is over…',
        choices: [
          { label: 'every copy matches the database again', because: 'Nothing repairs a copy that missed a write, or that got two writes in the wrong order: nobody goes back to check.' },
          { label: 'some keys differ from the database for good', correct: true, because: 'A write that failed at the index after the database committed it is never made good, and two writers of one key can reach the database in one order and a copy in the other.' },
        ],
      },
      instruction: 'Press Play and watch the run to its end (60 s).',
      check: ranFor(60),
      highlight: ['run.play', 'node:cache', 'node:index', 'charts.key'],
      notice:
        'At the end 2 keys of the cache and 12 of the index differ from the database — for good. The cache’s are the race alone: two apps write one key, they reach the database in one order and the cache in the other, so the database ends at B and the cache at A. The index also missed about 400 writes that failed after the database had committed them, and nothing made them good. Meanwhile 13% of cache reads were stale. Keeping copies in sync was the application’s job, and it cannot do it reliably. To see the race: in the One key chart, Pick… a key that differs at the Cache — the run replays, and near its end the cache’s line steps back to the older version while the database’s stays on the newer one.',
      readout: copiesReadout,
    },
    {
      // The index's faults are at 20–30 s; the notice counts what they did by the end.
      settleSec: 60,
      predict: {
        question: 'Now the apps write only the database. Its committed writes flow, in commit order, through a log to the cache and the index, and a refused delivery is retried (change data capture). The same faults hit the index. At the end…',
        choices: [
          { label: 'no key diverges; the copies may lag behind instead', correct: true, because: 'One writer per copy (the log), in the database’s own order, retried until it lands: a copy can be late, never wrong for good.' },
          { label: 'the same keys diverge: the faults are the same', because: 'The faults are the same, but the log retries a refused delivery and hands writes over in commit order.' },
        ],
      },
      instruction: 'Load the preset “Change data capture: the cache and the index follow the database’s log” from Presets; it runs to its end.',
      check: (ctx) => ctx.scenario.edges.some((e) => e.mode === 'cdc'),
      highlight: ['presets'],
      notice:
        'Nothing diverges: 0 keys in the cache and 0 in the index, and no write fails — the log retries the index’s refusals. Stale cache reads fall to 2% (from 13%): the cache takes each change straight from the log. The price is lag where deliveries are retried: the index’s slowest changes arrive about 3.1 s after their commit (p99) instead of 1.1 s, as retries hold up their partition.',
      readout: copiesReadout,
    },
    {
      settleSec: 60,
      instruction: 'Dual writes can be fixed another way: load the preset “Versioned writes: dual writes that ignore an older version”. The cache and the index now apply a write only if its version is newer than the one they hold.',
      check: (ctx) => ctx.scenario.nodes.some((n) => n.kind === 'cache' && n.params.applyIf === 'newer'),
      highlight: ['presets', 'node:cache', 'node:index'],
      notice:
        'The two apps still race, but a late, older write is ignored: 0 keys diverge in the cache and in the index. Versions fix the race; they do not bring back a write that never arrived (this variant has no failing index) — that takes a retried, ordered feed such as change data capture.',
      readout: copiesReadout,
    },
    {
      instruction:
        'Now see dual writes and change data capture side by side: press Open Compare and run. Compare runs both presets on one seed for 60 s each and puts them in one table, a row per difference.',
      compare: SYNC_COMPARISON,
      check: compared(SYNC_COMPARISON),
      highlight: ['compare', 'compare.results'],
      notice:
        'One table, the whole trade. Diverged keys: 14 with dual writes (the cache’s 2 and the index’s 12), 0 with change data capture. The apps’ writes are faster too — write p50 89 ms against 6.2 ms — because an app now waits for the database alone, not for the cache and the index in turn. What the log does not buy is freshness where a copy is slow: the search index is the stalest copy either way, stale reads 51% against 47%, copy lag 572 ms against 587 ms. Change data capture makes copies late, never wrong for good.',
    },
  ],
  recap: [
    'Dual writes — the application writing each copy in turn — diverge for good: racing writers and a failed second write.',
    'Change data capture feeds every copy from the database’s log, in commit order and retried: copies lag, but agree in the end.',
    'Versioned writes (apply only if newer) stop the race, not the lost write.',
  ],
};

/** A consumer edge's delivery figures, as the results table shows them. */
function deliveryReadout(ctx: LessonContext, edgeId: string): string | undefined {
  const e = edgeResult(ctx, edgeId);
  if (e?.delivered === undefined) return undefined;
  const n = (x: number | undefined) => (x ?? 0).toLocaleString('en-US');
  return `Delivered ${n(e.delivered)}; handed over twice ${n(e.duplicates)}; lost ${n(e.lost)}; out of order ${n(e.outOfOrder)}.`;
}

/** The Kafka log against the Redis list under the same crashes, on the presets' own seed and length (the runs of steps 1 and 2). */
const DELIVERY_COMPARISON: LessonComparison = {
  variants: [
    { kind: 'preset', name: 'kafka-vs-redis-log', title: 'Kafka log' },
    { kind: 'preset', name: 'kafka-vs-redis-list', title: 'Redis list' },
  ],
  seed: 1,
  durationSec: 60,
};

const logsVsQueues: Lesson = {
  id: 'logs-vs-queues',
  title: 'Logs vs queues: Kafka and Redis under a crash',
  goal: 'See what a consumer crash does to a Kafka-style log (records kept, handed over again) and to a Redis list (a taken message is gone), and how a log replays its records to rebuild a view.',
  minutes: 4,
  scenario: { preset: 'kafka-vs-redis-log' },
  steps: [
    {
      predict: {
        question: 'Orders go into a Kafka-style log; 8 workers read them. The workers crash twice (at 20 s and at 40 s) and restart. Afterwards…',
        choices: [
          { label: 'some orders are lost: the workers were holding them', because: 'That is what a Redis list does (next step). A log keeps every record; a crash loses nothing.' },
          { label: 'some orders are handled twice, none is lost', correct: true, because: 'A restarted consumer goes back to its last committed offset and reads again what it had handled since: at-least-once delivery.' },
          { label: 'nothing at all: the log hides the crash', because: 'The log keeps the records, but it cannot know which ones the workers finished after the last commit: those come again.' },
        ],
      },
      instruction: 'Press Play and watch the run to its end (60 s). The Consumer lag chart shows the records waiting for the workers.',
      check: ranFor(60),
      highlight: ['run.play', 'charts.lag'],
      notice:
        'The log kept every order: of about 24,000, none is lost and none comes out of order for its key, but about 770 are handed over twice. The workers save their position (commit their offset) once a second; after each crash they start again from the last saved position, and the orders they had handled since — up to a second’s worth, some 400 — come again. Lag climbs while they are down and drains once they are back.',
      readout: (ctx) => deliveryReadout(ctx, 'consume'),
    },
    {
      // The crashes are at 20 s and 40 s, and the notice counts what they did.
      settleSec: 60,
      predict: {
        question: 'Now the same orders and the same crashes, into a Redis list: each worker takes a message off the list (the list forgets it). Afterwards…',
        choices: [
          { label: 'some orders are handled twice, as with the log', because: 'A list has no offsets to go back to: nothing is handed over twice.' },
          { label: 'a few orders are lost, none is handled twice', correct: true, because: 'A message taken off the list is gone from Redis. The ones the workers held when they crashed are lost for good (unless the queue is made reliable).' },
        ],
      },
      instruction: 'Load the preset “Kafka vs Redis: a Redis list, consumers crash” from Presets; it runs to its end.',
      check: (ctx) => ctx.scenario.nodes.some((n) => n.kind === 'queue' && n.params.semantics === 'list'),
      highlight: ['presets'],
      notice:
        'The list lost 13 orders — those the workers had taken when they crashed — and handed none over twice. Competing consumers also break order: 63 orders reached a worker before an earlier order of the same key. The log traded duplicates for durability and order; the list traded losses for simplicity. Which one you want depends on whether handling an order twice or losing it is worse (and an idempotent consumer makes duplicates harmless).',
      readout: (ctx) => deliveryReadout(ctx, 'consume'),
    },
    {
      // The rewind is at 60 s; the notice counts what it replayed.
      settleSec: 75,
      instruction: 'A log can also go back on purpose. Load the preset “Log: replay to rebuild a view after a bad deploy”: a bad deploy at 30 s wrote a derived view wrong, and at 60 s the consumer group is rewound to 30 s.',
      check: (ctx) => (ctx.scenario.faults ?? []).some((f) => f.type === 'rewind'),
      highlight: ['presets', 'charts.lag'],
      notice:
        'At 60 s the view builder goes back to the records of 30 s and reads them again: about 3,000 records replayed (the spike on the Consumer lag chart), and the view is rebuilt from the log. A queue that deletes what it delivers could not do this: the log is the source of truth, and a derived view is just a function of it.',
      readout: (ctx) => deliveryReadout(ctx, 'view-builder'),
    },
    {
      instruction: 'Now the log and the list side by side, under the same crashes: press Open Compare and run. Compare runs both presets on one seed for 60 s each and puts them in one table.',
      compare: DELIVERY_COMPARISON,
      check: compared(DELIVERY_COMPARISON),
      highlight: ['compare', 'compare.results'],
      notice:
        'The trade in three rows. Handed over twice: 767 for the Kafka log, 0 for the Redis list. Lost records: 0 against 13. Out of order: 0 against 63. Each wins the rows the other loses, and the rows above them barely differ (order p50 1 ms for both): choosing between them is choosing which failure your consumer can live with. Duplicates can be made harmless by an idempotent consumer; a lost order is gone.',
    },
  ],
  recap: [
    'A log keeps its records: a crashed consumer reads again from its last commit, so nothing is lost but some records come twice.',
    'A Redis list forgets a message once taken: a crash loses what the consumers held, competing consumers break key order, nothing comes twice.',
    'A log can replay: rewind a consumer group and rebuild a derived view from the records.',
  ],
};

export const LESSONS: Lesson[] = [
  describingLoad,
  fanOut,
  responseTime,
  percentiles,
  tailAmplification,
  throughput,
  scaling,
  caching,
  queues,
  faultsAndFailures,
  retryStorms,
  hedgedRequests,
  measuringLatency,
  batchThroughput,
  cachesInSync,
  logsVsQueues,
  maintainability,
];

export function lessonById(id: string): Lesson | undefined {
  return LESSONS.find((l) => l.id === id);
}
