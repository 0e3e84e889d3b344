/** A set of values, one checkbox each (the failure causes a retry answers). */
import type { FlagsParamMeta } from '../../scenario/kinds';
import { describedBy, FieldShell } from './FieldShell';

export interface FlagsFieldProps {
  id: string;
  meta: FlagsParamMeta;
  value: readonly string[];
  onChange: (value: string[]) => void;
}

export function FlagsField({ id, meta, value, onChange }: FlagsFieldProps) {
  const chosen = new Set(value);
  // Kept in the metadata's order, so the same set is always written the same way.
  const toggle = (v: string, on: boolean) => onChange(meta.values.filter((x) => (x === v ? on : chosen.has(x))));
  return (
    <FieldShell controlId={id} label={meta.label} help={meta.help} asGroup>
      <div className="checks" role="group" aria-labelledby={`${id}-label`} aria-describedby={describedBy(id, true, false)}>
        {meta.values.map((v) => (
          <label key={v} className="check">
            <input type="checkbox" checked={chosen.has(v)} onChange={(e) => toggle(v, e.target.checked)} /> {meta.valueLabels[v] ?? v}
          </label>
        ))}
      </div>
      {chosen.size === 0 && <p className="field__detail field__detail--warn">Nothing is chosen, so nothing is tried again.</p>}
    </FieldShell>
  );
}
