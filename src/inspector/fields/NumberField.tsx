/**
 * A numeric parameter: a slider over its comfortable range and a number
 * field for any valid value, with its unit. Valid values apply at once;
 * an invalid one stays in the field with the reason and is not applied.
 * Optional parameters ("unbounded") have a switch that removes the value.
 */
import type { KeyboardEvent } from 'react';
import type { NumberParamMeta } from '../../scenario/kinds';
import { formatNumber } from '../../ui/format';
import { describedBy, FieldShell } from './FieldShell';
import { sliderToValue, SLIDER_STEPS, suggestedValue, valueToSlider } from './sliderScale';
import { numberProblem, parseNumber } from './validate';
import { useDraft } from './useDraft';

export interface NumberFieldProps {
  id: string;
  meta: NumberParamMeta;
  /** Undefined for an optional parameter that is absent. */
  value: number | undefined;
  onChange: (value: number | undefined) => void;
  /** A problem found across fields (uniform max < min), shown when this field has none of its own. */
  crossProblem?: string;
  /** A rule beyond the parameter's range (a warm-up shorter than the run), in the same words as the decoder. */
  validate?: (value: number) => string | undefined;
  /** Leave out the slider (compact nested editors). */
  noSlider?: boolean;
}

function display(value: number | undefined): string {
  return value === undefined ? '' : String(value);
}

export function NumberField({ id, meta, value, onChange, crossProblem, validate, noSlider }: NumberFieldProps) {
  const { draft, setDraft, problem, setProblem } = useDraft(value);

  const optional = meta.default === undefined && meta.absentMeans !== undefined;
  const absent = value === undefined;

  const tryApply = (text: string) => {
    setDraft(text);
    const n = parseNumber(text);
    if (n === undefined) {
      setProblem(`Expected ${meta.type === 'int' ? 'an integer' : 'a number'}.`);
      return;
    }
    const p = numberProblem(meta, n) ?? validate?.(n);
    setProblem(p);
    if (!p && n !== value) onChange(n);
  };

  const step = (direction: 1 | -1, big: boolean) => {
    const current = value ?? suggestedValue(meta);
    const base = meta.type === 'int' ? 1 : meta.slider.step ?? Math.max(10 ** Math.floor(Math.log10(Math.abs(current) || 1)) / 10, 0.01);
    const next = Number((current + direction * base * (big ? 10 : 1)).toPrecision(12));
    if (!numberProblem(meta, next) && !validate?.(next)) onChange(next);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowUp' || e.key === 'ArrowDown') {
      e.preventDefault();
      step(e.key === 'ArrowUp' ? 1 : -1, e.shiftKey);
    } else if (e.key === 'Escape' && draft !== null) {
      e.preventDefault();
      setDraft(null);
      setProblem(undefined);
    }
  };

  const shownProblem = problem ?? crossProblem;
  const unit = meta.unit ? <span className="number-field__unit">{meta.unit}</span> : null;

  const toggle = optional ? (
    <label className="switch">
      <input
        type="checkbox"
        checked={absent}
        onChange={(e) => onChange(e.target.checked ? undefined : suggestedValue(meta))}
      />
      <span>{meta.absentMeans}</span>
    </label>
  ) : null;

  return (
    <FieldShell controlId={id} label={meta.label} help={meta.help} problem={shownProblem} aside={toggle}>
      {!absent && (
        <div className="number-field">
          {!noSlider && (
            <input
              type="range"
              className="number-field__slider"
              min={0}
              max={SLIDER_STEPS}
              step={1}
              value={valueToSlider(meta, value)}
              aria-label={`${meta.label} slider`}
              aria-valuetext={`${formatNumber(value)}${meta.unit ? ` ${meta.unit}` : ''}`}
              onChange={(e) => {
                const v = sliderToValue(meta, Number(e.target.value));
                if (!numberProblem(meta, v) && !validate?.(v) && v !== value) onChange(v);
              }}
            />
          )}
          <span className="number-field__box">
            <input
              id={id}
              type="text"
              inputMode="decimal"
              autoComplete="off"
              spellCheck={false}
              className="number-field__input"
              value={draft ?? display(value)}
              aria-invalid={shownProblem ? true : undefined}
              aria-describedby={describedBy(id, true, !!shownProblem)}
              onChange={(e) => tryApply(e.target.value)}
              onKeyDown={onKeyDown}
              onBlur={() => {
                if (!problem) setDraft(null);
              }}
            />
            {unit}
          </span>
        </div>
      )}
    </FieldShell>
  );
}
