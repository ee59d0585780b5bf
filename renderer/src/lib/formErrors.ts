/**
 * Where a form's errors go: the core's refusal (its zod issues, each with the
 * path of the field at fault) and the form's own reading problems, as one list
 * of issues that fields pick theirs from; what no field shows is left for a
 * notice beside the save button.
 */
import type { OpError } from '@shared/contract';

export type IssuePath = readonly (string | number)[];

export interface FieldIssue {
  path: IssuePath;
  message: string;
}

/**
 * Every issue of a failed operation; a refusal naming no field is one issue with an empty path.
 * @example issuesOf({ code: 'validation', message: 'a', path: ['name'], issues: [{ path: ['name'], message: 'a' }, { path: ['sortOrder'], message: 'b' }] })
 * // [{ path: ['name'], message: 'a' }, { path: ['sortOrder'], message: 'b' }]
 */
export function issuesOf(error: OpError | undefined): FieldIssue[] {
  if (!error) return [];
  if (error.issues?.length) return error.issues;
  return [{ path: error.path ?? [], message: error.message }];
}

const within = (path: IssuePath, field: IssuePath) => field.length > 0 && field.every((part, i) => String(path[i]) === String(part));

/**
 * The first message about `field` or anything inside it (a row's issue shows on the row's field).
 * @example messageAt([{ path: ['programs', 0, 'totalCost'], message: '総事業費…' }], ['programs', 0, 'totalCost']) // '総事業費…'
 */
export function messageAt(issues: readonly FieldIssue[], field: IssuePath | string): string | undefined {
  const path = typeof field === 'string' ? [field] : field;
  return issues.find((issue) => within(issue.path, path))?.message;
}

/**
 * The messages no shown field carries, each once: a refusal about the whole record, or about a field the form does not show.
 * @example unplacedMessages([{ path: [], message: '重複しています' }, { path: ['name'], message: '名前を…' }], ['name']) // ['重複しています']
 */
export function unplacedMessages(issues: readonly FieldIssue[], shown: readonly (IssuePath | string)[]): string[] {
  const paths = shown.map((f) => (typeof f === 'string' ? [f] : f));
  const left = issues.filter((issue) => !paths.some((p) => within(issue.path, p))).map((issue) => issue.message);
  return [...new Set(left)];
}
