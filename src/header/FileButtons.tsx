/** Import of scenario files; export of the scenario (JSON) and of the canvas (PNG, SVG). */
import { useRef } from 'react';
import { actions, performAction, type Action } from '../actions';
import { Icon } from '../ui/icons';
import { usePopover } from '../ui/usePopover';

const EXPORTS: { action: Action; label: string; hint: string }[] = [
  { action: actions.exportFile, label: 'Scenario (JSON)', hint: 'the whole scenario, to import again or run with npm run sim' },
  { action: actions.exportPng, label: 'Canvas as PNG', hint: 'a picture of the system, for slides and posts' },
  { action: actions.exportSvg, label: 'Canvas as SVG', hint: 'the same picture, scalable' },
];

function ExportMenu() {
  const menu = usePopover<HTMLSpanElement>();
  return (
    <span ref={menu.containerRef} className="popover-anchor">
      <button
        type="button"
        className="button button--header"
        aria-haspopup="menu"
        aria-expanded={menu.open}
        onClick={menu.toggle}
        title="Download the scenario as JSON, or the canvas as an image"
      >
        <Icon name="download" size={16} /> <span className="button__label">Export</span>
      </button>
      {menu.open && (
        <div className="popover export-menu" role="menu" aria-label="Export" ref={(el) => el?.querySelector<HTMLElement>('[role="menuitem"]')?.focus()}>
          {EXPORTS.map(({ action, label, hint }) => (
            <button
              key={action.name}
              type="button"
              role="menuitem"
              className="preset-item"
              onKeyDown={(e) => {
                if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
                e.preventDefault();
                const items = Array.from(e.currentTarget.parentElement!.querySelectorAll<HTMLElement>('[role="menuitem"]'));
                const i = items.indexOf(e.currentTarget);
                items[(i + (e.key === 'ArrowDown' ? 1 : -1) + items.length) % items.length].focus();
              }}
              onClick={() => menu.choose(() => void performAction(action, undefined))}
            >
              <span className="preset-item__title">{label}</span>
              <span className="preset-item__desc">{hint}</span>
            </button>
          ))}
        </div>
      )}
    </span>
  );
}

export function FileButtons() {
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <button type="button" className="button button--header" onClick={() => input.current?.click()} title="Open a scenario JSON file (or drop one on the canvas)">
        <Icon name="upload" size={16} /> <span className="button__label">Import</span>
      </button>
      <input
        ref={input}
        type="file"
        accept=".json,application/json,text/plain"
        hidden
        aria-label="Import a scenario JSON file"
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (file) void performAction(actions.importFile, file);
        }}
      />
      <ExportMenu />
    </>
  );
}
