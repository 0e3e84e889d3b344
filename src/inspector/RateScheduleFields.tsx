/**
 * An open client's rate schedule (SCENARIO.md v2, `arrival.rateSchedule`):
 * rows of {from, rate}, kept in time order, each change at its own time —
 * checked by the scenario schema itself — and a step plot of the rate over
 * the run.
 */
import type { OpenArrival } from '../scenario/arrival';
import { RATE_SCHEDULE_META } from '../scenario/kinds';
import { NodeSchema } from '../scenario/schema';
import { useAppStore } from '../store';
import { Icon } from '../ui/icons';
import { FieldShell } from './fields/FieldShell';
import { NumberField } from './fields/NumberField';
import { RatePlot } from './fields/RatePlot';
import { asSentence } from './fields/validate';

type Piece = NonNullable<OpenArrival['rateSchedule']>[number];

const M = RATE_SCHEDULE_META;

/** What the schema says about a client with this arrival, or undefined when it takes it. */
export function arrivalProblem(op: string, arrival: OpenArrival): string | undefined {
  const r = NodeSchema.safeParse({ id: 'x', kind: 'client', params: { op, arrival } });
  return r.success ? undefined : asSentence(r.error.issues[0].message);
}

/** The schedule with row `i` moved to `atSec`, in time order again. */
function withTime(list: Piece[], i: number, atSec: number): Piece[] {
  return list.map((p, j) => (j === i ? { ...p, atSec } : p)).sort((a, b) => a.atSec - b.atSec);
}

export interface RateScheduleFieldsProps {
  id: string;
  op: string;
  arrival: OpenArrival;
  onChange: (arrival: OpenArrival, field?: string) => void;
}

export function RateScheduleFields({ id, op, arrival, onChange }: RateScheduleFieldsProps) {
  const durationSec = useAppStore((s) => s.scenario.durationSec);
  const list = arrival.rateSchedule ?? [];
  const setList = (next: Piece[], field?: string) => {
    const out = { ...arrival };
    if (next.length === 0) delete out.rateSchedule;
    else out.rateSchedule = next;
    onChange(out, field);
  };
  const last = list.at(-1);
  // The first change is a spike at mid-run; each further one comes later, back at the base rate, so the spike ends.
  const nextPiece: Piece | undefined = !last
    ? { atSec: Math.round(durationSec / 2), ratePerSec: arrival.ratePerSec * 2 }
    : last.atSec + Math.max(1, Math.round(durationSec / 10)) <= M.atSec.max
      ? { atSec: last.atSec + Math.max(1, Math.round(durationSec / 10)), ratePerSec: arrival.ratePerSec }
      : undefined;

  const timeProblem = (i: number) => (atSec: number) => {
    const other = list.findIndex((p, j) => j !== i && p.atSec === atSec);
    if (other >= 0) return `Expected a time of its own: change ${other + 1} is already at ${atSec} s.`;
    return arrivalProblem(op, { ...arrival, rateSchedule: withTime(list, i, atSec) });
  };

  return (
    <FieldShell controlId={`${id}-add`} label={M.label} help={M.help} asGroup>
      {list.length === 0 ? (
        <p className="field__detail">None: the rate holds for the whole run.</p>
      ) : (
        <>
          <RatePlot arrival={arrival} durationSec={durationSec} />
          <ol className="rate-schedule" aria-label={M.label}>
            {list.map((p, i) => (
              <li key={i} className="rate-schedule__row" aria-label={`Change ${i + 1}`}>
                <NumberField
                  id={`${id}-${i}-at`}
                  meta={M.atSec}
                  value={p.atSec}
                  noSlider
                  noHelp
                  namedProblem
                  validate={timeProblem(i)}
                  onChange={(v) => v !== undefined && setList(withTime(list, i, v), `schedule:${i}:at`)}
                />
                <NumberField
                  id={`${id}-${i}-rate`}
                  meta={M.ratePerSec}
                  value={p.ratePerSec}
                  noSlider
                  noHelp
                  namedProblem
                  onChange={(v) => v !== undefined && setList(list.map((q, j) => (j === i ? { ...q, ratePerSec: v } : q)), `schedule:${i}:rate`)}
                />
                <button
                  type="button"
                  className="button button--quiet button--small rate-schedule__remove"
                  aria-label={`Remove change ${i + 1}`}
                  title={`Remove change ${i + 1}`}
                  onClick={() => setList(list.filter((_, j) => j !== i))}
                >
                  <Icon name="trash" size={14} />
                </button>
                {p.atSec >= durationSec && (
                  <p className="field__detail field__detail--warn rate-schedule__note">After the end of the run ({durationSec} s): no effect.</p>
                )}
              </li>
            ))}
          </ol>
        </>
      )}
      {nextPiece && list.length < M.maxChanges && (
        <button id={`${id}-add`} type="button" className="button button--quiet button--small" onClick={() => setList([...list, nextPiece])}>
          <Icon name="plus" size={14} /> Add a change of rate
        </button>
      )}
    </FieldShell>
  );
}
