/**
 * Slider positions ↔ parameter values. Sliders cover the comfortable range
 * (`slider` in the metadata), on a log scale where values span decades
 * (servers 1…512, rates 1…100k); the number field beside them accepts the
 * whole valid range.
 */
import type { NumberParamMeta } from '../../scenario/kinds';

export const SLIDER_STEPS = 1000;

type SliderMeta = Pick<NumberParamMeta, 'type' | 'slider'>;

/** Rounds to what a person would type: integers stay integers, others keep 3 significant digits. */
export function niceValue(meta: SliderMeta, value: number): number {
  if (meta.type === 'int') return Math.round(value);
  if (meta.slider.step) return Number((Math.round(value / meta.slider.step) * meta.slider.step).toFixed(6));
  return value === 0 ? 0 : Number(value.toPrecision(3));
}

export function valueToSlider(meta: SliderMeta, value: number): number {
  const { min, max, log } = meta.slider;
  const v = Math.min(max, Math.max(min, value));
  let t: number;
  if (log && min > 0) t = Math.log(v / min) / Math.log(max / min);
  else if (log) t = Math.log1p(v - min) / Math.log1p(max - min);
  else t = (v - min) / (max - min);
  return Math.round(t * SLIDER_STEPS);
}

export function sliderToValue(meta: SliderMeta, position: number): number {
  const { min, max, log } = meta.slider;
  const t = position / SLIDER_STEPS;
  let v: number;
  if (log && min > 0) v = min * (max / min) ** t;
  else if (log) v = min + Math.expm1(t * Math.log1p(max - min));
  else v = min + t * (max - min);
  return Math.min(max, Math.max(min, niceValue(meta, v)));
}

/** A value to start from when an optional parameter is switched on: the slider's geometric middle. */
export function suggestedValue(meta: NumberParamMeta): number {
  if (meta.default !== undefined) return meta.default;
  const lo = Math.max(1, meta.slider.min);
  return niceValue(meta, Math.sqrt(lo * meta.slider.max));
}
