/**
 * The headline of the follower editor: fan-out writes per second, expected
 * (computed exactly from the rates and the follower graph) and simulated
 * (measured by the live run), with why the two differ on short runs.
 */
import { formatCount, formatNumber, formatPercent } from '../ui/format';
import type { FollowerAnalysis } from './analysis';
import { useSimulatedWrites } from './useSimulatedWrites';

export function ExpectedWritesCard({ analysis, stale }: { analysis: FollowerAnalysis; stale: boolean }) {
  const edgeIds = analysis.writes.map((w) => w.edgeId);
  const simulated = useSimulatedWrites(edgeIds);
  const { writes, readFanout } = analysis;
  const postsPerSec = writes.reduce((sum, w) => sum + w.postsPerSec, 0);
  const perPost = postsPerSec > 0 ? analysis.writesPerSec / postsPerSec : 0;
  const ratio = simulated && analysis.writesPerSec > 0 ? simulated.writesPerSec / analysis.writesPerSec : undefined;

  const card = (
    <section className="writes-card" aria-labelledby="writes-card-title" data-stale={stale ? 'true' : undefined}>
      <h3 id="writes-card-title" className="side-panel__heading">
        Fan-out writes to timelines
      </h3>
      {writes.length === 0 ? (
        <p className="writes-card__none">
          This scenario does not fan out on write: a post is stored once.
          {readFanout.fetchesPerSec > 0 &&
            ` The work moves to reads: ${formatCount(readFanout.fetchesPerSec)} followee fetches/s for ${formatCount(readFanout.readsPerSec)} timeline reads/s.`}
        </p>
      ) : (
        <>
          <dl className="writes-card__numbers">
            <div className="writes-card__number">
              <dt>Expected</dt>
              <dd>
                <output aria-label="Expected fan-out writes per second" className="writes-card__value">
                  {formatCount(analysis.writesPerSec)}
                </output>{' '}
                <span className="writes-card__unit">writes/s</span>
              </dd>
            </div>
            <div className="writes-card__number">
              <dt>Simulated</dt>
              <dd>
                <output aria-label="Simulated fan-out writes per second" className="writes-card__value writes-card__value--sim">
                  {simulated ? formatCount(simulated.writesPerSec) : '–'}
                </output>{' '}
                <span className="writes-card__unit">writes/s</span>
              </dd>
            </div>
          </dl>
          <p className="writes-card__formula">
            {formatCount(postsPerSec)} posts/s × {formatNumber(perPost)} writes per post
            {writes[0].skipAbove !== undefined && `, authors above ${formatCount(writes[0].skipAbove)} followers skipped`}
            {simulated && ` · simulated over ${formatNumber(simulated.simulatedSec)} s${ratio !== undefined ? ` (${formatPercent(ratio)} of expected)` : ''}`}
          </p>
        </>
      )}
    </section>
  );
  const details = writes.length > 0 && (
    <div className="writes-details">
      <p className="writes-card__note">
        Why short runs show fewer: the mean is carried by rare celebrities, and one post by an account with millions of followers is
        millions of writes. A short run has usually drawn none of them yet; the simulated rate then jumps when one posts.
      </p>
      {readFanout.fetchesPerSec > 0 && (
        <p className="writes-card__formula">
          On read: {formatCount(readFanout.fetchesPerSec)} {readFetchNoun(analysis)} fetches/s for {formatCount(readFanout.readsPerSec)} timeline reads/s.
        </p>
      )}
    </div>
  );
  return (
    <>
      {card}
      {details}
    </>
  );
}

/** What a read fetches: only celebrities (the hybrid) or every followee (fan-out on read). */
function readFetchNoun(analysis: FollowerAnalysis): string {
  return analysis.threshold.inScenario ? 'celebrity' : 'followee';
}
