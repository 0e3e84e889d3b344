/**
 * The future-event list: a 4-ary min-heap ordered by (time, insertion
 * sequence), as in SimPy's `schedule`. Four children per entry halve the
 * depth a removal sifts through (and the unpredictable branches on the way),
 * and the four sit next to each other in memory. Ties in time pop in the order they
 * were scheduled, which makes runs deterministic. Each entry is one record of
 * four doubles in a single typed array — time, sequence, id, and the kind and
 * generation packed together (generation × 256 + kind, exact in a double) —
 * so moving an entry touches one cache line instead of one per field, and
 * nothing is allocated per event.
 */
const STRIDE = 4;
const KIND_SPAN = 256;

export class EventHeap {
  private entries: Float64Array;
  private count = 0;
  private nextSeq = 0;

  constructor(capacity = 1024) {
    this.entries = new Float64Array(Math.max(1, capacity) * STRIDE);
  }

  get size(): number {
    return this.count;
  }

  /** Time of the earliest event; Infinity when empty. */
  peekTime(): number {
    return this.count > 0 ? this.entries[0] : Infinity;
  }

  /** Kind and id of the earliest event (valid until the next push or pop). */
  peekKind(): number {
    return this.entries[3] & (KIND_SPAN - 1);
  }

  peekId(): number {
    return this.entries[2] | 0;
  }

  /** The generation stamped on the earliest event (see Kernel: a stale event is one whose record was recycled). */
  peekGen(): number {
    const kindGen = this.entries[3];
    return ((kindGen - (kindGen & (KIND_SPAN - 1))) / KIND_SPAN) | 0;
  }

  /** Schedules an event; `kind` is below 256, `id` and `gen` are 32-bit integers. */
  push(time: number, kind: number, id: number, gen = 0): void {
    if (this.count * STRIDE === this.entries.length) this.grow();
    const seq = this.nextSeq++;
    const e = this.entries;
    let i = this.count++;
    // Sift up with a hole: move parents down until the slot fits.
    while (i > 0) {
      const parent = (i - 1) >> 2;
      const p = parent * STRIDE;
      const pt = e[p];
      if (pt < time || (pt === time && e[p + 1] < seq)) break;
      const h = i * STRIDE;
      e[h] = pt;
      e[h + 1] = e[p + 1];
      e[h + 2] = e[p + 2];
      e[h + 3] = e[p + 3];
      i = parent;
    }
    const h = i * STRIDE;
    e[h] = time;
    e[h + 1] = seq;
    e[h + 2] = id;
    e[h + 3] = gen * KIND_SPAN + kind;
  }

  /** Removes the earliest event (read it first with peek*). */
  pop(): void {
    const n = --this.count;
    if (n === 0) return;
    const e = this.entries;
    const last = n * STRIDE;
    const time = e[last];
    const seq = e[last + 1];
    const id = e[last + 2];
    const kindGen = e[last + 3];
    let i = 0;
    // Sift down with a hole: the smallest of up to four children moves up until the last entry fits.
    for (;;) {
      const first = 4 * i + 1;
      if (first >= n) break;
      const end = first + 4 < n ? first + 4 : n;
      let child = first;
      let c = first * STRIDE;
      let ct = e[c];
      for (let k = first + 1; k < end; k++) {
        const r = k * STRIDE;
        const rt = e[r];
        if (rt < ct || (rt === ct && e[r + 1] < e[c + 1])) {
          child = k;
          c = r;
          ct = rt;
        }
      }
      if (time < ct || (time === ct && seq < e[c + 1])) break;
      const h = i * STRIDE;
      e[h] = ct;
      e[h + 1] = e[c + 1];
      e[h + 2] = e[c + 2];
      e[h + 3] = e[c + 3];
      i = child;
    }
    const h = i * STRIDE;
    e[h] = time;
    e[h + 1] = seq;
    e[h + 2] = id;
    e[h + 3] = kindGen;
  }

  clear(): void {
    this.count = 0;
  }

  private grow(): void {
    const entries = new Float64Array(this.entries.length * 2);
    entries.set(this.entries);
    this.entries = entries;
  }
}
