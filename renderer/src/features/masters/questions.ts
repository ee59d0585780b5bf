/**
 * The 台帳 tabs' first questions, as their queries ask them: the app asks them
 * ahead while a tab's code is still loading (app/App.tsx), so the tab draws
 * with its answers when its code comes instead of asking then. Small, and free
 * of the tabs' code: the app's first bundle holds it.
 */
import type { OpInput } from '@shared/contract';
import type { Question } from '@shared/contract/first-questions';
import type { AreaKind, InstitutionKind } from '@shared/masters/model';

/** Rows on one page of the institution list. */
export const INSTITUTION_PAGE = 100;

export type InstitutionSort = NonNullable<OpInput<'masters.institutions.list'>['sort']>;

/** The areas the institution list filters by (its AreaSelect). */
export const INSTITUTION_AREA_KIND = 'secondary' satisfies AreaKind;

export interface InstitutionListView {
  search: string;
  sort: InstitutionSort;
  page: number;
  kind: InstitutionKind | '';
  areaId: number | undefined;
}

/** The list's question for what the tab shows (the same input, key for key, wherever it is asked). */
export function institutionListInput(view: InstitutionListView): OpInput<'masters.institutions.list'> {
  return {
    search: view.search,
    sort: view.sort,
    limit: INSTITUTION_PAGE,
    offset: view.page * INSTITUTION_PAGE,
    ...(view.kind ? { kind: view.kind } : {}),
    ...(view.areaId ? { areaId: view.areaId } : {}),
  };
}

/** The institution tab's first drawing: the list's first page by name, and the areas its filter offers. */
export const INSTITUTIONS_FIRST: readonly Question[] = [
  {
    name: 'masters.institutions.list',
    input: institutionListInput({ search: '', sort: 'name', page: 0, kind: '', areaId: undefined }),
  },
  { name: 'masters.areas.list', input: { kind: INSTITUTION_AREA_KIND } },
];

/** The 台帳 page's own first drawing: its tabs' counts. */
export const MASTERS_FIRST: readonly Question[] = [{ name: 'masters.overview', input: {} }];
