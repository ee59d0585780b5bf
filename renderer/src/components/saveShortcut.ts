/**
 * Ctrl+S (⌘S) saves wherever the officer is: the open drawer's form, else the
 * form holding the cursor, else the page's main form (marked
 * data-save-shortcut). Installed once for the whole window.
 */
import { useEffect } from 'react';

/** The form Ctrl+S submits now, if any; none while a confirmation is open over the screen. */
export function formToSave(): HTMLFormElement | null {
  if (document.querySelector('.dialog-backdrop')) return null;
  const drawer = document.querySelector<HTMLElement>('.drawer');
  if (drawer) {
    const id = drawer.dataset.saveForm;
    return id ? document.querySelector<HTMLFormElement>(`form#${CSS.escape(id)}`) : drawer.querySelector('form');
  }
  const active = document.activeElement;
  const own = active instanceof HTMLElement ? active.closest('form') : null;
  return own ?? document.querySelector<HTMLFormElement>('form[data-save-shortcut]');
}

export function useSaveShortcut() {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || e.altKey || e.shiftKey || e.key.toLowerCase() !== 's') return;
      // The browser's own 「名前を付けて保存」 is never what is meant.
      e.preventDefault();
      formToSave()?.requestSubmit();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
