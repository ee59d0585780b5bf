/** A labelled form field with its hint and the core's error message beside it. */
import { type ReactNode, useId } from 'react';
import type { OpError } from '../../../shared/contract';

/** The message for `field` among a failed operation's issues, if any. */
export function fieldError(error: OpError | undefined, field: string): string | undefined {
  if (!error) return undefined;
  const issue = error.issues?.find((i) => i.path[0] === field);
  if (issue) return issue.message;
  return error.path?.[0] === field ? error.message : undefined;
}

export function Field({
  label,
  hint,
  error,
  children,
}: {
  label: string;
  hint?: string;
  error?: string;
  children: (props: { id: string; 'aria-invalid': boolean; 'aria-describedby': string }) => ReactNode;
}) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint && (
        <span className="field__hint" id={`${id}-hint`}>
          {hint}
        </span>
      )}
      {children({ id, 'aria-invalid': Boolean(error), 'aria-describedby': `${id}-hint ${id}-error` })}
      {error && (
        <span className="field__error" id={`${id}-error`} role="alert">
          {error}
        </span>
      )}
    </div>
  );
}
