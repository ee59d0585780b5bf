/**
 * Keyboard habits of the meeting forms: Enter in a one-line box goes to the
 * next box (as in Excel) instead of submitting the long form half-filled,
 * and never while a Japanese input method is still converting.
 */
import type { KeyboardEvent } from 'react';
import { converting } from '@renderer/components/ime';

export function enterMovesOn(e: KeyboardEvent<HTMLFormElement>) {
  if (e.defaultPrevented || e.key !== 'Enter' || converting(e)) return;
  const target = e.target;
  if (!(target instanceof HTMLInputElement) || ['checkbox', 'radio', 'submit', 'button'].includes(target.type)) return;
  e.preventDefault();
  const boxes = [
    ...e.currentTarget.querySelectorAll<HTMLElement>(
      'input:not([type=hidden]):not(:disabled), select:not(:disabled), textarea:not(:disabled)',
    ),
  ];
  boxes[boxes.indexOf(target) + 1]?.focus();
}
