/** Keyboard helpers shared by the actions and the shortcut listener. */
import type { ShortcutKeys } from './types';

export const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent);

/** ⌘ on a Mac, Ctrl elsewhere. */
export function modKey(event: KeyboardEvent): boolean {
  return isMac ? event.metaKey : event.ctrlKey;
}

/** The letter pressed, independent of Shift and (for letters) of the keyboard layout. */
export function letter(event: KeyboardEvent): string {
  if (/^Key[A-Z]$/.test(event.code)) return event.code.slice(3).toLowerCase();
  return event.key.toLowerCase();
}

/** `Mod+letter` with no other modifier. */
export function modLetter(event: KeyboardEvent, key: string): boolean {
  return modKey(event) && !event.shiftKey && !event.altKey && letter(event) === key;
}

/** A plain key, with no modifier at all. */
export function plainKey(event: KeyboardEvent, ...keys: string[]): boolean {
  return !event.ctrlKey && !event.metaKey && !event.altKey && keys.includes(event.key);
}

/** "⌘Z" on a Mac, "Ctrl+Z" elsewhere. */
export function shortcutLabel(keys: ShortcutKeys): string {
  const names = keys.map((k) => {
    if (k === 'Mod') return isMac ? '⌘' : 'Ctrl';
    if (k === 'Shift') return isMac ? '⇧' : 'Shift';
    if (k === 'Alt') return isMac ? '⌥' : 'Alt';
    return k;
  });
  return isMac ? names.join('') : names.join('+');
}

/** Whether the key press belongs to a text field (shortcuts must leave typing alone). */
export function isTyping(event: KeyboardEvent): boolean {
  const target = event.target as HTMLElement | null;
  if (!target || typeof target.closest !== 'function') return false;
  if (target.isContentEditable) return true;
  const field = target.closest('input, textarea, select, [contenteditable="true"]');
  if (!field) return false;
  if (field instanceof HTMLInputElement) {
    // Buttons-in-disguise (checkbox, radio, range…) do not take text, but arrows and Delete still belong to them.
    return !['checkbox', 'radio', 'button', 'submit', 'reset', 'color', 'file'].includes(field.type);
  }
  return true;
}
