/**
 * The header's way into the Twitter tools: the follower graph editor,
 * Compare and Sweep (each toggles its side panel; Shift+F, Shift+C,
 * Shift+S do the same), and the DDIA scale switch.
 */
import { actions, performAction, type Action } from '../actions';
import { shortcutLabel } from '../actions/keys';
import { DdiaScaleButton } from '../followers/DdiaScaleToggle';
import { useAppStore } from '../store';
import type { SidePanel } from '../store/uiSlice';
import { Icon, type IconName } from '../ui/icons';

function PanelButton({ panel, action, icon, title }: { panel: SidePanel; action: Action; icon: IconName; title: string }) {
  const open = useAppStore((s) => s.sidePanel === panel);
  const keys = action.shortcut ? ` (${shortcutLabel(action.shortcut)})` : '';
  return (
    <button
      type="button"
      className="button button--header"
      aria-pressed={open}
      data-side-panel-toggle={panel}
      title={`${title}${keys}`}
      aria-keyshortcuts={action.shortcut?.join('+')}
      onClick={() => void performAction(action, undefined)}
    >
      <Icon name={icon} size={16} />
      <span className="button__label">{action.label}</span>
    </button>
  );
}

export function AnalysisButtons() {
  return (
    <nav className="app-header__analysis" aria-label="Analysis">
      <PanelButton panel="followers" action={actions.toggleFollowersPanel} icon="users" title="Edit the follower graph: its distribution, statistics and fan-out" />
      <PanelButton panel="compare" action={actions.toggleComparePanel} icon="compare" title="Run fan-out on read, on write and hybrid side by side" />
      <PanelButton panel="sweep" action={actions.toggleSweepPanel} icon="sweep" title="Vary one parameter and plot latency and throughput against it" />
      <DdiaScaleButton />
    </nav>
  );
}
