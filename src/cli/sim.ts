/**
 * Headless runner: `npm run sim -- <scenario.json | share URL | -> [--seed N] [--duration SEC] [--json]`.
 * Runs the same engine as the browser worker and prints the results — a
 * table, or with --json the results object alone on stdout. Bad input exits
 * with status 2 and one line on stderr naming what was wrong; fields it does
 * not know are reported as `warning: <path>: unknown field` lines on stderr.
 */
import { readFileSync, statSync } from 'node:fs';
import { decodeScenario, decodeScenarioJson, type DecodeResult } from '../scenario/decode';
import { LIMITS } from '../scenario/kinds';
import { looksLikeShareLink, decodeShareLink } from '../scenario/url';
import type { Scenario } from '../scenario/schema';
import { runRefusal } from '../sim/limits';
import { runScenario } from '../sim/run';
import { formatResultsTable } from './table';

export const USAGE = `usage: npm run sim -- <scenario.json | share URL | -> [--seed N] [--duration SEC] [--json] [--max-events N]

  <scenario.json>   a scenario file (format v1 or v2); "-" reads it from stdin
  <share URL>       a Fanout Lab link (…#s=…), quoted in the shell
  --seed N          PRNG seed, an integer from 0 to 4294967295 (default: the scenario's)
  --duration SEC    simulated seconds, in (0, 3600] (default: the scenario's)
  --json            print the results object (SCENARIO.md) and nothing else
  --max-events N    stop after N events (default 2,000,000,000)`;

export class InputError extends Error {}

export interface CliArgs {
  input: string;
  seed?: number;
  durationSec?: number;
  json: boolean;
  maxEvents: number;
}

/** Parses argv (without node and the script). Throws InputError with a one-line message. */
export function parseArgs(argv: string[]): CliArgs {
  let input: string | undefined;
  const args: CliArgs = { input: '', json: false, maxEvents: 2e9 };
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

function readStdin(): string {
  try {
    return readFileSync(0, 'utf8');
  } catch (err) {
    throw new InputError(`could not read stdin: ${(err as Error).message}`);
  }
}

/** Loads and validates the scenario the argument names. */
export function loadScenario(input: string, readStdinText: () => string = readStdin): DecodeResult {
  if (input === '-') {
    const text = readStdinText();
    return looksLikeShareLink(text.trim()) ? decodeShareLink(text.trim()) : decodeScenarioJson(text);
  }
  let size: number | undefined;
  try {
    size = statSync(input).isFile() ? statSync(input).size : undefined;
  } catch {
    size = undefined;
  }
  if (size === undefined) {
    if (looksLikeShareLink(input)) return decodeShareLink(input);
    throw new InputError(`cannot read ${JSON.stringify(input)}: no such file (and it is not a share link with "#s=")`);
  }
  if (size > LIMITS.maxJsonChars * 4) {
    throw new InputError(`${input}: the file is ${size.toLocaleString('en-US')} bytes; a scenario is at most ${LIMITS.maxJsonChars.toLocaleString('en-US')} characters of JSON`);
  }
  let text: string;
  try {
    text = readFileSync(input, 'utf8');
  } catch (err) {
    throw new InputError(`cannot read ${input}: ${(err as Error).message}`);
  }
  return decodeScenarioJson(text);
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

/** The whole command; returns the exit code. */
export function main(argv: string[], out: (s: string) => void, err: (s: string) => void): number {
  try {
    const args = parseArgs(argv);
    const loaded = loadScenario(args.input);
    if (!loaded.ok) throw new InputError(loaded.error.message);
    // Fields this version does not know: said on stderr, so that stdout stays the results alone.
    for (const w of loaded.warnings) err(`warning: ${w.message}`);
    const scenario = applyOverrides(loaded.scenario, args);
    const refusal = runRefusal(scenario);
    if (refusal) throw new InputError(refusal);
    const results = runScenario(scenario, { maxEvents: args.maxEvents });
    out(args.json ? JSON.stringify(results, null, 2) : formatResultsTable(scenario, results));
    return 0;
  } catch (e) {
    if (e instanceof InputError) {
      if (e.message === 'help') {
        out(USAGE);
        return 0;
      }
      err(e.message.replace(/\s*\n\s*/g, ' '));
      return 2;
    }
    err(`internal error: ${e instanceof Error ? e.message : String(e)}`);
    return 1;
  }
}

const invokedDirectly = process.argv[1] !== undefined && /[\\/]cli[\\/]sim\.(ts|js|mjs)$/.test(process.argv[1]);
if (invokedDirectly) {
  const code = main(
    process.argv.slice(2),
    (s) => process.stdout.write(s + '\n'),
    (s) => process.stderr.write(s + '\n'),
  );
  process.exitCode = code;
}
