/**
 * The CLI under hostile input: capped standard input, byte-order marks,
 * directories, terminal escape sequences in what it prints, latencies with
 * nothing measured, and an event budget that refuses long runs up front.
 */
import { spawnSync } from 'node:child_process';
import { closeSync, mkdirSync, mkdtempSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { budgetRefusal, EXIT_BUDGET, main, readStdin } from '../../src/cli/sim';
import { decodeScenarioJson } from '../../src/scenario/decode';
import { estimateWork } from '../../src/sim/limits';

const root = join(__dirname, '../..');
const mm1 = join(root, 'public/scenarios/mm1.json');
const dir = mkdtempSync(join(tmpdir(), 'fanout-cli-hostile-'));
/** Any character a terminal would act on: C0/C1 controls, DEL, bidi overrides and isolates. */
const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

function cli(argv: string[], stdin?: string) {
  const out: string[] = [];
  const err: string[] = [];
  const code = main(argv, (s) => out.push(s), (s) => err.push(s), stdin === undefined ? {} : { readStdinText: () => stdin });
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}

function file(name: string, content: string | object): string {
  const path = join(dir, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

describe('npm run sim, given hostile input', () => {
  it('stops reading standard input past 4 MB, like a file (`yes | npm run sim -- -` used to reach 15.9 GB)', () => {
    const r = spawnSync('sh', ['-c', `yes | ${join(root, 'node_modules/.bin/tsx')} src/cli/sim.ts -`], { cwd: root, encoding: 'utf8', timeout: 60_000 });
    expect(r.status).toBe(2);
    expect(r.stderr.trim()).toBe('stdin: more than 4,000,000 bytes; a scenario is at most 1,000,000 characters of JSON');
  });

  it('reads standard input below the cap in full', () => {
    const path = file('big.txt', 'x'.repeat(300_000));
    const fd = openSync(path, 'r');
    try {
      expect(readStdin(1_000_000, fd)).toHaveLength(300_000);
    } finally {
      closeSync(fd);
    }
    const fd2 = openSync(path, 'r');
    try {
      expect(() => readStdin(100_000, fd2)).toThrow('more than 100,000 bytes');
    } finally {
      closeSync(fd2);
    }
  });

  it('reads a JSON file, or standard input, that starts with a byte-order mark', () => {
    const text = '\uFEFF' + readFileSync(mm1, 'utf8');
    expect(cli([file('bom.json', text), '--duration', '12']).code).toBe(0);
    expect(cli(['-', '--duration', '12'], text).code).toBe(0);
  });

  it('says a directory is a directory', () => {
    const d = join(dir, 'scenarios');
    mkdirSync(d, { recursive: true });
    const r = cli([d]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${d} is a directory`);
  });

  it('escapes terminal control sequences in names, ops and edge ids in the table', () => {
    const path = file('escapes.json', {
      version: 1,
      name: 'evil\u001b]0;owned\u0007 \u202eeman',
      durationSec: 2,
      nodes: [
        { id: 'c', kind: 'client', params: { op: 'read\u001b[2J\u009b31m', arrival: { ratePerSec: 5 } } },
        { id: 's', kind: 'service', params: {} },
      ],
      edges: [{ id: 'e\u001b[1A\u0085', source: 'c', target: 's' }],
    });
    const r = cli([path]);
    expect(r.code).toBe(0);
    expect(r.stdout).not.toMatch(CONTROL);
    expect(r.stdout).toContain('read\\u001b[2J\\u009b31m');
    expect(r.stdout).toContain('e\\u001b[1A\\u0085');
    expect(r.stdout).toContain('\\u202eeman');
    const json = cli([path, '--json']);
    expect(json.stdout).not.toMatch(CONTROL);
    expect(JSON.parse(json.stdout).scenario).toBe('evil\u001b]0;owned\u0007 \u202eeman');
  });

  it('escapes them in error excerpts too', () => {
    const path = file('bad-escapes.json', {
      version: 1,
      nodes: [{ id: 'c', kind: 'client', params: { op: 'x', arrival: { type: '\u009b2J\u001b[2J', ratePerSec: 1 } } }],
    });
    const r = cli([path]);
    expect(r.code).toBe(2);
    expect(r.stderr).not.toMatch(CONTROL);
    expect(r.stderr).toContain('\\u009b2J');
  });

  it('prints a latency with no completed request as "–", not 0 ms', () => {
    // A load balancer with no edge fails every request: nothing completes, nothing to measure.
    const path = file('no-success.json', {
      version: 1,
      durationSec: 2,
      nodes: [
        { id: 'c', kind: 'client', params: { op: 'x', arrival: { ratePerSec: 5 } } },
        { id: 'lb', kind: 'loadBalancer', params: {} },
      ],
      edges: [{ id: 'e', source: 'c', target: 'lb' }],
    });
    const r = cli([path]);
    expect(r.code).toBe(0);
    const row = r.stdout.split('\n').find((l) => l.startsWith('x '))!;
    expect(row.trim().split(/\s+/).slice(5)).toEqual(['–', '–', '–', '–', '–', '–', '–']);
  });

  it('refuses a run of many minutes up front, with the estimate and the flag that raises the budget', () => {
    const client = (ratePerSec: number, durationSec: number) => ({
      version: 1,
      durationSec,
      nodes: [
        { id: 'c', kind: 'client', params: { op: 'x', arrival: { ratePerSec } } },
        { id: 's', kind: 'service', params: { servers: 10_000 } },
      ],
      edges: [{ id: 'e', source: 'c', target: 's' }],
    });
    const started = performance.now();
    const fast = cli([file('1e9.json', client(1e9, 1))]);
    expect(fast.code).toBe(2);
    expect(fast.stderr).toMatch(/^this run needs about 2\.0 billion events \(1\.0 billion requests in 1 s of simulated time\), about 33 min at a million events a second; the event budget is 200 million\. Run it anyway with --max-events 3000000000, or shorten it with --duration$/);
    const hour = cli([file('hour.json', client(5e5, 3600))]);
    expect(hour.code).toBe(2);
    expect(hour.stderr).toContain('--max-events');
    expect(performance.now() - started).toBeLessThan(5000);
    // The flag raises the budget: the same scenario is then accepted.
    const r = decodeScenarioJson(JSON.stringify(client(1e9, 1)));
    expect(r.ok && budgetRefusal(r.scenario, 3e9)).toBe(undefined);
  });

  it('says so, with status 3, when the event budget runs out during a run (never a silent exit 0)', () => {
    const r = decodeScenarioJson(readFileSync(mm1, 'utf8'));
    if (!r.ok) throw new Error(r.error.message);
    // Over 11 s this M/M/1 at seed 1 takes 1,770 events, 10 more than estimated: a budget of exactly the estimate runs out.
    const budget = Math.ceil(estimateWork({ ...r.scenario, durationSec: 11 }).events);
    const out = cli([mm1, '--duration', '11', '--max-events', String(budget)]);
    expect(out.code).toBe(EXIT_BUDGET);
    expect(out.stdout).toContain('the event budget ran out');
    expect(out.stderr).toMatch(/^the event budget \(.+ events\) ran out at .+ s of simulated time: the results cover only that part of the run; raise it with --max-events$/);
  });

  it('shows progress on a terminal for long runs, and none for short ones', () => {
    const lines: string[] = [];
    main([mm1, '--duration', '15'], () => {}, () => {}, { progress: (l) => lines.push(l) });
    expect(lines).toEqual([]);
  });
});
