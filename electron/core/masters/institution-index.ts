/**
 * An in-memory index of institutions for the list screen: their search keys
 * in list order, so a search over 100,000 rows is a pass over an array of
 * strings (a few ms) instead of two table scans in SQLite. Rebuilt when an
 * institution (or a municipality, whose name is part of the search key) was
 * written since, or another process committed — not after unrelated writes.
 */
import { searchKey } from '@shared/text/normalize';
import type { CoreServices } from '../kernel/context';
import { dataVersion } from '../kernel/db/engine';
import type { Db } from '../kernel/db/schema';

export type InstitutionSort = 'name' | 'code' | 'municipality' | 'kind';

interface Row {
  id: number;
  searchKey: string;
  kind: string;
  municipalityCode: string | null;
  name: string;
  code: string | null;
}

/** One sort order as parallel arrays: a tight loop over them is what makes the search fast. */
interface Ordered {
  ids: Int32Array;
  keys: string[];
  kinds: string[];
  places: (string | null)[];
}

interface Index {
  revision: number;
  /** Moves when another process (the CLI, a second window, another person in shared mode) commits (kernel/db/engine.ts). */
  dataVersion: number;
  path: string;
  rows: Row[];
  orders: Map<InstitutionSort, Ordered>;
}

let cached: Index | null = null;

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

async function load(db: Db, core: CoreServices): Promise<Index> {
  const version = await dataVersion(db);
  const revision = core.revisionOf('institution', 'municipality');
  if (cached && cached.revision === revision && cached.dataVersion === version && cached.path === core.dbPath) return cached;
  const rows = await db.selectFrom('institution').select(['id', 'searchKey', 'kind', 'municipalityCode', 'name', 'code']).execute();
  cached = { revision, dataVersion: version, path: core.dbPath, rows, orders: new Map() };
  return cached;
}

function ordered(index: Index, sort: InstitutionSort): Ordered {
  let order = index.orders.get(sort);
  if (!order) {
    const value = (r: Row) =>
      sort === 'name' ? r.name : sort === 'code' ? (r.code ?? '') : sort === 'municipality' ? (r.municipalityCode ?? '') : r.kind;
    const rows = [...index.rows].sort((a, b) => byText(value(a), value(b)) || byText(a.name, b.name) || a.id - b.id);
    order = {
      ids: Int32Array.from(rows, (r) => r.id),
      keys: rows.map((r) => r.searchKey),
      kinds: rows.map((r) => r.kind),
      places: rows.map((r) => r.municipalityCode),
    };
    index.orders.set(sort, order);
  }
  return order;
}

export interface InstitutionQuery {
  search: string;
  kind?: string;
  municipalityCodes?: ReadonlySet<string>;
  sort: InstitutionSort;
  limit: number;
  offset: number;
}

/** The ids of one page of matches, in order, and how many match in all. */
export async function searchInstitutions(db: Db, core: CoreServices, query: InstitutionQuery): Promise<{ ids: number[]; total: number }> {
  const { ids, keys, kinds, places } = ordered(await load(db, core), query.sort);
  const words = query.search
    .split(/[\s\u3000]+/)
    .map(searchKey)
    .filter(Boolean);
  const page: number[] = [];
  let total = 0;
  outer: for (let i = 0; i < keys.length; i += 1) {
    if (query.kind && kinds[i] !== query.kind) continue;
    if (query.municipalityCodes) {
      const place = places[i];
      if (!place || !query.municipalityCodes.has(place)) continue;
    }
    const key = keys[i]!;
    for (const word of words) if (!key.includes(word)) continue outer;
    if (total >= query.offset && page.length < query.limit) page.push(ids[i]!);
    total += 1;
  }
  return { ids: page, total };
}
