/**
 * Fields a document carries that this build does not know. zod's `z.object`
 * strips unknown keys without a word (and `z.strictObject` would refuse the
 * whole document); the format promises neither: such a field is reported as
 * a warning, with its path, and decoding goes on (SCENARIO.md, "Format v2").
 *
 * The check compares the document with what the schema made of it: a key of
 * the input that the validated output does not hold was dropped, so it is
 * unknown here. Defaults only ever add keys, and a discriminated union keeps
 * the keys of the branch it chose, so a field of another branch (`meanMs` on
 * a constant distribution) is reported too. Nothing inside an unknown field
 * is looked at.
 */

export interface DecodeWarning {
  /** Where: `nodes[2].params.foo`. */
  path: string;
  /** One line for a person: `nodes[2].params.foo: unknown field`. */
  message: string;
}

/** Warnings listed one by one, at most; the rest are counted in one more line. */
export const MAX_LISTED_WARNINGS = 20;

const plainKey = /^[A-Za-z_$][\w$-]{0,63}$/;

function keyPath(parent: string, key: string | number): string {
  if (typeof key === 'number') return `${parent}[${key}]`;
  if (plainKey.test(key)) return parent === '' ? key : `${parent}.${key}`;
  const shown = key.length > 40 ? `${key.slice(0, 40)}…` : key;
  return `${parent}[${JSON.stringify(shown)}]`;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** The unknown fields of `input`, given `output`, the schema's parse of it. */
export function unknownFields(input: unknown, output: unknown): DecodeWarning[] {
  const paths: string[] = [];
  let more = 0;
  const walk = (inp: unknown, out: unknown, path: string) => {
    if (Array.isArray(inp) && Array.isArray(out)) {
      const n = Math.min(inp.length, out.length);
      for (let i = 0; i < n; i++) walk(inp[i], out[i], keyPath(path, i));
      return;
    }
    if (!isRecord(inp) || !isRecord(out)) return;
    for (const key of Object.keys(inp)) {
      // An in-memory document may spell an absent optional field as `undefined`: not a field.
      if (inp[key] === undefined) continue;
      if (Object.hasOwn(out, key)) walk(inp[key], out[key], keyPath(path, key));
      else if (paths.length < MAX_LISTED_WARNINGS) paths.push(keyPath(path, key));
      else more++;
    }
  };
  walk(input, output, '');
  const warnings = paths.map((path) => ({ path, message: `${path}: unknown field` }));
  if (more > 0) warnings.push({ path: '', message: `and ${more.toLocaleString('en-US')} more unknown field${more > 1 ? 's' : ''}` });
  return warnings;
}
