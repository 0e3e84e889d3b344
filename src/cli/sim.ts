/**
 * Headless runner: `npm run sim -- <scenario.json | share URL | -> [--seed N] [--duration SEC] [--json]`.
 * Runs the same engine as the browser worker and prints the results — a
 * table, or with --json the results object alone on stdout. Bad input exits
 * with status 2 and one line on stderr naming what was wrong; fields it does
 * not know are reported as `warning: <path>: unknown field` lines on stderr.
 */
import { readFileSync, readSync, statSync } from 'node:fs';
import { decodeScenario, decodeScenarioJson, type DecodeResult } from '../scenario/decode';
import { LIMITS } from '../scenario/kinds';
import { looksLikeShareLink, decodeShareLink } from '../scenario/url';
import type { Scenario } from '../scenario/schema';
import { estimateWork, runRefusal } from '../sim/limits';
import type { Simulation } from '../sim/engine';
import { runScenario } from '../sim/run';
import { Tracer } from '../sim/trace';
import { terminalSafe, terminalSafeJson } from './escape';
import { formatResultsTable } from './table';
import { formatTrace } from './traceText';

/** The default event budget: about a minute or three of work on this kind of machine. */
export const DEFAULT_MAX_EVENTS = 200_000_000;
/** Heap events per second assumed for the wording of an estimate (0.4–7 M/s measured, by scenario). */
const EVENTS_PER_SEC_ESTIMATE = 1e6;
/** A scenario is at most this many bytes of JSON (4 bytes per character at most): files and stdin alike. */
export const MAX_INPUT_BYTES = LIMITS.maxJsonChars * 4;
/** Exit status of a run the event budget cut short: its results cover only part of the run. */
export const EXIT_BUDGET = 3;
/** A progress line appears on a terminal for runs estimated at more than this many events. */
const PROGRESS_ABOVE_EVENTS = 20_000_000;

export const USAGE = `usage: npm run sim -- <scenario.json | share URL | -> [--seed N] [--duration SEC] [--json] [--max-events N] [--watch-key K] [--trace OP]

  <scenario.json>   a scenario file (format v1 or v2); "-" reads it from stdin
  <share URL>       a Fanout Lab link (…#s=…), quoted in the shell
  --seed N          PRNG seed, an integer from 0 to 4294967295 (default: the scenario's)
  --duration SEC    simulated seconds, in (0, 3600] (default: the scenario's)
  --json            print the results object (SCENARIO.md) and nothing else
  --max-events N    the event budget (default 200,000,000, a few minutes): a run estimated
                    to need more is refused up front; one that still runs out stops, prints
                    what it measured and exits with status 3
  --watch-key K     follow key K (a scenario with keys): its versions at the database and at
                    every cache and index over time, printed after the tables (with --json:
                    the results' watchedKey)
  --trace OP        also print the waterfall of the first request of operation OP created
                    after the warm-up: every hop with its network time, wait, service and
                    downstream calls, timeouts, retries and hedges (with --json: "trace")

Exit status: 0 done, 2 bad input or a run too big for the budget, 3 the budget ran out.`;

export class InputError extends Error {}

export interface CliArgs {
  input: string;
  seed?: number;
  durationSec?: number;
  json: boolean;
  maxEvents: number;
  watchKey?: number;
  /** The op whose first request after warm-up is traced. */
  trace?: string;
}

/** Parses argv (without node and the script). Throws InputError with a one-line message. */
export function parseArgs(argv: string[]): CliArgs {
  let input: string | undefined;
  const args: CliArgs = { input: '', json: false, maxEvents: DEFAULT_MAX_EVENTS };
  const value = (flag: string, i: number): string => {
    const v = argv[i + 1];
    if (v === undefined) throw new InputError(`${flag}: expected a value after it`);
    return v;
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--json') args.json = true;
    else if (a === '--seed') {
      const v = value(a, i++);
      const n = Number(v);
      if (!/^\d+$/.test(v) || n > LIMITS.maxSeed) throw new InputError(`--seed: expected an integer from 0 to ${LIMITS.maxSeed}, got ${JSON.stringify(v)}`);
      args.seed = n;
    } else if (a === '--duration') {
      const v = value(a, i++);
      const n = Number(v);
      if (v.trim() === '' || !Number.isFinite(n) || n <= 0 || n > LIMITS.maxDurationSec) {
        throw new InputError(`--duration: expected a number of seconds in (0, ${LIMITS.maxDurationSec}], got ${JSON.stringify(v)}`);
      }
      args.durationSec = n;
    } else if (a === '--max-events') {
      const v = value(a, i++);
      const n = Number(v);
      if (!Number.isInteger(n) || n < 1) throw new InputError(`--max-events: expected a positive integer, got ${JSON.stringify(v)}`);
      args.maxEvents = n;
    } else if (a === '--watch-key') {
      const v = value(a, i++);
      if (!/^\d+$/.test(v) || Number(v) >= 10_000_000) throw new InputError(`--watch-key: expected a key, an integer from 0 to 9999999, got ${JSON.stringify(v)}`);
      args.watchKey = Number(v);
    } else if (a === '--trace') {
      args.trace = value(a, i++);
    } else if (a === '-h' || a === '--help') {
      throw new InputError('help');
    } else if (a.startsWith('--')) {
      throw new InputError(`unknown option ${a} (see --help)`);
    } else if (input === undefined) {
      input = a;
    } else {
      throw new InputError(`expected one scenario, got a second one: ${JSON.stringify(a.slice(0, 60))}`);
    }
  }
  if (input === undefined) throw new InputError('expected a scenario: a JSON file, a share URL, or "-" for stdin (see --help)');
  args.input = input;
  return args;
}

/**
 * Reads standard input up to `limitBytes` and refuses past that: `yes | npm run sim -- -` must stop
 * at once, not fill memory. Synchronous reads of fd 0; a non-blocking stdin (EAGAIN) is waited on.
 */
export function readStdin(limitBytes = MAX_INPUT_BYTES, fd = 0): string {
  const chunks: Buffer[] = [];
  const buf = Buffer.alloc(65_536);
  const pause = new Int32Array(new SharedArrayBuffer(4));
  let total = 0;
  for (;;) {
    let n: number;
    try {
      n = readSync(fd, buf, 0, buf.length, null);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'EAGAIN') {
        Atomics.wait(pause, 0, 0, 10);
        continue;
      }
      if (code === 'EOF') break;
      throw new InputError(`could not read stdin: ${(err as Error).message}`);
    }
    if (n === 0) break;
    total += n;
    if (total > limitBytes) {
      throw new InputError(
        `stdin: more than ${limitBytes.toLocaleString('en-US')} bytes; a scenario is at most ${LIMITS.maxJsonChars.toLocaleString('en-US')} characters of JSON`,
      );
    }
    chunks.push(Buffer.from(buf.subarray(0, n)));
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** A byte-order mark is not JSON, but editors write one and the browser's file reader drops it. */
function withoutBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** Loads and validates the scenario the argument names. */
export function loadScenario(input: string, readStdinText: () => string = readStdin): DecodeResult {
  if (input === '-') {
    const text = withoutBom(readStdinText());
    return looksLikeShareLink(text.trim()) ? decodeShareLink(text.trim()) : decodeScenarioJson(text);
  }
  let size: number | undefined;
  try {
    const stat = statSync(input);
    if (stat.isDirectory()) throw new InputError(`${input} is a directory; expected a scenario file (JSON) in it, e.g. ${input.replace(/\/+$/, '')}/scenario.json`);
    size = stat.isFile() ? stat.size : undefined;
  } catch (err) {
    if (err instanceof InputError) throw err;
    size = undefined;
  }
  if (size === undefined) {
    if (looksLikeShareLink(input)) return decodeShareLink(input);
    throw new InputError(`cannot read ${JSON.stringify(input)}: no such file (and it is not a share link with "#s=")`);
  }
  if (size > MAX_INPUT_BYTES) {
    throw new InputError(`${input}: the file is ${size.toLocaleString('en-US')} bytes; a scenario is at most ${LIMITS.maxJsonChars.toLocaleString('en-US')} characters of JSON`);
  }
  let text: string;
  try {
    text = readFileSync(input, 'utf8');
  } catch (err) {
    throw new InputError(`cannot read ${input}: ${(err as Error).message}`);
  }
  return decodeScenarioJson(withoutBom(text));
}

/** A number of events or requests in words: 1.2 billion, 340 million, 52,000. */
function amount(n: number): string {
  if (!Number.isFinite(n)) return 'unboundedly many';
  const two = (v: number) => (v >= 100 ? Math.round(v).toLocaleString('en-US') : v.toPrecision(2));
  if (n >= 1e9) return `${two(n / 1e9)} billion`;
  if (n >= 1e6) return `${two(n / 1e6)} million`;
  return Math.round(n).toLocaleString('en-US');
}

function duration(sec: number): string {
  if (!Number.isFinite(sec)) return 'forever';
  if (sec < 90) return `${Math.max(1, Math.round(sec))} s`;
  if (sec < 5400) return `${Math.round(sec / 60)} min`;
  return `${(sec / 3600).toPrecision(2)} h`;
}

/** Why the run is too big for the event budget, or undefined. */
export function budgetRefusal(scenario: Scenario, maxEvents: number): string | undefined {
  const { events, requests } = estimateWork(scenario);
  if (!(events > maxEvents)) return undefined;
  const raise = Number.isFinite(events) ? ` --max-events ${Math.ceil((events * 1.5) / 1e6) * 1e6}` : '';
  return (
    `this run needs about ${amount(events)} events (${amount(requests)} requests in ${scenario.durationSec} s of simulated time), ` +
    `about ${duration(events / EVENTS_PER_SEC_ESTIMATE)} at a million events a second; the event budget is ${amount(maxEvents)}. ` +
    (raise ? `Run it anyway with${raise}, or` : 'Lower the fan-out or the rates, or') +
    ` shorten it with --duration`
  );
}

/** Applies --seed and --duration, re-validating the result. */
export function applyOverrides(s: Scenario, args: CliArgs): Scenario {
  if (args.seed === undefined && args.durationSec === undefined) return s;
  const overridden = { ...s, seed: args.seed ?? s.seed, durationSec: args.durationSec ?? s.durationSec };
  if (overridden.warmupSec >= overridden.durationSec) {
    throw new InputError(`--duration: expected more than the scenario's warm-up (${s.warmupSec} s), got ${overridden.durationSec}`);
  }
  const r = decodeScenario(overridden);
  if (!r.ok) throw new InputError(r.error.message);
  return r.scenario;
}

export interface MainOptions {
  /** Where a progress line goes (a terminal's stderr), rewritten in place; absent = no progress. */
  progress?: (line: string) => void;
  readStdinText?: () => string;
}

/** The whole command; returns the exit code. */
export function main(argv: string[], out: (s: string) => void, err: (s: string) => void, options: MainOptions = {}): number {
  // Every line on stderr may quote the input (an op, an id, a name): escape its control characters.
  const errLine = (s: string) => err(terminalSafe(s.replace(/\s*\n\s*/g, ' ')));
  try {
    const args = parseArgs(argv);
    const loaded = loadScenario(args.input, options.readStdinText);
    if (!loaded.ok) throw new InputError(loaded.error.message);
    // Fields this version does not know: said on stderr, so that stdout stays the results alone.
    for (const w of loaded.warnings) err(`warning: ${w.message}`);
    const scenario = applyOverrides(loaded.scenario, args);
    if (args.watchKey !== undefined) {
      if (!scenario.keys) throw new InputError('--watch-key: the scenario has no keys (top-level "keys")');
      if (args.watchKey >= scenario.keys.count) throw new InputError(`--watch-key: expected a key from 0 to ${scenario.keys.count - 1} (the scenario has ${scenario.keys.count.toLocaleString('en-US')} keys), got ${args.watchKey}`);
    }
    const refusal = runRefusal(scenario) ?? budgetRefusal(scenario, args.maxEvents);
    if (refusal) throw new InputError(refusal);
    const expected = estimateWork(scenario).events;
    const progress = options.progress && expected > PROGRESS_ABOVE_EVENTS ? progressReporter(scenario, expected, options.progress) : undefined;
    if (args.trace !== undefined && !scenario.nodes.some((n) => n.kind === 'client' && n.params.op === args.trace)) {
      const ops = [...new Set(scenario.nodes.flatMap((n) => (n.kind === 'client' ? [n.params.op] : [])))];
      throw new InputError(`--trace: no client makes requests of op ${JSON.stringify(args.trace)}; the ops are ${ops.map((o) => JSON.stringify(o)).join(', ')}`);
    }
    let tracer: Tracer | null = null;
    const onSimulation = (sim: Simulation) => {
      if (args.trace === undefined) return;
      tracer = new Tracer(sim);
      sim.observer = tracer;
      tracer.traceNext(args.trace, sim.warmupMs);
    };
    const results = runScenario(scenario, { maxEvents: args.maxEvents, onProgress: progress, onSimulation, watchKey: args.watchKey });
    if (progress) options.progress!('');
    const trace = (tracer as Tracer | null)?.take(true)[0] ?? null;
    if (args.json) {
      const doc = args.trace === undefined ? results : { ...results, trace };
      out(terminalSafeJson(JSON.stringify(doc, null, 2)));
    } else {
      out(formatResultsTable(scenario, results));
      if (args.trace !== undefined) {
        out('');
        out(trace ? formatTrace(trace) : `No "${terminalSafe(args.trace)}" request was created after the warm-up: nothing to trace.`);
      }
    }
    if (results.stopped?.reason === 'maxEvents') {
      errLine(
        `the event budget (${amount(args.maxEvents)} events) ran out at ${results.stopped.atSec.toFixed(1)} s of simulated time: the results cover only that part of the run; raise it with --max-events`,
      );
      return EXIT_BUDGET;
    }
    return 0;
  } catch (e) {
    if (e instanceof InputError) {
      if (e.message === 'help') {
        out(USAGE);
        return 0;
      }
      errLine(e.message);
      return 2;
    }
    errLine(`internal error: ${e instanceof Error ? e.message : String(e)}`);
    return 1;
  }
}

/** A progress line at most once a second: simulated time reached, events, and the time left. */
function progressReporter(scenario: Scenario, expectedEvents: number, write: (line: string) => void) {
  const started = performance.now();
  let last = started;
  return (simSec: number, events: number) => {
    const now = performance.now();
    if (now - last < 1000) return;
    last = now;
    const rate = events / ((now - started) / 1000);
    const left = Math.max(0, expectedEvents - events) / rate;
    write(`${simSec.toFixed(1)} of ${scenario.durationSec} s simulated, ${amount(events)} events, about ${duration(left)} left`);
  };
}

const invokedDirectly = process.argv[1] !== undefined && /[\\/]cli[\\/]sim\.(ts|js|mjs)$/.test(process.argv[1]);
if (invokedDirectly) {
  const code = main(
    process.argv.slice(2),
    (s) => process.stdout.write(s + '\n'),
    (s) => process.stderr.write(s + '\n'),
    { progress: process.stderr.isTTY ? (line) => process.stderr.write(`\r\u001b[2K${line}`) : undefined },
  );
  process.exitCode = code;
}
