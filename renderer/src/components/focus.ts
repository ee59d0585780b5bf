/**
 * The focus of a drawer or a question over the screen: the screen behind is inert while it is open (Tab, a click on
 * the panel's text then Tab, a screen reader's cursor — none reaches the list behind), Tab stays inside
 * it, and when it closes the focus goes back to what had it when it opened (the row, the 「＋ 追加」 button, the box
 * typed in), so the officer goes on from there with the keyboard instead of from the top.
 */
import { type RefObject, useEffect, useLayoutEffect, useState } from 'react';

/**
 * What stays out of the inert screen behind a panel: the toasts (a save's message, said aloud even while a drawer
 * stays open), and the menu — going to another screen leaves a drawer, after asking when something typed would be
 * lost (LeaveGuard).
 */
const KEPT = '.toasts, .sidebar nav';
/**
 * A notice said aloud elsewhere on the screen (an error): kept out of the inert screen too while it holds no control —
 * one that does (流用の途中's 入力を取り消す, JobProgress's 中止, 再読み込み) is as far out of reach as the rest.
 */
const SPOKEN = '[role="status"], [role="alert"], [aria-live]:not([aria-live="off"])';
const CONTROL = 'a[href], button, input, select, textarea, summary, [tabindex], [contenteditable]';
/** What opens over the panel later and must take the keys (a question over a drawer). */
const OVER = '[role="dialog"], .dialog-backdrop';

/**
 * Makes everything in the page but the panel `ref` (and what is KEPT) inert while it is open, and puts it back
 * when it closes — only what it made inert, so a question over a drawer, closed, leaves the screen behind the drawer
 * inert. A panel opened over it later is left alone.
 */
function useInertBehind(ref: RefObject<HTMLElement | null>) {
  // Before the panel is painted, as its focus is taken (ConfirmDialog, Drawer): no key reaches the screen behind meanwhile.
  useLayoutEffect(() => {
    const panel = ref.current;
    if (!panel) return;
    const made: HTMLElement[] = [];
    const kept = (el: Element) => el.matches(KEPT) || (el.matches(SPOKEN) && !el.querySelector(CONTROL));
    const holdsKept = (el: Element) => el.querySelector(KEPT) !== null || [...el.querySelectorAll(SPOKEN)].some(kept);
    const inert = (el: HTMLElement) => {
      if (el.inert) return;
      el.inert = true;
      made.push(el);
    };
    // What the screen draws behind the panel meanwhile (a notice, a list drawn again) is as far out of reach.
    const observer = new MutationObserver((records) => {
      for (const record of records) for (const node of record.addedNodes) if (node instanceof Element && !node.matches(OVER)) shut(node);
    });
    // A notice kept that comes to hold a control (再読み込み, once a save is refused) goes out of reach with it.
    const watched = new Set<HTMLElement>();
    const notices = new MutationObserver((records) => {
      for (const notice of watched)
        if (records.some((record) => notice.contains(record.target)) && notice.querySelector(CONTROL)) {
          watched.delete(notice);
          inert(notice);
        }
    });
    const shut = (el: Element) => {
      if (el === panel || !(el instanceof HTMLElement)) return;
      if (kept(el)) {
        if (!el.matches(KEPT)) {
          watched.add(el);
          notices.observe(el, { childList: true, subtree: true });
        }
      } else if (el.contains(panel) || holdsKept(el)) {
        observer.observe(el, { childList: true });
        for (const child of el.children) shut(child);
      } else inert(el);
    };
    shut(document.body);
    return () => {
      observer.disconnect();
      notices.disconnect();
      for (const el of made) el.inert = false;
    };
  }, [ref]);
}

/**
 * What a panel over the screen does with the focus: the screen behind inert while it is open, and the focus given back
 * when it closes (useReturnFocus) — in that order, since an inert element cannot take the focus.
 */
export function useModalFocus(ref: RefObject<HTMLElement | null>, opener?: Element | null) {
  useInertBehind(ref);
  useReturnFocus(ref, opener);
}

/**
 * Gives the focus back, when the panel `ref` closes, to the element that had it as the panel was first drawn —
 * or to `given`, for a panel that takes the place of another (a drawer's form once its record is read) — unless the
 * officer has put it somewhere else meanwhile (clicked a menu link) or that element is gone.
 */
function useReturnFocus(ref: RefObject<HTMLElement | null>, given?: Element | null) {
  // Read as the panel is first drawn, before anything inside it takes the focus.
  const [opener] = useState(() => given ?? document.activeElement);
  useEffect(() => {
    const panel = ref.current;
    return () => {
      const now = document.activeElement;
      const lost = now === null || now === document.body || (panel?.contains(now) ?? false);
      if (lost && opener instanceof HTMLElement && opener.isConnected) {
        // Answered 復元する, the button that asked is off while the restore runs: it takes the focus once it is on.
        if (opener.matches(':disabled')) focusWhenOn(opener);
        else opener.focus();
      }
    };
  }, [ref, opener]);
}

/** The control waiting, off, to take the focus back, and what watches it. */
let waiting: { control: HTMLElement; watch: MutationObserver } | null = null;

/** Gives `control`, off while its work runs, the focus once it is on again — if the focus is still nowhere by then. */
function focusWhenOn(control: HTMLElement) {
  waiting?.watch.disconnect();
  const watch = new MutationObserver(() => {
    if (control.matches(':disabled')) return;
    watch.disconnect();
    waiting = null;
    const now = document.activeElement;
    if (control.isConnected && (now === null || now === document.body)) control.focus();
  });
  watch.observe(control, { attributes: true, attributeFilter: ['disabled'] });
  waiting = { control, watch };
}

/**
 * A button that turns off while its work runs (今すぐバックアップ, Excel に書き出す) drops the focus to nowhere in
 * Chromium: the next Tab would start from wherever the browser guesses, and a screen reader says nothing of where the
 * officer is. It takes the focus back as it turns on again, unless the officer has gone somewhere else meanwhile.
 * Installed once, by the frame.
 */
export function useFocusBackWhenOn() {
  useEffect(() => {
    const onFocusOut = (e: FocusEvent) => {
      if (e.relatedTarget === null && e.target instanceof HTMLElement && e.target.matches(':disabled')) focusWhenOn(e.target);
    };
    const onFocusIn = (e: FocusEvent) => {
      if (waiting && e.target !== waiting.control) {
        waiting.watch.disconnect();
        waiting = null;
      }
    };
    document.addEventListener('focusout', onFocusOut, true);
    document.addEventListener('focusin', onFocusIn, true);
    return () => {
      document.removeEventListener('focusout', onFocusOut, true);
      document.removeEventListener('focusin', onFocusIn, true);
    };
  }, []);
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

/**
 * Tab past the last stop goes to the first, Shift+Tab before the first to the last, so focus never leaves a drawer or a
 * question for the menu behind it. With the focus nowhere (a click on the panel's text), Tab goes to its first stop and
 * Shift+Tab to its last, rather than out to the browser.
 */
export function keepTabInside(panel: HTMLElement, e: KeyboardEvent) {
  const at = document.activeElement;
  const stops = tabStops(panel);
  if (!at || at === document.body) {
    const to = e.shiftKey ? stops[stops.length - 1] : stops[0];
    if (to) {
      e.preventDefault();
      to.focus();
    }
    return;
  }
  if (!panel.contains(at)) return;
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
