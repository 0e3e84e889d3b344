/**
 * The end of an exhaustive switch over a protocol union: the compiler
 * rejects the call while a variant is unhandled (the value is not `never`
 * yet), and a message of a type nobody knows — from a newer or a broken
 * peer — fails loudly at run time instead of being dropped in silence.
 */
export function unreachable(value: never, what: string): never {
  const type = (value as { type?: unknown } | null)?.type;
  throw new Error(`unknown ${what}${type === undefined ? '' : ` "${String(type)}"`}`);
}
