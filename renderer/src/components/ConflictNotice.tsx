/**
 * A save refused because someone else saved the record first (the core's
 * kernel/versions.ts): who and when, and 「再読み込み」, which brings the
 * record as it is now into the form. What the user had typed stays below,
 * for copying into the reloaded form.
 */
import { useState } from 'react';
import type { OpError } from '@shared/contract';

/** A refusal of a save over a newer version (not the other conflicts: a duplicate name names its field). */
export function isVersionConflict(error: OpError | undefined): boolean {
  return error?.code === 'conflict' && error.path?.[0] === 'version';
}

export function ConflictNotice({
  error: saveError,
  deleteError,
  onReload,
  unsaved,
  className,
  heading = '保存できませんでした。',
}: {
  error: OpError | undefined;
  /** A refused delete of the record (削除 over someone else's newer change): said the same way, with its own heading. */
  deleteError?: OpError;
  /** What happened, before the message: a refused save, or (a form without versions) a change by someone else seen before saving. */
  heading?: string;
  /** Refetches the record and puts it in the form (its new version with it). */
  onReload(): Promise<void> | void;
  /** What the user had typed, as lines 「項目: 値」. */
  unsaved?: string;
  className?: string;
}) {
  const [kept, setKept] = useState<string | null>(null);
  const refusedDelete = isVersionConflict(deleteError);
  const error = refusedDelete ? deleteError : saveError;
  const conflict = isVersionConflict(error);
  if (!conflict && kept === null) return null;
  return (
    <div className={className ? `notice notice--error ${className}` : 'notice notice--error'} role="alert">
      {conflict && (
        <p>
          <strong>{refusedDelete ? '削除できませんでした。' : heading}</strong> {error!.message}{' '}
          <button
            type="button"
            className="button button--secondary button--small"
            onClick={async () => {
              setKept(unsaved ?? '');
              await onReload();
            }}
          >
            再読み込み
          </button>
        </p>
      )}
      {kept !== null && !conflict && <p>最新の内容を読み込みました。必要なら、下の保存できなかった入力を写してから保存してください。</p>}
      {kept && (
        <details open>
          <summary>保存できなかった入力</summary>
          <pre className="conflict-notice__unsaved">{kept}</pre>
        </details>
      )}
    </div>
  );
}
