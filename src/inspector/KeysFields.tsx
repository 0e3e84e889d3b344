/**
 * The scenario's keys: whether requests carry one, how many there are, and
 * how popular each is — with a plot of the share of requests that the most
 * popular keys take, so that "Zipf, s = 1" reads as "the top 1% of keys get
 * 40% of the requests".
 */
import { KEYS_META } from '../scenario/kinds';
import { useMemo } from 'react';
import { rankSteps, shareCurve, topShare } from '../scenario/keyPopularity';
import type { Keys } from '../scenario/schema';
import { useAppStore } from '../store';
import { formatCount, formatPercent } from '../ui/format';
import { EnumField } from './fields/EnumField';
import { FieldShell } from './fields/FieldShell';
import { HelpTip } from './fields/HelpTip';
import { Icon } from '../ui/icons';
import { NumberField } from './fields/NumberField';

const KEYS_HELP =
  'Each request names a key (a user, a product) drawn at its client. Keys decide which partition of a log a record goes to and which entry of a cache a read finds: hot keys make hot partitions, and a few popular entries serve most reads.';

const DEFAULT_KEYS: Keys = { count: KEYS_META.count.default, popularity: { type: 'uniform' } };

const W = 264;
const H = 84;
const PAD = { left: 30, right: 6, top: 8, bottom: 18 };

/** One sentence: how concentrated the requests are. */
export function keySummary(keys: Keys): string {
  if (keys.popularity.type === 'uniform') return `Every key gets the same share: ${formatPercent(1 / keys.count)} of requests each.`;
  const hottest = topShare(keys, 1);
  if (keys.count < 100) return `The hottest key gets ${formatPercent(hottest)} of requests.`;
  const top = Math.max(1, Math.round(keys.count / 100));
  return `The hottest key gets ${formatPercent(hottest)} of requests; the top 1% (${formatCount(top)} ${top === 1 ? 'key' : 'keys'}) get ${formatPercent(topShare(keys, top))}.`;
}

/** The share of requests the top k keys take, k on a log scale; `keys` is the store's object, so it changes only with an edit. */
export function KeyPopularityPlot({ keys, summary }: { keys: Keys; summary: string }) {
  const [ranks, shares] = useMemo(() => {
    const r = rankSteps(keys.count);
    return [r, shareCurve(keys, r)];
  }, [keys]);
  const logMax = Math.log10(Math.max(keys.count, 10));
  const x = (r: number) => PAD.left + (Math.log10(r) / logMax) * (W - PAD.left - PAD.right);
  const y = (share: number) => PAD.top + (1 - share) * (H - PAD.top - PAD.bottom);
  const line = ranks.map((r, i) => `${i === 0 ? 'M' : 'L'}${x(r).toFixed(1)},${y(shares[i]).toFixed(1)}`).join('');
  const base = H - PAD.bottom;
  return (
    <svg viewBox={`0 0 ${W} ${H}`} className="density__svg key-plot" role="img" aria-label={`Share of requests taken by the most popular keys. ${summary}`}>
      <path d={`${line}V${base}H${x(1).toFixed(1)}Z`} className="density__area" />
      <path d={line} className="density__line" />
      <line x1={PAD.left} x2={W - PAD.right} y1={base} y2={base} className="density__axis" />
      <text x={PAD.left - 3} y={PAD.top + 4} className="density__tick" textAnchor="end">
        100%
      </text>
      <text x={PAD.left - 3} y={base} className="density__tick" textAnchor="end">
        0
      </text>
      <text x={PAD.left} y={H - 4} className="density__tick">
        top key
      </text>
      <text x={W - PAD.right} y={H - 4} className="density__tick" textAnchor="end">
        all {formatCount(keys.count)}
      </text>
    </svg>
  );
}

export function KeysFields() {
  const keys = useAppStore((s) => s.scenario.keys);
  const editScenario = useAppStore((s) => s.editScenario);
  const setKeys = (next: Keys | undefined, field: string) =>
    editScenario(
      (s) => {
        if (next === undefined) {
          const { keys: _unused, ...rest } = s;
          return rest;
        }
        return { ...s, keys: next };
      },
      { mergeKey: `scenario:keys-${field}` },
    );
  if (keys === undefined) {
    return (
      <FieldShell controlId="scenario-keys-add" label="Keys" help={KEYS_HELP} asGroup>
        <p className="field__detail">None: requests name no key, so every cache hit is a dice roll at its hit ratio and a log spreads records round robin.</p>
        <button id="scenario-keys-add" type="button" className="button button--quiet button--small" onClick={() => setKeys(DEFAULT_KEYS, 'on')}>
          <Icon name="plus" size={14} /> Give requests keys
        </button>
      </FieldShell>
    );
  }
  const summary = keySummary(keys);
  return (
    <fieldset className="field-group keys-fields" aria-labelledby="scenario-keys-legend" aria-describedby="scenario-keys-help">
      <legend className="field-group__legend">
        <span id="scenario-keys-legend">Keys</span> <HelpTip id="scenario-keys-help" label="Keys" help={KEYS_HELP} />
      </legend>
      <NumberField id="scenario-keys-count" meta={KEYS_META.count} value={keys.count} onChange={(count) => count !== undefined && setKeys({ ...keys, count }, 'count')} />
      <EnumField
        id="scenario-keys-popularity"
        meta={KEYS_META.popularity}
        value={keys.popularity.type}
        onChange={(type) => setKeys({ ...keys, popularity: type === 'zipf' ? { type: 'zipf', s: KEYS_META.s.default } : { type: 'uniform' } }, 'popularity')}
      />
      {keys.popularity.type === 'zipf' && (
        <NumberField id="scenario-keys-s" meta={KEYS_META.s} value={keys.popularity.s} onChange={(s) => s !== undefined && setKeys({ ...keys, popularity: { type: 'zipf', s } }, 's')} />
      )}
      <KeyPopularityPlot keys={keys} summary={summary} />
      <p className="field__detail">{summary}</p>
      <button type="button" className="button button--quiet button--small" onClick={() => setKeys(undefined, 'off')}>
        <Icon name="trash" size={14} /> Remove the keys
      </button>
    </fieldset>
  );
}
