/**
 * Writes the batch presets into public/scenarios/ (and lists them in
 * index.json): MapReduce's stragglers with and without backup tasks, an
 * hourly batch against a stream consumer of the same records, and a
 * midnight herd of dependent jobs (a workflow). The stragglers' story is
 * checked by test/scenario/batchStories.test.ts. `node scripts/make-batch-presets.mjs`
 */
import { readFileSync, writeFileSync } from 'node:fs';

const dir = new URL('../public/scenarios/', import.meta.url);
const at = (x, y) => ({ x, y });
const constant = (valueMs) => ({ type: 'constant', valueMs });
const uniform = (minMs, maxMs) => ({ type: 'uniform', minMs, maxMs });

/**
 * Sort 1 TB, after Dean & Ghemawat (2004): 10⁹ records of 1 kB arrive over
 * 1,000 s (100 uploads a second of 10,000 records each), then one job splits
 * them into 15,000 tasks on 1,800 workers — about 8 waves of 100 s tasks. One
 * task in 1,000 lands on a bad machine and runs 10–20× slower. The paper's
 * stragglers cost it 44% (891 s with backup tasks, 1,283 s without); these
 * are harsher, so that the effect is plain to see.
 */
function sort(name, title, description, speculative) {
  return {
    file: name,
    title,
    description,
    doc: {
      version: 2,
      name: title,
      seed: 1,
      durationSec: 3600,
      warmupSec: 0,
      nodes: [
        {
          id: 'uploads',
          kind: 'client',
          label: 'Uploads',
          position: at(0, 80),
          params: { op: 'put', arrival: { type: 'constant', ratePerSec: 100, rateSchedule: [{ atSec: 1000, ratePerSec: 0 }] } },
        },
        {
          id: 'sort',
          kind: 'batch',
          label: speculative ? 'Sort, backup tasks' : 'Sort',
          position: at(340, 80),
          params: {
            intervalSec: 1000,
            recordsPerTask: 66_667,
            workers: 1800,
            taskStartupMs: constant(1000),
            perRecordMs: constant(1.5),
            stragglerFactor: { type: 'mixture', parts: [{ weight: 999, dist: uniform(0.9, 1.2) }, { weight: 1, dist: uniform(10, 20) }] },
            ...(speculative ? { speculative: { afterFactor: 1.5 } } : {}),
          },
        },
        { id: 'output', kind: 'database', label: 'Sorted output', position: at(680, 80), params: { servers: 8 } },
      ],
      // One upload carries 10,000 records: a bulk call, one event however many records.
      edges: [
        { id: 'uploads-sort', source: 'uploads', target: 'sort', fanout: { type: 'fixed', n: 10_000 } },
        { id: 'sort-output', source: 'sort', target: 'output' },
      ],
    },
  };
}

/**
 * The same click stream, 200 records a second, consumed two ways: an hourly
 * batch job (cheap per record, but a record's result waits for the next job)
 * and a stream consumer on a log (each record processed within milliseconds,
 * at a far higher cost per record).
 */
const batchVsStream = {
  file: 'batch-vs-stream',
  title: 'Batch vs stream: time to result against throughput',
  description: 'One click stream into an hourly batch job and into a stream consumer: the batch crunches 100× faster per record, the stream answers within milliseconds.',
  doc: {
    version: 2,
    name: 'Batch vs stream: time to result against throughput',
    seed: 1,
    durationSec: 3600,
    warmupSec: 0,
    nodes: [
      { id: 'clicks', kind: 'client', label: 'Clicks', position: at(0, 160), params: { op: 'click', arrival: { type: 'poisson', ratePerSec: 200 } } },
      { id: 'router', kind: 'service', label: 'Collector', position: at(300, 160), params: { servers: 8, serviceTimeMs: constant(0.5) } },
      {
        id: 'hourly',
        kind: 'batch',
        label: 'Hourly job',
        position: at(620, 40),
        params: { intervalSec: 3600, recordsPerTask: 10_000, workers: 10, taskStartupMs: constant(1000), perRecordMs: constant(0.02) },
      },
      { id: 'log', kind: 'queue', label: 'Log', position: at(620, 280), params: { enqueueTimeMs: constant(2), consumers: 4 } },
      { id: 'consumer', kind: 'service', label: 'Stream consumer', position: at(940, 280), params: { servers: 4, serviceTimeMs: constant(2) } },
      { id: 'reports', kind: 'database', label: 'Reports', position: at(940, 40), params: { servers: 8 } },
    ],
    edges: [
      { id: 'clicks-router', source: 'clicks', target: 'router' },
      { id: 'router-hourly', source: 'router', target: 'hourly', mode: 'async' },
      { id: 'router-log', source: 'router', target: 'log', mode: 'async' },
      { id: 'log-consumer', source: 'log', target: 'consumer' },
      { id: 'hourly-reports', source: 'hourly', target: 'reports' },
    ],
  },
};

/**
 * A nightly pipeline, every 10 minutes here: two extract jobs start on the
 * same tick (midnight), a join runs when both have finished, a report when
 * the join has, and the report loads 5,000 rows into the warehouse that
 * analysts query — whose response times jump at every load.
 */
const herd = {
  file: 'midnight-herd',
  title: 'Midnight herd: a workflow of dependent batch jobs',
  description: 'Two extracts start together, a join waits for both, a report for the join, then 5,000 rows land in the warehouse analysts are querying.',
  doc: {
    version: 2,
    name: 'Midnight herd: a workflow of dependent batch jobs',
    seed: 1,
    durationSec: 1800,
    warmupSec: 0,
    nodes: [
      { id: 'orders', kind: 'client', label: 'Orders', position: at(0, 0), params: { op: 'order', arrival: { type: 'poisson', ratePerSec: 50 } } },
      { id: 'clicks', kind: 'client', label: 'Clicks', position: at(0, 200), params: { op: 'click', arrival: { type: 'poisson', ratePerSec: 20 } } },
      {
        id: 'extract-orders',
        kind: 'batch',
        label: 'Extract orders',
        position: at(320, 0),
        params: { intervalSec: 600, recordsPerTask: 2000, workers: 8, taskStartupMs: constant(2000), perRecordMs: constant(1) },
      },
      {
        id: 'extract-clicks',
        kind: 'batch',
        label: 'Extract clicks',
        position: at(320, 200),
        params: { intervalSec: 600, recordsPerTask: 50_000, workers: 8, taskStartupMs: constant(2000), perRecordMs: constant(0.1), stragglerFactor: { type: 'mixture', parts: [{ weight: 95, dist: uniform(0.9, 1.2) }, { weight: 5, dist: uniform(3, 6) }] } },
      },
      { id: 'join', kind: 'batch', label: 'Join', position: at(640, 100), params: { recordsPerTask: 100_000, workers: 16, taskStartupMs: constant(3000), perRecordMs: constant(0.05) } },
      { id: 'report', kind: 'batch', label: 'Daily report', position: at(960, 100), params: { recordsPerTask: 500_000, workers: 4, taskStartupMs: constant(5000), perRecordMs: constant(0.01) } },
      { id: 'analysts', kind: 'client', label: 'Analysts', position: at(960, 320), params: { op: 'query', arrival: { type: 'poisson', ratePerSec: 100 } } },
      { id: 'warehouse', kind: 'database', label: 'Warehouse', position: at(1280, 200), params: { servers: 8, serviceTimeMs: { type: 'lognormal', medianMs: 5, p99Ms: 30 } } },
    ],
    edges: [
      { id: 'orders-extract', source: 'orders', target: 'extract-orders', fanout: { type: 'fixed', n: 10 } },
      { id: 'clicks-extract', source: 'clicks', target: 'extract-clicks', fanout: { type: 'fixed', n: 1000 } },
      { id: 'orders-join', source: 'extract-orders', target: 'join' },
      { id: 'clicks-join', source: 'extract-clicks', target: 'join' },
      { id: 'join-report', source: 'join', target: 'report' },
      { id: 'report-load', source: 'report', target: 'warehouse', fanout: { type: 'fixed', n: 5000 } },
      { id: 'analysts-warehouse', source: 'analysts', target: 'warehouse' },
    ],
  },
};

const presets = [
  sort('mapreduce-stragglers', 'MapReduce stragglers: sort 1 TB', 'One job of 15,000 tasks on 1,800 workers; 1 task in 1,000 runs 10–20× slower, and the whole job waits for the slowest.', false),
  sort('mapreduce-backup-tasks', 'MapReduce stragglers, with backup tasks', 'The same sort with backup copies of tasks running past 1.5× the median: the job ends in less than half the time for a fraction of a percent more tasks.', true),
  batchVsStream,
  herd,
];

const index = JSON.parse(readFileSync(new URL('index.json', dir), 'utf8'));
for (const p of presets) {
  writeFileSync(new URL(`${p.file}.json`, dir), JSON.stringify(p.doc, null, 2) + '\n');
  const entry = { name: p.file, title: p.title, description: p.description };
  const i = index.presets.findIndex((e) => e.name === p.file);
  if (i >= 0) index.presets[i] = entry;
  else index.presets.push(entry);
}
writeFileSync(new URL('index.json', dir), JSON.stringify(index, null, 2) + '\n');
