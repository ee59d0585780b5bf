/** A failed query shown where its content would be. */
import type { OpFailure } from '../api/client';

export function ErrorNotice({ error }: { error: OpFailure }) {
  return (
    <div className="notice notice--error" role="alert">
      <strong>読み込めませんでした。</strong> {error.message}
    </div>
  );
}
