/**
 * Field validation with the schema's own rules and words, so the inspector
 * and the decoder never disagree about what a valid value is.
 */
import { rangedNumber, TimeDistSchema } from '../../scenario/schema';
import type { NumberParamMeta, TimeDist } from '../../scenario/kinds';

/** "expected an integer ≥ 1" → "Expected an integer ≥ 1." */
export function asSentence(message: string): string {
  const text = message.charAt(0).toUpperCase() + message.slice(1);
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

/** What is wrong with a number for this parameter, or undefined when it is fine. */
export function numberProblem(meta: Pick<NumberParamMeta, 'type' | 'min' | 'exclusiveMin' | 'max'>, value: number): string | undefined {
  const r = rangedNumber(meta).safeParse(value);
  return r.success ? undefined : asSentence(r.error.issues[0].message);
}

/** Reads a number as people type it: "1,000", "1 000", "1e3", "2.5". Undefined when it is not one. */
export function parseNumber(text: string): number | undefined {
  const cleaned = text.trim().replace(/[\s,_]/g, '');
  if (cleaned === '' || !/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(cleaned)) return undefined;
  const n = Number(cleaned);
  return Number.isFinite(n) ? n : undefined;
}

/** The first problem of a time distribution, with the field it belongs to. */
export function distProblem(d: TimeDist): { field: string; message: string } | undefined {
  const r = TimeDistSchema.safeParse(d);
  if (r.success) return undefined;
  const issue = r.error.issues[0];
  return { field: issue.path.map(String).join('.'), message: asSentence(issue.message) };
}
