/** The header: the lessons, the scenario's name, the run controls, and what to do with the scenario. */
import { actions, performAction } from '../actions';
import { LessonsMenu } from '../lessons/LessonsMenu';
import { RunControls } from '../run/RunControls';
import { useAppStore } from '../store';
import { Icon } from '../ui/icons';
import { AnalysisButtons } from './AnalysisButtons';
import { FileButtons } from './FileButtons';
import { PresetsMenu } from './PresetsMenu';
import { ScenarioName } from './ScenarioName';

function ThemeToggle() {
  const dark = useAppStore((s) => s.theme === 'dark');
  return (
    <button
      type="button"
      className="icon-button"
      aria-label="Dark theme"
      aria-pressed={dark}
      title={dark ? 'Switch to the light theme' : 'Switch to the dark theme'}
      onClick={() => void performAction(actions.toggleTheme, undefined)}
    >
      <Icon name={dark ? 'moon' : 'sun'} />
    </button>
  );
}

export function Header() {
  return (
    <header className="app-header">
      <div className="app-header__brand">
        <span className="brand-mark" aria-hidden="true">
          <Icon name="logo" size={20} />
        </span>
        <h1 className="brand-name">Fanout Lab</h1>
      </div>
      <LessonsMenu />
      <ScenarioName />
      <div className="app-header__run">
        <RunControls />
      </div>
      <AnalysisButtons />
      <nav className="app-header__actions" aria-label="Scenario">
        <PresetsMenu />
        <FileButtons />
        <button type="button" className="button button--primary" title="Copy a link that opens this exact scenario, seed included" onClick={() => void performAction(actions.copyShareLink, undefined)}>
          <Icon name="link" size={16} /> <span className="button__label-wide">Copy link</span>
        </button>
        <ThemeToggle />
      </nav>
    </header>
  );
}
