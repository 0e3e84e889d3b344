/** The palette: every kind the engine runs, to drag onto the canvas or add with a click (or Enter). */
import { createPortal } from 'react-dom';
import type { CSSProperties } from 'react';
import { KIND_ORDER, KINDS, type NodeKind } from '../scenario/kinds';
import { KindIcon } from '../ui/icons';
import { usePaletteDrag, type Ghost } from './usePaletteDrag';

function kindStyle(kind: NodeKind): CSSProperties {
  return { '--kind-color': `var(--kind-${kind})`, '--kind-soft': `var(--kind-${kind}-soft)` } as CSSProperties;
}

function PaletteGhost({ ghost }: { ghost: Ghost }) {
  return createPortal(
    <div
      className="palette-ghost"
      data-over-canvas={ghost.overCanvas ? 'true' : undefined}
      style={{ ...kindStyle(ghost.kind), transform: `translate(${ghost.x}px, ${ghost.y}px) translate(-50%, -50%)` }}
      aria-hidden="true"
    >
      <span className="palette-item__icon">
        <KindIcon kind={ghost.kind} />
      </span>
      {KINDS[ghost.kind].title}
    </div>,
    document.body,
  );
}

export function Palette() {
  const { ghost, handlers } = usePaletteDrag();
  return (
    <aside className="palette" aria-labelledby="palette-title" data-lesson-target="palette">
      <div className="panel-heading">
        <h2 id="palette-title" className="panel-title">
          Components
        </h2>
        <p className="panel-subtitle">Drag onto the canvas, or click to add.</p>
      </div>
      <ul className="palette-list">
        {KIND_ORDER.map((kind) => {
          const meta = KINDS[kind];
          return (
            <li key={kind}>
              <button
                type="button"
                className="palette-item"
                style={kindStyle(kind)}
                aria-label={`Add ${meta.title}`}
                aria-describedby={`palette-desc-${kind}`}
                title={meta.description}
                data-kind={kind}
                {...handlers(kind)}
              >
                <span className="palette-item__icon">
                  <KindIcon kind={kind} />
                </span>
                <span className="palette-item__text">
                  <span className="palette-item__name">{meta.title}</span>
                  <span className="palette-item__desc" aria-hidden="true">
                    {meta.summary}
                  </span>
                  <span id={`palette-desc-${kind}`} hidden>
                    {meta.description}
                  </span>
                </span>
              </button>
            </li>
          );
        })}
      </ul>
      {ghost && <PaletteGhost ghost={ghost} />}
    </aside>
  );
}
