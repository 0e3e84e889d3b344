/** Rules for short texts, in the schema's words. */
import { LIMITS } from '../scenario/kinds';

export function opNameProblem(value: string, maxChars: number = LIMITS.maxOpChars): string | undefined {
  if (value.length < 1 || value.length > maxChars) return `Expected an operation name of 1–${maxChars} characters.`;
  if (value.trim() !== value) return 'Expected no spaces at either end.';
  return undefined;
}

export function labelProblem(value: string, maxChars: number = LIMITS.maxLabelChars): string | undefined {
  if (value.length > maxChars) return `Expected a string of at most ${maxChars} characters.`;
  return undefined;
}
