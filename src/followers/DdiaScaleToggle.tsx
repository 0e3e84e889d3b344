/**
 * "DDIA scale": one click moves a Twitter scenario between the presets'
 * 1/100 rates and Twitter's real 2012 rates (the toggleDdiaScale action,
 * one undo step). Says which scale the scenario is at; hidden for
 * scenarios that are not a Twitter timeline.
 */
import { actions, performAction } from '../actions';
import { ddiaScaleOf, DDIA_FACTOR } from '../scenario/twitter';
import { useAppStore } from '../store';
import { formatCount } from '../ui/format';

function useDdiaScale() {
  // Primitive picks, so that unrelated edits do not re-render the header.
  const scale = useAppStore((s) => ddiaScaleOf(s.scenario)?.scale);
  const posts = useAppStore((s) => ddiaScaleOf(s.scenario)?.postsPerSec ?? 0);
  const reads = useAppStore((s) => ddiaScaleOf(s.scenario)?.timelineReadsPerSec ?? 0);
  return { scale, posts, reads };
}

const SLOW_NOTE = "At DDIA's rates the browser simulates slower than real time: the numbers are the real ones, they just take longer to arrive.";

/** The compact header switch. */
export function DdiaScaleButton() {
  const { scale, posts, reads } = useDdiaScale();
  if (!scale) return null;
  const ddia = scale === 'ddia';
  const rates = `${formatCount(posts)} posts/s, ${formatCount(reads)} timeline reads/s`;
  return (
    <button
      type="button"
      className="button button--header ddia-button"
      aria-pressed={ddia}
      aria-label="DDIA scale"
      title={
        ddia
          ? `At DDIA's real rates (${rates}). Click to go back to 1/${DDIA_FACTOR} of them, which the browser runs faster than real time.`
          : `At 1/${DDIA_FACTOR} of DDIA's rates (${rates}). Click for the real rates, ×${DDIA_FACTOR}. ${SLOW_NOTE}`
      }
      onClick={() => void performAction(actions.toggleDdiaScale, undefined)}
    >
      <span className="ddia-button__label">
        DDIA<span className="ddia-button__long"> scale</span>
      </span>
      <span className="ddia-button__state" data-on={ddia ? 'true' : undefined} aria-hidden="true">
        {ddia ? '1:1' : `1/${DDIA_FACTOR}`}
      </span>
    </button>
  );
}

/** The fuller card in the follower panel: where the rates stand, and the switch. */
export function DdiaScaleCard() {
  const { scale, posts, reads } = useDdiaScale();
  if (!scale) return null;
  const ddia = scale === 'ddia';
  return (
    <div className="ddia-card" data-scale={scale}>
      <p className="ddia-card__state">
        <strong>{ddia ? "At DDIA's real rates" : `At 1/${DDIA_FACTOR} of DDIA's rates`}</strong>: {formatCount(posts)} posts/s,{' '}
        {formatCount(reads)} timeline reads/s.
      </p>
      <p className="ddia-card__note">
        {ddia ? SLOW_NOTE : `Servers and rates scaled down together keep every utilization, so the browser runs it faster than real time.`}
      </p>
      <button type="button" className="button button--small" onClick={() => void performAction(actions.toggleDdiaScale, undefined)}>
        {ddia ? `Back to 1/${DDIA_FACTOR} of the rates` : `Switch to DDIA's rates (×${DDIA_FACTOR})`}
      </button>
    </div>
  );
}
