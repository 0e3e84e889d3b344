/** Open/close state for a menu or popover: closes on Escape and on a press outside its container. */
import { useEffect, useRef, useState } from 'react';

export function usePopover<T extends HTMLElement = HTMLDivElement>() {
  const [open, setOpen] = useState(false);
  const containerRef = useRef<T>(null);
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
      if (containerRef.current && !containerRef.current.contains(e.target as Node)) setOpen(false);
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
  return { open, setOpen, toggle: () => setOpen((v) => !v), choose, containerRef };
}
