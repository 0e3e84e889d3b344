/**
 * The inspector of one edge: sync or async, which operations take it, how
 * many calls one request makes along it (fan-out), how often, and how long
 * each trip over the network takes.
 */
import { actions, performAction } from '../actions';
import { STARTER_POPULATION } from '../scenario/edit';
import { EDGE_META, EDGE_POLICY_META, RESILIENCE_META, SYNC_ONLY_EDGE_FIELDS } from '../scenario/kinds';
import type { Fanout, ScenarioEdge, TimeDist } from '../scenario/schema';
import { distQuantile } from '../sim/distributions';
import { useAppStore } from '../store';
import { nodeDisplayName, opsList, selectKnownOpsKey } from '../store/selectors';
import { formatCount, formatMs } from '../ui/format';
import { Icon } from '../ui/icons';
import { DistEditor } from './fields/DistEditor';
import { EnumField } from './fields/EnumField';
import { FieldShell } from './fields/FieldShell';
import { HelpTip } from './fields/HelpTip';
import { NumberField } from './fields/NumberField';
import { OpsField } from './fields/OpsField';
import { FaultsSection } from '../faults/FaultsSection';
import { OptionalGroup } from './fields/OptionalGroup';
import { InspectorHeader } from './InspectorHeader';
import { resilienceNotes } from './resilienceNotes';

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
  // An edge out of a log is a consumer group: it has consumers.
  const fromLog = useAppStore((s) => s.scenario.nodes.find((n) => n.id === edge.source)?.kind === 'log');
  // Change data capture publishes a database's commits: offered only on an edge out of a database (or one that is CDC already).
  const fromDatabase = useAppStore((s) => s.scenario.nodes.find((n) => n.id === edge.source)?.kind === 'database');
  const modeMeta = fromDatabase || edge.mode === 'cdc' ? EDGE_META.mode : { ...EDGE_META.mode, values: EDGE_META.mode.values.filter((v) => v !== 'cdc') };
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
        meta={modeMeta}
        value={edge.mode}
        onChange={(v) =>
          updateEdge(edge.id, (e) => {
            const next = { ...e, mode: v as ScenarioEdge['mode'] };
            // Nobody waits for an async call, so nobody gives up on it, tries it again, hedges it or trips a breaker on it;
            // a CDC edge delivers each commit until it succeeds.
            if (next.mode !== 'sync') for (const field of SYNC_ONLY_EDGE_FIELDS) delete next[field];
            return next;
          })
        }
      />
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

      {fromLog && (
        <NumberField
          id={`${id}-consumers`}
          meta={EDGE_META.consumers}
          value={edge.consumers ?? EDGE_META.consumers.default}
          onChange={(consumers) => consumers !== undefined && set({ consumers }, 'consumers')}
        />
      )}

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

      {edge.mode === 'sync' ? (
        <ResilienceFields edge={edge} />
      ) : (
        <p className="field__detail">Async: no timeout, retries, hedging or breaker — nobody waits for the call’s outcome.</p>
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

type Policy = keyof typeof EDGE_POLICY_META;

/** What a sync call's caller does when the call is slow or fails: timeout, then each policy from its metadata. */
function ResilienceFields({ edge }: { edge: ScenarioEdge }) {
  const updateEdge = useAppStore((s) => s.updateEdge);
  const id = `edge-${edge.id}`;
  /** Sets or removes one optional edge field, typing in it being one undo step. */
  const setField = <F extends 'timeoutMs' | Policy>(field: F, value: ScenarioEdge[F] | undefined) =>
    updateEdge(
      edge.id,
      (e) => {
        const next = { ...e };
        if (value === undefined) delete next[field];
        else next[field] = value;
        return next;
      },
      { mergeKey: `edge:${edge.id}:${field}` },
    );
  return (
    <fieldset className="field-group field-group--section" aria-labelledby={`${id}-resilience-legend`} aria-describedby={`${id}-resilience-help`}>
      <legend className="field-group__legend">
        <span id={`${id}-resilience-legend`}>{RESILIENCE_META.label}</span>{' '}
        <HelpTip id={`${id}-resilience-help`} label={RESILIENCE_META.label} help={RESILIENCE_META.help} />
      </legend>
      <NumberField id={`${id}-timeout`} meta={EDGE_META.timeoutMs} value={edge.timeoutMs} namedProblem onChange={(v) => setField('timeoutMs', v)} />
      {(Object.keys(EDGE_POLICY_META) as Policy[]).map((policy) => (
        <OptionalGroup
          key={policy}
          id={`${id}-${policy}`}
          meta={EDGE_POLICY_META[policy]}
          value={edge[policy] as Record<string, unknown> | undefined}
          onChange={(v) => setField(policy, v as ScenarioEdge[Policy])}
          detail={policy === 'hedge' ? <TargetTail nodeId={edge.target} /> : undefined}
        />
      ))}
      {resilienceNotes(edge).map((note) => (
        <p key={note} className="field__detail field__detail--warn" role="note">
          {note}
        </p>
      ))}
    </fieldset>
  );
}

/** The callee's service-time tail, which a hedge's delay is set against (near the p95). */
function TargetTail({ nodeId }: { nodeId: string }) {
  const target = useAppStore((s) => s.scenario.nodes.find((n) => n.id === nodeId));
  const name = useAppStore((s) => nodeDisplayName(s.scenario, nodeId));
  const dist = target && 'serviceTimeMs' in target.params ? (target.params.serviceTimeMs as TimeDist) : undefined;
  if (!dist) return null;
  return (
    <>
      {name}’s service time: p95 {formatMs(distQuantile(dist, 0.95))}, p99 {formatMs(distQuantile(dist, 0.99))} — queueing and the network come on top.
    </>
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
