/**
 * An in-memory index of institutions for the list screen: their search keys
 * in list order, joined into one text per order, so a search over 100,000
 * rows is the engine's own substring search over a few MB (a few ms) instead
 * of two table scans in SQLite. Read in name order from the database's own
 * index (migrations 0021 and 0031: names, numbers by value), so building it sorts nothing. Rebuilt when an
 * institution (or a municipality, whose name is part of the search key) was
 * written since, or another process committed — not after unrelated writes.
 * Until it is built, the list's plain pages are read from that index directly
 * and searches scan the table's keys: nothing waits for the build.
 */
import { sql } from 'kysely';
import { searchWords } from '@shared/text/normalize';
import type { CoreServices } from '../kernel/context';
import { dataVersion, engineKindOf } from '../kernel/db/engine';
import type { Db, Reader } from '../kernel/db/schema';

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
 * Rows read per query while building: small, so one read holds the thread for a millisecond or two (the table's rows
 * are a few hundred bytes each, read in id order).
 */
const CHUNK = 500;
/** Ids read per query in name order: only the ids, from migration 0021's index (the names stay in the database). */
const NAME_CHUNK = 2_000;
/**
 * How long the build holds the thread before it lets the host answer what came meanwhile. A request takes several
 * turns of the event loop (its headers, its body, the operation, the reply, a file read or compressed in zlib's
 * threads), and waits behind the build at each: with chunks of 10,000 names, a script the page asked for while the list
 * first opened came 300–500 ms late.
 */
const TURN_MS = 4;

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
 * How long after a list or search read from the table (the index not built) the build starts: the screen that
 * asked is still loading its code and asking its other questions, which the host would otherwise answer only between
 * the build's turns (its first open right after the start took 100–200 ms longer).
 */
const BUILD_AFTER_READ_MS = 500;

/**
 * The builds waiting to start (buildAfter), by core: for which database and when. Each core's own, so one person's
 * list on a host shared by several does not call off another's build; the builds themselves still run one at a time.
 */
const scheduled = new WeakMap<CoreServices, { timer: NodeJS.Timeout; due: number; db: Db }>();

/**
 * Builds the index shortly after the database is open, between the requests
 * the host answers meanwhile (it reads in chunks), so searches soon find it
 * built rather than scanning the table. A failed build leaves the searches
 * scanning (each tries the build again).
 */
export function warmInstitutionIndex(db: Db, core: CoreServices): void {
  buildAfter(db, core, WARM_AFTER_MS);
}

/**
 * Starts building the core's index after `ms` (or sooner, if one is due sooner for the same database), for the data
 * as it is then, unless a build is under way by then (the next read asks again).
 */
function buildAfter(db: Db, core: CoreServices, ms: number): void {
  const due = performance.now() + ms;
  const waiting = scheduled.get(core);
  if (building || (waiting?.db === db && waiting.due <= due)) return;
  if (waiting) clearTimeout(waiting.timer);
  const timer = setTimeout(() => {
    if (scheduled.get(core)?.timer === timer) scheduled.delete(core);
    void dataVersion(db).then(
      (version) => {
        // A failure is met by whoever waits for it, if anyone.
        if (!building) load(db, core, version).catch(() => undefined);
      },
      () => undefined,
    );
  }, ms);
  timer.unref();
  scheduled.set(core, { timer, due, db });
}

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Gives the event loop back once this turn has held it for TURN_MS (the driver answers at once: SQLite in this process). */
function turns(): () => Promise<void> {
  let since = performance.now();
  return async () => {
    if (performance.now() - since < TURN_MS) return;
    await nextTurn();
    since = performance.now();
  };
}

/**
 * The names' order as the database keeps it: their order keys (numbers by value) by code point on both engines (migration
 * 0031's index). Qualified by the table in a join; every list of institutions by name orders by it.
 */
export function nameOrder(db: Reader, table?: 'institution') {
  const column = sql.ref(table ? `${table}.name_order` : 'name_order');
  return engineKindOf(db) === 'postgres' ? sql<string>`${column} COLLATE "C"` : sql<string>`${column}`;
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
  const yieldTurn = turns();
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
    await yieldTurn();
  }
  const name = nameOrder(db);
  const rows: number[] = [];
  for (let after: { nameOrder: string; id: number } | null = null; ; ) {
    let query = db.selectFrom('institution').select('id').orderBy(name).orderBy('id').limit(NAME_CHUNK);
    if (after) query = query.where(sql<boolean>`(${name}, id) > (${after.nameOrder}, ${after.id})`);
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
    // The next chunk starts after the last row's name: read for that row alone (a row deleted meanwhile ends the read
    // here, and the rows not reached are listed at the end until the rebuild its write calls for).
    const last = chunk.at(-1)!.id;
    const named = await db.selectFrom('institution').select('nameOrder').where('id', '=', last).executeTakeFirst();
    if (!named) break;
    after = { nameOrder: named.nameOrder, id: last };
    await yieldTurn();
  }
  // Rows renamed backwards past the reading meanwhile: still listed (at the end) until the rebuild.
  for (const row of rowOf.values()) rows.push(row);
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
 * The ids of one page of matches, in order, and how many match in all. While
 * the index is not built for the data as it is (the host just started, an
 * institution or a municipality was written, another process committed), the
 * page is read from the database in the same order — the list as it first
 * opens through the database's name-order index, a search by scanning the keys
 * — and the build starts half a second later (buildAfter: the screen's other requests first) unless one is under way
 * or already due (on PostgreSQL any write on
 * the server moves the data version, and each search would otherwise start
 * another). A search then takes a scan (~100 ms on the national list), not the
 * build's second or more.
 */
export async function searchInstitutions(db: Db, core: CoreServices, query: InstitutionQuery): Promise<{ ids: number[]; total: number }> {
  const words = searchWords(query.search);
  const plain = words.length === 0 && !query.kind && !query.municipalityCodes;
  const version = await dataVersion(db);
  if (cached?.key !== stamp(core, version)) {
    buildAfter(db, core, BUILD_AFTER_READ_MS);
    return plain && query.sort === 'name' ? plainPage(db, query) : tableSearch(db, words, query);
  }
  const order = ordered(cached, query.sort);
  if (plain) return { ids: Array.from(order.ids.subarray(query.offset, query.offset + query.limit)), total: order.ids.length };
  const page: number[] = [];
  let total = 0;
  for (const row of matchingRows(order, words, query)) {
    if (total >= query.offset && page.length < query.limit) page.push(order.ids[row]!);
    total += 1;
  }
  return { ids: page, total };
}

/** How many builds of the index this process started (for tests: on PostgreSQL any write on the server makes it stale). */
export function institutionIndexBuildsStarted(): number {
  return builds;
}

/** Waits for the index of the data as it is now, built if it is not (for tests: the list itself never waits). */
export async function institutionIndexBuilt(db: Db, core: CoreServices): Promise<void> {
  await load(db, core, await dataVersion(db));
}

/** The columns the list sorts by, as the index compares them: by code point (C on PostgreSQL), then name order. */
function sortColumn(db: Db, sort: Exclude<InstitutionSort, 'name'>) {
  const column = sql`coalesce(${sql.ref(sort === 'code' ? 'code' : sort === 'municipality' ? 'municipalityCode' : 'kind')}, '')`;
  return engineKindOf(db) === 'postgres' ? sql<string>`${column} COLLATE "C"` : sql<string>`${column}`;
}

/**
 * The matches read from the table, as the index would find them: each word a
 * substring of the row's key (instr / strpos: exact, as indexOf), the filters,
 * the order with its tie-breaks. One scan of the keys; every matching id is
 * read, for the count.
 */
export async function tableSearch(db: Db, words: string[], query: InstitutionQuery): Promise<{ ids: number[]; total: number }> {
  if (words.some((word) => word.includes(SEPARATOR))) return { ids: [], total: 0 };
  if (query.municipalityCodes?.size === 0) return { ids: [], total: 0 };
  const holds = engineKindOf(db) === 'postgres' ? 'strpos' : 'instr';
  let select = db.selectFrom('institution').select('id');
  for (const word of words) select = select.where(sql<boolean>`${sql.raw(holds)}(${sql.ref('searchKey')}, ${word}) > 0`);
  if (query.kind) select = select.where('kind', '=', query.kind);
  if (query.municipalityCodes) select = select.where('municipalityCode', 'in', [...query.municipalityCodes]);
  if (query.sort !== 'name') select = select.orderBy(sortColumn(db, query.sort));
  // In SQLite, `+name_order` (the same column, same order) keeps the planner from walking the name index and visiting the
  // table once per row out of order (170–330 ms on the national list); a scan and a sort of the matches is 40–60 ms.
  const name = engineKindOf(db) === 'postgres' ? nameOrder(db) : sql<string>`+name_order`;
  const rows = await select.orderBy(name).orderBy('id').execute();
  return { ids: rows.slice(query.offset, query.offset + query.limit).map((r) => r.id), total: rows.length };
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
