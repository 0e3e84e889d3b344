/**
 * Messages above the canvas: a problem (a broken link or file, role="alert"),
 * and the notice that the canvas shows a shared link the user has not made
 * their own yet.
 */
import { browserStorage, readAutosave } from '../persistence/autosave';
import { defaultScenario } from '../scenario/presets';
import { useAppStore } from '../store';
import { Icon } from '../ui/icons';

function AlertBanner() {
  const alert = useAppStore((s) => s.alert);
  const dismiss = useAppStore((s) => s.dismissAlert);
  if (!alert) return null;
  return (
    <div className="banner banner--alert" role="alert">
      <Icon name="alert" size={18} />
      <div className="banner__body">
        <p className="banner__title">{alert.title}</p>
        <p className="banner__message">{alert.message}</p>
        {alert.reassurance && <p className="banner__note">{alert.reassurance}</p>}
      </div>
      <button type="button" className="button button--quiet button--small" onClick={dismiss}>
        Dismiss
      </button>
    </div>
  );
}

function SharedLinkBanner() {
  const viewing = useAppStore((s) => s.viewingSharedLink);
  if (!viewing) return null;
  const backToMine = () => {
    const saved = readAutosave(browserStorage());
    useAppStore.getState().resetScenario(saved?.ok ? saved.scenario : defaultScenario());
    const { pathname, search } = window.location;
    window.history.replaceState(window.history.state, '', `${pathname}${search}`);
  };
  return (
    <div className="banner banner--info">
      <Icon name="link" size={18} />
      <div className="banner__body">
        <p className="banner__title">Opened from a shared link</p>
        <p className="banner__note">Your own saved work is untouched until you edit this scenario.</p>
      </div>
      <button type="button" className="button button--quiet button--small" onClick={backToMine}>
        Back to my work
      </button>
    </div>
  );
}

export function Banners() {
  return (
    <div className="banners">
      <AlertBanner />
      <SharedLinkBanner />
    </div>
  );
}
