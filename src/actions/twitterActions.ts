/**
 * The Twitter home-timeline tools: the follower distribution editor, Compare
 * and Sweep panels, "DDIA scale", and the hybrid's celebrity threshold.
 */
import type { SidePanel } from '../store/uiSlice';
import { celebrityThreshold, ddiaScaleOf, toggleDdiaScale as toggledScale, withCelebrityThreshold } from '../scenario/twitter';
import { formatCount } from '../ui/format';
import { letter } from './keys';
import type { Action } from './types';

function shiftLetter(e: KeyboardEvent, key: string): boolean {
  return e.shiftKey && !e.ctrlKey && !e.metaKey && !e.altKey && letter(e) === key;
}

function panelToggle(panel: SidePanel, name: string, label: string, key: string): Action {
  return {
    name,
    label,
    shortcut: ['Shift', key.toUpperCase()],
    keyTest: (e) => shiftLetter(e, key),
    undoable: false,
    perform: ({ store }) => {
      const s = store.getState();
      s.setSidePanel(s.sidePanel === panel ? null : panel);
    },
  };
}

export const toggleFollowersPanel = panelToggle('followers', 'toggleFollowersPanel', 'Followers', 'f');
export const toggleComparePanel = panelToggle('compare', 'toggleComparePanel', 'Compare', 'c');
export const toggleSweepPanel = panelToggle('sweep', 'toggleSweepPanel', 'Sweep', 's');

/** Switches a Twitter scenario between the presets' 1/100 rates and DDIA's real ones (one undo step). */
export const toggleDdiaScale: Action = {
  name: 'toggleDdiaScale',
  label: 'DDIA scale',
  undoable: true,
  enabled: (s) => ddiaScaleOf(s.scenario) !== undefined,
  perform: ({ store }) => {
    const s = store.getState();
    s.editScenario(toggledScale);
    const info = ddiaScaleOf(store.getState().scenario);
    if (!info) return;
    const rates = `${formatCount(info.postsPerSec)} posts/s, ${formatCount(info.timelineReadsPerSec)} timeline reads/s`;
    s.showToast(
      info.scale === 'ddia'
        ? `DDIA's real rates: ${rates}, servers ×100. The browser simulates this slower than real time.`
        : `Back to 1/100 of DDIA's rates: ${rates}, servers ÷100.`,
    );
  },
};

/**
 * Sets the hybrid's celebrity threshold: `skipAbove` on the fan-out on write
 * and the threshold of the merge on read, together. Quick repeats (keys,
 * typing) merge into one undo step; a slider drag wraps its moves in one
 * gesture, so the whole drag is one step however slow.
 */
export const setCelebrityThreshold: Action<number> = {
  name: 'setCelebrityThreshold',
  label: 'Celebrity threshold',
  undoable: true,
  mergeKey: 'celebrity-threshold',
  enabled: (s) => celebrityThreshold(s.scenario) !== undefined,
  perform: ({ store }, threshold) => {
    if (!Number.isFinite(threshold) || threshold < 0) return;
    store.getState().editScenario((sc) => withCelebrityThreshold(sc, threshold), { mergeKey: setCelebrityThreshold.mergeKey });
  },
};
