/**
 * A behaviour is everything the engine knows about one kind of node (after
 * tldraw's `ShapeUtil`): how a node of the kind is compiled into its own
 * state, what happens when a call arrives, what a server's work means, and
 * what the kind adds to the results. The core (engine.ts) never asks which
 * kind a node is: it calls the node's behaviour through tables filled once.
 */
import type { NodeKind } from '../../scenario/kinds';
import type { ScenarioNode } from '../../scenario/schema';
import type { Simulation } from '../engine';
import type { EdgeResult, NodeResult } from '../results';

export interface Behaviour<S = unknown, C = unknown> {
  readonly kind: NodeKind;
  /**
   * How a job standing for many identical calls is handled at this kind — the
   * kind's bulk rule, in words (README and tests read it).
   */
  readonly bulkRule: string;
  /** Jobs at a node of this kind are requests themselves (a client's): their completion is the request's. */
  readonly createsRequests?: boolean;
  /** Once per run and kind, before any node of the kind is compiled: register events, shared context. */
  setup?(sim: Simulation): C;
  /** A node of the kind into its own compiled state (and its station, if it has one: `sim.stations.define`). */
  compile(sim: Simulation, node: ScenarioNode, index: number, context: C): S;
  /** After every node is compiled: schedule what the node starts with (a client's first arrival). */
  start?(sim: Simulation, index: number, state: S): void;
  /** A call (job `j`) reaches the node. */
  arrive(sim: Simulation, j: number, state: S): void;
  /** After a job's service at the node's station; returns true when the job completed there (a cache hit). */
  afterService?(sim: Simulation, j: number, state: S): boolean;
  /** A job of the node completed (not dropped, not a bulk splitter): release what the kind holds for it. */
  onComplete?(sim: Simulation, j: number, state: S): void;
  /**
   * With top-level `keys` (data.ts): the hooks that take the place of `afterService` and `onComplete`
   * — the data plane's reads, writes and versions. Without keys they are never installed, so a
   * keyless scenario runs exactly the code it ran before.
   */
  keyed?: {
    afterService?(sim: Simulation, j: number, state: S): boolean;
    onComplete?(sim: Simulation, j: number, state: S): void;
  };
  /** A request of a node of this kind (a client's) is over: its job `j`, before the record goes. */
  requestDone?(sim: Simulation, j: number, state: S): void;
  /** A fault now targets edge `e` (a run gained one: Simulation.injectFault): stop any shortcut that bypasses the edge's calls. */
  edgeFaulted?(sim: Simulation, index: number, state: S, e: number): void;
  /** Node `target` just crashed (a fault): whatever the kind keeps for calls to it restarts (a log's consumer groups). */
  targetCrashed?(sim: Simulation, index: number, state: S, target: number): void;
  /** Fields the kind adds to the results of its outgoing edge `e` (a log's consumer groups). */
  edgeResult?(sim: Simulation, index: number, state: S, e: number, result: EdgeResult): void;
  /** Fields the kind adds to its node's results. */
  nodeResult?(sim: Simulation, index: number, state: S, result: NodeResult): void;
  dispose?(state: S): void;
}

/** A behaviour with its state types erased, as the registry holds it. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyBehaviour = Behaviour<any, any>;
