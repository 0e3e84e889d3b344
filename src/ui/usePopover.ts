/**
 * Open/close state for a menu or popover: closes on Escape and on a press outside its container —
 * and outside `portalRef`'s element, for a menu drawn elsewhere in the page (a portal).
 */
import { useEffect, useRef, useState } from 'react';

export function usePopover<T extends HTMLElement = HTMLDivElement>() {
  const [open, setOpen] = useState(false);
  const containerRef = useRef<T>(null);
  const portalRef = useRef<HTMLElement | null>(null);
  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        e.preventDefault();
        setOpen(false);
        containerRef.current?.querySelector<HTMLElement>('[aria-expanded]')?.focus();
      }
    };
    const onDown = (e: PointerEvent) => {
      const t = e.target as Node;
      if (containerRef.current && !containerRef.current.contains(t) && !portalRef.current?.contains(t)) setOpen(false);
    };
    window.addEventListener('keydown', onKey);
    window.addEventListener('pointerdown', onDown);
    return () => {
      window.removeEventListener('keydown', onKey);
      window.removeEventListener('pointerdown', onDown);
    };
  }, [open]);
  /** Closes the menu, then does what its item does. */
  const choose = (run: () => void) => {
    setOpen(false);
    run();
  };
  return { open, setOpen, toggle: () => setOpen((v) => !v), choose, containerRef, portalRef };
}

/** Moves the focus to the next (1) or previous (−1) item of the menu that holds `el`, wrapping around. */
export function focusMenuItem(el: HTMLElement | null, step: 1 | -1): void {
  const items = Array.from(el?.closest('[role="menu"]')?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? []);
  const i = items.indexOf(el as HTMLElement);
  items[(i + step + items.length) % items.length]?.focus();
}

/** ↓/↑ on a menu item: the next or previous item (the keyboard's way through a menu). */
export function onMenuItemKey(e: { key: string; preventDefault: () => void; currentTarget: HTMLElement }): void {
  if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
  e.preventDefault();
  focusMenuItem(e.currentTarget, e.key === 'ArrowDown' ? 1 : -1);
}
