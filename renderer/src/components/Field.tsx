/**
 * A labelled form field with its hint and its error beside it, and what every
 * form shares about errors: fields reading theirs from the form's issues, the
 * messages no field shows, and the first wrong field brought into view.
 */
import { createContext, type ReactNode, type RefObject, useContext, useEffect, useId } from 'react';
import type { OpError } from '@shared/contract';
import { type FieldIssue, type IssuePath, issuesOf, messageAt, unplacedMessages } from '../lib/formErrors';

/** The message for `field` among a failed operation's issues, if any. */
export function fieldError(error: OpError | undefined, field: IssuePath | string): string | undefined {
  return messageAt(issuesOf(error), field);
}

const IssuesContext = createContext<readonly FieldIssue[]>([]);

/** Gives the fields inside the form's issues; a Field with `path` shows the one about it. */
export function FieldErrors({ issues, children }: { issues: readonly FieldIssue[]; children: ReactNode }) {
  return <IssuesContext.Provider value={issues}>{children}</IssuesContext.Provider>;
}

/** The message about `path` among the issues of the enclosing FieldErrors. */
export function useFieldError(path: IssuePath | undefined): string | undefined {
  const issues = useContext(IssuesContext);
  return path ? messageAt(issues, path) : undefined;
}

/**
 * After each new failure (`trigger` changes to a value), scrolls the first wrong field of the form
 * into view and puts the cursor in it; with no wrong field, brings the form's error notice into view.
 */
export function useFocusFirstError(ref: RefObject<HTMLElement | null>, trigger: unknown) {
  useEffect(() => {
    if (!trigger || !ref.current) return;
    const field = ref.current.querySelector<HTMLElement>('[aria-invalid="true"]');
    const target = field ?? ref.current.querySelector<HTMLElement>('[role="alert"]');
    target?.scrollIntoView({ block: 'center' });
    field?.focus({ preventScroll: true });
  }, [ref, trigger]);
}

/** The messages of a refusal that no field of the form shows (about the whole record, or a field not on the form). */
export function FormErrorNotice({
  error,
  fields,
  className,
}: {
  error: OpError | FieldIssue[] | undefined;
  fields: readonly (IssuePath | string)[];
  className?: string;
}) {
  const messages = unplacedMessages(Array.isArray(error) ? error : issuesOf(error), fields);
  if (messages.length === 0) return null;
  return (
    <div className={className ? `notice notice--error ${className}` : 'notice notice--error'} role="alert">
      <strong>保存できませんでした。</strong> {messages.join(' ')}
    </div>
  );
}

export function Field({
  label,
  hint,
  error,
  path,
  children,
}: {
  label: string;
  hint?: string;
  error?: string;
  /** Where the field's value sits in the operation's input; its error is read from the enclosing FieldErrors. */
  path?: IssuePath;
  children: (props: { id: string; 'aria-invalid': boolean; 'aria-describedby': string }) => ReactNode;
}) {
  const id = useId();
  const fromForm = useFieldError(path);
  const shown = error ?? fromForm;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint && (
        <span className="field__hint" id={`${id}-hint`}>
          {hint}
        </span>
      )}
      {children({ id, 'aria-invalid': Boolean(shown), 'aria-describedby': `${id}-hint ${id}-error` })}
      {shown && (
        <span className="field__error" id={`${id}-error`} role="alert">
          {shown}
        </span>
      )}
    </div>
  );
}
