/**
 * A set of operations (an edge's filter, an index's write operations),
 * chosen among the operations the scenario's clients create.
 */
import { describedBy, FieldShell } from './FieldShell';

export interface OpsFieldProps {
  id: string;
  label: string;
  help: string;
  /** Undefined means "all operations" when `absentMeans` is given. */
  value: string[] | undefined;
  known: string[];
  absentMeans?: string;
  onChange: (value: string[] | undefined) => void;
}

export function OpsField({ id, label, help, value, known, absentMeans, onChange }: OpsFieldProps) {
  const all = value === undefined;
  const options = [...new Set([...known, ...(value ?? [])])];
  const chosen = new Set(value ?? []);
  const toggle = (op: string, on: boolean) => {
    const next = options.filter((o) => (o === op ? on : chosen.has(o)));
    onChange(next);
  };
  return (
    <FieldShell controlId={id} label={label} help={help} asGroup>
      <div className="checks" role="group" aria-labelledby={`${id}-label`} aria-describedby={describedBy(id, true, false)}>
        {absentMeans !== undefined && (
          <label className="check">
            <input type="checkbox" checked={all} onChange={(e) => onChange(e.target.checked ? undefined : [...known])} />
            <span>{absentMeans.charAt(0).toUpperCase() + absentMeans.slice(1)}</span>
          </label>
        )}
        {!all &&
          options.map((op) => (
            <label key={op} className="check check--op">
              <input type="checkbox" checked={chosen.has(op)} onChange={(e) => toggle(op, e.target.checked)} />
              <span className="op-name">{op}</span>
            </label>
          ))}
        {!all && options.length === 0 && <p className="field__detail">No client creates requests yet: add a client first.</p>}
        {!all && options.length > 0 && chosen.size === 0 && (
          <p className="field__detail field__detail--warn">No operation is chosen, so nothing takes this path.</p>
        )}
      </div>
    </FieldShell>
  );
}
