/**
 * Where the focus goes when a drawer or a question over the screen closes: back to what had it when it opened
 * (the row, the 「＋ 追加」 button), so the officer goes on from there with the keyboard instead of from the top.
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
