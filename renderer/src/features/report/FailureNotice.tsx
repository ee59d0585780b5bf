/** A report that could not be made, shown where it would have been, with the core's message saying why and what to do. */
import type { OpFailure } from '../../api/client';

export function FailureNotice({ title, error }: { title: string; error: OpFailure }) {
  return (
    <div className="notice notice--error" role="alert">
      <strong>{title}</strong> {error.message}
    </div>
  );
}
