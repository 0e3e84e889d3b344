/**
 * A time distribution: its shape, its fields (from DIST_META), and a small
 * plot of its density. Switching shape keeps the mean, so the load on the
 * node stays the same and only the variability changes.
 */
import { useState } from 'react';
import { DIST_META, MIXTURE_WEIGHT_META, LIMITS, type SimpleTimeDist, type TimeDist } from '../../scenario/kinds';
import { distMean, distQuantile } from '../../sim/distributions';
import { Icon } from '../../ui/icons';
import { DensityPlot } from './DensityPlot';
import { EnumField } from './EnumField';
import { FieldShell } from './FieldShell';
import { NumberField } from './NumberField';
import { distProblem } from './validate';

const SIMPLE_TYPES = ['constant', 'exponential', 'uniform', 'lognormal'] as const;
const ALL_TYPES = [...SIMPLE_TYPES, 'mixture'] as const;

function round3(x: number): number {
  return x === 0 ? 0 : Number(x.toPrecision(3));
}

/** A distribution of another shape with (about) the same mean. */
export function convertDist(d: TimeDist, type: TimeDist['type']): TimeDist {
  if (d.type === type) return d;
  const mean = Math.max(distMean(d), 0.001);
  switch (type) {
    case 'constant':
      return { type, valueMs: round3(mean) };
    case 'exponential':
      return { type, meanMs: round3(mean) };
    case 'uniform':
      return { type, minMs: round3(mean / 2), maxMs: round3(mean * 1.5) };
    case 'lognormal': {
      // Keep the median at the old median when there is one, else at the mean; p99 ten times higher: a typical long tail.
      const median = d.type === 'lognormal' ? d.medianMs : round3(Math.max(distQuantile(d, 0.5), mean / 2));
      return { type, medianMs: median, p99Ms: round3(median * 10) };
    }
    case 'mixture': {
      const base: SimpleTimeDist = d.type === 'mixture' ? d.parts[0].dist : d;
      return {
        type,
        parts: [
          { weight: 99, dist: base },
          { weight: 1, dist: { type: 'constant', valueMs: round3(Math.max(distQuantile(base, 0.99), mean) * 20) } },
        ],
      };
    }
  }
}

function withFieldLabels(message: string, fields: Record<string, { label: string }>): string {
  return Object.entries(fields).reduce((m, [key, f]) => m.replaceAll(key, f.label.toLowerCase()), message);
}

interface DistEditorProps {
  id: string;
  label: string;
  help: string;
  value: TimeDist;
  onChange: (value: TimeDist) => void;
}

function SimpleFields({
  id,
  dist,
  onChange,
  compact,
}: {
  id: string;
  dist: SimpleTimeDist;
  onChange: (d: SimpleTimeDist) => void;
  compact?: boolean;
}) {
  const [crossProblem, setCrossProblem] = useState<{ field: string; message: string } | undefined>();
  const meta = DIST_META[dist.type];
  const apply = (field: string, v: number) => {
    const next = { ...dist, [field]: v } as SimpleTimeDist;
    const problem = distProblem(next);
    // Shown under the field just edited, in the fields' own names.
    setCrossProblem(problem ? { field, message: withFieldLabels(problem.message, meta.fields) } : undefined);
    if (!problem) onChange(next);
  };
  return (
    <>
      {Object.entries(meta.fields).map(([field, fieldMeta]) => (
        <NumberField
          key={field}
          id={`${id}-${field}`}
          meta={fieldMeta}
          value={(dist as unknown as Record<string, number>)[field]}
          onChange={(v) => v !== undefined && apply(field, v)}
          crossProblem={crossProblem?.field === field ? crossProblem.message : undefined}
          noSlider={compact}
        />
      ))}
    </>
  );
}

function MixtureParts({ id, dist, onChange }: { id: string; dist: Extract<TimeDist, { type: 'mixture' }>; onChange: (d: TimeDist) => void }) {
  const total = dist.parts.reduce((s, p) => s + p.weight, 0);
  const setPart = (i: number, part: (typeof dist.parts)[number]) =>
    onChange({ ...dist, parts: dist.parts.map((p, j) => (j === i ? part : p)) });
  return (
    <div className="mixture">
      {dist.parts.map((part, i) => (
        <fieldset key={i} className="mixture__part">
          <legend>
            Part {i + 1} · {Math.round((part.weight / total) * 1000) / 10}% of requests
          </legend>
          <NumberField
            id={`${id}-part${i}-weight`}
            meta={MIXTURE_WEIGHT_META}
            value={part.weight}
            onChange={(w) => w !== undefined && setPart(i, { ...part, weight: w })}
            noSlider
          />
          <EnumField
            id={`${id}-part${i}-type`}
            meta={{
              label: 'Shape',
              help: 'The shape of this part.',
              values: SIMPLE_TYPES,
              valueLabels: Object.fromEntries(SIMPLE_TYPES.map((t) => [t, DIST_META[t].label])),
            }}
            value={part.dist.type}
            onChange={(t) => setPart(i, { ...part, dist: convertDist(part.dist, t as SimpleTimeDist['type']) as SimpleTimeDist })}
          />
          <SimpleFields id={`${id}-part${i}`} dist={part.dist} onChange={(d) => setPart(i, { ...part, dist: d })} compact />
          {dist.parts.length > 1 && (
            <button
              type="button"
              className="button button--quiet button--small"
              onClick={() => onChange({ ...dist, parts: dist.parts.filter((_, j) => j !== i) })}
            >
              <Icon name="trash" size={14} /> Remove part {i + 1}
            </button>
          )}
        </fieldset>
      ))}
      {dist.parts.length < LIMITS.maxMixtureParts && (
        <button
          type="button"
          className="button button--quiet button--small"
          onClick={() => onChange({ ...dist, parts: [...dist.parts, { weight: 1, dist: { type: 'constant', valueMs: 100 } }] })}
        >
          <Icon name="plus" size={14} /> Add a part
        </button>
      )}
    </div>
  );
}

export function DistEditor({ id, label, help, value, onChange }: DistEditorProps) {
  const meta = DIST_META[value.type];
  return (
    <div className="dist-editor">
      <FieldShell controlId={`${id}-type`} label={label} help={help}>
        <select
          id={`${id}-type`}
          className="select"
          value={value.type}
          onChange={(e) => onChange(convertDist(value, e.target.value as TimeDist['type']))}
        >
          {ALL_TYPES.map((t) => (
            <option key={t} value={t}>
              {DIST_META[t].label}
            </option>
          ))}
        </select>
        <p className="field__detail">{meta.help}</p>
      </FieldShell>
      <DensityPlot dist={value} label={label} />
      <div className="dist-editor__fields">
        {value.type === 'mixture' ? (
          <MixtureParts id={id} dist={value} onChange={onChange} />
        ) : (
          <SimpleFields id={id} dist={value} onChange={onChange} />
        )}
      </div>
    </div>
  );
}
