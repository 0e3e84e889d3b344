/**
 * The inspector of one edge: sync or async, which operations take it, how
 * many calls one request makes along it (fan-out), how often, and how long
 * each trip over the network takes.
 */
import { actions, performAction } from '../actions';
import { STARTER_POPULATION } from '../scenario/edit';
import { EDGE_META } from '../scenario/kinds';
import type { Fanout, ScenarioEdge, TimeDist } from '../scenario/schema';
import { useAppStore } from '../store';
import { nodeDisplayName, opsList, selectKnownOpsKey } from '../store/selectors';
import { formatCount } from '../ui/format';
import { Icon } from '../ui/icons';
import { DistEditor } from './fields/DistEditor';
import { EnumField } from './fields/EnumField';
import { FieldShell } from './fields/FieldShell';
import { NumberField } from './fields/NumberField';
import { OpsField } from './fields/OpsField';
import { FaultsSection } from '../faults/FaultsSection';
import { InspectorHeader } from './InspectorHeader';

function defaultFanout(type: Fanout['type']): Fanout {
  switch (type) {
    case 'fixed':
      return { type, n: EDGE_META.fanoutN.default };
    case 'followers':
      return { type };
    case 'followees':
      return { type };
    case 'celebrityFollowees':
      return { type, threshold: EDGE_META.threshold.default };
  }
}

export function EdgeInspector({ edge }: { edge: ScenarioEdge }) {
  const editScenario = useAppStore((s) => s.editScenario);
  const updateEdge = useAppStore((s) => s.updateEdge);
  const sourceName = useAppStore((s) => nodeDisplayName(s.scenario, edge.source));
  const targetName = useAppStore((s) => nodeDisplayName(s.scenario, edge.target));
  const opList = opsList(useAppStore(selectKnownOpsKey));
  const hasPopulation = useAppStore((s) => s.scenario.population !== undefined);
  const id = `edge-${edge.id}`;

  const set = (patch: Partial<ScenarioEdge>, field: string) =>
    updateEdge(edge.id, (e) => ({ ...e, ...patch }), { mergeKey: `edge:${edge.id}:${field}` });

  const setFanoutType = (type: Fanout['type']) => {
    // A fan-out over followers needs a follower graph; start from a reasonable one in the same undo step.
    editScenario((s) => ({
      ...s,
      population: type !== 'fixed' && !s.population ? structuredClone(STARTER_POPULATION) : s.population,
      edges: s.edges.map((e) => (e.id === edge.id ? { ...e, fanout: defaultFanout(type) } : e)),
    }));
  };

  const f = edge.fanout;
  return (
    <section className="inspector-section" aria-labelledby="inspector-edge-title">
      <InspectorHeader icon={<Icon name="link" size={20} />} iconVariant="edge" titleId="inspector-edge-title" title={`${sourceName} → ${targetName}`}>
        Calls from one component to another.
      </InspectorHeader>

      <EnumField
        id={`${id}-mode`}
        meta={EDGE_META.mode}
        value={edge.mode}
        onChange={(v) =>
          updateEdge(edge.id, (e) => {
            const next = { ...e, mode: v as ScenarioEdge['mode'] };
            // Nobody waits for an async call, so nobody gives up on it or tries it again.
            if (next.mode === 'async') {
              delete next.timeoutMs;
              delete next.retry;
            }
            return next;
          })
        }
      />
      {edge.mode === 'sync' && (
        <NumberField
          id={`${id}-timeout`}
          meta={EDGE_META.timeoutMs}
          value={edge.timeoutMs}
          onChange={(timeoutMs) =>
            updateEdge(
              edge.id,
              (e) => {
                const next = { ...e };
                if (timeoutMs === undefined) delete next.timeoutMs;
                else next.timeoutMs = timeoutMs;
                return next;
              },
              { mergeKey: `edge:${edge.id}:timeout` },
            )
          }
        />
      )}

      <OpsField
        id={`${id}-ops`}
        label={EDGE_META.ops.label}
        help={EDGE_META.ops.help}
        value={edge.ops}
        known={opList}
        absentMeans={EDGE_META.ops.absentMeans}
        onChange={(ops) =>
          updateEdge(edge.id, (e) => {
            const next = { ...e };
            if (ops === undefined) delete next.ops;
            else next.ops = ops;
            return next;
          })
        }
      />

      <EnumField
        id={`${id}-fanout`}
        meta={EDGE_META.fanoutType}
        value={f.type}
        onChange={(v) => setFanoutType(v as Fanout['type'])}
      />
      {f.type === 'fixed' && (
        <NumberField
          id={`${id}-fanout-n`}
          meta={EDGE_META.fanoutN}
          value={f.n}
          onChange={(n) => n !== undefined && set({ fanout: { type: 'fixed', n } }, 'fanout-n')}
        />
      )}
      {f.type === 'followers' && (
        <NumberField
          id={`${id}-skip-above`}
          meta={EDGE_META.skipAbove}
          value={f.skipAbove}
          onChange={(skipAbove) =>
            set({ fanout: skipAbove === undefined ? { type: 'followers' } : { type: 'followers', skipAbove } }, 'skip-above')
          }
        />
      )}
      {f.type === 'celebrityFollowees' && (
        <NumberField
          id={`${id}-threshold`}
          meta={EDGE_META.threshold}
          value={f.threshold}
          onChange={(threshold) => threshold !== undefined && set({ fanout: { type: 'celebrityFollowees', threshold } }, 'threshold')}
        />
      )}
      {f.type !== 'fixed' && hasPopulation && <PopulationNote />}

      <NumberField
        id={`${id}-probability`}
        meta={EDGE_META.probability}
        value={edge.probability}
        onChange={(p) => p !== undefined && set({ probability: p }, 'probability')}
      />

      {edge.mode === 'sync' && (
        <RetryFields
          id={id}
          value={edge.retry}
          onChange={(retry) =>
            updateEdge(
              edge.id,
              (e) => {
                const next = { ...e };
                if (retry === undefined) delete next.retry;
                else next.retry = retry;
                return next;
              },
              { mergeKey: `edge:${edge.id}:retry` },
            )
          }
        />
      )}

      <NetworkDelayField
        id={id}
        value={edge.latencyMs}
        onChange={(latencyMs) =>
          updateEdge(
            edge.id,
            (e) => {
              const next = { ...e };
              if (latencyMs === undefined) delete next.latencyMs;
              else next.latencyMs = latencyMs;
              return next;
            },
            { mergeKey: `edge:${edge.id}:latency` },
          )
        }
      />

      <FaultsSection targetId={edge.id} />

      <div className="inspector-actions">
        <button
          type="button"
          className="button button--danger"
          onClick={() => void performAction(actions.deleteSelection, undefined)}
        >
          <Icon name="trash" size={16} /> Delete edge
        </button>
      </div>
    </section>
  );
}

type Retry = NonNullable<ScenarioEdge['retry']>;

const DEFAULT_RETRY: Retry = {
  maxAttempts: EDGE_META.retryMaxAttempts.default,
  on: ['timeout', 'error'],
  backoff: { type: 'exponential', baseMs: EDGE_META.retryBaseMs.default, capMs: EDGE_META.retryCapMs.default, multiplier: EDGE_META.retryMultiplier.default },
  jitter: 'full',
};

/** The edge's retry rule: none until added; then attempts, backoff, jitter and budget. */
function RetryFields({ id, value, onChange }: { id: string; value: Retry | undefined; onChange: (r: Retry | undefined) => void }) {
  if (value === undefined) {
    return (
      <FieldShell controlId={`${id}-retry-add`} label="Retries" help={EDGE_META.retryMaxAttempts.help} asGroup>
        <p className="field__detail">None: a failed attempt fails the call.</p>
        <button id={`${id}-retry-add`} type="button" className="button button--quiet button--small" onClick={() => onChange(DEFAULT_RETRY)}>
          <Icon name="plus" size={14} /> Add retries
        </button>
      </FieldShell>
    );
  }
  const set = (patch: Partial<Retry>) => onChange({ ...value, ...patch });
  const setBackoff = (patch: Partial<Retry['backoff']>) => set({ backoff: { ...value.backoff, ...patch } });
  const toggleCause = (cause: 'timeout' | 'error', on: boolean) =>
    set({ on: on ? [...new Set([...value.on, cause])] : value.on.filter((c) => c !== cause) });
  return (
    <fieldset className="field-group">
      <legend className="field-group__legend">Retries</legend>
      <NumberField id={`${id}-retry-attempts`} meta={EDGE_META.retryMaxAttempts} value={value.maxAttempts} onChange={(n) => n !== undefined && set({ maxAttempts: n })} />
      <FieldShell controlId={`${id}-retry-on`} label="Retry after" help="Which failures of an attempt are tried again: a timeout (the caller gave up), an error (the callee answered with a failure)." asGroup>
        <div className="checks" role="group" aria-labelledby={`${id}-retry-on-label`}>
          {(['timeout', 'error'] as const).map((cause) => (
            <label key={cause} className="check">
              <input type="checkbox" checked={value.on.includes(cause)} onChange={(e) => toggleCause(cause, e.target.checked)} /> {cause === 'timeout' ? 'a timeout' : 'an error'}
            </label>
          ))}
        </div>
      </FieldShell>
      <EnumField id={`${id}-retry-backoff`} meta={EDGE_META.retryBackoff} value={value.backoff.type} onChange={(t) => setBackoff({ type: t as Retry['backoff']['type'] })} />
      {value.backoff.type !== 'none' && (
        <NumberField id={`${id}-retry-base`} meta={EDGE_META.retryBaseMs} value={value.backoff.baseMs} onChange={(v) => v !== undefined && setBackoff({ baseMs: v })} />
      )}
      {value.backoff.type === 'exponential' && (
        <>
          <NumberField id={`${id}-retry-multiplier`} meta={EDGE_META.retryMultiplier} value={value.backoff.multiplier} onChange={(v) => v !== undefined && setBackoff({ multiplier: v })} />
          <NumberField id={`${id}-retry-cap`} meta={EDGE_META.retryCapMs} value={value.backoff.capMs} onChange={(v) => v !== undefined && setBackoff({ capMs: v })} />
        </>
      )}
      <EnumField id={`${id}-retry-jitter`} meta={EDGE_META.retryJitter} value={value.jitter} onChange={(j) => set({ jitter: j as Retry['jitter'] })} />
      <NumberField
        id={`${id}-retry-budget`}
        meta={EDGE_META.retryBudgetRatio}
        value={value.budget?.ratio}
        onChange={(ratio) => {
          const next = { ...value };
          if (ratio === undefined) delete next.budget;
          else next.budget = { ratio };
          onChange(next);
        }}
      />
      <button type="button" className="button button--quiet button--small" onClick={() => onChange(undefined)}>
        <Icon name="trash" size={14} /> Remove retries
      </button>
    </fieldset>
  );
}

/** The edge's one-way network delay: none (as within one machine) until added. */
function NetworkDelayField({ id, value, onChange }: { id: string; value: TimeDist | undefined; onChange: (d: TimeDist | undefined) => void }) {
  const meta = EDGE_META.latencyMs;
  if (value === undefined) {
    return (
      <FieldShell controlId={`${id}-latency-add`} label={meta.label} help={meta.help} asGroup>
        <p className="field__detail">None: a call arrives the moment it is made.</p>
        <button id={`${id}-latency-add`} type="button" className="button button--quiet button--small" onClick={() => onChange(meta.default)}>
          <Icon name="plus" size={14} /> Add a network delay
        </button>
      </FieldShell>
    );
  }
  return (
    <>
      <DistEditor id={`${id}-latency`} label={`${meta.label} (each way)`} help={meta.help} value={value} onChange={onChange} />
      <button type="button" className="button button--quiet button--small" onClick={() => onChange(undefined)}>
        <Icon name="trash" size={14} /> Remove the network delay
      </button>
    </>
  );
}

function PopulationNote() {
  const population = useAppStore((s) => s.scenario.population);
  if (!population) return null;
  const f = population.followers;
  const shape =
    f.type === 'powerlaw'
      ? `power-law followers (α ${f.alpha}, ${formatCount(f.min)}–${formatCount(f.max)})`
      : f.type === 'lognormal'
        ? `lognormal followers (median ${formatCount(f.median)}, p99 ${formatCount(f.p99)})`
        : `${formatCount(f.n)} followers each`;
  return (
    <div className="population-note">
      <p className="field__detail">
        Drawn from the scenario’s follower graph: {formatCount(population.users)} users, {shape}.
      </p>
      <button type="button" className="button button--small" onClick={() => void performAction(actions.toggleFollowersPanel, undefined)}>
        <Icon name="users" size={14} /> Edit the follower graph
      </button>
    </div>
  );
}
