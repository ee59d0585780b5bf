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

/** One sort order as parallel arrays: a tight loop over them is what makes the search fast. */
interface Ordered {
  ids: Int32Array;
  keys: string[];
  kinds: string[];
  places: (string | null)[];
}

/**
 * The institutions as parallel arrays in id order, each kind and
 * municipality code held once; names are kept only as each row's rank in
 * name order (the list's default and every order's tie-break), not as text.
 */
interface Index {
  revision: number;
  /** Moves when another process (the CLI, a second window, another person in shared mode) commits (kernel/db/engine.ts). */
  dataVersion: number;
  path: string;
  ids: Int32Array;
  keys: string[];
  kinds: string[];
  places: (string | null)[];
  codes: (string | null)[];
  /** Each row's place in name order (name, then id). */
  nameRanks: Int32Array;
  orders: Map<InstitutionSort, Ordered>;
}

let cached: Index | null = null;

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Rows read per query while building: the driver's rows of one chunk are garbage before the next is read, and
 * a request that comes meanwhile waits for one chunk at most (a few ms).
 */
const CHUNK = 2_500;

/** The build under way (the host's warm-up, or a list opened meanwhile), so a second caller waits for it rather than building twice. */
let building: { key: string; index: Promise<Index> } | null = null;

async function load(db: Db, core: CoreServices): Promise<Index> {
  const version = await dataVersion(db);
  const revision = core.revisionOf('institution', 'municipality');
  if (cached && cached.revision === revision && cached.dataVersion === version && cached.path === core.dbPath) return cached;
  // Revision and data version are taken before reading: a write committed during the build leaves the index stale, so it is built again.
  const key = `${revision} ${version} ${core.dbPath}`;
  if (building?.key === key) return building.index;
  const index = build(db, core.dbPath, revision, version);
  building = { key, index };
  try {
    return await index;
  } finally {
    if (building?.index === index) building = null;
  }
}

/** How long after the database opened the index is built: after the first screen, which would wait behind the build's sort. */
const WARM_AFTER_MS = 2_000;

/**
 * Builds the index shortly after the database is open, between the requests
 * the host answers meanwhile (it reads in chunks), so the institution list's
 * first open finds it built. A failure is left for the list to meet and report.
 */
export function warmInstitutionIndex(db: Db, core: CoreServices): void {
  setTimeout(() => void load(db, core).catch(() => undefined), WARM_AFTER_MS).unref();
}

/** Rows sorted or merged between two turns of the event loop: a few ms each, so a request never waits long behind the build. */
const SLICE = 4_096;

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Sorts `rows` by a total order as `Array.prototype.sort` would, in slices
 * that give the event loop back between them: runs of SLICE rows sorted, then
 * merged pairwise. Building the index in the background (the host's warm-up)
 * then never holds the first screen's requests for the whole sort.
 */
export async function sortInSlices(rows: number[], compare: (a: number, b: number) => number): Promise<number[]> {
  let runs: number[][] = [];
  for (let at = 0; at < rows.length; at += SLICE) {
    runs.push(rows.slice(at, at + SLICE).sort(compare));
    await nextTurn();
  }
  while (runs.length > 1) {
    const merged: number[][] = [];
    for (let i = 0; i < runs.length; i += 2) {
      const a = runs[i]!;
      const b = runs[i + 1];
      if (!b) {
        merged.push(a);
        continue;
      }
      const out = new Array<number>(a.length + b.length);
      let x = 0;
      let y = 0;
      for (let n = 0; n < out.length; n += 1) {
        out[n] = y >= b.length || (x < a.length && compare(a[x]!, b[y]!) <= 0) ? a[x++]! : b[y++]!;
        if (n % SLICE === SLICE - 1) await nextTurn();
      }
      merged.push(out);
    }
    runs = merged;
  }
  return runs[0] ?? [];
}

async function build(db: Db, dbPath: string, revision: number, version: number): Promise<Index> {
  cached = null;
  const ids: number[] = [];
  const keys: string[] = [];
  const kinds: string[] = [];
  const places: (string | null)[] = [];
  const codes: (string | null)[] = [];
  const names: string[] = [];
  const once = new Map<string, string>();
  const shared = (text: string) => {
    const held = once.get(text);
    if (held !== undefined) return held;
    once.set(text, text);
    return text;
  };
  for (let after = 0; ; ) {
    const chunk = await db
      .selectFrom('institution')
      .select(['id', 'searchKey', 'kind', 'municipalityCode', 'name', 'code'])
      .where('id', '>', after)
      .orderBy('id')
      .limit(CHUNK)
      .execute();
    for (const r of chunk) {
      ids.push(r.id);
      keys.push(r.searchKey);
      kinds.push(shared(r.kind));
      places.push(r.municipalityCode === null ? null : shared(r.municipalityCode));
      codes.push(r.code);
      names.push(r.name);
    }
    if (chunk.length < CHUNK) break;
    after = chunk.at(-1)!.id;
    // The driver answers at once (SQLite in this process): without a turn of the event loop, no request is answered until the last chunk.
    await nextTurn();
  }
  const byName = await sortInSlices(Array.from(ids.keys()), (a, b) => byText(names[a]!, names[b]!) || ids[a]! - ids[b]!);
  const nameRanks = new Int32Array(ids.length);
  byName.forEach((row, rank) => {
    nameRanks[row] = rank;
  });
  const index: Index = {
    revision,
    dataVersion: version,
    path: dbPath,
    ids: Int32Array.from(ids),
    keys,
    kinds,
    places,
    codes,
    nameRanks,
    orders: new Map([['name', orderOf({ ids, keys, kinds, places }, byName)]]),
  };
  cached = index;
  return index;
}

function orderOf(
  index: { ids: ArrayLike<number>; keys: string[]; kinds: string[]; places: (string | null)[] },
  rows: readonly number[],
): Ordered {
  return {
    ids: Int32Array.from(rows, (r) => index.ids[r]!),
    keys: rows.map((r) => index.keys[r]!),
    kinds: rows.map((r) => index.kinds[r]!),
    places: rows.map((r) => index.places[r]!),
  };
}

function ordered(index: Index, sort: InstitutionSort): Ordered {
  let order = index.orders.get(sort);
  if (!order) {
    const value = (r: number) =>
      sort === 'code' ? (index.codes[r] ?? '') : sort === 'municipality' ? (index.places[r] ?? '') : index.kinds[r]!;
    const rows = Array.from(index.ids.keys()).sort((a, b) => byText(value(a), value(b)) || index.nameRanks[a]! - index.nameRanks[b]!);
    order = orderOf(index, rows);
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
