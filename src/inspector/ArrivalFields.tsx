/**
 * A client's load (SCENARIO.md v2): open — Poisson or evenly spaced
 * arrivals at a rate, which a schedule may change during the run — or
 * closed — a number of users, each waiting for its answer, then thinking or
 * keeping to an interval. Fields and lessons come from kinds.ts.
 */
import { isOpen, nominalRatePerSec, type Arrival, type OpenArrival } from '../scenario/arrival';
import { ARRIVAL_META, ARRIVAL_MODEL_META, CLOSED_ARRIVAL_META, KINDS } from '../scenario/kinds';
import type { NodeOf } from '../scenario/schema';
import { distMean } from '../sim/distributions';
import { useAppStore } from '../store';
import { DistEditor } from './fields/DistEditor';
import { EnumField } from './fields/EnumField';
import { HelpTip } from './fields/HelpTip';
import { NumberField } from './fields/NumberField';
import { RateScheduleFields } from './RateScheduleFields';

const C = CLOSED_ARRIVAL_META;
const GROUP = KINDS.client.params.arrival;

function round3(x: number): number {
  return Number(x.toPrecision(3));
}

/** The arrival of the other model, offering about the same load. */
export function switchModel(arrival: Arrival, model: 'open' | 'closed'): Arrival {
  if ((model === 'open') === isOpen(arrival)) return arrival;
  if (model === 'open') return { type: ARRIVAL_META.type.default as 'poisson', ratePerSec: round3(nominalRatePerSec(arrival)) };
  return { type: 'closed', users: C.users.default, thinkTimeMs: structuredClone(C.thinkTimeMs.default) };
}

export function ArrivalFields({ node }: { node: NodeOf<'client'> }) {
  const updateNode = useAppStore((s) => s.updateNode);
  const arrival = node.params.arrival;
  const id = `param-${node.id}-arrival`;
  const set = (next: Arrival, field?: string) =>
    updateNode(
      node.id,
      (n) => ({ ...n, params: { ...(n as NodeOf<'client'>).params, arrival: next } }) as typeof n,
      field ? { mergeKey: `param:${node.id}:arrival:${field}` } : undefined,
    );

  return (
    <fieldset className="field-group" aria-labelledby={`${id}-legend`} aria-describedby={`${id}-help`}>
      <legend className="field-group__legend">
        <span id={`${id}-legend`}>{GROUP.label}</span> <HelpTip id={`${id}-help`} label={GROUP.label} help={GROUP.help} />
      </legend>
      <EnumField
        id={`${id}-model`}
        meta={ARRIVAL_MODEL_META}
        value={isOpen(arrival) ? 'open' : 'closed'}
        onChange={(v) => set(switchModel(arrival, v as 'open' | 'closed'))}
      />
      {isOpen(arrival) ? (
        <OpenFields id={id} op={node.params.op} arrival={arrival} set={set} />
      ) : (
        <>
          <NumberField id={`${id}-users`} meta={C.users} value={arrival.users} namedProblem onChange={(v) => v !== undefined && set({ ...arrival, users: v }, 'users')} />
          <EnumField
            id={`${id}-pacing`}
            meta={C.pacing}
            value={arrival.intervalMs !== undefined ? 'intervalMs' : 'thinkTimeMs'}
            onChange={(v) =>
              set(
                v === 'intervalMs'
                  ? // Keep what one user offers: an interval as long as the mean think time.
                    { type: 'closed', users: arrival.users, intervalMs: arrival.thinkTimeMs ? Math.max(round3(distMean(arrival.thinkTimeMs)), 0.001) : C.intervalMs.default }
                  : { type: 'closed', users: arrival.users, thinkTimeMs: arrival.intervalMs ? { type: 'exponential', meanMs: arrival.intervalMs } : structuredClone(C.thinkTimeMs.default) },
              )
            }
          />
          {arrival.intervalMs !== undefined ? (
            <NumberField id={`${id}-interval`} meta={C.intervalMs} value={arrival.intervalMs} namedProblem onChange={(v) => v !== undefined && set({ ...arrival, intervalMs: v }, 'interval')} />
          ) : (
            <DistEditor
              id={`${id}-think`}
              label={C.thinkTimeMs.label}
              help={C.thinkTimeMs.help}
              value={arrival.thinkTimeMs ?? C.thinkTimeMs.default}
              onChange={(d) => set({ ...arrival, thinkTimeMs: d }, 'think')}
            />
          )}
        </>
      )}
    </fieldset>
  );
}

function OpenFields({ id, op, arrival, set }: { id: string; op: string; arrival: OpenArrival; set: (a: Arrival, field?: string) => void }) {
  return (
    <>
      <EnumField id={`${id}-type`} meta={ARRIVAL_META.type} value={arrival.type} onChange={(v) => set({ ...arrival, type: v as OpenArrival['type'] })} />
      <NumberField
        id={`${id}-ratePerSec`}
        meta={ARRIVAL_META.ratePerSec}
        value={arrival.ratePerSec}
        namedProblem
        onChange={(v) => v !== undefined && set({ ...arrival, ratePerSec: v }, 'rate')}
      />
      <RateScheduleFields id={`${id}-schedule`} op={op} arrival={arrival} onChange={set} />
    </>
  );
}
