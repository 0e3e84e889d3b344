/** The range of one swept parameter: from, to, how many values, linear or log steps — for the Sweep's plot and each axis of a phase map. */
import { EnumField } from '../inspector/fields/EnumField';
import { NumberField } from '../inspector/fields/NumberField';
import type { NumberParamMeta } from '../scenario/kinds';
import { MAX_SWEEP_POINTS, type SweepRange } from './points';

const SCALE_META = {
  label: 'Steps',
  help: 'Linear: equal differences (10, 20, 30…). Log: equal ratios (1, 2, 4, 8…), for values that span decades such as rates and servers.',
  values: ['linear', 'log'],
  valueLabels: { linear: 'Linear', log: 'Log' },
};

function stepsMeta(max: number, label: string, help: string): NumberParamMeta {
  return { type: 'int', label, help, min: 2, max, default: Math.min(8, max), slider: { min: 2, max } };
}

export interface RangeFieldsProps {
  /** Prefix of the fields' ids ("sweep" → sweep-from, sweep-to…). */
  idPrefix: string;
  meta: NumberParamMeta;
  range: SweepRange;
  onChange: (patch: Partial<SweepRange>) => void;
  maxSteps?: number;
  stepsLabel?: string;
  stepsHelp?: string;
}

export function RangeFields({
  idPrefix,
  meta,
  range,
  onChange,
  maxSteps = MAX_SWEEP_POINTS,
  stepsLabel = 'Points',
  stepsHelp = 'How many values to run, ends included. Each point is one simulation.',
}: RangeFieldsProps) {
  // A range has two ends, never "absent" (a fault lasting to the end of the run is not a value to sweep).
  const endMeta: NumberParamMeta = { ...meta, absentMeans: undefined };
  return (
    <>
      <div className="sweep-range">
        <NumberField id={`${idPrefix}-from`} meta={{ ...endMeta, label: 'From' }} value={range.from} noSlider onChange={(from) => from !== undefined && onChange({ from })} />
        <NumberField id={`${idPrefix}-to`} meta={{ ...endMeta, label: 'To' }} value={range.to} noSlider onChange={(to) => to !== undefined && onChange({ to })} />
      </div>
      <div className="sweep-range">
        <NumberField
          id={`${idPrefix}-steps`}
          meta={stepsMeta(maxSteps, stepsLabel, stepsHelp)}
          value={range.steps}
          noSlider
          onChange={(steps) => steps !== undefined && onChange({ steps })}
        />
        <EnumField
          id={`${idPrefix}-scale`}
          meta={SCALE_META}
          value={range.scale}
          disabled={range.from <= 0 || range.to <= 0 ? { log: 'A log scale needs values above 0.' } : {}}
          onChange={(scale) => onChange({ scale: scale as SweepRange['scale'] })}
        />
      </div>
    </>
  );
}
