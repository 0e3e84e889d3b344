/** The floating toolbar on the canvas: history, zoom, grid, minimap, delete, and the shortcuts list. */
import { Panel } from '@xyflow/react';
import { useEffect, useLayoutEffect, useRef, useState, type CSSProperties } from 'react';
import { actions, performAction, type Action } from '../actions';
import { shortcutLabel } from '../actions/keys';
import { useAppStore } from '../store';
import { Icon, type IconName } from '../ui/icons';
import { usePopover } from '../ui/usePopover';

function ToolButton({ action, icon, pressed }: { action: Action; icon: IconName; pressed?: boolean }) {
  const enabled = useAppStore((s) => (action.enabled ? action.enabled(s) : true));
  const title = action.shortcut ? `${action.label} (${shortcutLabel(action.shortcut)})` : action.label;
  return (
    <button
      type="button"
      className="tool-button"
      aria-label={action.label}
      aria-pressed={pressed}
      aria-keyshortcuts={action.shortcut ? action.shortcut.join('+').replace('Mod', 'Control') : undefined}
      title={title}
      disabled={!enabled}
      onClick={() => void performAction(action, undefined)}
    >
      <Icon name={icon} />
    </button>
  );
}

function useHistoryAvailability() {
  const [state, setState] = useState({ canUndo: false, canRedo: false });
  useEffect(() => {
    const read = () => {
      const t = useAppStore.temporal.getState();
      setState((prev) => {
        const next = { canUndo: t.pastStates.length > 0, canRedo: t.futureStates.length > 0 };
        return prev.canUndo === next.canUndo && prev.canRedo === next.canRedo ? prev : next;
      });
    };
    read();
    return useAppStore.temporal.subscribe(read);
  }, []);
  return state;
}

const SHORTCUT_ACTIONS: Action[] = [
  actions.undo,
  actions.redo,
  actions.deleteSelection,
  actions.copySelection,
  actions.paste,
  actions.duplicateSelection,
  actions.selectAll,
  actions.clearSelection,
  actions.fitView,
  actions.zoomIn,
  actions.zoomOut,
  actions.toggleSnapToGrid,
  actions.toggleMinimap,
  actions.toggleTheme,
  actions.openCommandPalette,
];

/**
 * Where the shortcuts list goes: above its button, inside the window. It is
 * fixed to the window rather than to the canvas, whose overflow would clip
 * it, and it scrolls when the window is too short for all of it.
 */
function useInViewPlacement(anchor: HTMLElement | null): CSSProperties {
  const [style, setStyle] = useState<CSSProperties>({ visibility: 'hidden' });
  useLayoutEffect(() => {
    if (!anchor) return;
    const place = () => {
      const r = anchor.getBoundingClientRect();
      const width = Math.min(320, window.innerWidth - 16);
      const left = Math.max(8, Math.min(r.left + r.width / 2 - width / 2, window.innerWidth - width - 8));
      setStyle({ position: 'fixed', left, bottom: window.innerHeight - r.top + 8, width, maxHeight: Math.max(120, r.top - 16), overflowY: 'auto' });
    };
    place();
    window.addEventListener('resize', place);
    return () => window.removeEventListener('resize', place);
  }, [anchor]);
  return style;
}

function ShortcutsList({ anchor }: { anchor: HTMLElement | null }) {
  const style = useInViewPlacement(anchor);
  return (
    <div className="popover shortcuts-popover" role="dialog" aria-label="Keyboard shortcuts" style={style}>
      <h2 className="popover__title">Keyboard shortcuts</h2>
      <dl className="shortcuts-list">
        {SHORTCUT_ACTIONS.map((a) => (
          <div key={a.name} className="shortcuts-list__row">
            <dt>{a.label}</dt>
            <dd>
              <kbd>{shortcutLabel(a.shortcut ?? [])}</kbd>
            </dd>
          </div>
        ))}
        <div className="shortcuts-list__row">
          <dt>Add to the selection</dt>
          <dd>
            <kbd>Shift</kbd> + click
          </dd>
        </div>
        <div className="shortcuts-list__row">
          <dt>Select several</dt>
          <dd>
            <kbd>Shift</kbd> + drag
          </dd>
        </div>
        <div className="shortcuts-list__row">
          <dt>Connect the selected component</dt>
          <dd>Connect to… in the inspector</dd>
        </div>
        <div className="shortcuts-list__row">
          <dt>Move the selection</dt>
          <dd>
            <kbd>← ↑ → ↓</kbd>
          </dd>
        </div>
      </dl>
    </div>
  );
}

export function CanvasToolbar() {
  const { canUndo, canRedo } = useHistoryAvailability();
  const snapToGrid = useAppStore((s) => s.snapToGrid);
  const showMinimap = useAppStore((s) => s.showMinimap);
  const shortcuts = usePopover<HTMLSpanElement>();
  const shortcutsButton = useRef<HTMLButtonElement>(null);
  return (
    <Panel position="bottom-left" className="canvas-toolbar-panel">
      <div className="canvas-toolbar" role="toolbar" aria-label="Canvas">
        <HistoryButton action={actions.undo} icon="undo" enabled={canUndo} />
        <HistoryButton action={actions.redo} icon="redo" enabled={canRedo} />
        <span className="toolbar-sep" aria-hidden="true" />
        <ToolButton action={actions.zoomOut} icon="zoomOut" />
        <ToolButton action={actions.zoomIn} icon="zoomIn" />
        <ToolButton action={actions.fitView} icon="fitView" />
        <span className="toolbar-sep" aria-hidden="true" />
        <ToolButton action={actions.toggleSnapToGrid} icon="grid" pressed={snapToGrid} />
        <ToolButton action={actions.toggleMinimap} icon="minimap" pressed={showMinimap} />
        <span className="toolbar-sep" aria-hidden="true" />
        <ToolButton action={actions.duplicateSelection} icon="copy" />
        <ToolButton action={actions.deleteSelection} icon="trash" />
        <span className="toolbar-sep" aria-hidden="true" />
        <span ref={shortcuts.containerRef} className="popover-anchor">
          <button
            ref={shortcutsButton}
            type="button"
            className="tool-button"
            aria-label="Keyboard shortcuts"
            aria-expanded={shortcuts.open}
            title="Keyboard shortcuts"
            onClick={shortcuts.toggle}
          >
            <Icon name="keyboard" />
          </button>
          {shortcuts.open && <ShortcutsList anchor={shortcutsButton.current} />}
        </span>
      </div>
    </Panel>
  );
}

function HistoryButton({ action, icon, enabled }: { action: Action; icon: IconName; enabled: boolean }) {
  return (
    <button
      type="button"
      className="tool-button"
      aria-label={action.label}
      title={`${action.label} (${shortcutLabel(action.shortcut ?? [])})`}
      disabled={!enabled}
      onClick={() => void performAction(action, undefined)}
    >
      <Icon name={icon} />
    </button>
  );
}
