/**
 * Storage for the leaf fast path (Simulation.leafCalls): calls in service that
 * hold no job record. A call is a slot — its completion time, the insertion
 * sequence its service-done event would have had, its arrival, its node and
 * whether it counts — and, while nothing needs it sooner, it waits in its
 * station's own list, ordered by (time, sequence), to be applied when
 * someone next looks at the station. The calls one job made along one edge
 * at once form a group, whose caller hears of them all at the last one's
 * time and sequence: one event instead of one per call.
 */
import { LeafList } from './leafList';
import type { SummedList } from './summedList';
import { grown, grownFreeStack } from './pool';

/** A slot's state: free, waiting in its station's list, an event of its own in the event list, or held for its group's event. */
export const LEAF_FREE = 0;
export const LEAF_LAZY = 1;
export const LEAF_QUEUED = 2;
export const LEAF_HELD = 3;
/** Applied at its station; kept for its group's event (the group's last call). */
export const LEAF_DONE = 4;

export class LeafCalls {
  // --- per slot
  time = new Float64Array(0);
  seq = new Float64Array(0);
  arrival = new Float64Array(0);
  node = new Int32Array(0);
  /** The group the call belongs to. */
  group = new Int32Array(0);
  counted = new Uint8Array(0);
  state = new Uint8Array(0);
  /** The next call of the same bucket of its station's list (LeafList). */
  next = new Int32Array(0);
  private capacity = 0;
  private free = new Int32Array(0);
  private freeCount = 0;

  // --- per group: the caller, its delivery group (join) or −1, how many calls, the latest call (by time, then sequence)
  parent = new Int32Array(0);
  join = new Int32Array(0);
  calls = new Int32Array(0);
  last = new Int32Array(0);
  /** 0 while its calls are being made; 1: its event is in the event list (its last call needs none); 2: its last call's own event tells the caller. */
  mode = new Uint8Array(0);
  private groupCapacity = 0;
  private groupFree = new Int32Array(0);
  private groupFreeCount = 0;

  /** Per station: its calls waiting to be applied, in order, or null before its first. */
  readonly pending: (LeafList | null)[];
  /** Per station in summed mode (Simulation.leafCalls): its later calls, unordered; null until it switches. */
  readonly summed: (SummedList | null)[];
  /** Per station: how many are waiting (pending[s].size plus summed[s].size, read without the indirection). */
  readonly pendingCount: Int32Array;
  /** Stations that have had calls waiting (for sweeps over all of them). */
  readonly stations: number[] = [];

  constructor(nodeCount: number) {
    this.pending = Array.from({ length: nodeCount }, () => null);
    this.summed = Array.from({ length: nodeCount }, () => null);
    this.pendingCount = new Int32Array(nodeCount);
    this.grow(256);
    this.growGroups(64);
  }

  alloc(): number {
    if (this.freeCount === 0) this.grow(this.capacity * 2);
    return this.free[--this.freeCount];
  }

  release(slot: number): void {
    this.state[slot] = LEAF_FREE;
    this.free[this.freeCount++] = slot;
  }

  allocGroup(): number {
    if (this.groupFreeCount === 0) this.growGroups(this.groupCapacity * 2);
    return this.groupFree[--this.groupFreeCount];
  }

  releaseGroup(g: number): void {
    this.groupFree[this.groupFreeCount++] = g;
  }

  /** Station s's list, made on first use. */
  list(s: number): LeafList {
    let h = this.pending[s];
    if (h === null) {
      h = new LeafList(this);
      this.pending[s] = h;
      this.stations.push(s);
    }
    return h;
  }

  private grow(capacity: number): void {
    this.time = grown(this.time, capacity);
    this.seq = grown(this.seq, capacity);
    this.arrival = grown(this.arrival, capacity);
    this.node = grown(this.node, capacity);
    this.group = grown(this.group, capacity);
    this.counted = grown(this.counted, capacity);
    this.state = grown(this.state, capacity);
    this.next = grown(this.next, capacity);
    this.free = grownFreeStack(this.free, this.freeCount, this.capacity, capacity);
    this.freeCount += capacity - this.capacity;
    this.capacity = capacity;
  }

  private growGroups(capacity: number): void {
    this.parent = grown(this.parent, capacity);
    this.join = grown(this.join, capacity);
    this.calls = grown(this.calls, capacity);
    this.last = grown(this.last, capacity);
    this.mode = grown(this.mode, capacity);
    this.groupFree = grownFreeStack(this.groupFree, this.groupFreeCount, this.groupCapacity, capacity);
    this.groupFreeCount += capacity - this.groupCapacity;
    this.groupCapacity = capacity;
  }
}
