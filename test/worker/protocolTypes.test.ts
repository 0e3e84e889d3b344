/**
 * The worker protocol's types have no holes: a command body keeps each
 * variant's own fields (a distributive Omit), one stop-reason type runs from
 * the engine to the page, and a message of an unknown type is an error,
 * never ignored.
 */
import { describe, expect, expectTypeOf, it } from 'vitest';
import type { StopReason } from '../../src/sim/kernel';
import type { Results } from '../../src/sim/results';
import { unreachable } from '../../src/worker/exhaustive';
import type { CommandBody, SnapshotEvent, StopInfo, WorkerCommand } from '../../src/worker/protocol';
import { reduceRunEvents } from '../../src/run/liveReducer';
import { harness } from './harness';

describe('the worker protocol types', () => {
  it('a command body is each command without its sequence number, variant by variant', () => {
    expectTypeOf<Extract<CommandBody, { type: 'load' }>>().toEqualTypeOf<Omit<Extract<WorkerCommand, { type: 'load' }>, 'seq'>>();
    expectTypeOf<Extract<CommandBody, { type: 'speed' }>>().toHaveProperty('speed');
    // TypeScript's plain Omit would have kept only the common key.
    expectTypeOf<keyof Omit<WorkerCommand, 'seq'>>().toEqualTypeOf<'type'>();
    expectTypeOf<CommandBody['type']>().toEqualTypeOf<WorkerCommand['type']>();
  });

  it('one stop reason: the engine’s, in the results and in the snapshot', () => {
    expectTypeOf<StopInfo>().toEqualTypeOf<StopReason>();
    expectTypeOf<NonNullable<Results['stopped']>>().toEqualTypeOf<StopReason>();
    expectTypeOf<NonNullable<SnapshotEvent['stopped']>>().toEqualTypeOf<StopReason>();
    expectTypeOf<StopReason['reason']>().toEqualTypeOf<'maxJobs' | 'maxEvents'>();
  });

  it('an unknown message type is an error that names it', () => {
    expect(() => unreachable({ type: 'teleport' } as never, 'command')).toThrow('unknown command "teleport"');
  });

  it('the worker answers an unknown command with an error event rather than ignoring it', () => {
    const h = harness('virtual');
    h.runner.handle({ type: 'teleport', seq: 1 } as unknown as WorkerCommand);
    expect(h.events).toEqual([expect.objectContaining({ type: 'error', message: expect.stringContaining('unknown command "teleport"') })]);
  });

  it('the page refuses an unknown worker event loudly', () => {
    const state = { runId: 1, runStatus: 'idle', runError: null, live: null, runCommandSeq: 0 } as unknown as Parameters<typeof reduceRunEvents>[0];
    expect(() => reduceRunEvents(state, [{ type: 'teleport', runId: 1, seq: 1 } as never])).toThrow('unknown worker event "teleport"');
  });
});
