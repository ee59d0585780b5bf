/**
 * What every form of the window shares, installed once: Ctrl+S (⌘S) saves
 * wherever the officer is — the open drawer's form, else the form holding the
 * cursor, else the page's main form (marked data-save-shortcut) — and the
 * browser's own validation bubbles (in English, one field at a time) never
 * stop a save: the forms and the core report every wrong field in Japanese.
 * A form whose field already shows its own problem (a date it cannot read, or
 * outside the days it allows) is not sent: that field takes the focus.
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

/** Whether the form's 保存する is off — a drawer's sits outside the form, which form.elements covers. */
function submitOff(form: HTMLFormElement): boolean {
  return [...form.elements].some(
    (el) => (el instanceof HTMLButtonElement || el instanceof HTMLInputElement) && el.type === 'submit' && el.disabled,
  );
}

/** A form the cursor or a pointer enters is checked by Renkei, not by the browser. */
function ownValidation(e: Event) {
  const form = e.target instanceof HTMLElement ? e.target.closest('form') : null;
  if (form) form.noValidate = true;
}

/**
 * Holds back a save while a field shows its own problem: the field reports no value meanwhile, so the core would
 * answer a second, misleading refusal (「日付の形が違います」 under 「…選べる期間の外です」). Runs before React's
 * handlers, which listen at the app's root.
 */
function holdBackOwnProblems(e: Event) {
  const form = e.target instanceof HTMLFormElement ? e.target : null;
  const field = form?.querySelector<HTMLElement>('[data-own-problem]');
  if (!field) return;
  e.preventDefault();
  e.stopPropagation();
  field.focus();
}

export function useFormConventions() {
  useEffect(() => {
    document.addEventListener('focusin', ownValidation, true);
    document.addEventListener('pointerdown', ownValidation, true);
    document.addEventListener('submit', holdBackOwnProblems, true);
    return () => {
      document.removeEventListener('focusin', ownValidation, true);
      document.removeEventListener('pointerdown', ownValidation, true);
      document.removeEventListener('submit', holdBackOwnProblems, true);
    };
  }, []);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || e.altKey || e.shiftKey || e.key.toLowerCase() !== 's') return;
      // The browser's own 「名前を付けて保存」 is never what is meant.
      e.preventDefault();
      const form = formToSave();
      // A save under way (its 保存する is off) is not sent again: a second press would add the new record twice, or
      // name the version the first save replaced and be refused as someone else's change.
      if (!form || submitOff(form)) return;
      form.noValidate = true;
      form.requestSubmit();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
