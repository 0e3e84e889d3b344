/**
 * `npm run sim -- <scenario> --trace <op>`: the waterfall of the first
 * request of the op created after the warm-up, as text after the tables and
 * as `trace` in --json; the results themselves are the same as without it.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/sim';

const constant = (valueMs: number) => ({ type: 'constant', valueMs });
const chain = {
  version: 2,
  name: 'chain',
  seed: 1,
  durationSec: 3,
  warmupSec: 1,
  nodes: [
    { id: 'c', kind: 'client', params: { op: 'read', arrival: { type: 'constant', ratePerSec: 10 } } },
    { id: 'api', kind: 'service', params: { servers: 1, serviceTimeMs: constant(5) } },
    { id: 'db', kind: 'database', params: { servers: 1, serviceTimeMs: constant(3) } },
  ],
  edges: [
    { id: 'e1', source: 'c', target: 'api', latencyMs: constant(1) },
    { id: 'e2', source: 'api', target: 'db', latencyMs: constant(1) },
  ],
};
const file = join(mkdtempSync(join(tmpdir(), 'fanout-trace-')), 'chain.json');
writeFileSync(file, JSON.stringify(chain));

function cli(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = main(argv, (s) => out.push(s), (s) => err.push(s));
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}

describe('npm run sim -- --trace', () => {
  it('prints the waterfall of the first request after warm-up: one row per hop, nested, with network, wait and service in ms', () => {
    const r = cli(file, '--trace', 'read');
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const text = r.stdout.slice(r.stdout.indexOf('Trace of one'));
    expect(text).toMatch(/^Trace of one "read" request, created at 1,000 ms: 12\.0 ms, ok · 3 spans/);
    const rows = text.split('\n').slice(3);
    expect(rows).toHaveLength(3);
    expect(rows[0]).toMatch(/^c \(client\)\s+0\s+–\s+–\s+–\s+12\.0\s+ok/);
    // api: 1 ms there and 1 ms back, no wait, 5 ms of service, 5 ms waiting on its call to db.
    expect(rows[1]).toMatch(/^ {2}└ api\s+0\s+2\.00\s+0\s+5\.00\s+5\.00\s+12\.0\s+ok\s+\|---#+~+-+\|\s+via e1$/);
    expect(rows[2]).toMatch(/^ {4}└ db\s+6\.00\s+2\.00\s+0\s+3\.00\s+0\s+5\.00\s+ok/);
  });

  it('--json adds the trace to the results object, with every span timed from the request’s creation', () => {
    const plain = JSON.parse(cli(file, '--json').stdout);
    const r = cli(file, '--json', '--trace', 'read');
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    const { trace, ...results } = doc;
    delete results.wallMs;
    delete plain.wallMs;
    expect(results).toEqual(plain);
    expect(trace).toMatchObject({ op: 'read', startMs: 1000, durationMs: 12, outcome: 'ok' });
    expect(trace.spans.map((s: { node: string; sentMs: number | null; answeredMs: number | null }) => [s.node, s.sentMs, s.answeredMs])).toEqual([
      ['c', null, null],
      ['api', 0, 12],
      ['db', 6, 11],
    ]);
  });

  it('an op no client makes is bad input (exit 2), naming the ops there are', () => {
    const r = cli(file, '--trace', 'write');
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('--trace: no client makes requests of op "write"; the ops are "read"');
  });
});
