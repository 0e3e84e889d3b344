/**
 * The fields of one follower-count distribution: its shape (power law,
 * lognormal, constant) and that shape's parameters, each a slider with a
 * number field, a unit and its one-line lesson.
 */
import { POPULATION_META as META } from '../scenario/kinds';
import type { FollowerDist } from '../scenario/schema';
import { EnumField } from '../inspector/fields/EnumField';
import { NumberField } from '../inspector/fields/NumberField';
import type { PopulationModel } from '../sim/population';

export interface DistributionFieldsProps {
  id: string;
  /** The label of the shape choice ("Followers per account", "Accounts followed"). */
  label?: string;
  dist: FollowerDist;
  /** The compiled distribution, so that switching shape keeps its scale. */
  current: PopulationModel['followers'];
  onChange: (dist: FollowerDist, field: string) => void;
}

/** A distribution of the new shape with about the same median and tail as the current one. */
export function convertDist(type: FollowerDist['type'], current: PopulationModel['followers']): FollowerDist {
  const median = Math.max(1, current.quantile(0.5));
  const p99 = Math.max(median, current.quantile(0.99));
  switch (type) {
    case 'constant':
      return { type, n: Math.round(current.mean()) };
    case 'lognormal':
      return { type, median, p99 };
    case 'powerlaw': {
      const min = Math.max(1, Math.round(median / 2));
      return { type, alpha: META.alpha.default, min, max: Math.max(min, current.max, Math.round(p99 * 100)) };
    }
  }
}

export function DistributionFields({ id, label, dist, current, onChange }: DistributionFieldsProps) {
  const typeMeta = label ? { ...META.followersType, label } : META.followersType;
  return (
    <>
      <EnumField
        id={`${id}-type`}
        meta={typeMeta}
        value={dist.type}
        onChange={(t) => t !== dist.type && onChange(convertDist(t as FollowerDist['type'], current), 'type')}
      />
      {dist.type === 'powerlaw' && (
        <>
          <NumberField
            id={`${id}-alpha`}
            meta={META.alpha}
            value={dist.alpha}
            onChange={(alpha) => alpha !== undefined && onChange({ ...dist, alpha }, 'alpha')}
          />
          <NumberField
            id={`${id}-min`}
            meta={META.min}
            value={dist.min}
            validate={(min) => (min > dist.max ? `Expected at most the largest account (${dist.max.toLocaleString('en-US')}).` : undefined)}
            onChange={(min) => min !== undefined && onChange({ ...dist, min }, 'min')}
          />
          <NumberField
            id={`${id}-max`}
            meta={META.max}
            value={dist.max}
            validate={(max) => (max < dist.min ? `Expected at least the fewest followers (${dist.min.toLocaleString('en-US')}).` : undefined)}
            onChange={(max) => max !== undefined && onChange({ ...dist, max }, 'max')}
          />
        </>
      )}
      {dist.type === 'lognormal' && (
        <>
          <NumberField
            id={`${id}-median`}
            meta={META.median}
            value={dist.median}
            validate={(median) => (median > dist.p99 ? `Expected at most the p99 (${dist.p99.toLocaleString('en-US')}).` : undefined)}
            onChange={(median) => median !== undefined && onChange({ ...dist, median }, 'median')}
          />
          <NumberField
            id={`${id}-p99`}
            meta={META.p99}
            value={dist.p99}
            validate={(p99) => (p99 < dist.median ? `Expected at least the median (${dist.median.toLocaleString('en-US')}).` : undefined)}
            onChange={(p99) => p99 !== undefined && onChange({ ...dist, p99 }, 'p99')}
          />
        </>
      )}
      {dist.type === 'constant' && (
        <NumberField id={`${id}-n`} meta={META.n} value={dist.n} onChange={(n) => n !== undefined && onChange({ type: 'constant', n }, 'n')} />
      )}
    </>
  );
}
