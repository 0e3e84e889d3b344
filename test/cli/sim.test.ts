import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/sim';
import { decodeScenarioJson } from '../../src/scenario/decode';
import { shareUrl } from '../../src/scenario/url';
import { readFileSync } from 'node:fs';

const root = join(__dirname, '../..');
const mm1 = join(root, 'public/scenarios/mm1.json');
const dir = mkdtempSync(join(tmpdir(), 'fanout-cli-'));

function cli(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = main(argv, (s) => out.push(s), (s) => err.push(s));
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}

describe('npm run sim', () => {
  it('prints a readable table with units', () => {
    const r = cli(mm1, '--duration', '20');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Operations (end-to-end response time at the client, ms)');
    expect(r.stdout).toMatch(/request\s+[\d,]+/);
    expect(r.stderr).toBe('');
  });

  it('prints a Redis list’s and a log’s consumer edges with their guarantees: consumers, delivered, duplicates, lost, out of order, lag', () => {
    for (const [name, consumers] of [['kafka-vs-redis-list', 8], ['kafka-vs-redis-log', 8]] as const) {
      const r = cli(join(root, `public/scenarios/${name}.json`), '--duration', '30');
      expect(r.code, name).toBe(0);
      expect(r.stdout).toContain('Consumer groups and subscribers');
      const header = r.stdout.split('\n').find((l) => l.startsWith('edge') && l.includes('duplicates'))!;
      expect(header).toMatch(/consumers\s+delivered\s+duplicates\s+lost\s+out of order\s+lag mean\s+lag max\s+lag ms mean\s+p99\s+max/);
      // The queue's consumers are per edge: the column shows them, not an edge field it does not have.
      expect(r.stdout).toMatch(new RegExp(`consume\\s+broker → worker\\s+${consumers}\\s+[\\d,]+\\s+[\\d,]+\\s+[\\d,]+`));
    }
  });

  it('--json prints the results object of the contract and nothing else', () => {
    const r = cli(mm1, '--json', '--duration', '20', '--seed', '7');
    const results = JSON.parse(r.stdout);
    expect(results).toMatchObject({ version: 1, seed: 7, simulatedSec: 10 });
    expect(Object.keys(results.ops.request.latencyMs)).toEqual(['mean', 'p50', 'p90', 'p95', 'p99', 'p999', 'max']);
    expect(Object.keys(results.nodes.server)).toEqual(expect.arrayContaining(['arrivals', 'completed', 'dropped', 'utilization', 'meanQueueLength', 'maxQueueLength', 'waitMs', 'latencyMs']));
  });

  it('--seed changes the numbers and the same seed repeats them', () => {
    const a = JSON.parse(cli(mm1, '--json', '--duration', '20', '--seed', '1').stdout);
    const b = JSON.parse(cli(mm1, '--json', '--duration', '20', '--seed', '1').stdout);
    const c = JSON.parse(cli(mm1, '--json', '--duration', '20', '--seed', '2').stdout);
    expect({ ...a, wallMs: 0 }).toEqual({ ...b, wallMs: 0 });
    expect(c.ops.request.latencyMs.p99).not.toBe(a.ops.request.latencyMs.p99);
  });

  it('reads a share link and gives the same results as the file', () => {
    const r = decodeScenarioJson(readFileSync(mm1, 'utf8'));
    if (!r.ok) throw new Error(r.error.message);
    const link = shareUrl(r.scenario, 'https://fanout.example/');
    const fromLink = JSON.parse(cli(link, '--json', '--duration', '15').stdout);
    const fromFile = JSON.parse(cli(mm1, '--json', '--duration', '15').stdout);
    expect({ ...fromLink, wallMs: 0 }).toEqual({ ...fromFile, wallMs: 0 });
  });

  it.each([
    [['/nonexistent/file.json'], 'cannot read "/nonexistent/file.json": no such file'],
    [[], 'expected a scenario'],
    [[mm1, '--seed', 'abc'], '--seed: expected an integer from 0 to 4294967295, got "abc"'],
    [[mm1, '--seed', '4294967296'], '--seed: expected an integer'],
    [[mm1, '--duration', '0'], '--duration: expected a number of seconds in (0, 3600], got "0"'],
    [[mm1, '--duration', '5'], "--duration: expected more than the scenario's warm-up (10 s), got 5"],
    [[mm1, '--frobnicate'], 'unknown option --frobnicate'],
    [['https://x/#s=garbage'], 'the link is damaged or truncated'],
  ])('bad input %j exits 2 with one line: %s', (argv, message) => {
    const r = cli(...argv);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(message);
    expect(r.stderr.split('\n')).toHaveLength(1);
  });

  it('prints attempts, retries, timeouts and wasted work per edge, and errors by cause, for a scenario with timeouts', () => {
    const r = cli(join(root, 'test/fixtures/scenarios/v2/network-and-resilience.json'));
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Timeouts, retries, hedges and breakers');
    expect(r.stdout).toMatch(/users-lb\s+[\d,]+\s+[\d,]+\s+[\d,]+\s+–\s+[\d,]+\s+[\d,]+/);
    expect(r.stdout).toMatch(/read: [\d,]+ errors — [\d,]+ timeout/);
    expect(cli(mm1, '--duration', '12').stdout).not.toContain('Timeouts, retries');
  });

  it('prints down time, failed attempts, breaker time and objectives for a scenario with faults', () => {
    const file = join(dir, 'faults.json');
    const doc = JSON.parse(readFileSync(mm1, 'utf8'));
    doc.version = 2;
    doc.faults = [{ id: 'boom', target: doc.nodes[1].id, type: 'crash', atSec: 10.5, durationSec: 1 }];
    doc.edges[0].breaker = { minCalls: 5 };
    doc.slos = [{ op: doc.nodes[0].params.op, latencyMs: 100, target: 0.9 }];
    writeFileSync(file, JSON.stringify(doc));
    const r = cli(file, '--duration', '12');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`${doc.nodes[1].id}: down 1\\.0 s`));
    expect(r.stdout).toMatch(/errors — [\d,]+ down/);
    expect(r.stdout).toMatch(/clients-server .* 0\.0 s /);
    expect(r.stdout).toMatch(/good within 100 ms \(target 90\.0%, (met|missed)\); goodput [\d.]+\/s/);
  });

  it('prints latency from the intended send time next to the measured p99 for a load tester on a schedule', () => {
    const file = join(dir, 'tester.json');
    writeFileSync(
      file,
      JSON.stringify({
        version: 2,
        durationSec: 20,
        nodes: [
          { id: 'tester', kind: 'client', params: { op: 'get', arrival: { type: 'closed', users: 1, intervalMs: 10 } } },
          { id: 's', kind: 'service', params: { servers: 1, serviceTimeMs: { type: 'constant', valueMs: 1 } } },
        ],
        edges: [{ id: 'e', source: 'tester', target: 's' }],
        faults: [{ id: 'stall', target: 's', type: 'pause', atSec: 10, durationSec: 1 }],
      }),
    );
    const r = cli(file);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/From the intended send time/);
    expect(r.stdout).toMatch(/get\s+[\d.,]+\s+1\.00\s+1\.00\s+[\d.,]+\s+[\d.,]+\s+1,00\d\s+1\.00/);
  });

  it('prints the batch jobs of a batch node: jobs, records, records/s, job time, backup tasks, task work and time to result', () => {
    const r = cli(join(root, 'public/scenarios/mapreduce-backup-tasks.json'));
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Batch jobs (a job lasts from its start to its last task');
    expect(r.stdout).toMatch(/\nsort\s+1\s+1,000,000,000\s+[\d,]+\s+[\d,]+\s+[\d,]+\s+[\d,]+\s+[\d,]+\s+\d+\s+[\d,]+ s\s+[\d,]+ mean/);
    const json = JSON.parse(cli(join(root, 'public/scenarios/mapreduce-backup-tasks.json'), '--json').stdout);
    expect(Object.keys(json.nodes.sort.jobs)).toEqual(['count', 'records', 'recordsPerSec', 'durationMs', 'backupTasks', 'taskWorkSec', 'recordLagMs']);
    expect(json.nodes.output.jobs).toBeUndefined();
  });

  it('prints a warning line on stderr per unknown field, and --json keeps stdout the results alone', () => {
    const file = join(dir, 'unknown.json');
    const doc = JSON.parse(readFileSync(mm1, 'utf8'));
    doc.nodes[1].params.foo = 1;
    doc.edges[0].bulkhead = { maxConcurrent: 10 };
    writeFileSync(file, JSON.stringify(doc));
    const r = cli(file, '--json', '--duration', '12');
    expect(r.code).toBe(0);
    expect(r.stderr.split('\n')).toEqual(['warning: nodes[1].params.foo: unknown field', 'warning: edges[0].bulkhead: unknown field']);
    expect(JSON.parse(r.stdout)).toMatchObject({ version: 1, simulatedSec: 2 });
  });

  it('names the field path of an invalid scenario file', () => {
    const file = join(dir, 'bad.json');
    writeFileSync(file, JSON.stringify({ version: 1, nodes: [{ id: 'c', kind: 'client', params: { op: 'x', arrival: { ratePerSec: 1 } } }, { id: 'a', kind: 'service' }, { id: 'b', kind: 'database', params: { servers: -3 } }] }));
    const r = cli(file);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('nodes[2].params.servers: expected an integer ≥ 1, got -3');
  });

  it('refuses absurd load up front instead of hanging', () => {
    const file = join(dir, 'huge.json');
    writeFileSync(file, JSON.stringify({ version: 1, nodes: [{ id: 'c', kind: 'client', params: { op: 'x', arrival: { ratePerSec: 1e300 } } }] }));
    const r = cli(file);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('requests in 60 s of simulated time; the limit is');
  });

  it('reports an overloaded system and stops instead of exhausting memory', () => {
    const file = join(dir, 'overload.json');
    writeFileSync(file, JSON.stringify({ version: 1, durationSec: 3600, nodes: [{ id: 'c', kind: 'client', params: { op: 'x', arrival: { ratePerSec: 20000 } } }, { id: 's', kind: 'service', params: { serviceTimeMs: { type: 'constant', valueMs: 1 } } }], edges: [{ id: 'e', source: 'c', target: 's' }] }));
    const r = cli(file, '--json');
    expect(r.code).toBe(0);
    const results = JSON.parse(r.stdout);
    expect(results.stopped.reason).toBe('maxJobs');
    expect(results.stopped.message).toContain('overloaded');
  });

  it('through npm, --json output parses as JSON and stdin works', () => {
    const viaNpm = spawnSync('npm', ['run', 'sim', '--', 'public/scenarios/mm1.json', '--json', '--duration', '12'], { cwd: root, encoding: 'utf8' });
    expect(viaNpm.status).toBe(0);
    expect(JSON.parse(viaNpm.stdout).version).toBe(1);
    const viaStdin = spawnSync('npm', ['run', 'sim', '--', '-', '--json', '--duration', '12'], { cwd: root, encoding: 'utf8', input: readFileSync(mm1) });
    expect(viaStdin.status).toBe(0);
    expect(JSON.parse(viaStdin.stdout)).toEqual({ ...JSON.parse(viaNpm.stdout), wallMs: JSON.parse(viaStdin.stdout).wallMs });
    const bad = spawnSync('npm', ['run', 'sim', '--', 'nope.json'], { cwd: root, encoding: 'utf8' });
    expect(bad.status).toBe(2);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
  });
});
