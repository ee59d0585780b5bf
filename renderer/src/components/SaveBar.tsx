/**
 * The bar under a long form (the 要綱, the 県計画の本文): whether there are unsaved changes, the Ctrl+S hint,
 * 変更を取り消す while there are, then the form's own buttons (its save last). Hidden where nothing can be changed.
 */
import type { ReactNode } from 'react';

export function SaveBar({
  dirty,
  onRevert,
  className,
  children,
}: {
  dirty: boolean;
  /** Puts the form back as it was read. */
  onRevert(): void;
  className?: string;
  children: ReactNode;
}) {
  return (
    <div className={className ? `subsidy-savebar ${className}` : 'subsidy-savebar'} data-edit>
      <span className={dirty ? 'subsidy-savebar__dirty' : 'muted'}>{dirty ? '保存していない変更があります' : '保存済み'}</span>
      <span className="muted">Ctrl+S で保存</span>
      {dirty && (
        <button data-edit type="button" className="button button--secondary" onClick={onRevert}>
          変更を取り消す
        </button>
      )}
      {children}
    </div>
  );
}
