/** The presets gallery: every scenario in public/scenarios/index.json, plus a blank canvas. */
import { useEffect, useState } from 'react';
import { actions, performAction } from '../actions';
import { fetchPresetIndex } from '../persistence/presets';
import type { PresetEntry } from '../scenario/presets';
import { Icon } from '../ui/icons';
import { usePopover } from '../ui/usePopover';

type IndexState = { status: 'loading' } | { status: 'ready'; presets: PresetEntry[] } | { status: 'error'; message: string };

export function PresetsMenu() {
  const menu = usePopover();
  const [index, setIndex] = useState<IndexState>({ status: 'loading' });
  useEffect(() => {
    if (!menu.open || index.status === 'ready') return;
    let live = true;
    fetchPresetIndex()
      .then((presets) => live && setIndex({ status: 'ready', presets }))
      .catch((err: unknown) => live && setIndex({ status: 'error', message: err instanceof Error ? err.message : String(err) }));
    return () => {
      live = false;
    };
  }, [menu.open, index.status]);

  return (
    <div ref={menu.containerRef} className="popover-anchor">
      <button
        type="button"
        className="button button--header"
        aria-expanded={menu.open}
        aria-haspopup="dialog"
        data-lesson-target="presets"
        title="Start from a preset scenario"
        onClick={menu.toggle}
      >
        <Icon name="presets" size={16} /> <span className="button__label-wide">Presets</span> <Icon name="chevronDown" size={14} />
      </button>
      {menu.open && (
        <div className="popover presets-popover" role="dialog" aria-label="Presets">
          <p className="popover__title">Start from a preset</p>
          <ul className="preset-list">
            {index.status === 'ready' &&
              index.presets.map((p) => (
                <li key={p.name}>
                  <button
                    type="button"
                    className="preset-item"
                    onClick={() => menu.choose(() => void performAction(actions.loadPreset, p.name))}
                  >
                    <span className="preset-item__title">{p.title}</span>
                    <span className="preset-item__desc">{p.description}</span>
                  </button>
                </li>
              ))}
            {index.status === 'loading' && <li className="preset-list__note">Loading presets…</li>}
            {index.status === 'error' && (
              <li className="preset-list__note" role="alert">
                The presets could not be loaded ({index.message}).
              </li>
            )}
            <li>
              <button type="button" className="preset-item" onClick={() => menu.choose(() => void performAction(actions.newScenario, undefined))}>
                <span className="preset-item__title">Blank canvas</span>
                <span className="preset-item__desc">Start from nothing and build your own system.</span>
              </button>
            </li>
          </ul>
          <p className="popover__foot">Loading a preset replaces the canvas; Undo brings your scenario back.</p>
        </div>
      )}
    </div>
  );
}
