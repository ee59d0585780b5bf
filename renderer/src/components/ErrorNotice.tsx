/** A failed operation shown where its result would be: what failed (by default, loading), then the core's message saying why. */
import type { OpFailure } from '../api/client';

export function ErrorNotice({ error, title = '読み込めませんでした。' }: { error: OpFailure; title?: string }) {
  return (
    <div className="notice notice--error" role="alert">
      <strong>{title}</strong> {error.message}
    </div>
  );
}
