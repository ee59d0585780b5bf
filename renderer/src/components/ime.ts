/**
 * Whether a key belongs to a Japanese input method still converting: there Enter commits the conversion, Escape
 * cancels it and ↑↓ pick a candidate, so the app's own keys (close the drawer, go to the list, save the cell) wait
 * until it is done. Chromium marks such keys isComposing; keyCode 229 is the mark some input methods give instead.
 */
import type { KeyboardEvent as ReactKeyboardEvent } from 'react';

export function converting(e: KeyboardEvent | ReactKeyboardEvent): boolean {
  const native = 'nativeEvent' in e ? e.nativeEvent : e;
  return native.isComposing || native.keyCode === 229;
}
