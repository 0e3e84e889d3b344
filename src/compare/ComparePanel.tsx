/**
 * Compare: two or three scenarios on the same workload and seed, side by
 * side — by default DDIA's three timeline strategies. Runs go to workers
 * (the page stays responsive) and can be cancelled; the table fills in as
 * each lands, and the charts overlay the variants in their colours.
 */
import { useEffect, useState } from 'react';
import './compare.css';
import { actions, performAction } from '../actions';
import { SCENARIO_META } from '../scenario/kinds';
import { SidePanelFrame } from '../layout/SidePanelFrame';
import { fetchPresetIndex } from '../persistence/presets';
import type { PresetEntry } from '../scenario/presets';
import { useAppStore } from '../store';
import { MAX_VARIANTS, type VariantChoice, type VariantRun } from '../store/labSlice';
import { NumberField } from '../inspector/fields/NumberField';
import { Icon } from '../ui/icons';
import { CompareCharts } from './CompareCharts';
import { CompareTable } from './CompareTable';
import { compareCsv, compareVerdicts } from './verdict';
import { downloadBlob, fileStem } from '../ui/download';
import { variantColor } from './variantColors';
import { LabRunButton } from '../lab/LabRunButton';

function choiceValue(c: VariantChoice): string {
  return c.kind === 'preset' ? `preset:${c.name}` : c.kind === 'saved' ? `saved:${c.id}` : 'current';
}

function usePresetIndex(): PresetEntry[] {
  const [presets, setPresets] = useState<PresetEntry[]>([]);
  useEffect(() => {
    let live = true;
    fetchPresetIndex()
      .then((p) => live && setPresets(p))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, []);
  return presets;
}

const DURATION_META = { ...SCENARIO_META.durationSec, label: 'Simulated time', help: 'Every variant runs this long. Heavy tails need long runs: at 46 posts/s a celebrity posts about once a minute.' };
const SEED_META = { ...SCENARIO_META.seed, help: 'Every variant runs with this seed, so they see the same randomness: the differences are the designs, not luck.' };

export function ComparePanel() {
  const compare = useAppStore((s) => s.compare);
  const currentSeed = useAppStore((s) => s.scenario.seed);
  const saved = useAppStore((s) => s.savedVariants);
  const setCompare = useAppStore((s) => s.setCompare);
  const presets = usePresetIndex();
  const running = compare.status === 'running';

  const optionFor = (value: string): VariantChoice | undefined => {
    if (value === 'current') return { kind: 'current' };
    if (value.startsWith('saved:')) return { kind: 'saved', id: value.slice(6) };
    const name = value.slice(7);
    const p = presets.find((x) => x.name === name);
    return { kind: 'preset', name, title: p?.title.replace(/^Twitter timeline: /, '') ?? name };
  };
  const setVariant = (i: number, value: string) => {
    const choice = optionFor(value);
    if (choice) setCompare({ variants: compare.variants.map((v, j) => (j === i ? choice : v)) });
  };
  const options = (current: VariantChoice) => {
    const list = presets.map((p) => ({ value: `preset:${p.name}`, label: p.title }));
    // A preset chosen before the gallery loaded (the defaults) is listed anyway.
    if (current.kind === 'preset' && !presets.some((p) => p.name === current.name)) list.unshift({ value: choiceValue(current), label: current.title });
    return [
      { value: 'current', label: 'The current scenario' },
      ...saved.map((v) => ({ value: `saved:${v.id}`, label: `Saved: ${v.name}` })),
      ...list,
    ];
  };

  return (
    <SidePanelFrame panel="compare" title="Compare" icon="compare" description="Run two or three designs on the same workload and seed, side by side.">
      <section className="side-panel__section" aria-labelledby="compare-variants-title">
        <h3 id="compare-variants-title" className="side-panel__heading">
          Variants
        </h3>
        <ol className="compare-variants">
          {compare.variants.map((v, i) => (
            <li key={i} className="compare-variants__item" style={{ '--variant': variantColor(i) } as React.CSSProperties}>
              <span className="compare-table__swatch" aria-hidden="true" />
              <select
                className="select"
                aria-label={`Variant ${i + 1}`}
                value={choiceValue(v)}
                disabled={running}
                onChange={(e) => setVariant(i, e.target.value)}
              >
                {options(v).map((o) => (
                  <option key={o.value} value={o.value}>
                    {o.label}
                  </option>
                ))}
              </select>
              <button
                type="button"
                className="icon-button icon-button--small"
                aria-label={`Remove variant ${i + 1}`}
                disabled={running || compare.variants.length <= 2}
                onClick={() => setCompare({ variants: compare.variants.filter((_, j) => j !== i) })}
              >
                <Icon name="close" size={14} />
              </button>
            </li>
          ))}
        </ol>
        <div className="compare-variants__actions">
          <button
            type="button"
            className="button button--small"
            disabled={running || compare.variants.length >= MAX_VARIANTS}
            onClick={() => setCompare({ variants: [...compare.variants, { kind: 'current' }] })}
          >
            <Icon name="plus" size={14} /> Add a variant
          </button>
          <button type="button" className="button button--small button--quiet" onClick={() => void performAction(actions.saveVariant, undefined)}>
            <Icon name="copy" size={14} /> Save the current scenario as a variant
          </button>
        </div>
        <div className="compare-settings">
          <NumberField
            id="compare-seed"
            meta={SEED_META}
            value={compare.seed ?? currentSeed}
            noSlider
            onChange={(seed) => seed !== undefined && setCompare({ seed })}
          />
          <NumberField
            id="compare-duration"
            meta={DURATION_META}
            value={compare.durationSec}
            noSlider
            onChange={(durationSec) => durationSec !== undefined && setCompare({ durationSec })}
          />
        </div>
        <div className="lab-run">
          <LabRunButton
            running={running}
            icon="compare"
            label={compare.runs.length > 0 ? 'Run again' : 'Run the comparison'}
            onRun={() => void performAction(actions.runCompare, undefined)}
            onCancel={() => void performAction(actions.cancelCompare, undefined)}
          />
          <p className="lab-run__note" aria-live="polite">
            {running
              ? 'Running in the background: keep working, the table fills in as each variant finishes.'
              : compare.status === 'cancelled'
                ? 'Cancelled.'
                : compare.status === 'done'
                  ? 'Done. The best value of each row is marked ✓.'
                  : `Each variant runs ${compare.durationSec} simulated seconds in its own worker.`}
          </p>
        </div>
      </section>

      {compare.runs.length > 0 && (
        <section className="side-panel__section" aria-labelledby="compare-results-title" data-lesson-target="compare.results">
          <h3 id="compare-results-title" className="side-panel__heading">
            Results
          </h3>
          <CompareTable runs={compare.runs} op={compare.op ?? 'read'} />
          <Verdicts runs={compare.runs} op={compare.op ?? 'read'} />
          {compare.runs.map(
            (r, i) =>
              (r.error || r.metrics?.stopped) && (
                <p key={i} className="field__problem">
                  {r.label}: {r.error ?? r.metrics?.stopped}
                </p>
              ),
          )}
          <CompareCharts runs={compare.runs} op={compare.op ?? 'read'} durationSec={compare.ranDurationSec} warmupSec={compare.ranWarmupSec} />
        </section>
      )}
    </SidePanelFrame>
  );
}

/** One line per variant on what it wins, and the table as a CSV file. */
function Verdicts({ runs, op }: { runs: VariantRun[]; op: string }) {
  const scenarioName = useAppStore((s) => s.scenario.name);
  const verdicts = compareVerdicts(runs, op);
  if (verdicts.length === 0) return null;
  return (
    <div className="compare-verdict">
      <h4 className="compare-verdict__title" id="compare-verdict-title">
        Verdict
      </h4>
      <ul aria-labelledby="compare-verdict-title">
        {verdicts.map((v, i) => (
          <li key={i}>{v}</li>
        ))}
      </ul>
      <button
        type="button"
        className="button button--small"
        onClick={() => downloadBlob(new Blob([compareCsv(runs, op)], { type: 'text/csv' }), `${fileStem(`${scenarioName} compare`)}.csv`)}
      >
        <Icon name="download" size={14} /> Download CSV
      </button>
    </div>
  );
}
