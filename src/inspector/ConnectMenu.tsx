/**
 * "Connect to…": the keyboard's way to wire the selected component. It lists
 * every other component; those a drag would refuse are shown with the reason,
 * and choosing one says it again, in the same words as a refused drag.
 */
import { useId } from 'react';
import { actions, performAction } from '../actions';
import { connectTargets } from '../actions/connectActions';
import { useAppStore } from '../store';
import { Icon } from '../ui/icons';
import { onMenuItemKey, usePopover } from '../ui/usePopover';

export function ConnectMenu({ sourceId }: { sourceId: string }) {
  const menu = usePopover<HTMLSpanElement>();
  const scenario = useAppStore((s) => s.scenario);
  const menuId = useId();
  const targets = menu.open ? connectTargets(scenario, sourceId) : [];
  return (
    <span ref={menu.containerRef} className="popover-anchor">
      <button
        type="button"
        className="button"
        aria-haspopup="menu"
        aria-expanded={menu.open}
        aria-controls={menu.open ? menuId : undefined}
        onClick={menu.toggle}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown' && !menu.open) {
            e.preventDefault();
            menu.setOpen(true);
          }
        }}
      >
        <Icon name="link" size={16} /> Connect to…
      </button>
      {menu.open && (
        <div
          className="popover connect-menu"
          role="menu"
          id={menuId}
          aria-label="Connect to"
          ref={(el) => el?.querySelector<HTMLElement>('[role="menuitem"]')?.focus()}
        >
          {targets.length === 0 && <p className="connect-menu__empty">There is no other component to connect to.</p>}
          {targets.map((t) => (
            <button
              key={t.id}
              type="button"
              role="menuitem"
              className="connect-menu__item"
              aria-label={t.name}
              aria-disabled={t.refusal ? true : undefined}
              aria-description={t.refusal}
              onKeyDown={onMenuItemKey}
              onClick={() =>
                menu.choose(() => {
                  if (t.refusal) useAppStore.getState().showToast(`Not connected: ${t.refusal}.`, 'error');
                  else void performAction(actions.connectTo, t.id);
                })
              }
            >
              <span>{t.name}</span>
              {t.refusal && <span className="connect-menu__reason">{t.refusal}</span>}
            </button>
          ))}
        </div>
      )}
    </span>
  );
}
