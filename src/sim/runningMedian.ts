/**
 * The median of a growing set of numbers, in O(log n) per value: the lower
 * half in a max-heap, the upper half in a min-heap, their sizes at most one
 * apart. For an even count the median is the mean of the two middle values.
 * A batch job's backup rule reads it after every finished task.
 */
export class RunningMedian {
  /** Max-heap of the lower half (its root is the largest of them). */
  private low: Float64Array = new Float64Array(16);
  private lowSize = 0;
  /** Min-heap of the upper half. */
  private high: Float64Array = new Float64Array(16);
  private highSize = 0;

  get count(): number {
    return this.lowSize + this.highSize;
  }

  clear(): void {
    this.lowSize = 0;
    this.highSize = 0;
  }

  add(x: number): void {
    if (this.lowSize === 0 || x <= this.low[0]) this.low = push(this.low, this.lowSize++, x, -1);
    else this.high = push(this.high, this.highSize++, x, 1);
    if (this.lowSize > this.highSize + 1) {
      const top = pop(this.low, this.lowSize--, -1);
      this.high = push(this.high, this.highSize++, top, 1);
    } else if (this.highSize > this.lowSize) {
      const top = pop(this.high, this.highSize--, 1);
      this.low = push(this.low, this.lowSize++, top, -1);
    }
  }

  /** The median so far (NaN when empty). */
  value(): number {
    if (this.lowSize === 0) return NaN;
    return this.lowSize > this.highSize ? this.low[0] : (this.low[0] + this.high[0]) / 2;
  }
}

/** Heap order: sign 1 keeps the smallest at the root, −1 the largest. */
function push(heap: Float64Array, size: number, x: number, sign: number): Float64Array {
  let h = heap;
  if (size === h.length) {
    h = new Float64Array(size * 2);
    h.set(heap);
  }
  let i = size;
  while (i > 0) {
    const parent = (i - 1) >> 1;
    if (sign * (h[parent] - x) <= 0) break;
    h[i] = h[parent];
    i = parent;
  }
  h[i] = x;
  return h;
}

function pop(h: Float64Array, size: number, sign: number): number {
  const top = h[0];
  const last = h[size - 1];
  const n = size - 1;
  let i = 0;
  for (;;) {
    const l = 2 * i + 1;
    if (l >= n) break;
    const r = l + 1;
    const c = r < n && sign * (h[r] - h[l]) < 0 ? r : l;
    if (sign * (h[c] - last) >= 0) break;
    h[i] = h[c];
    i = c;
  }
  if (n > 0) h[i] = last;
  return top;
}
