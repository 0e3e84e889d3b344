/**
 * The frame of a side panel (followers, Compare, Sweep): a titled region in
 * the right-hand column with a close button. Escape closes it, unless a
 * field inside used the key first (a pinned tip, a half-typed number).
 */
import { useEffect, useRef, type ReactNode } from 'react';
import { useAppStore } from '../store';
import type { SidePanel } from '../store/uiSlice';
import { Icon, type IconName } from '../ui/icons';

export interface SidePanelFrameProps {
  panel: SidePanel;
  title: string;
  description: string;
  icon: IconName;
  children: ReactNode;
}

export function SidePanelFrame({ panel, title, description, icon, children }: SidePanelFrameProps) {
  const setSidePanel = useAppStore((s) => s.setSidePanel);
  const heading = useRef<HTMLHeadingElement>(null);
  const titleId = `side-panel-${panel}-title`;

  // Opened from the header or a shortcut: keyboard users land at its title.
  useEffect(() => {
    if (!document.activeElement || document.activeElement === document.body || document.activeElement.closest('.app-header')) {
      heading.current?.focus({ preventScroll: true });
    }
  }, []);

  const close = () => {
    setSidePanel(null);
    document.querySelector<HTMLElement>(`[data-side-panel-toggle="${panel}"]`)?.focus();
  };

  return (
    <aside
      className="inspector side-panel"
      aria-labelledby={titleId}
      onKeyDown={(e) => {
        if (e.key === 'Escape' && !e.defaultPrevented) {
          e.preventDefault();
          close();
        }
      }}
    >
      <div className="inspector-section">
        <header className="inspector-header">
          <span className="inspector-header__icon">
            <Icon name={icon} size={20} />
          </span>
          <div className="side-panel__title-block">
            <h2 id={titleId} ref={heading} tabIndex={-1} className="inspector-header__title">
              {title}
            </h2>
            <p className="inspector-header__desc">{description}</p>
          </div>
          <button type="button" className="icon-button icon-button--small" aria-label={`Close ${title.toLowerCase()}`} onClick={close}>
            <Icon name="close" size={16} />
          </button>
        </header>
        {children}
      </div>
    </aside>
  );
}
