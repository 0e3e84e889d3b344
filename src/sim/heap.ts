/**
 * The future-event list: a binary min-heap ordered by (time, insertion
 * sequence), as in SimPy's `schedule`. Ties in time pop in the order they
 * were scheduled, which makes runs deterministic. Struct-of-arrays in typed
 * arrays: no object per event, nothing for the garbage collector.
 */
export class EventHeap {
  private times: Float64Array;
  private seqs: Float64Array;
  private kinds: Uint8Array;
  private ids: Int32Array;
  private gens: Int32Array;
  private count = 0;
  private nextSeq = 0;

  constructor(capacity = 1024) {
    this.times = new Float64Array(capacity);
    this.seqs = new Float64Array(capacity);
    this.kinds = new Uint8Array(capacity);
    this.ids = new Int32Array(capacity);
    this.gens = new Int32Array(capacity);
  }

  get size(): number {
    return this.count;
  }

  /** Time of the earliest event; Infinity when empty. */
  peekTime(): number {
    return this.count > 0 ? this.times[0] : Infinity;
  }

  /** Kind and id of the earliest event (valid until the next push or pop). */
  peekKind(): number {
    return this.kinds[0];
  }

  peekId(): number {
    return this.ids[0];
  }

  /** The generation stamped on the earliest event (see Kernel: a stale event is one whose record was recycled). */
  peekGen(): number {
    return this.gens[0];
  }

  push(time: number, kind: number, id: number, gen = 0): void {
    if (this.count === this.times.length) this.grow();
    const seq = this.nextSeq++;
    const times = this.times;
    const seqs = this.seqs;
    const kinds = this.kinds;
    const ids = this.ids;
    const gens = this.gens;
    let i = this.count++;
    // Sift up with a hole: move parents down until the slot fits.
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const pt = times[parent];
      if (pt < time || (pt === time && seqs[parent] < seq)) break;
      times[i] = pt;
      seqs[i] = seqs[parent];
      kinds[i] = kinds[parent];
      ids[i] = ids[parent];
      gens[i] = gens[parent];
      i = parent;
    }
    times[i] = time;
    seqs[i] = seq;
    kinds[i] = kind;
    ids[i] = id;
    gens[i] = gen;
  }

  /** Removes the earliest event (read it first with peek*). */
  pop(): void {
    const n = --this.count;
    if (n === 0) return;
    const times = this.times;
    const seqs = this.seqs;
    const kinds = this.kinds;
    const ids = this.ids;
    const gens = this.gens;
    const time = times[n];
    const seq = seqs[n];
    const kind = kinds[n];
    const id = ids[n];
    const gen = gens[n];
    let i = 0;
    // Sift down with a hole.
    for (;;) {
      let child = 2 * i + 1;
      if (child >= n) break;
      const right = child + 1;
      if (right < n && (times[right] < times[child] || (times[right] === times[child] && seqs[right] < seqs[child]))) {
        child = right;
      }
      const ct = times[child];
      if (time < ct || (time === ct && seq < seqs[child])) break;
      times[i] = ct;
      seqs[i] = seqs[child];
      kinds[i] = kinds[child];
      ids[i] = ids[child];
      gens[i] = gens[child];
      i = child;
    }
    times[i] = time;
    seqs[i] = seq;
    kinds[i] = kind;
    ids[i] = id;
    gens[i] = gen;
  }

  clear(): void {
    this.count = 0;
  }

  private grow(): void {
    const capacity = this.times.length * 2;
    const times = new Float64Array(capacity);
    const seqs = new Float64Array(capacity);
    const kinds = new Uint8Array(capacity);
    const ids = new Int32Array(capacity);
    const gens = new Int32Array(capacity);
    times.set(this.times);
    seqs.set(this.seqs);
    kinds.set(this.kinds);
    ids.set(this.ids);
    gens.set(this.gens);
    this.times = times;
    this.seqs = seqs;
    this.kinds = kinds;
    this.ids = ids;
    this.gens = gens;
  }
}
