/** A choice among a few values: a segmented control for up to three, a select beyond. */
import type { EnumParamMeta } from '../../scenario/kinds';
import { describedBy, FieldShell } from './FieldShell';

export interface EnumFieldProps {
  id: string;
  meta: Pick<EnumParamMeta, 'label' | 'help' | 'values' | 'valueLabels' | 'valueHelp'>;
  value: string;
  onChange: (value: string) => void;
  /** Values that cannot be chosen now, with the reason shown as their title. */
  disabled?: Record<string, string>;
}

export function EnumField({ id, meta, value, onChange, disabled = {} }: EnumFieldProps) {
  const detail = meta.valueHelp?.[value];
  if (meta.values.length <= 3) {
    return (
      <FieldShell controlId={id} label={meta.label} help={meta.help} asGroup>
        <div className="segmented" role="radiogroup" aria-labelledby={`${id}-label`} aria-describedby={describedBy(id, true, false)}>
          {meta.values.map((v) => (
            <label key={v} className="segmented__option" data-checked={v === value ? 'true' : undefined}>
              <input
                type="radio"
                name={id}
                value={v}
                checked={v === value}
                disabled={v in disabled}
                title={disabled[v]}
                onChange={() => onChange(v)}
              />
              <span>{meta.valueLabels[v] ?? v}</span>
            </label>
          ))}
        </div>
        {detail && <p className="field__detail">{detail}</p>}
      </FieldShell>
    );
  }
  return (
    <FieldShell controlId={id} label={meta.label} help={meta.help}>
      <select
        id={id}
        className="select"
        value={value}
        aria-describedby={describedBy(id, true, false)}
        onChange={(e) => onChange(e.target.value)}
      >
        {meta.values.map((v) => (
          <option key={v} value={v} disabled={v in disabled}>
            {meta.valueLabels[v] ?? v}
          </option>
        ))}
      </select>
      {detail && <p className="field__detail">{detail}</p>}
    </FieldShell>
  );
}
