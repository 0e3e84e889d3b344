/**
 * Growing the engine's record pools (job records, join groups, timers, leaf
 * calls): each keeps its fields in typed arrays and its free slots in a
 * stack, and doubles both when the stack runs dry. Only the growing is
 * shared — allocation and release stay in each pool, inlined into the hot
 * paths.
 */

type Typed = Float64Array | Int32Array | Uint8Array;

/** A copy of `a` with room for `capacity` entries (the new ones zero). */
export function grown<T extends Typed>(a: T, capacity: number): T {
  const b = new (a.constructor as new (length: number) => T)(capacity);
  b.set(a);
  return b;
}

/**
 * The free stack of a pool grown from `old` to `capacity` slots: the `count`
 * slots free so far, then every new slot, the lowest on top — new ids are
 * handed out in increasing order, so runs (whose events carry ids) stay the
 * same whatever the initial capacity.
 */
export function grownFreeStack(free: Int32Array, count: number, old: number, capacity: number): Int32Array<ArrayBuffer> {
  const next = new Int32Array(capacity);
  next.set(free.subarray(0, count));
  for (let id = capacity - 1; id >= old; id--) next[count++] = id;
  return next;
}
