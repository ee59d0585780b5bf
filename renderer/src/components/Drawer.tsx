/** A side panel for a record's detail form; focus starts on its first field, Escape closes it, Ctrl+S submits its form. */
import { type ReactNode, useEffect, useRef } from 'react';

export function Drawer({
  title,
  onClose,
  children,
  footer,
  formId,
  className,
}: {
  title: string;
  onClose(): void;
  children: ReactNode;
  footer?: ReactNode;
  /** The form Ctrl+S submits. */
  formId?: string;
  className?: string;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const close = useRef(onClose);
  close.current = onClose;
  useEffect(() => {
    ref.current?.querySelector<HTMLElement>('.drawer__body :is(input, select, textarea, button)')?.focus();
    const onKey = (e: KeyboardEvent) => {
      // A confirmation opened over the drawer takes its own keys.
      if (document.querySelector('.dialog-backdrop')) return;
      if (e.key === 'Escape') close.current();
      if (formId && (e.ctrlKey || e.metaKey) && e.key === 's') {
        e.preventDefault();
        document.querySelector<HTMLFormElement>(`form#${CSS.escape(formId)}`)?.requestSubmit();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [formId]);
  return (
    <div className={className ? `drawer ${className}` : 'drawer'} role="dialog" aria-modal="true" aria-label={title} ref={ref}>
      <div className="drawer__head">
        <h2>{title}</h2>
        <button type="button" className="button button--secondary button--small" onClick={onClose}>
          閉じる（Esc）
        </button>
      </div>
      <div className="drawer__body">{children}</div>
      {footer && <div className="drawer__foot">{footer}</div>}
    </div>
  );
}

/** The drawer's buttons: 削除… on the left when the record exists, then キャンセル and 保存する (which submits `formId`). */
export function DrawerFooter({ formId, onDelete, onCancel, saving }: { formId: string; onDelete?: () => void; onCancel(): void; saving: boolean }) {
  return (
    <>
      {onDelete && (
        <button type="button" className="button button--secondary" onClick={onDelete} style={{ marginRight: 'auto' }}>
          削除…
        </button>
      )}
      <span className="muted">Ctrl+S で保存</span>
      <button type="button" className="button button--secondary" onClick={onCancel}>
        キャンセル
      </button>
      <button type="submit" form={formId} className="button" disabled={saving}>
        保存する
      </button>
    </>
  );
}
