/**
 * The read-only meeting copy, as screens see it. The shell marks <html> with
 * data-readonly; global.css then hides every element marked as an edit
 * (data-edit), every form's submit button (unless marked data-view: it only
 * shows or prints), every danger button and every file picker. Screens that
 * must not even draw an edit (a section that is only an edit) ask
 * useReadOnly() or wrap it in <Editing>; a form that is also read (a drawer,
 * the 要綱) wraps its boxes in <ReadOnlyFields> so they show but do not take
 * typing. The core refuses every change on a
 * copy whatever the screen shows. 県・閲覧, who may change nothing, sees every
 * database as such a copy.
 */
import type { ReactNode } from 'react';
import { useQuery } from '@renderer/api/hooks';
import { may, useRole } from './Permitted';

/**
 * What the database was last known to be. A screen mounted later (a drawer opening) answers from it at once, while
 * its own query is on the way: answering "read-only" until then disabled the drawer's boxes for a moment, and the
 * box the drawer had just focused lost the focus and the first keys typed.
 */
let lastKnown: boolean | undefined;

/** True on a read-only copy or for 県・閲覧, and until both are first known (no flash of buttons that would be refused). */
export function useReadOnly(): boolean {
  const summary = useQuery('app.summary', {});
  const role = useRole();
  const roleReadOnly = role !== undefined && !may(role, 'survey.answers.save');
  if (summary.data && role) rememberReadOnly(Boolean(summary.data.database.readOnlyCopy) || roleReadOnly);
  return roleReadOnly || (lastKnown ?? true);
}

/**
 * The app's frame tells what it read of the database and of the person signed in (県・閲覧 sees every database as a
 * read-only copy), so a screen mounted afterwards answers at once, before its own queries: a section that is only an
 * edit is then never drawn for a moment to someone who may not use it.
 */
export function rememberReadOnly(readOnly: boolean): void {
  lastKnown = readOnly;
}

/** Its children only where the database can be changed. */
export function Editing({ children }: { children: ReactNode }) {
  return useReadOnly() ? null : children;
}

/** Its children's boxes and buttons disabled where the database cannot be changed: a form that is there to be read as well. */
export function ReadOnlyFields({ children }: { children: ReactNode }) {
  return (
    <fieldset className="readonly-fields" disabled={useReadOnly()}>
      {children}
    </fieldset>
  );
}
