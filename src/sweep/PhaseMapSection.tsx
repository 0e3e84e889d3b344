/**
 * The phase map's set-up: which two parameters, over which ranges, for how
 * long each cell runs; Run/Cancel with progress; then the grid. Every cell
 * is one seeded run of the current scenario with both values applied.
 */
import { useMemo } from 'react';
import './phaseMap.css';
import { performAction } from '../actions';
import { cancelPhaseMap, runPhaseMap } from '../actions/labActions';
import { NumberField } from '../inspector/fields/NumberField';
import { LabRunButton } from '../lab/LabRunButton';
import { defaultPhaseDurationSec, phaseAxes, phaseProblem, phaseRange } from '../lab/phaseMapRun';
import { defaultConcurrency } from '../lab/runPool';
import { isOpen } from '../scenario/arrival';
import { SCENARIO_META, type NumberParamMeta } from '../scenario/kinds';
import type { Scenario } from '../scenario/schema';
import { useAppStore } from '../store';
import { MAX_PHASE_STEPS, type PhaseAxis, type PhaseMapState } from '../store/labSlice';
import { downloadBlob, fileStem, toCsv } from '../ui/download';
import { formatNumber } from '../ui/format';
import { Icon } from '../ui/icons';
import { sweepParameters, type SweepParameter } from './parameters';
import { PhaseMapGrid } from './PhaseMapGrid';
import { sweepPoints, type SweepRange } from './points';
import { RangeFields } from './RangeFields';

const DURATION_META: NumberParamMeta = {
  ...SCENARIO_META.durationSec,
  label: 'Simulated time per cell',
  help: 'Long enough for the last fault to end, the grace period to pass and the end of the run to be judged: chosen from the faults until you change it.',
};

/** Events a browser worker simulates per wall second, for a rough estimate of how long a phase map takes (measured on the retry storm: about half a million). */
const EVENTS_PER_SEC_ESTIMATE = 500_000;

/** A rough wall time for `cells` runs of `durationSec`: requests offered × calls (each attempt one) × a few events each, a few runs at a time. */
export function estimatePhaseMapSec(s: Scenario, cells: number, durationSec: number): number {
  let ratePerSec = 0;
  for (const n of s.nodes) if (n.kind === 'client' && isOpen(n.params.arrival)) ratePerSec += n.params.arrival.ratePerSec;
  const attempts = s.edges.reduce((sum, e) => sum + (e.retry?.maxAttempts ?? 1), 0);
  const eventsPerRun = ratePerSec * durationSec * (2 + 3 * Math.max(1, attempts));
  return (cells * eventsPerRun) / EVENTS_PER_SEC_ESTIMATE / defaultConcurrency();
}

function roughly(sec: number): string {
  if (sec < 10) return 'under 10 s';
  if (sec < 90) return `about ${Math.round(sec / 10) * 10} s`;
  return `about ${Math.round(sec / 60)} min`;
}

function AxisFields({
  axis,
  title,
  params,
  param,
  other,
  range,
  disabled,
  onParameter,
  onRange,
}: {
  axis: 'x' | 'y';
  title: string;
  params: SweepParameter[];
  param: SweepParameter;
  other?: SweepParameter;
  range: SweepRange;
  disabled: boolean;
  onParameter: (id: string) => void;
  onRange: (patch: Partial<SweepRange>) => void;
}) {
  const id = `phase-${axis}`;
  return (
    <fieldset className="field-group" aria-labelledby={`${id}-legend`}>
      <legend id={`${id}-legend`} className="field-group__legend">
        {title}
      </legend>
      <div className="field">
        <label className="field__label" htmlFor={`${id}-parameter`}>
          Parameter
        </label>
        <select id={`${id}-parameter`} className="select" value={param.id} disabled={disabled} onChange={(e) => onParameter(e.target.value)}>
          {params.map((p) => (
            <option key={p.id} value={p.id} disabled={p.id === other?.id}>
              {p.label}
            </option>
          ))}
        </select>
        <p className="field__detail">
          Now {param.unset ? `${param.unset} (the range starts from ${formatNumber(param.value)}${param.unit ? ` ${param.unit}` : ''})` : `${formatNumber(param.value)}${param.unit ? ` ${param.unit}` : ''}`}.
        </p>
      </div>
      <RangeFields
        idPrefix={id}
        meta={param.meta}
        range={range}
        onChange={onRange}
        maxSteps={MAX_PHASE_STEPS}
        stepsLabel="Values"
        stepsHelp={`How many values along this axis, ends included (at most ${MAX_PHASE_STEPS}). The grid runs every pair.`}
      />
    </fieldset>
  );
}

/** The phase map as a table: one row per cell, its two values, verdict and success shares. */
export function phaseMapCsv(map: Pick<PhaseMapState, 'x' | 'y' | 'cells' | 'op'>): string {
  const axis = (a: PhaseAxis) => `${a.label}${a.unit ? ` (${a.unit})` : ''}`;
  return toCsv([
    [axis(map.x!), axis(map.y!), 'verdict', `${map.op} success share at the end (0-1)`, 'success share before the fault (0-1)', 'judged from (s)', 'stopped'],
    ...map.cells
      .filter((c) => c.verdict)
      .map((c) => [map.x!.values[c.x], map.y!.values[c.y], c.verdict!.kind, c.verdict!.finalShare, c.verdict!.beforeShare, c.verdict!.judgedFromSec, c.stopped]),
  ]);
}

export function PhaseMapSection() {
  const scenario = useAppStore((s) => s.scenario);
  const map = useAppStore((s) => s.phaseMap);
  const setPhaseMap = useAppStore((s) => s.setPhaseMap);
  const params = useMemo(() => sweepParameters(scenario), [scenario]);
  const { x, y } = phaseAxes(scenario, params, map.xId, map.yId);
  const running = map.status === 'running';
  const xRange = x && phaseRange(x, map.xRange, map.xId);
  const yRange = y && phaseRange(y, map.yRange, map.yId);
  const problem = phaseProblem(x, y, xRange, yRange);
  const xValues = xRange && !problem ? sweepPoints(xRange) : [];
  const yValues = yRange && !problem ? sweepPoints(yRange) : [];
  const autoDurationSec = defaultPhaseDurationSec(scenario, x, y, xValues, yValues);
  const durationSec = map.durationSec ?? autoDurationSec;
  const cells = xValues.length * yValues.length;
  const done = map.cells.filter((c) => c.status === 'done' || c.status === 'failed').length;
  // Choosing a parameter keeps the other axis as it is (its id and range are written down with it).
  const keep = (): Partial<PhaseMapState> => ({ xId: x?.id ?? null, yId: y?.id ?? null, xRange: xRange ?? null, yRange: yRange ?? null });

  if (!x || !y || !xRange || !yRange) {
    return <p className="side-panel__empty">{problem ?? 'This scenario has nothing to vary yet.'}</p>;
  }
  return (
    <>
      <section className="side-panel__section" aria-labelledby="phase-setup-title">
        <h3 id="phase-setup-title" className="side-panel__heading">
          What to vary
        </h3>
        <AxisFields
          axis="x"
          title="Across (X)"
          params={params}
          param={x}
          other={y}
          range={xRange}
          disabled={running}
          onParameter={(id) => setPhaseMap({ ...keep(), xId: id, xRange: null })}
          onRange={(patch) => setPhaseMap({ ...keep(), xRange: { ...xRange, ...patch } })}
        />
        <AxisFields
          axis="y"
          title="Up (Y)"
          params={params}
          param={y}
          other={x}
          range={yRange}
          disabled={running}
          onParameter={(id) => setPhaseMap({ ...keep(), yId: id, yRange: null })}
          onRange={(patch) => setPhaseMap({ ...keep(), yRange: { ...yRange, ...patch } })}
        />
        <NumberField
          id="phase-duration"
          meta={{ ...DURATION_META, default: autoDurationSec }}
          value={durationSec}
          noSlider
          onChange={(v) => setPhaseMap({ durationSec: v ?? null })}
        />
        <p className="field__detail" aria-live="polite">
          {problem ??
            `${xValues.length} × ${yValues.length} = ${cells} runs of ${formatNumber(durationSec)} s simulated, ${defaultConcurrency()} at a time: ${roughly(estimatePhaseMapSec(scenario, cells, durationSec))}, roughly.`}
        </p>
        <div className="lab-run">
          <LabRunButton
            running={running}
            icon="sweep"
            label="Run the phase map"
            disabled={!!problem}
            onRun={() => {
              setPhaseMap({ ...keep(), durationSec: map.durationSec });
              void performAction(runPhaseMap, undefined);
            }}
            onCancel={() => void performAction(cancelPhaseMap, undefined)}
          />
          {map.cells.length > 0 && (
            <div className="sweep-progress">
              <span
                className="sweep-progress__bar"
                role="progressbar"
                aria-label="Phase map runs finished"
                aria-valuemin={0}
                aria-valuemax={map.cells.length}
                aria-valuenow={done}
                aria-valuetext={`${done} of ${map.cells.length} runs`}
              >
                <span style={{ width: `${(100 * done) / map.cells.length}%` }} />
              </span>
              <span className="sweep-progress__text">
                {done} of {map.cells.length} runs{map.status === 'cancelled' ? ' · cancelled' : ''}
              </span>
            </div>
          )}
        </div>
      </section>
      {map.cells.length > 0 && <PhaseMapGrid />}
      {map.x && map.y && map.cells.some((c) => c.verdict) && (
        <button
          type="button"
          className="button button--quiet button--small"
          onClick={() => downloadBlob(new Blob([phaseMapCsv(map)], { type: 'text/csv' }), `${fileStem(`${scenario.name} phase map`)}.csv`)}
        >
          <Icon name="download" size={14} /> Download CSV
        </button>
      )}
    </>
  );
}
