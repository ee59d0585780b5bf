/**
 * The focus of a drawer or a question over the screen: Tab stays inside it, and when it closes the focus goes back to
 * what had it when it opened (the row, the 「＋ 追加」 button, the box typed in), so the officer goes on from there with
 * the keyboard instead of from the top.
 */
import { type RefObject, useEffect, useState } from 'react';

/**
 * Gives the focus back, when the panel `ref` closes, to the element that had it as the panel was first drawn —
 * unless the officer has put it somewhere else meanwhile (clicked a menu link) or that element is gone.
 */
export function useReturnFocus(ref: RefObject<HTMLElement | null>) {
  // Read as the panel is first drawn, before anything inside it takes the focus.
  const [opener] = useState(() => document.activeElement);
  useEffect(() => {
    const panel = ref.current;
    return () => {
      const now = document.activeElement;
      const lost = now === null || now === document.body || (panel?.contains(now) ?? false);
      if (lost && opener instanceof HTMLElement && opener.isConnected) opener.focus();
    };
  }, [ref, opener]);
}

/** What Tab stops at: enabled controls, links and anything given a tab stop, as drawn. */
const TAB_STOPS = 'a[href], button, input, select, textarea, [tabindex]';

function tabStops(within: HTMLElement): HTMLElement[] {
  return [...within.querySelectorAll<HTMLElement>(TAB_STOPS)].filter(
    (el) =>
      el.tabIndex >= 0 &&
      !(el as HTMLInputElement).disabled &&
      (el as HTMLInputElement).type !== 'hidden' &&
      el.getClientRects().length > 0,
  );
}

/** Tab past the last stop goes to the first, Shift+Tab before the first to the last, so focus never leaves a drawer or a question for the menu behind it. */
export function keepTabInside(panel: HTMLElement, e: KeyboardEvent) {
  const at = document.activeElement;
  if (!at || !panel.contains(at)) return;
  const stops = tabStops(panel);
  const ahead = stops.filter((stop) =>
    e.shiftKey
      ? stop.compareDocumentPosition(at) & Node.DOCUMENT_POSITION_FOLLOWING
      : at.compareDocumentPosition(stop) & Node.DOCUMENT_POSITION_FOLLOWING,
  );
  const wrapTo = e.shiftKey ? stops[stops.length - 1] : stops[0];
  if (ahead.length === 0 && wrapTo) {
    e.preventDefault();
    wrapTo.focus();
  }
}
