/**
 * Sweep: vary one parameter of the current scenario over a range and plot
 * response time and throughput against it — the hockey stick of latency
 * against load. Each point runs headless in a worker on the same seed; the
 * plot fills in as points land, and the sweep can be cancelled.
 */
import { useMemo } from 'react';
import './sweep.css';
import { actions, performAction } from '../actions';
import { EnumField } from '../inspector/fields/EnumField';
import { NumberField } from '../inspector/fields/NumberField';
import { SidePanelFrame } from '../layout/SidePanelFrame';
import { knownOps } from '../scenario/edit';
import { SCENARIO_META, type NumberParamMeta } from '../scenario/kinds';
import { useAppStore } from '../store';
import { formatNumber } from '../ui/format';
import { busiestOp, defaultSweepParameter, sweepParameters } from './parameters';
import { rangeProblem, sweepPoints, type SweepRange } from './points';
import { RangeFields } from './RangeFields';
import { SweepChart, sweepCsv } from './SweepChart';
import { downloadBlob, fileStem } from '../ui/download';
import { Icon } from '../ui/icons';
import { LabRunButton } from '../lab/LabRunButton';
import type { PhaseMapState, SweepPoint } from '../store/labSlice';
import { PhaseMapSection } from './PhaseMapSection';

const MODE_META = {
  label: 'Vary',
  help: 'One parameter: response time and throughput plotted against it. Two parameters: a phase map — a grid of runs, each cell coloured by whether the system recovers after its faults or stays down.',
  values: ['one', 'two'],
  valueLabels: { one: 'One parameter', two: 'Two parameters (phase map)' },
};

const DURATION_META: NumberParamMeta = {
  ...SCENARIO_META.durationSec,
  label: 'Simulated time per point',
  help: 'Shorter than a normal run, because a sweep runs many: enough for p50 and p99 to settle, not for p99.9.',
};

export function SweepPanel() {
  const scenario = useAppStore((s) => s.scenario);
  const scenarioName = useAppStore((s) => s.scenario.name);
  const sweep = useAppStore((s) => s.sweep);
  const setSweep = useAppStore((s) => s.setSweep);
  const params = useMemo(() => sweepParameters(scenario), [scenario]);
  const ops = useMemo(() => knownOps(scenario), [scenario]);
  const running = sweep.status === 'running';
  const param = params.find((p) => p.id === sweep.parameterId) ?? defaultSweepParameter(scenario, params);
  const range: SweepRange | undefined = param && (sweep.parameterId === param.id && sweep.range ? sweep.range : param.defaultRange);
  const setRange = (patch: Partial<SweepRange>) => param && range && setSweep({ parameterId: param.id, range: { ...range, ...patch } });
  const op = sweep.op && ops.includes(sweep.op) ? sweep.op : busiestOp(scenario);
  const values = range ? sweepPoints(range) : [];
  const problem = range && rangeProblem(range);
  const done = sweep.points.filter((p) => p.status === 'done' || p.status === 'failed').length;
  const mode = useAppStore((s) => s.phaseMap.mode);
  const phaseRunning = useAppStore((s) => s.phaseMap.status === 'running');
  const setPhaseMap = useAppStore((s) => s.setPhaseMap);

  return (
    <SidePanelFrame
      panel="sweep"
      title="Sweep"
      icon="sweep"
      description="Vary one parameter and watch response time bend: the hockey stick of latency against load. Or vary two, and map where a fault becomes an outage."
    >
      <div className="side-panel__section">
        <EnumField
          id="sweep-mode"
          meta={MODE_META}
          value={mode}
          onChange={(m) => setPhaseMap({ mode: m as PhaseMapState['mode'] })}
          disabled={running || phaseRunning ? Object.fromEntries(MODE_META.values.filter((v) => v !== mode).map((v) => [v, 'Wait for the runs in progress, or cancel them.'])) : {}}
        />
      </div>
      {mode === 'two' ? (
        <PhaseMapSection />
      ) : !param || !range ? (
        <p className="side-panel__empty">This scenario has nothing to sweep yet: add a client and a server.</p>
      ) : (
        <section className="side-panel__section" aria-labelledby="sweep-setup-title">
          <h3 id="sweep-setup-title" className="side-panel__heading">
            What to vary
          </h3>
          <div className="field">
            <label className="field__label" htmlFor="sweep-parameter">
              Parameter
            </label>
            <select
              id="sweep-parameter"
              className="select"
              value={param.id}
              disabled={running}
              onChange={(e) => setSweep({ parameterId: e.target.value, range: null })}
            >
              {params.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.label}
                </option>
              ))}
            </select>
            <p className="field__detail">
              Now {formatNumber(param.value)}
              {param.unit ? ` ${param.unit}` : ''}. {param.meta.help}
            </p>
          </div>
          <RangeFields idPrefix="sweep" meta={param.meta} range={range} onChange={setRange} />
          <p className="field__detail" aria-live="polite">
            {problem ?? `Runs ${values.map((v) => formatNumber(v)).join(', ')}${param.unit ? ` ${param.unit}` : ''}.`}
          </p>
          <div className="sweep-range">
            {ops.length > 1 && (
              <div className="field">
                <label className="field__label" htmlFor="sweep-op">
                  Response time of
                </label>
                <select id="sweep-op" className="select" value={op} onChange={(e) => setSweep({ op: e.target.value })}>
                  {ops.map((o) => (
                    <option key={o} value={o}>
                      {o}
                    </option>
                  ))}
                </select>
              </div>
            )}
            <NumberField
              id="sweep-duration"
              meta={DURATION_META}
              value={sweep.durationSec}
              noSlider
              onChange={(durationSec) => durationSec !== undefined && setSweep({ durationSec })}
            />
          </div>
          <div className="lab-run">
            <LabRunButton
              running={running}
              icon="sweep"
              label="Run the sweep"
              disabled={!!problem}
              onRun={() => {
                setSweep({ parameterId: param.id, range, op });
                void performAction(actions.runSweep, undefined);
              }}
              onCancel={() => void performAction(actions.cancelSweep, undefined)}
            />
            {sweep.points.length > 0 && (
              <div className="sweep-progress">
                <span
                  className="sweep-progress__bar"
                  role="progressbar"
                  aria-label="Sweep points finished"
                  aria-valuemin={0}
                  aria-valuemax={sweep.points.length}
                  aria-valuenow={done}
                  aria-valuetext={`${done} of ${sweep.points.length} points`}
                >
                  <span style={{ width: `${(100 * done) / sweep.points.length}%` }} />
                </span>
                <span className="sweep-progress__text">
                  {done} of {sweep.points.length} points{sweep.status === 'cancelled' ? ' · cancelled' : ''}
                </span>
              </div>
            )}
          </div>
        </section>
      )}
      {mode === 'one' && sweep.points.length > 0 && (
        <section className="side-panel__section" aria-labelledby="sweep-results-title">
          <h3 id="sweep-results-title" className="side-panel__heading">
            {sweep.sweptOp} against {sweep.sweptLabel.toLowerCase()}
          </h3>
          <SweepChart />
          <SweepFailures points={sweep.points} unit={sweep.sweptUnit} />
          {sweep.points.some((p) => p.status === 'done') && (
            <button
              type="button"
              className="button button--small"
              onClick={() => downloadBlob(new Blob([sweepCsv(sweep)], { type: 'text/csv' }), `${fileStem(`${scenarioName} sweep ${sweep.sweptLabel}`)}.csv`)}
            >
              <Icon name="download" size={14} /> Download CSV
            </button>
          )}
        </section>
      )}
    </SidePanelFrame>
  );
}

/** The points that failed, grouped by what went wrong: "At 80, 90 posts/s: the simulation stopped answering…". */
function SweepFailures({ points, unit }: { points: SweepPoint[]; unit?: string }) {
  const byError = new Map<string, number[]>();
  for (const p of points) {
    if (p.status !== 'failed') continue;
    const key = p.error ?? 'the run failed';
    byError.set(key, [...(byError.get(key) ?? []), p.value]);
  }
  if (byError.size === 0) return null;
  return (
    <>
      {[...byError.entries()].map(([error, values]) => (
        <p key={error} className="field__problem">
          At {values.map((v) => formatNumber(v)).join(', ')}
          {unit ? ` ${unit}` : ''}: {error}
        </p>
      ))}
    </>
  );
}
