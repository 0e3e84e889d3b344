/**
 * What the run commands in the store drive: the live-run controller
 * (controller.ts) attaches one to its store at start-up (`attachRunDriver`);
 * tests attach a fake.
 * Every method returns the sequence number of the command it sent, so the
 * store can tell which snapshots already reflect it.
 */
import type { Scenario, ScenarioFault } from '../scenario/schema';
import type { Speed } from '../worker/protocol';

export interface RunDriver {
  /** Starts a new run of `scenario` (dropping the current one); returns its run id and the command's seq. */
  load(scenario: Scenario, speed: Speed, play: boolean): { runId: number; seq: number };
  play(): number;
  pause(): number;
  step(): number;
  setSpeed(speed: Speed): number;
  /** Joins a scheduled fault to the running run (the worker answers `faultInjected`). */
  injectFault(fault: ScenarioFault): number;
  /** Asks the worker to trace the next request of `op` (it answers `trace`). */
  traceNext?(op: string): number;
  /** Turns the sampled requests behind the canvas's dots on or off. */
  sampleTraces?(on: boolean): number;
  /** Watches one key of a keyed scenario (null: none), from now and in every run loaded after. */
  watchKey?(key: number | null): number;
  /** Replaces a crashed worker with a fresh one, then loads `scenario` as `load` does. */
  restart(scenario: Scenario, speed: Speed, play: boolean): { runId: number; seq: number };
}
