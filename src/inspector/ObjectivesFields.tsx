/**
 * The scenario's service level objectives (SCENARIO.md v2, "SLO and
 * goodput"): per operation, how fast a request must succeed to be good and
 * what share must be good — with the error budget the target leaves, in
 * requests and in time.
 */
import { LIMITS, SLO_META } from '../scenario/kinds';
import type { Scenario, ScenarioSlo } from '../scenario/schema';
import { useAppStore } from '../store';
import { opsList, selectKnownOpsKey } from '../store/selectors';
import { formatNumber, formatPercent } from '../ui/format';
import { Icon } from '../ui/icons';
import { describedBy, FieldShell } from './fields/FieldShell';
import { HelpTip } from './fields/HelpTip';
import { NumberField } from './fields/NumberField';

/** How long a day "target" leaves for failures, as a person says it: "86 s", "14 min", "2.4 h". */
export function budgetPerDay(target: number): string {
  const sec = (1 - target) * 86_400;
  if (sec < 120) return `${formatNumber(sec, 2)} s`;
  if (sec < 7200) return `${formatNumber(sec / 60, 2)} min`;
  return `${formatNumber(sec / 3600, 2)} h`;
}

/** "Target 0.999 leaves 0.1% of requests to fail or be slow: 86 s a day." */
export function errorBudgetText(slo: Pick<ScenarioSlo, 'target'>): string {
  return `Target ${slo.target} leaves ${formatPercent(1 - slo.target)} of requests to fail or be slow: ${budgetPerDay(slo.target)} a day of full outage.`;
}

/**
 * `after` with its objectives following a client's renamed operation: when no
 * client creates `oldOp` any more and `newOp` has no objective yet, the
 * objective of `oldOp` moves to `newOp` (the scenario refuses an objective of
 * an operation nobody creates).
 */
export function withObjectivesRenamed(after: Scenario, oldOp: string, newOp: string): Scenario {
  if (!after.slos || oldOp === newOp) return after;
  const stillCreated = after.nodes.some((n) => n.kind === 'client' && n.params.op === oldOp);
  if (stillCreated || after.slos.some((o) => o.op === newOp)) return after;
  return { ...after, slos: after.slos.map((o) => (o.op === oldOp ? { ...o, op: newOp } : o)) };
}

/** The schema's own rule beyond the range: a target of 1 would leave nothing to spend. */
function targetProblem(target: number): string | undefined {
  return target >= 1 ? 'Expected a number < 1 (a target of 1 leaves no error budget at all).' : undefined;
}

export function ObjectivesFields() {
  const slos = useAppStore((s) => s.scenario.slos);
  const editScenario = useAppStore((s) => s.editScenario);
  const ops = opsList(useAppStore(selectKnownOpsKey));
  const list = slos ?? [];
  const id = 'scenario-slos';

  const setList = (next: ScenarioSlo[], mergeKey?: string) =>
    editScenario(
      (s) => {
        const out = { ...s };
        if (next.length === 0) delete out.slos;
        else out.slos = next;
        return out;
      },
      mergeKey ? { mergeKey } : undefined,
    );
  const setRow = (i: number, patch: Partial<ScenarioSlo>, field: string) =>
    setList(list.map((slo, j) => (j === i ? { ...slo, ...patch } : slo)), `slo:${i}:${field}`);
  const free = ops.find((op) => !list.some((slo) => slo.op === op));
  const add = (op: string) =>
    setList([...list, { op, latencyMs: SLO_META.latencyMs.default, target: SLO_META.target.default }]);

  return (
    <fieldset className="field-group field-group--section" aria-labelledby={`${id}-legend`} aria-describedby={`${id}-help`}>
      <legend className="field-group__legend">
        <span id={`${id}-legend`}>{SLO_META.objectives.label}</span>{' '}
        <HelpTip id={`${id}-help`} label={SLO_META.objectives.label} help={SLO_META.objectives.help} />
      </legend>
      {list.length === 0 && <p className="field__detail">None: every successful request counts, however slow.</p>}
      {list.map((slo, i) => {
        const rowId = `${id}-${i}`;
        const options = ops.includes(slo.op) ? ops : [slo.op, ...ops];
        return (
          <div key={i} className="objective" role="group" aria-label={`Objective ${i + 1}: ${slo.op}`}>
            <FieldShell controlId={`${rowId}-op`} label={SLO_META.op.label} help={SLO_META.op.help}>
              <select
                id={`${rowId}-op`}
                className="select"
                value={slo.op}
                aria-describedby={describedBy(`${rowId}-op`, true, false)}
                onChange={(e) => setRow(i, { op: e.target.value }, 'op')}
              >
                {options.map((op) => {
                  // An operation has one objective (the scenario refuses a second).
                  const taken = list.some((other, j) => j !== i && other.op === op);
                  return (
                    <option key={op} value={op} disabled={taken}>
                      {taken ? `${op} (has an objective)` : op}
                    </option>
                  );
                })}
              </select>
              {!ops.includes(slo.op) && <p className="field__detail field__detail--warn">No client creates “{slo.op}” requests: choose another operation or remove this objective.</p>}
            </FieldShell>
            <NumberField id={`${rowId}-latency`} meta={SLO_META.latencyMs} value={slo.latencyMs} namedProblem onChange={(v) => v !== undefined && setRow(i, { latencyMs: v }, 'latency')} />
            <NumberField
              id={`${rowId}-target`}
              meta={SLO_META.target}
              value={slo.target}
              namedProblem
              validate={targetProblem}
              onChange={(v) => v !== undefined && setRow(i, { target: v }, 'target')}
            />
            <p className="field__detail">{errorBudgetText(slo)}</p>
            <button type="button" className="button button--quiet button--small" onClick={() => setList(list.filter((_, j) => j !== i))}>
              <Icon name="trash" size={14} /> Remove objective {i + 1}
            </button>
          </div>
        );
      })}
      {ops.length === 0 ? (
        <p className="field__detail">Add a client first: an objective is about one operation’s requests.</p>
      ) : free === undefined ? (
        <p className="field__detail">Every operation has its objective.</p>
      ) : (
        list.length < LIMITS.maxOpsPerEdge && (
          <button type="button" className="button button--quiet button--small" onClick={() => add(free)}>
            <Icon name="plus" size={14} /> Add an objective
          </button>
        )
      )}
    </fieldset>
  );
}
