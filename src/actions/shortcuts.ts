/** The keyboard: one listener that hands key presses to the registered actions. */
import { handleShortcut } from './index';

/** Starts listening; returns a function that stops. */
export function installShortcuts(target: Window): () => void {
  const onKeyDown = (e: KeyboardEvent) => {
    handleShortcut(e);
  };
  target.addEventListener('keydown', onKeyDown);
  return () => target.removeEventListener('keydown', onKeyDown);
}
