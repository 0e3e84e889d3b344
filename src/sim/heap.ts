/**
 * The future-event list, ordered by (time, insertion sequence) as in SimPy's
 * `schedule`: ties in time pop in the order they were scheduled, which makes
 * runs deterministic.
 *
 * Small lists are one 4-ary min-heap (the "front"). Four children per entry
 * halve the depth a removal sifts through (and the unpredictable branches on
 * the way), and the four sit next to each other in memory. Each entry is one
 * record of four doubles in a single typed array — time, sequence, id, and
 * the kind and generation packed together (generation × 256 + kind, exact in
 * a double) — so moving an entry touches one cache line instead of one per
 * field, and nothing is allocated per event.
 *
 * A long list (thousands of calls in service at once) is a calendar queue in
 * front of that heap: time is cut into buckets of `width` ms, bucket
 * k = floor(t / width) (t × (1/width), rounded down: monotone in t, so equal
 * times share a bucket and an earlier time never lands in a later bucket).
 * The front heap holds every event of the buckets up to the current one
 * `cur`; the next ring − 1 buckets are unsorted lists an event is appended
 * to; anything later waits in a second heap (`far`). When the front runs dry
 * the next non-empty bucket (or the far heap's earliest, whichever comes
 * first) becomes current and its events move into the front. Every event in
 * a list or in `far` lies in a later bucket than every event of the front,
 * so the front's minimum — by time, then sequence — is the whole list's: the
 * order is exactly the single heap's, while the front stays a few entries
 * deep. The width follows the events' spacing: it is re-estimated (the list
 * rebuilt) when buckets come out too full or too empty.
 */
const STRIDE = 4;
const KIND_SPAN = 256;
/** Buckets kept as lists ahead of the current one (a power of two, chosen at each rebuild from the events pending), at least and at most. */
const MIN_RING = 2048;
// At most 16 MB of lists (16,384 buckets of 32 events of 32 bytes): past ~100,000 pending, the far heap takes the rest.
const MAX_RING = 16384;
/** Room for this many events in each bucket's list (a full list sends the rest to the far heap). */
const BUCKET_CAP = 32;
/** Past this many events the list runs as a calendar (below, the front heap alone is as fast). */
const CALENDAR_FROM = 512;
/** Events per bucket aimed at when the width is chosen. */
const PER_BUCKET = 6;

/**
 * When a calendar — this list, or a station's leaf calls (leafList.ts) — chooses its width again:
 * at most once per list's worth of pushes since it last did, when buckets have come out crowded or
 * sparse or its far heap holds half the list, or when the current bucket piles up.
 */
export class CalendarTuning {
  /** Pushes since the width was chosen. */
  pushes = 0;
  private crowded = 0;
  private sparse = 0;
  private readonly perBucket: number;

  constructor(perBucket: number) {
    this.perBucket = perBucket;
  }

  /** The width was just chosen. */
  chosen(): void {
    this.pushes = 0;
    this.crowded = 0;
    this.sparse = 0;
  }

  /** After a push into the current bucket, which now holds `front` of the list's `size`: whether the width is too wide. */
  piledUp(front: number, size: number): boolean {
    return front > 64 * this.perBucket && this.pushes > size + 4096;
  }

  /** A bucket became current with `moved` entries, after `scanned` empty ones: whether to choose the width again. */
  advanced(moved: number, scanned: number, size: number, far: number): boolean {
    if (moved > 4 * this.perBucket) this.crowded++;
    if (scanned > 8 * this.perBucket) this.sparse++;
    if (this.pushes <= size + 4096) return false;
    if (this.crowded > 64 || this.sparse > 64 || far > size / 2) return true;
    if (this.pushes > 16 * (size + 4096)) this.chosen();
    return false;
  }
}

/** A 4-ary min-heap of (time, seq, id, kindGen) records (also the front and far heaps of a station's leaf calls, leafList.ts). */
export class QuadHeap {
  entries: Float64Array;
  count = 0;

  constructor(capacity: number) {
    this.entries = new Float64Array(Math.max(1, capacity) * STRIDE);
  }

  push(time: number, seq: number, id: number, kindGen: number): void {
    if (this.count * STRIDE === this.entries.length) this.grow();
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
    e[h + 3] = kindGen;
  }

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

  /** A calendar's far heap: every entry of bucket `k` or earlier (time × invWidth, rounded down) moves to `front`. */
  moveUpTo(k: number, invWidth: number, front: QuadHeap): void {
    while (this.count > 0 && Math.floor(this.entries[0] * invWidth) <= k) {
      const e = this.entries;
      front.push(e[0], e[1], e[2], e[3]);
      this.pop();
    }
  }

  private grow(): void {
    const entries = new Float64Array(this.entries.length * 2);
    entries.set(this.entries);
    this.entries = entries;
  }
}

export class EventHeap {
  /** The earliest events: all of them in heap mode, as a calendar those of the current bucket (and of none later). */
  private readonly front: QuadHeap;
  /** Events of buckets past the current one that are not in a list (calendar mode only). */
  private readonly far = new QuadHeap(64);
  private total = 0;
  private nextSeq = 0;
  /** The current bucket; Infinity in heap mode (every event then belongs to the front). */
  private cur = Infinity;
  private invWidth = 0;
  /**
   * Bucket k's events, for k in cur+1 … cur+ring−1, in slot k mod ring: unsorted, STRIDE doubles
   * each, BUCKET_CAP of them from (k mod ring) × BUCKET_CAP × STRIDE — one array, allocated on the
   * first switch to a calendar.
   */
  private buckets = new Float64Array(0);
  private ring = MIN_RING;
  private ringMask = MIN_RING - 1;
  private bucketCount = new Int32Array(MIN_RING);
  /** Events pushed since the width was last chosen, and how the buckets have come out since. */
  private readonly tuning = new CalendarTuning(PER_BUCKET);
  /** Buffers for rebuilds: the pending events, and a sample of their times. */
  private scratch = new Float64Array(0);
  private readonly sampleTimes = new Float64Array(255);
  /** Heap mode: the size at which to try a calendar next (after a try whose times could not be cut). */
  private calendarAt = CALENDAR_FROM;

  constructor(capacity = 1024) {
    this.front = new QuadHeap(capacity);
  }

  get size(): number {
    return this.total;
  }

  /** Time of the earliest event; Infinity when empty. */
  peekTime(): number {
    return this.total > 0 ? this.front.entries[0] : Infinity;
  }

  /** Kind and id of the earliest event (valid until the next push or pop). */
  peekKind(): number {
    return this.front.entries[3] & (KIND_SPAN - 1);
  }

  peekId(): number {
    return this.front.entries[2] | 0;
  }

  /** The generation stamped on the earliest event (see Kernel: a stale event is one whose record was recycled). */
  peekGen(): number {
    const kindGen = this.front.entries[3];
    return ((kindGen - (kindGen & (KIND_SPAN - 1))) / KIND_SPAN) | 0;
  }

  /** The insertion sequence of the earliest event. */
  peekSeq(): number {
    return this.front.entries[1];
  }

  /**
   * Takes the next insertion sequence without scheduling anything: an event
   * the engine keeps elsewhere (a leaf call's completion, engine.ts) holds
   * its place in the order, and every later event keeps the sequence it
   * would have had.
   */
  reserveSeq(): number {
    return this.nextSeq++;
  }

  /** Schedules an event; `kind` is below 256, `id` and `gen` are 32-bit integers. */
  push(time: number, kind: number, id: number, gen = 0): void {
    this.pushAt(time, this.nextSeq++, kind, id, gen);
  }

  /** Schedules an event under a sequence taken earlier with `reserveSeq`. */
  pushAt(time: number, seq: number, kind: number, id: number, gen = 0): void {
    const kindGen = gen * KIND_SPAN + kind;
    if (this.cur === Infinity) {
      this.total++;
      this.front.push(time, seq, id, kindGen);
      if (this.total > this.calendarAt) this.rebuild();
      return;
    }
    // The front is empty only when the whole list is: the new event's bucket becomes the current one.
    if (this.total === 0) this.cur = Math.floor(time * this.invWidth);
    this.total++;
    this.tuning.pushes++;
    this.place(time, seq, id, kindGen);
  }

  /** Removes the earliest event (read it first with peek*). */
  pop(): void {
    this.total--;
    this.front.pop();
    if (this.front.count === 0 && this.total > 0) this.advance();
  }

  clear(): void {
    this.front.count = 0;
    this.far.count = 0;
    this.bucketCount.fill(0);
    this.total = 0;
  }

  /** Calendar mode: puts an event where it belongs — the front, a bucket's list, or the far heap. */
  private place(time: number, seq: number, id: number, kindGen: number): void {
    const k = Math.floor(time * this.invWidth);
    if (k <= this.cur) {
      const front = this.front;
      front.push(time, seq, id, kindGen);
      // Too wide a width piles the events into the current bucket.
      if (this.tuning.piledUp(front.count, this.total)) this.rebuild();
      return;
    }
    if (k - this.cur < this.ring) {
      const slot = k & this.ringMask;
      const n = this.bucketCount[slot];
      if (n < BUCKET_CAP) {
        const b = this.buckets;
        const h = (slot * BUCKET_CAP + n) * STRIDE;
        b[h] = time;
        b[h + 1] = seq;
        b[h + 2] = id;
        b[h + 3] = kindGen;
        this.bucketCount[slot] = n + 1;
        return;
      }
    }
    this.far.push(time, seq, id, kindGen);
  }

  /** The front ran dry with events left: the next non-empty bucket (a list's, or the far heap's earliest) becomes current. */
  private advance(): void {
    const far = this.far;
    const farBucket = far.count > 0 ? Math.floor(far.entries[0] * this.invWidth) : Infinity;
    const ringEnd = this.cur + this.ring;
    const mask = this.ringMask;
    const stop = farBucket < ringEnd ? farBucket : ringEnd;
    let k = this.cur + 1;
    while (k < stop && this.bucketCount[k & mask] === 0) k++;
    const scanned = k - this.cur - 1;
    // Every list empty: the far heap's earliest bucket is next (its slot, past the ring, is empty).
    if (k >= ringEnd) k = farBucket;
    this.cur = k;
    const front = this.front;
    let moved = 0;
    if (k < ringEnd) {
      const slot = k & mask;
      const n = this.bucketCount[slot];
      const b = this.buckets;
      const from = slot * BUCKET_CAP * STRIDE;
      for (let h = from; h < from + n * STRIDE; h += STRIDE) front.push(b[h], b[h + 1], b[h + 2], b[h + 3]);
      this.bucketCount[slot] = 0;
      moved = n;
    }
    far.moveUpTo(k, this.invWidth, front);
    if (this.tuning.advanced(moved, scanned, this.total, far.count)) this.rebuild();
  }

  /**
   * Chooses the width from the events pending (PER_BUCKET of them per bucket
   * over the nearer half, its end estimated from a sample of their times) and
   * puts every event back where it belongs. The order of events does not
   * depend on the width: only how fast it is found.
   */
  private rebuild(): void {
    const n = this.total;
    // The pending events, gathered into a buffer kept between rebuilds (a long list rebuilds often).
    if (this.scratch.length < n * STRIDE) this.scratch = new Float64Array(2 * n * STRIDE);
    const all = this.scratch;
    let m = 0;
    const take = (e: Float64Array, count: number) => {
      all.set(e.subarray(0, count * STRIDE), m * STRIDE);
      m += count;
    };
    take(this.front.entries, this.front.count);
    take(this.far.entries, this.far.count);
    for (let s = 0; s < this.ring; s++) if (this.bucketCount[s] > 0) take(this.buckets.subarray(s * BUCKET_CAP * STRIDE), this.bucketCount[s]);
    // The earliest time, and the median's from a sample of at most 255 (evenly spread over the list):
    // the width is a matter of speed only, never of order.
    let earliest = Infinity;
    for (let i = 0; i < n; i++) if (all[i * STRIDE] < earliest) earliest = all[i * STRIDE];
    const k = Math.min(n, 255);
    const sample = this.sampleTimes;
    for (let i = 0; i < k; i++) sample[i] = all[Math.floor((i * n) / k) * STRIDE];
    const sorted = sample.subarray(0, k).sort();
    const half = n >> 1;
    const width = ((sorted[k >> 1] - earliest) / Math.max(1, half)) * PER_BUCKET;
    this.front.count = 0;
    this.far.count = 0;
    this.bucketCount.fill(0);
    this.tuning.chosen();
    if (width > 0 && Number.isFinite(1 / width) && Number.isFinite(earliest / width)) {
      // Room in the ring for every pending event at PER_BUCKET a bucket, so that few go to the far heap.
      let ring = MIN_RING;
      while (ring < MAX_RING && ring * PER_BUCKET < n) ring *= 2;
      if (ring !== this.ring || this.buckets.length === 0) {
        this.ring = ring;
        this.ringMask = ring - 1;
        this.bucketCount = new Int32Array(ring);
        this.buckets = new Float64Array(ring * BUCKET_CAP * STRIDE);
      }
      this.invWidth = 1 / width;
      this.cur = Math.floor(earliest * this.invWidth);
      for (let i = 0; i < n; i++) {
        const h = i * STRIDE;
        this.place(all[h], all[h + 1], all[h + 2], all[h + 3]);
      }
    } else {
      // Times too close together (or too far apart) to cut into buckets: the front heap alone, until the list doubles.
      this.cur = Infinity;
      this.calendarAt = 2 * n;
      for (let i = 0; i < n; i++) {
        const h = i * STRIDE;
        this.front.push(all[h], all[h + 1], all[h + 2], all[h + 3]);
      }
    }
  }
}
