/**
 * A modal question with a default-safe answer: Escape or 「キャンセル」 closes it. The focus starts on キャンセル, Tab
 * goes round its buttons, and once it is answered the focus goes back to where it was.
 */
import { type ReactNode, useId, useLayoutEffect, useRef } from 'react';
import { keepTabInside, useModalFocus } from './focus';
import { converting } from './ime';

export function ConfirmDialog({
  title,
  children,
  confirmLabel,
  danger,
  onConfirm,
  onCancel,
}: {
  title: string;
  children: ReactNode;
  confirmLabel: string;
  danger?: boolean;
  onConfirm(): void;
  onCancel(): void;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const titleId = useId();
  useModalFocus(ref);
  // Once, as it opens: a redraw of the screen behind must not move the focus off the answer the officer went to.
  // Before it is painted, as are its keys: a question drawn after an answer (a large undo asked about) is not followed
  // by its effects at once, and an Enter or Esc pressed as it appears went to what was behind it, or nowhere.
  useLayoutEffect(() => cancelRef.current?.focus(), []);
  useLayoutEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && !converting(e)) onCancel();
      if (e.key === 'Tab' && ref.current) keepTabInside(ref.current, e);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onCancel]);
  return (
    <div className="dialog-backdrop" role="presentation">
      <div className="dialog" role="dialog" aria-modal="true" aria-labelledby={titleId} ref={ref}>
        <h2 id={titleId}>{title}</h2>
        <div>{children}</div>
        <div className="actions">
          <button type="button" className="button button--secondary" ref={cancelRef} onClick={onCancel}>
            キャンセル
          </button>
          <button type="button" className={`button${danger ? ' button--danger' : ''}`} onClick={onConfirm}>
            {confirmLabel}
          </button>
        </div>
      </div>
    </div>
  );
}
