/**
 * A numeric parameter: a slider over its comfortable range and a number
 * field for any valid value, with its unit. A typed value applies when it is
 * complete — Enter, leaving the field, or a short pause on a valid value — so
 * "2.5" is never applied as 2 on the way; Esc puts the stored value back. An
 * invalid value stays in the field with the reason and is not applied. The
 * slider answers the arrow keys in steps of the value (not of its position,
 * which on a log scale can round back to the same integer), PageUp/PageDown
 * in steps of ten, Home/End at the ends of its range.
 * Optional parameters ("unbounded") have a switch that removes the value.
 */
import { useEffect, useRef, type KeyboardEvent } from 'react';
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
  /** Begin the problem with the field's label ("Users: expected an integer ≥ 1."), for fields in groups and rows. */
  namedProblem?: boolean;
  /** Leave out the lesson (rows of a table whose lesson is given once, above it). */
  noHelp?: boolean;
}

/** How long a valid typed value waits for another keystroke before it applies. */
export const APPLY_AFTER_PAUSE_MS = 800;

function display(value: number | undefined): string {
  return value === undefined ? '' : String(value);
}

export function NumberField({ id, meta, value, onChange, crossProblem, validate, noSlider, namedProblem, noHelp }: NumberFieldProps) {
  const { draft, setDraft, problem, setProblem } = useDraft(value);

  const optional = meta.default === undefined && meta.absentMeans !== undefined;
  const absent = value === undefined;

  const pause = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const cancelPause = () => {
    if (pause.current !== undefined) clearTimeout(pause.current);
    pause.current = undefined;
  };
  useEffect(() => cancelPause, []);

  /** The problem with a typed text, or the number it stands for. */
  const check = (text: string): { n?: number; problem?: string } => {
    const n = parseNumber(text);
    if (n === undefined) return { problem: `Expected ${meta.type === 'int' ? 'an integer' : 'a number'}.` };
    const p = numberProblem(meta, n) ?? validate?.(n);
    return p ? { problem: p } : { n };
  };

  const commit = (text: string) => {
    cancelPause();
    const { n, problem: p } = check(text);
    setProblem(p);
    if (p || n === undefined) return;
    if (n !== value) onChange(n);
    else setDraft(null);
  };

  const type = (text: string) => {
    setDraft(text);
    cancelPause();
    const { problem: p } = check(text);
    // Say what is wrong only once the text could be complete: "2." on the way to "2.5" is not an error yet.
    if (!p) setProblem(undefined);
    pause.current = setTimeout(() => commit(text), APPLY_AFTER_PAUSE_MS);
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
    } else if (e.key === 'Enter') {
      e.preventDefault();
      if (draft !== null) commit(draft);
    } else if (e.key === 'Escape' && draft !== null) {
      e.preventDefault();
      e.stopPropagation();
      cancelPause();
      setDraft(null);
      setProblem(undefined);
    }
  };

  const onSliderKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    const keys: Record<string, [1 | -1, boolean]> = {
      ArrowRight: [1, false], ArrowUp: [1, false], ArrowLeft: [-1, false], ArrowDown: [-1, false],
      PageUp: [1, true], PageDown: [-1, true],
    };
    const move = keys[e.key];
    if (move) {
      e.preventDefault();
      step(move[0], move[1] || e.shiftKey);
    } else if (e.key === 'Home' || e.key === 'End') {
      e.preventDefault();
      const v = e.key === 'Home' ? meta.slider.min : meta.slider.max;
      if (!numberProblem(meta, v) && !validate?.(v) && v !== value) onChange(v);
    }
  };

  const rawProblem = problem ?? crossProblem;
  const shownProblem = rawProblem && namedProblem ? `${meta.label}: ${rawProblem.charAt(0).toLowerCase()}${rawProblem.slice(1)}` : rawProblem;
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
    <FieldShell controlId={id} label={meta.label} help={noHelp ? undefined : meta.help} problem={shownProblem} aside={toggle}>
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
              onKeyDown={onSliderKeyDown}
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
              aria-describedby={describedBy(id, !noHelp, !!shownProblem)}
              onChange={(e) => type(e.target.value)}
              onKeyDown={onKeyDown}
              onBlur={() => {
                if (draft !== null) commit(draft);
              }}
            />
            {unit}
          </span>
        </div>
      )}
    </FieldShell>
  );
}
