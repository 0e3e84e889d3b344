/**
 * The one entry point for untrusted scenarios — share links, files, local
 * storage, the CLI. Like Excalidraw's restore.ts it never throws: it returns
 * the scenario with every default filled in, or a typed error whose message a
 * person can act on (which step failed, which field, what was expected, what
 * was found). Fields it does not know do not stop it: they come back as
 * `warnings` (`nodes[2].params.foo: unknown field`), never dropped in silence.
 */
import type * as z from 'zod';
import { LIMITS } from './kinds';
import { CURRENT_VERSION, migrateToCurrent } from './migrations';
import { ScenarioSchema, type Scenario } from './schema';
import { graphProblems } from './graph';
import { unknownFields, type DecodeWarning } from './unknownFields';

export type { DecodeWarning };

export type DecodeStep = 'size' | 'link' | 'decompress' | 'json' | 'version' | 'migrate' | 'validate' | 'graph';

export interface DecodeError {
  /** Which step of hash → decompress → JSON.parse → validate → migrate failed. */
  step: DecodeStep;
  /** The field path of the first problem, e.g. `nodes[2].params.servers`. */
  path?: string;
  /** One line for a person: `nodes[2].params.servers: expected an integer ≥ 1, got -3`. */
  message: string;
  /** Every problem found, one line each (the first is `message`). */
  problems: string[];
}

export type DecodeResult =
  | {
      ok: true;
      scenario: Scenario;
      /** Fields of the document this version does not know (and so did not use), one per path; empty for most. */
      warnings: DecodeWarning[];
    }
  | { ok: false; error: DecodeError };

export function fail(step: DecodeStep, message: string, path?: string, problems?: string[]): DecodeResult {
  return { ok: false, error: { step, path, message, problems: problems ?? [message] } };
}

/** `['nodes', 2, 'params']` → `nodes[2].params`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out;
}

/** A short, safe rendering of a value found in the input. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing (the field is missing)';
  if (typeof value === 'string') {
    const shown = value.length > 40 ? `${value.slice(0, 40)}…` : value;
    return JSON.stringify(shown);
  }
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return String(value);
  if (Array.isArray(value)) return `a list of ${value.length}`;
  if (typeof value === 'object') return 'an object';
  return typeof value;
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let cur: unknown = root;
  for (const key of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<PropertyKey, unknown>)[key];
  }
  return cur;
}

function issueLine(issue: z.core.$ZodIssue, input: unknown): { path: string; line: string } {
  let path = issue.path;
  // For an unknown discriminator zod points at the object; point at the field instead.
  if (issue.code === 'invalid_union' && 'discriminator' in issue && typeof issue.discriminator === 'string') {
    if (path[path.length - 1] !== issue.discriminator) path = [...path, issue.discriminator];
  }
  const where = formatPath(path) || '(top level)';
  let message = issue.message;
  if (issue.code === 'unrecognized_keys') return { path: where, line: `${where}: ${message}` };
  if (message.startsWith('Invalid input')) message = 'expected a value of the right type';
  return { path: where, line: `${where}: ${message}, got ${describeValue(valueAt(input, path))}` };
}

/** Validates and migrates an already-parsed JSON value. Never throws. */
export function decodeScenario(input: unknown): DecodeResult {
  try {
    return decodeUnsafe(input);
  } catch (err) {
    // A bug, not bad input; still never crash the caller.
    return fail('validate', `could not read the scenario: ${err instanceof Error ? err.message : String(err)}`);
  }
}

function decodeUnsafe(input: unknown): DecodeResult {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    return fail('validate', `expected a scenario object, got ${describeValue(input)}`);
  }
  const version = (input as { version?: unknown }).version;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    return fail('version', `version: expected a format version (an integer ≥ 1), got ${describeValue(version)}`, 'version');
  }
  if (version > CURRENT_VERSION) {
    return fail(
      'version',
      `version: this scenario uses format v${version}, made by a newer Fanout Lab; this version reads formats up to v${CURRENT_VERSION}`,
      'version',
    );
  }
  const migrated = migrateToCurrent(input as Record<string, unknown>);
  if (!migrated.ok) return fail('migrate', migrated.message);

  const parsed = ScenarioSchema.safeParse(migrated.value);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => issueLine(issue, migrated.value));
    const first = lines[0];
    const more = lines.length > 1 ? ` (and ${lines.length - 1} more problem${lines.length > 2 ? 's' : ''})` : '';
    return fail('validate', first.line + more, first.path, lines.map((l) => l.line));
  }
  const problems = graphProblems(parsed.data);
  if (problems.length > 0) {
    const more = problems.length > 1 ? ` (and ${problems.length - 1} more problem${problems.length > 2 ? 's' : ''})` : '';
    return fail('graph', problems[0].line + more, problems[0].path, problems.map((p) => p.line));
  }
  return { ok: true, scenario: parsed.data, warnings: unknownFields(migrated.value, parsed.data) };
}

/** Parses scenario JSON text (a file, local storage), with the size limit. Never throws. */
export function decodeScenarioJson(text: string): DecodeResult {
  if (typeof text !== 'string') return fail('json', `expected JSON text, got ${describeValue(text)}`);
  if (text.length > LIMITS.maxJsonChars) {
    return fail(
      'size',
      `the scenario is ${text.length.toLocaleString('en-US')} characters of JSON; the limit is ${LIMITS.maxJsonChars.toLocaleString('en-US')}`,
    );
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    const detail = err instanceof Error ? err.message : String(err);
    return fail('json', `the scenario is not valid JSON (${detail.slice(0, 120)})`);
  }
  return decodeScenario(value);
}
