/**
 * References by name or code, shared by the 台帳 kinds that refer to other
 * records: a cell may hold a list of municipalities or institutions, by name
 * or code, separated the ways people type them; every one must already be in
 * the 台帳. Export writes the same names back (`municipalityRefs`, `institutionRefs`).
 */

import type { Reader } from '@core/kernel/db/schema';
import { CellError, parseLocalGovCode } from '@core/tabular/fields';
import { type ImportColumn, RowError } from '@core/tabular/import-engine';
import type { Table } from '@core/tabular/read';
import type { InstitutionKind } from '@shared/masters/model';
import { searchKey } from '@shared/text/normalize';
import { homePrefecture } from './prefecture';

export function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** The 台帳's 都道府県 as two digits, which decides how a five-digit 団体コード is read (`parseLocalGovCode`); null when not set. */
export async function prefectureCode(db: Reader): Promise<string | null> {
  return (await homePrefecture(db))?.code ?? null;
}

/**
 * The 台帳's municipalities as lists name them. A municipality is written by
 * its name, or by its 団体コード when another municipality has the same name
 * (府中市, 伊達市 …), so that every label names exactly one.
 */
export interface MunicipalityRefs {
  /** code → name */
  names: Map<string, string>;
  /** code → label */
  labels: Map<string, string>;
  /** label → code */
  codeOf: Map<string, string>;
  /** searchKey(name) → codes */
  byName: Map<string, string[]>;
  /** The 台帳's 都道府県, for codes written with five digits. */
  prefecture: string | null;
}

export async function municipalityRefs(db: Reader): Promise<MunicipalityRefs> {
  const rows = await db.selectFrom('municipality').select(['code', 'name']).orderBy('code').execute();
  const byName = new Map<string, string[]>();
  for (const r of rows) pushTo(byName, searchKey(r.name), r.code);
  const labels = new Map(rows.map((r) => [r.code, byName.get(searchKey(r.name))!.length === 1 ? r.name : r.code]));
  return {
    names: new Map(rows.map((r) => [r.code, r.name])),
    labels,
    codeOf: new Map([...labels].map(([code, label]) => [label, code])),
    byName,
    prefecture: await prefectureCode(db),
  };
}

/** Labels of the given codes, in code order. */
export function municipalityLabels(codes: readonly string[], refs: MunicipalityRefs): string[] {
  return [...new Set(codes)].sort().map((code) => refs.labels.get(code) ?? code);
}

/**
 * 新潟市、長岡市 / 新潟市,長岡市 / 新潟市・長岡市 / 新潟市 長岡市 / 151009、152021.
 * A name with a space in it (札幌市 中央区) is kept whole when the 台帳 knows it.
 */
function municipalityEntries(cell: string, refs: MunicipalityRefs): string[] {
  const entries: string[] = [];
  for (const piece of cell.normalize('NFKC').split(/[、,・\r\n]+/)) {
    const trimmed = piece.trim();
    if (trimmed === '') continue;
    if (refs.byName.has(searchKey(trimmed))) {
      entries.push(trimmed);
      continue;
    }
    const words = trimmed.split(/\s+/);
    for (let i = 0; i < words.length; i++) {
      const pair = `${words[i]} ${words[i + 1] ?? ''}`;
      if (i + 1 < words.length && refs.byName.has(searchKey(pair))) {
        entries.push(pair);
        i++;
      } else entries.push(words[i]!);
    }
  }
  return entries;
}

/** A cell listing municipalities → their labels in code order; any name not in the 台帳 is an error naming it. */
export function parseMunicipalityList(cell: string, refs: MunicipalityRefs): string[] {
  const codes: string[] = [];
  const unknown: string[] = [];
  for (const entry of municipalityEntries(cell, refs)) {
    if (/^\d{5,6}$/.test(entry)) {
      const code = parseLocalGovCode(entry, refs.prefecture);
      if (refs.names.has(code)) codes.push(code);
      else unknown.push(entry);
      continue;
    }
    const found = refs.byName.get(searchKey(entry)) ?? [];
    if (found.length > 1)
      throw new CellError(`「${entry}」という市区町村は台帳に${found.length}つあります（${found.join('、')}）。団体コードで書いてください`);
    if (found.length === 0) unknown.push(entry);
    else codes.push(found[0]!);
  }
  if (unknown.length > 0)
    throw new CellError(`市区町村${unknown.map((u) => `「${u}」`).join('')}は台帳にありません。名前か団体コードを確かめてください`);
  return municipalityLabels(codes, refs);
}

export const showList = (v: unknown) => ((v as string[]).length === 0 ? '（空）' : (v as string[]).join('、'));

/**
 * An institution as a list cell names it: its name; when another has the same name, its 医療機関コード, or without
 * one 「名称（市区町村名）」.
 */
export interface InstitutionRef {
  id: number;
  label: string;
}

/** What tells institutions of one name apart, for the message when a cell's name fits several. */
interface InstitutionDetail extends InstitutionRef {
  kind: InstitutionKind;
  name: string;
  code: string | null;
  municipalityName: string | null;
  address: string;
}

export interface InstitutionRefs {
  byId: Map<number, InstitutionDetail>;
  byCode: Map<string, number>;
  /** searchKey(name) → ids */
  byName: Map<string, number[]>;
}

const withPlace = (name: string, municipalityName: string) => `${name}（${municipalityName}）`;

export async function institutionRefs(db: Reader): Promise<InstitutionRefs> {
  const rows = (
    await db
      .selectFrom('institution')
      .leftJoin('municipality', 'municipality.code', 'institution.municipalityCode')
      .select([
        'institution.id',
        'institution.code',
        'institution.name',
        'institution.kind',
        'institution.address',
        'municipality.name as municipalityName',
      ])
      .orderBy('institution.id')
      .execute()
  ).map((r) => ({ ...r, key: searchKey(r.name) }));
  const byName = new Map<string, number[]>();
  for (const r of rows) pushTo(byName, r.key, r.id);
  const byNameAndPlace = new Map<string, number[]>();
  for (const r of rows) if (r.municipalityName) pushTo(byNameAndPlace, searchKey(withPlace(r.name, r.municipalityName)), r.id);
  const label = (r: (typeof rows)[number]) => {
    if (byName.get(r.key)!.length === 1) return r.name;
    if (r.code) return r.code;
    if (!r.municipalityName) return r.name;
    const placed = searchKey(withPlace(r.name, r.municipalityName));
    // Unique among the name's records, and not itself the name of another record.
    return byNameAndPlace.get(placed)!.length === 1 && !byName.has(placed) ? withPlace(r.name, r.municipalityName) : r.name;
  };
  return {
    byId: new Map(
      rows.map((r) => [
        r.id,
        {
          id: r.id,
          label: label(r),
          kind: r.kind as InstitutionKind,
          name: r.name,
          code: r.code,
          municipalityName: r.municipalityName,
          address: r.address,
        },
      ]),
    ),
    byCode: new Map(rows.filter((r) => r.code).map((r) => [r.code!, r.id])),
    byName,
  };
}

export function institutionLabel(id: number, refs: InstitutionRefs): string {
  return refs.byId.get(id)?.label ?? String(id);
}

export function sortRefs(refs: InstitutionRef[]): InstitutionRef[] {
  const unique = [...new Map(refs.map((r) => [r.id, { id: r.id, label: r.label }])).values()];
  return unique.sort((a, b) => (a.label < b.label ? -1 : a.label > b.label ? 1 : a.id - b.id));
}

/** Several institutions fit `entry`: which they are, and how the cell can name one. */
function clash(entry: string, ids: readonly number[], refs: InstitutionRefs): CellError {
  const found = ids.map((id) => refs.byId.get(id)!);
  const listed = found
    .map((r) => [r.code ? `コード${r.code}` : 'コードなし', r.municipalityName ?? '市区町村なし', r.address].filter(Boolean).join('・'))
    .join('／');
  const howTo = found.every((r) => r.code)
    ? '医療機関コードで書いてください'
    : found.every((r) => r.label !== r.name || r.code)
      ? `医療機関コードか「名称（市区町村名）」で書いてください（例: ${found.find((r) => !r.code)!.label}）`
      : '名称と市区町村では区別できません。台帳で医療機関コードを入れてから、コードで書いてください';
  return new CellError(`「${entry}」に当たる医療機関が台帳に${found.length}件あります（${listed}）。${howTo}`);
}

/**
 * One institution by 医療機関コード, exact name, or 「名称（市区町村名）」 when several share the name;
 * `undefined` when the 台帳 has none.
 */
export function findInstitution(entry: string, refs: InstitutionRefs): InstitutionDetail | undefined {
  const code = entry.replace(/[-\s]/g, '');
  if (/^\d{7,10}$/.test(code)) {
    const id = refs.byCode.get(code);
    return id === undefined ? undefined : refs.byId.get(id);
  }
  const ids = refs.byName.get(searchKey(entry)) ?? [];
  if (ids.length === 1) return refs.byId.get(ids[0]!);
  const placed = /^(.+?)\s*[(（]([^()（）]+)[)）]$/.exec(entry);
  if (placed) {
    const [, name, place] = placed as unknown as [string, string, string];
    const inPlace = (refs.byName.get(searchKey(name)) ?? []).filter(
      (id) => searchKey(refs.byId.get(id)!.municipalityName ?? '') === searchKey(place),
    );
    if (inPlace.length === 1) return refs.byId.get(inPlace[0]!);
    if (inPlace.length > 1) throw clash(entry, inPlace, refs);
  }
  if (ids.length > 1) throw clash(entry, ids, refs);
  return undefined;
}

/** Institution names contain spaces and ・, so only 、 , and line breaks separate them. */
export function parseInstitutionList(
  cell: string,
  refs: InstitutionRefs,
  accept: (found: InstitutionRef & { kind: InstitutionKind }) => void,
): InstitutionRef[] {
  const found: InstitutionRef[] = [];
  const unknown: string[] = [];
  for (const entry of cell
    .normalize('NFKC')
    .split(/[、,\r\n]+/)
    .map((e) => e.trim())
    .filter(Boolean)) {
    const institution = findInstitution(entry, refs);
    if (!institution) unknown.push(entry);
    else {
      accept(institution);
      found.push({ id: institution.id, label: institution.label });
    }
  }
  if (unknown.length > 0)
    throw new CellError(`医療機関${unknown.map((u) => `「${u}」`).join('')}は台帳にありません。名称か医療機関コードを確かめてください`);
  return sortRefs(found);
}

export const showRefs = (v: unknown) =>
  (v as InstitutionRef[]).length === 0 ? '（空）' : (v as InstitutionRef[]).map((r) => r.label).join('、');

/** The keys of the columns a file has, matched as the engine matches headers. */
export function columnsIn<Ctx>(table: Pick<Table, 'header'>, columns: readonly ImportColumn<Ctx>[]): Set<string> {
  const headers = new Set(table.header.map(searchKey));
  return new Set(columns.filter((c) => [c.header, ...(c.aliases ?? [])].some((name) => headers.has(searchKey(name)))).map((c) => c.key));
}

/** A choice left blank keeps what the 台帳 has; a new record must have one. */
export function chosen<T>(value: T | undefined, before: T | undefined, message: string, column: string): T {
  const v = value ?? before;
  if (v === undefined) throw new RowError(message, column);
  return v;
}
