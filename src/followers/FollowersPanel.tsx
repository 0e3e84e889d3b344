/**
 * The follower distribution editor: who follows whom, and what it costs.
 * Edits `scenario.population` (shape, users, activity weighting, accounts
 * followed) and the hybrid's celebrity threshold; shows, as you drag, the
 * exact statistics, the CCDF and the fan-out histogram, and the fan-out
 * writes per second expected — beside the ones the live run simulates.
 */
import { useDeferredValue, useMemo, useState } from 'react';
import './followers.css';
import { STARTER_POPULATION } from '../scenario/edit';
import { POPULATION_META as META } from '../scenario/kinds';
import type { FollowerDist, Population } from '../scenario/schema';
import { celebrityThreshold, ddiaScaleOf } from '../scenario/twitter';
import { HelpTip } from '../inspector/fields/HelpTip';
import { NumberField } from '../inspector/fields/NumberField';
import { formatNumber } from '../ui/format';
import { useAppStore } from '../store';
import { Icon } from '../ui/icons';
import { SidePanelFrame } from '../layout/SidePanelFrame';
import { analyseFollowers } from './analysis';
import { CcdfPlot } from './CcdfPlot';
import { DdiaScaleCard } from './DdiaScaleToggle';
import { DistributionFields } from './DistributionFields';
import { ExpectedWritesCard } from './ExpectedWritesCard';
import { FanoutHistogram } from './FanoutHistogram';
import { populationModel } from '../analysis/populationCache';
import { FollowerStatsTable } from './FollowerStatsTable';
import { ThresholdField } from './ThresholdField';

export function FollowersPanel() {
  const population = useAppStore((s) => s.scenario.population);
  const editScenario = useAppStore((s) => s.editScenario);
  return (
    <SidePanelFrame panel="followers" title="Follower graph" icon="users" description="Who follows whom: it decides what one post costs on write, and one timeline read on read.">
      {population ? (
        <PopulationEditor population={population} />
      ) : (
        <div className="side-panel__empty">
          <p>This scenario has no follower graph: every fan-out is a fixed number of calls.</p>
          <button
            type="button"
            className="button"
            onClick={() => editScenario((s) => ({ ...s, population: structuredClone(STARTER_POPULATION) }))}
          >
            <Icon name="plus" size={16} /> Add a follower graph
          </button>
        </div>
      )}
    </SidePanelFrame>
  );
}

function PopulationEditor({ population }: { population: Population }) {
  const editScenario = useAppStore((s) => s.editScenario);
  const scenario = useAppStore((s) => s.scenario);
  const [whatIfThreshold, setWhatIfThreshold] = useState<number>(META.celebrityThreshold.default);
  // The fields answer at once; the plots and numbers follow as soon as the math is done.
  const deferredScenario = useDeferredValue(scenario);
  const deferredWhatIf = useDeferredValue(whatIfThreshold);
  const analysis = useMemo(() => analyseFollowers(deferredScenario, deferredWhatIf), [deferredScenario, deferredWhatIf]);
  const model = populationModel(population);

  const setPopulation = (recipe: (p: Population) => Population, field: string) =>
    editScenario((s) => (s.population ? { ...s, population: recipe(s.population) } : s), { mergeKey: `population:${field}` });
  const setFollowers = (followers: FollowerDist, field: string) => setPopulation((p) => ({ ...p, followers }), `followers:${field}`);
  const setFollowees = (followees: FollowerDist | undefined, field: string) =>
    setPopulation((p) => {
      const next = { ...p };
      if (followees) next.followees = followees;
      else delete next.followees;
      return next;
    }, `followees:${field}`);

  if (!analysis) return null;
  // Fields show the scenario as it is now; plots and numbers may be a frame behind (deferred).
  const ownThreshold = celebrityThreshold(scenario);
  const threshold = analysis.threshold;
  const followeesModel = population.followees ? populationModel({ ...population, followers: population.followees }).followers : model.followers;

  return (
    <>
      <ExpectedWritesCard analysis={analysis} stale={deferredScenario !== scenario} />

      <section className="side-panel__section" aria-labelledby="followers-dist-title">
        <h3 id="followers-dist-title" className="side-panel__heading">
          Followers per account
        </h3>
        <DistributionFields id="followers" label="Shape" dist={population.followers} current={model.followers} onChange={setFollowers} />
        <CcdfPlot followers={analysis.ccdf.followers} authors={analysis.ccdf.authors} threshold={threshold.value} />
      </section>

      <section className="side-panel__section" aria-labelledby="followers-threshold-title">
        <h3 id="followers-threshold-title" className="side-panel__heading">
          Celebrities
        </h3>
        <ThresholdField value={ownThreshold ?? whatIfThreshold} inScenario={ownThreshold !== undefined} onWhatIf={setWhatIfThreshold} />
        {!threshold.inScenario && (
          <p className="field__detail">
            This scenario has no celebrity threshold (it is not the hybrid): moving it only changes the shares below, to show what a hybrid would
            skip.
          </p>
        )}
        <FanoutHistogram bins={analysis.histogram} threshold={threshold.value} />
      </section>

      <section className="side-panel__section" aria-labelledby="followers-who-title">
        <h3 id="followers-who-title" className="side-panel__heading">
          Who posts, who reads
        </h3>
        <NumberField
          id="followers-activity"
          meta={META.activityExponent}
          value={population.activityExponent}
          onChange={(v) => v !== undefined && setPopulation((p) => ({ ...p, activityExponent: v }), 'activity')}
        />
        <NumberField
          id="followers-users"
          meta={META.users}
          value={population.users}
          onChange={(v) => v !== undefined && setPopulation((p) => ({ ...p, users: v }), 'users')}
        />
        <div className="field">
          <div className="field__head">
            <span className="field__label">{META.followees.label}</span>
            <HelpTip id="followers-followees-help" label={META.followees.label} help={META.followees.help} />
          </div>
          <label className="switch">
            <input
              type="checkbox"
              checked={!population.followees}
              onChange={(e) =>
                setFollowees(e.target.checked ? undefined : { type: 'constant', n: Math.round(analysis.stats.meanFollowers) }, 'toggle')
              }
            />
            <span>
              {META.followees.absentMeans} ({formatNumber(analysis.stats.meanFollowers)})
            </span>
          </label>
        </div>
        {population.followees && (
          <div className="dist-editor">
            <DistributionFields
              id="followees"
              label="Shape"
              dist={population.followees}
              current={followeesModel}
              onChange={(d, field) => setFollowees(d, field)}
            />
          </div>
        )}
      </section>

      <section className="side-panel__section" aria-labelledby="followers-stats-title">
        <h3 id="followers-stats-title" className="side-panel__heading">
          Exact statistics
        </h3>
        <FollowerStatsTable analysis={analysis} />
      </section>

      {ddiaScaleOf(scenario) && (
        <section className="side-panel__section" aria-labelledby="followers-scale-title">
          <h3 id="followers-scale-title" className="side-panel__heading">
            Scale
          </h3>
          <DdiaScaleCard />
        </section>
      )}
    </>
  );
}
