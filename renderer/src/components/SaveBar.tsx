/**
 * The bar under a long form (the 要綱, the 県計画の本文): whether there are unsaved changes, the Ctrl+S hint,
 * 変更を取り消す while there are, then the form's own buttons (its save last). Hidden where nothing can be changed.
 * A record not saved even once reads as unsaved before anything is typed, so nobody leaves it believing it exists.
 */
import type { ReactNode } from 'react';

export function SaveBar({
  dirty,
  isNew = false,
  onRevert,
  className,
  children,
}: {
  dirty: boolean;
  /** Nothing of the form is stored yet (a new record before its first save). */
  isNew?: boolean;
  /** Puts the form back as it was read. */
  onRevert(): void;
  className?: string;
  children: ReactNode;
}) {
  return (
    <div className={className ? `subsidy-savebar ${className}` : 'subsidy-savebar'} data-edit>
      <span className={dirty || isNew ? 'subsidy-savebar__dirty' : 'muted'}>
        {isNew ? '未保存（まだ記録されていません）' : dirty ? '保存していない変更があります' : '保存済み'}
      </span>
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
