/** Shown when nothing is selected: the scenario's own settings and a summary of what is on the canvas. */
import { actions, performAction } from '../actions';
import { DdiaScaleCard } from '../followers/DdiaScaleToggle';
import { knownOps, needsPopulation } from '../scenario/edit';
import { SCENARIO_META } from '../scenario/kinds';
import { useAppStore } from '../store';
import { formatCount, plural } from '../ui/format';
import { Icon } from '../ui/icons';
import { NumberField } from './fields/NumberField';
import { TextField } from './fields/TextField';
import { InspectorHeader } from './InspectorHeader';
import { KeysFields } from './KeysFields';
import { ObjectivesFields } from './ObjectivesFields';

export function ScenarioSettings() {
  const scenario = useAppStore((s) => s.scenario);
  const editScenario = useAppStore((s) => s.editScenario);
  const set = (patch: Partial<typeof scenario>, field: string) =>
    editScenario((s) => ({ ...s, ...patch }), { mergeKey: `scenario:${field}` });
  const warmupProblem = (warmupSec: number) =>
    warmupSec >= scenario.durationSec ? `Expected a warm-up shorter than the duration (${scenario.durationSec} s).` : undefined;
  const ops = knownOps(scenario);
  return (
    <section className="inspector-section" aria-labelledby="inspector-scenario-title">
      <InspectorHeader icon={<Icon name="presets" size={20} />} iconVariant="scenario" titleId="inspector-scenario-title" title="Scenario">
        {plural(scenario.nodes.length, 'component')} · {plural(scenario.edges.length, 'edge')}
        {ops.length > 0 && ` · ${ops.join(', ')}`}
      </InspectorHeader>
      <p className="inspector-tip">Select a component or an edge on the canvas to edit it.</p>
      <TextField
        id="scenario-name"
        label={SCENARIO_META.name.label}
        help={SCENARIO_META.name.help}
        value={scenario.name}
        validate={(v) => (v.length > SCENARIO_META.name.maxChars ? `Expected at most ${SCENARIO_META.name.maxChars} characters.` : undefined)}
        onChange={(name) => set({ name }, 'name')}
      />
      <div className="field-with-button">
        <NumberField
          id="scenario-seed"
          meta={SCENARIO_META.seed}
          value={scenario.seed}
          noSlider
          onChange={(seed) => seed !== undefined && set({ seed }, 'seed')}
        />
        <button
          type="button"
          className="button button--quiet button--small"
          onClick={() => set({ seed: Math.floor(Math.random() * 1_000_000) }, 'seed-dice')}
        >
          <Icon name="dice" size={14} /> New seed
        </button>
      </div>
      <NumberField
        id="scenario-duration"
        meta={SCENARIO_META.durationSec}
        value={scenario.durationSec}
        onChange={(durationSec) => durationSec !== undefined && set({ durationSec, warmupSec: Math.min(scenario.warmupSec, durationSec / 2) }, 'duration')}
      />
      <NumberField
        id="scenario-warmup"
        meta={SCENARIO_META.warmupSec}
        value={scenario.warmupSec}
        validate={warmupProblem}
        onChange={(warmupSec) => warmupSec !== undefined && set({ warmupSec }, 'warmup')}
      />
      <ObjectivesFields />
      <KeysFields />
      {scenario.population && (
        <div className="field">
          <div className="field__head">
            <span className="field__label">Follower graph</span>
          </div>
          <p className="field__detail">
            {formatCount(scenario.population.users)} users; {scenario.population.followers.type} followers. Edges that fan out
            per follower or followee draw from it.
          </p>
          <button
            type="button"
            className="button button--small"
            data-side-panel-toggle="followers"
            onClick={() => void performAction(actions.toggleFollowersPanel, undefined)}
          >
            <Icon name="users" size={14} /> Edit the follower graph
          </button>
          <DdiaScaleCard />
          {!needsPopulation(scenario) && (
            <button
              type="button"
              className="button button--quiet button--small"
              onClick={() =>
                editScenario((s) => {
                  const { population: _unused, ...rest } = s;
                  return rest;
                })
              }
            >
              <Icon name="trash" size={14} /> Remove the follower graph
            </button>
          )}
        </div>
      )}
    </section>
  );
}
