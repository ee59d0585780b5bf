/** A side panel for a record's detail form; Escape closes it, focus starts inside. */
import { type ReactNode, useEffect, useRef } from 'react';

export function Drawer({ title, onClose, children, footer }: { title: string; onClose(): void; children: ReactNode; footer?: ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.querySelector<HTMLElement>('input, select, textarea, button')?.focus();
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && onClose();
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);
  return (
    <div className="drawer" role="dialog" aria-modal="true" aria-label={title} ref={ref}>
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
