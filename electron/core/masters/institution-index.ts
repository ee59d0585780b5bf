/**
 * An in-memory index of institutions for the list screen: their search keys
 * in list order, joined into one text per order, so a search over 100,000
 * rows is the engine's own substring search over a few MB (a few ms) instead
 * of two table scans in SQLite. Read in name order from the database's own
 * index (migration 0021), so building it sorts nothing. Rebuilt when an
 * institution (or a municipality, whose name is part of the search key) was
 * written since, or another process committed — not after unrelated writes.
 * Until it is built, the list's plain pages are read from that index directly.
 */
import { sql } from 'kysely';
import { searchKey } from '@shared/text/normalize';
import type { CoreServices } from '../kernel/context';
import { dataVersion, engineKindOf } from '../kernel/db/engine';
import type { Db } from '../kernel/db/schema';

export type InstitutionSort = 'name' | 'code' | 'municipality' | 'kind';

/** Between two search keys in an order's joined text: a character no key holds (a search word that holds it matches nothing). */
const SEPARATOR = '\u0000';

/** One sort order as parallel arrays, its search keys as one text: a tight loop over them is what makes the search fast. */
interface Ordered {
  ids: Int32Array;
  kinds: string[];
  places: (string | null)[];
  /** The keys in this order joined by SEPARATOR (held once, not also as an array of keys). */
  joined: string;
  /** Where each row's key starts in `joined`; one more entry, one past the end. */
  starts: Int32Array;
}

/** The keys of rows in the given order as one text, and where each starts. */
function joinKeys(rows: readonly number[], keyOf: (row: number) => string): { joined: string; starts: Int32Array } {
  const starts = new Int32Array(rows.length + 1);
  let at = 0;
  rows.forEach((row, i) => {
    starts[i] = at;
    at += keyOf(row).length + 1;
  });
  starts[rows.length] = at;
  return { joined: rows.map(keyOf).join(SEPARATOR), starts };
}

/** Row `row`'s key, out of its order's text (a slice, not a copy). */
function keyAt(order: Ordered, row: number): string {
  return order.joined.slice(order.starts[row]!, order.starts[row + 1]! - 1);
}

/**
 * The institutions as parallel arrays in name order (name, then id: the
 * list's default and every other order's tie-break), each kind and
 * municipality code held once.
 */
interface Index {
  /** What it was built from (stamp): the same key finds it current. */
  key: string;
  byName: Ordered;
  codes: (string | null)[];
  orders: Map<InstitutionSort, Ordered>;
}

let cached: Index | null = null;

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Rows read per query while building: the driver's rows of one chunk are garbage before the next is read, and
 * a request that comes meanwhile waits for one chunk at most (a few ms).
 */
const CHUNK = 2_500;
/** Ids and names read per query in name order: four times the rows of a chunk, each a few bytes of the index. */
const NAME_CHUNK = 10_000;

/** The build under way (the host's warm-up, or a list opened meanwhile), so a second caller waits for it rather than building twice. */
let building: { key: string; index: Promise<Index> } | null = null;
/** Counts builds started: only the newest one's index is kept (an older one finishing last would be stale). */
let builds = 0;

/**
 * What the index is built from: the institutions' and municipalities' revision in this process, the data version
 * (it moves when another process — the CLI, a second window, another person in shared mode — commits;
 * kernel/db/engine.ts) and the file. Taken before reading: a write committed during a build leaves it stale.
 */
function stamp(core: CoreServices, version: number): string {
  return `${core.revisionOf('institution', 'municipality')} ${version} ${core.dbPath}`;
}

/** The index for the data as it is now: the one held, the build under way, or a new build. */
function load(db: Db, core: CoreServices, version: number): Promise<Index> {
  const key = stamp(core, version);
  if (cached?.key === key) return Promise.resolve(cached);
  if (building?.key === key) return building.index;
  const index = build(db, key);
  building = { key, index };
  const done = () => {
    if (building?.index === index) building = null;
  };
  index.then(done, done);
  return index;
}

/** How long after the database opened the index is built: after the first screen, which would wait behind the build's reads. */
const WARM_AFTER_MS = 2_000;

/**
 * Builds the index shortly after the database is open, between the requests
 * the host answers meanwhile (it reads in chunks), so the first search finds
 * it built (the list's plain pages need no index). A failure is left for the
 * list to meet and report.
 */
export function warmInstitutionIndex(db: Db, core: CoreServices): void {
  setTimeout(
    () =>
      void dataVersion(db).then(
        (version) => startBuild(db, core, version),
        () => undefined,
      ),
    WARM_AFTER_MS,
  ).unref();
}

/** Starts building the index unless one is under way (its failure is met by the search that waits for it). */
function startBuild(db: Db, core: CoreServices, version: number): void {
  if (!building) load(db, core, version).catch(() => undefined);
}

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** The name as the database orders it: by code point on both engines (migration 0021's index). */
function nameOrder(db: Db) {
  return engineKindOf(db) === 'postgres' ? sql<string>`name COLLATE "C"` : sql<string>`name`;
}

/**
 * Reads the institutions in id order (the table's own order: one pass over
 * it), then their ids in name order from migration 0021's index (which holds
 * both, so the table is not visited again), and lays the rows out in that
 * order. Reading the rows themselves in name order would visit the table once
 * per row, out of order: slower on 100,000 rows than both passes together.
 */
async function build(db: Db, key: string): Promise<Index> {
  cached = null;
  const started = ++builds;
  const ids: number[] = [];
  const keys: string[] = [];
  const kinds: string[] = [];
  const places: (string | null)[] = [];
  const codes: (string | null)[] = [];
  const rowOf = new Map<number, number>();
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
      .select(['id', 'searchKey', 'kind', 'municipalityCode', 'code'])
      .where('id', '>', after)
      .orderBy('id')
      .limit(CHUNK)
      .execute();
    for (const r of chunk) {
      rowOf.set(r.id, ids.length);
      ids.push(r.id);
      keys.push(r.searchKey);
      kinds.push(shared(r.kind));
      places.push(r.municipalityCode === null ? null : shared(r.municipalityCode));
      codes.push(r.code);
    }
    if (chunk.length < CHUNK) break;
    after = chunk.at(-1)!.id;
    // The driver answers at once (SQLite in this process): without a turn of the event loop, no request is answered until the last chunk.
    await nextTurn();
  }
  const name = nameOrder(db);
  const rows: number[] = [];
  for (let after: { name: string; id: number } | null = null; ; ) {
    let query = db.selectFrom('institution').select(['id', 'name']).orderBy(name).orderBy('id').limit(NAME_CHUNK);
    if (after) query = query.where(sql<boolean>`(${name}, id) > (${after.name}, ${after.id})`);
    const chunk = await query.execute();
    for (const r of chunk) {
      const row = rowOf.get(r.id);
      // Each row once: a row renamed between two chunks may come again (or not at all, below). A row written between
      // the passes leaves the index stale (its data version moved), built again at the next search.
      if (row === undefined) continue;
      rows.push(row);
      rowOf.delete(r.id);
    }
    if (chunk.length < NAME_CHUNK) break;
    const last = chunk.at(-1)!;
    after = { name: last.name, id: last.id };
    await nextTurn();
  }
  // Rows renamed backwards past the reading meanwhile: still listed (at the end) until the rebuild.
  rows.push(...rowOf.values());
  const byName: Ordered = {
    ids: Int32Array.from(rows, (r) => ids[r]!),
    kinds: rows.map((r) => kinds[r]!),
    places: rows.map((r) => places[r]!),
    ...joinKeys(rows, (r) => keys[r]!),
  };
  const index: Index = {
    key,
    byName,
    codes: rows.map((r) => codes[r]!),
    orders: new Map([['name', byName]]),
  };
  if (started === builds) cached = index;
  return index;
}

function ordered(index: Index, sort: InstitutionSort): Ordered {
  let order = index.orders.get(sort);
  if (!order) {
    const { byName } = index;
    const value = (r: number) =>
      sort === 'code' ? (index.codes[r] ?? '') : sort === 'municipality' ? (byName.places[r] ?? '') : byName.kinds[r]!;
    // Rows are in name order, so a row's number is its tie-break.
    const rows = Array.from(byName.ids.keys()).sort((a, b) => byText(value(a), value(b)) || a - b);
    order = {
      ids: Int32Array.from(rows, (r) => byName.ids[r]!),
      kinds: rows.map((r) => byName.kinds[r]!),
      places: rows.map((r) => byName.places[r]!),
      ...joinKeys(rows, (r) => keyAt(byName, r)),
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

/** The words a search asks for, folded as the keys are; each must be somewhere in a row's key. */
function wordsOf(search: string): string[] {
  return search
    .split(/[\s\u3000]+/)
    .map(searchKey)
    .filter((word) => word !== '');
}

/**
 * The rows of an order whose keys hold every word, in order: the longest word
 * found by the engine's substring search over the joined keys (each match
 * then skips to the next key), the other words and the filters checked on
 * the rows it finds.
 */
function* matchingRows(order: Ordered, words: string[], query: InstitutionQuery): Generator<number> {
  const { kinds, places, joined, starts } = order;
  const count = order.ids.length;
  const keep = (row: number) => {
    if (query.kind && kinds[row] !== query.kind) return false;
    if (query.municipalityCodes) {
      const place = places[row];
      if (!place || !query.municipalityCodes.has(place)) return false;
    }
    return true;
  };
  if (words.length === 0) {
    for (let row = 0; row < count; row += 1) if (keep(row)) yield row;
    return;
  }
  // No key holds the separator, so neither does any match (and no match spans two keys).
  if (words.some((word) => word.includes(SEPARATOR))) return;
  const [first, ...rest] = [...words].sort((a, b) => b.length - a.length) as [string, ...string[]];
  let row = 0;
  for (let at = joined.indexOf(first); at >= 0; at = joined.indexOf(first, starts[row]!)) {
    while (starts[row + 1]! <= at) row += 1;
    if (keep(row)) {
      const key = keyAt(order, row);
      if (rest.every((word) => key.includes(word))) yield row;
    }
    row += 1;
    if (row >= count) return;
  }
}

/**
 * The ids of one page of matches, in order, and how many match in all. The
 * list as it first opens (no words, no filter, in name order) does not wait
 * for the index while it is not built for the data as it is: its page is read
 * through the database's name-order index (in the same order), and the build
 * starts unless one is under way (on PostgreSQL any write on the server moves
 * the data version, and each page would otherwise start another).
 */
export async function searchInstitutions(db: Db, core: CoreServices, query: InstitutionQuery): Promise<{ ids: number[]; total: number }> {
  const words = wordsOf(query.search);
  const plain = words.length === 0 && !query.kind && !query.municipalityCodes;
  const version = await dataVersion(db);
  if (plain && query.sort === 'name' && cached?.key !== stamp(core, version)) {
    startBuild(db, core, version);
    return plainPage(db, query);
  }
  const order = ordered(await load(db, core, version), query.sort);
  if (plain) return { ids: Array.from(order.ids.subarray(query.offset, query.offset + query.limit)), total: order.ids.length };
  const page: number[] = [];
  let total = 0;
  for (const row of matchingRows(order, words, query)) {
    if (total >= query.offset && page.length < query.limit) page.push(order.ids[row]!);
    total += 1;
  }
  return { ids: page, total };
}

/**
 * A plain page through the database's name-order index. Two reads: a write
 * another connection commits between them leaves the count off by its rows
 * until the next page.
 */
async function plainPage(db: Db, query: InstitutionQuery): Promise<{ ids: number[]; total: number }> {
  const rows = await db
    .selectFrom('institution')
    .select('id')
    .orderBy(nameOrder(db))
    .orderBy('id')
    .limit(query.limit)
    .offset(query.offset)
    .execute();
  const count = await db
    .selectFrom('institution')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return { ids: rows.map((r) => r.id), total: Number(count.n) };
}
