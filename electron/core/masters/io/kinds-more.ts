/**
 * The 台帳 kinds that refer to other records: 圏域, 医師会, センター, the
 * municipal 在宅医療・介護連携推進事業 and the 積極的役割を担う医療機関 designations.
 * A cell may hold a list of municipalities or institutions, by name or code,
 * separated the ways people type them; every one must already be in the 台帳.
 * Export writes the same names back (see `municipalityRefs`, `institutionRefs`).
 */
import { designationSaveSchema, linkageItemSchema } from '@shared/contract/masters';
import type { IsoDate } from '@shared/dates';
import { fiscalYear, formatFiscalYear } from '@shared/fiscal-year';
import {
  AREA_KIND_LABELS,
  type AreaKind,
  ASSOCIATION_KIND_LABELS,
  type AssociationKind,
  CENTER_ROLE_LABELS,
  type CenterRole,
  DESIGNATION_REQUIREMENTS,
  type InstitutionKind,
  LINKAGE_ITEMS,
  LINKAGE_MODE_LABELS,
  type LinkageItem,
  type LinkageMode,
  SUBSIDY_CLASS_LABELS,
  type SubsidyClass,
} from '@shared/masters/model';
import { searchKey } from '@shared/text/normalize';
import { formatWareki } from '@shared/wareki';
import type { Reader } from '@core/kernel/db/schema';
import type { Table } from '@core/tabular/read';
import { areaSummaries, associations, centerRows, designationRows } from '../read';
import * as write from '../write';
import { CellError, parseChoice, parseCount, parseDate, parseFiscalYearCell, parseFlag, parseLocalGovCode, parseText } from '@core/tabular/fields';
import { type ImportColumn, type ImportKindSpec, RowError, withoutId } from '@core/tabular/import-engine';


function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/* ── References by name or code ─────────────────────────────── */

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
}

export async function municipalityRefs(db: Reader): Promise<MunicipalityRefs> {
  const rows = await db.selectFrom('municipality').select(['code', 'name']).orderBy('code').execute();
  const byName = new Map<string, string[]>();
  for (const r of rows) pushTo(byName, searchKey(r.name), r.code);
  const labels = new Map(rows.map((r) => [r.code, byName.get(searchKey(r.name))!.length === 1 ? r.name : r.code]));
  return { names: new Map(rows.map((r) => [r.code, r.name])), labels, codeOf: new Map([...labels].map(([code, label]) => [label, code])), byName };
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
      const code = parseLocalGovCode(entry);
      if (refs.names.has(code)) codes.push(code);
      else unknown.push(entry);
      continue;
    }
    const found = refs.byName.get(searchKey(entry)) ?? [];
    if (found.length > 1) throw new CellError(`「${entry}」という市区町村は台帳に${found.length}つあります（${found.join('、')}）。団体コードで書いてください`);
    if (found.length === 0) unknown.push(entry);
    else codes.push(found[0]!);
  }
  if (unknown.length > 0) throw new CellError(`市区町村${unknown.map((u) => `「${u}」`).join('')}は台帳にありません。名前か団体コードを確かめてください`);
  return municipalityLabels(codes, refs);
}

const showList = (v: unknown) => ((v as string[]).length === 0 ? '（空）' : (v as string[]).join('、'));

/** An institution as a list cell names it: its name, or its 医療機関コード when the name is not unique. */
export interface InstitutionRef {
  id: number;
  label: string;
}

export interface InstitutionRefs {
  byId: Map<number, InstitutionRef & { kind: InstitutionKind }>;
  byCode: Map<string, number>;
  /** searchKey(name) → ids */
  byName: Map<string, number[]>;
}

export async function institutionRefs(db: Reader): Promise<InstitutionRefs> {
  const rows = (await db.selectFrom('institution').select(['id', 'code', 'name', 'kind']).orderBy('id').execute()).map((r) => ({ ...r, key: searchKey(r.name) }));
  const byName = new Map<string, number[]>();
  for (const r of rows) pushTo(byName, r.key, r.id);
  const label = (r: (typeof rows)[number]) => (byName.get(r.key)!.length === 1 ? r.name : (r.code ?? r.name));
  return {
    byId: new Map(rows.map((r) => [r.id, { id: r.id, label: label(r), kind: r.kind as InstitutionKind }])),
    byCode: new Map(rows.filter((r) => r.code).map((r) => [r.code!, r.id])),
    byName,
  };
}

export function institutionLabel(id: number, refs: InstitutionRefs): string {
  return refs.byId.get(id)?.label ?? String(id);
}

function sortRefs(refs: InstitutionRef[]): InstitutionRef[] {
  const unique = [...new Map(refs.map((r) => [r.id, r])).values()];
  return unique.sort((a, b) => (a.label < b.label ? -1 : a.label > b.label ? 1 : a.id - b.id));
}

/** One institution by 医療機関コード or exact name; `undefined` when the 台帳 has none. */
function findInstitution(entry: string, refs: InstitutionRefs): (InstitutionRef & { kind: InstitutionKind }) | undefined {
  const code = entry.replace(/[-\s]/g, '');
  if (/^\d{7,10}$/.test(code)) {
    const id = refs.byCode.get(code);
    return id === undefined ? undefined : refs.byId.get(id);
  }
  const ids = refs.byName.get(searchKey(entry)) ?? [];
  if (ids.length > 1) throw new CellError(`「${entry}」という名前の医療機関は台帳に${ids.length}件あります。医療機関コードで書いてください`);
  return ids.length === 0 ? undefined : refs.byId.get(ids[0]!);
}

/** Institution names contain spaces and ・, so only 、 , and line breaks separate them. */
function parseInstitutionList(cell: string, refs: InstitutionRefs, accept: (found: InstitutionRef & { kind: InstitutionKind }) => void): InstitutionRef[] {
  const found: InstitutionRef[] = [];
  const unknown: string[] = [];
  for (const entry of cell.normalize('NFKC').split(/[、,\r\n]+/).map((e) => e.trim()).filter(Boolean)) {
    const institution = findInstitution(entry, refs);
    if (!institution) unknown.push(entry);
    else {
      accept(institution);
      found.push({ id: institution.id, label: institution.label });
    }
  }
  if (unknown.length > 0) throw new CellError(`医療機関${unknown.map((u) => `「${u}」`).join('')}は台帳にありません。名称か医療機関コードを確かめてください`);
  return sortRefs(found);
}

const showRefs = (v: unknown) => ((v as InstitutionRef[]).length === 0 ? '（空）' : (v as InstitutionRef[]).map((r) => r.label).join('、'));

/** The keys of the columns a file has, matched as the engine matches headers. */
function columnsIn<Ctx>(table: Table, columns: readonly ImportColumn<Ctx>[]): Set<string> {
  const headers = new Set(table.header.map(searchKey));
  return new Set(columns.filter((c) => [c.header, ...(c.aliases ?? [])].some((name) => headers.has(searchKey(name)))).map((c) => c.key));
}

/** A choice left blank keeps what the 台帳 has; a new record must have one. */
function chosen<T>(value: T | undefined, before: T | undefined, message: string, column: string): T {
  const v = value ?? before;
  if (v === undefined) throw new RowError(message, column);
  return v;
}

/* ── 圏域 ─────────────────────────────────────────────────── */

/** Hokkaido nests 第三次医療圏 → 第二次医療圏 → 在宅医療圏; other kinds have no parent. */
const PARENT_KIND: Partial<Record<AreaKind, AreaKind>> = { secondary: 'tertiary', home_care: 'secondary' };

/** Parents before children, so a file written in this order reads into an empty 台帳. */
export const AREA_KIND_ORDER: readonly AreaKind[] = ['tertiary', 'secondary', 'home_care', 'health_center', 'insurer'];

interface AreaRecord {
  kind: AreaKind;
  name: string;
  /** Name of the parent area ('' = none). */
  parent: string;
  sortOrder: number;
  municipalities: string[];
}

interface AreaCtx {
  municipalities: MunicipalityRefs;
  existing: Map<string, AreaRecord & { id: number; parentId: number | null }>;
  /** kind:searchKey(name) → name, for the 台帳's areas and those read from the file so far. */
  names: Map<string, string>;
  /** kind:code → the area of that kind the municipality is in now. */
  memberOf: Map<string, string>;
  /** kind:code → the area of the file that lists the municipality. */
  claimed: Map<string, string>;
  nextSortOrder: number;
}

const areaKey = (kind: AreaKind, name: string) => `${kind}:${name}`;

export const areaImport: ImportKindSpec<AreaRecord, AreaCtx> = {
  label: '圏域',
  columns: [
    {
      key: 'kind',
      header: '圏域の種類',
      aliases: ['種類', '種別', '区分'],
      required: true,
      example: '二次医療圏',
      parse: (c) => parseChoice(c, AREA_KIND_LABELS, { 第二次医療圏: 'secondary', 三次医療圏: 'tertiary', 保健所: 'health_center' }),
    },
    { key: 'name', header: '圏域名', aliases: ['名称', '圏域'], required: true, example: '新潟', parse: (c) => parseText(c, 40) },
    { key: 'parent', header: '上位の圏域', aliases: ['上位圏域'], example: '', parse: (c) => parseText(c, 40) },
    { key: 'sortOrder', header: '表示順', aliases: ['並び順', '順番'], example: '1', parse: (c) => parseCount(c, 9999) },
    { key: 'municipalities', header: '構成市町村', aliases: ['構成市区町村', '市町村'], example: '新潟市、五泉市、阿賀野市、阿賀町', parse: (c, ctx) => parseMunicipalityList(c, ctx.municipalities) },
  ],
  async prepare(db) {
    const [areas, municipalities] = [await areaSummaries(db), await municipalityRefs(db)];
    const byId = new Map(areas.map((a) => [a.id, a]));
    const memberOf = new Map<string, string>();
    for (const a of areas) for (const code of a.municipalityCodes) memberOf.set(`${a.kind}:${code}`, a.name);
    return {
      municipalities,
      existing: new Map(
        areas.map((a) => [
          areaKey(a.kind, a.name),
          {
            id: a.id,
            parentId: a.parentId,
            kind: a.kind,
            name: a.name,
            parent: (a.parentId && byId.get(a.parentId)?.name) || '',
            sortOrder: a.sortOrder,
            municipalities: municipalityLabels(a.municipalityCodes, municipalities),
          },
        ]),
      ),
      names: new Map(areas.map((a) => [`${a.kind}:${searchKey(a.name)}`, a.name])),
      memberOf,
      claimed: new Map(),
      nextSortOrder: Math.max(0, ...areas.map((a) => a.sortOrder)) + 1,
    };
  },
  build(cells, ctx) {
    const kind = cells.kind as AreaKind;
    const name = cells.name as string;
    const before = ctx.existing.get(areaKey(kind, name));
    const parentName = cells.parent as string;
    let parent = '';
    if (parentName !== '') {
      const parentKind = PARENT_KIND[kind];
      if (!parentKind) throw new RowError(`${AREA_KIND_LABELS[kind]}には上位の圏域を設定できません（上位の圏域を持つのは二次医療圏と在宅医療圏です）`, 'parent');
      const found = ctx.names.get(`${parentKind}:${searchKey(parentName)}`);
      if (!found) {
        throw new RowError(`上位の圏域「${parentName}」は${AREA_KIND_LABELS[parentKind]}にありません。先に登録するか、このファイルのより上の行に書いてください`, 'parent');
      }
      parent = found;
    }
    const municipalities = cells.municipalities as string[];
    for (const label of municipalities) {
      const other = ctx.claimed.get(`${kind}:${ctx.municipalities.codeOf.get(label)}`);
      if (other !== undefined && other !== name) {
        throw new RowError(`「${label}」はこのファイルの${AREA_KIND_LABELS[kind]}「${other}」にも入っています。市町村は種類ごとに1つの圏域にしか入れません`, 'municipalities');
      }
    }
    for (const label of municipalities) ctx.claimed.set(`${kind}:${ctx.municipalities.codeOf.get(label)}`, name);
    ctx.names.set(`${kind}:${searchKey(name)}`, name);
    const sortOrder = (cells.sortOrder as number | null) ?? before?.sortOrder ?? ctx.nextSortOrder++;
    return { kind, name, parent, sortOrder, municipalities };
  },
  key: (r) => ({ key: areaKey(r.kind, r.name), label: '圏域の種類と圏域名', column: 'name', shown: `${AREA_KIND_LABELS[r.kind]} ${r.name}` }),
  display: (r) => r.name,
  existing(r, ctx) {
    const found = ctx.existing.get(areaKey(r.kind, r.name));
    if (!found) return undefined;
    const { id: _id, parentId: _parentId, ...record } = found;
    return record;
  },
  fields: [
    { key: 'parent', label: '上位の圏域' },
    { key: 'sortOrder', label: '表示順' },
    { key: 'municipalities', label: '構成市町村', show: showList },
  ],
  notes(staged, ctx) {
    const moves: string[] = [];
    for (const { record, before } of staged) {
      for (const label of record.municipalities) {
        const from = ctx.memberOf.get(`${record.kind}:${ctx.municipalities.codeOf.get(label)}`);
        if (from !== undefined && from !== record.name && !before?.municipalities.includes(label)) {
          moves.push(`${label}（${AREA_KIND_LABELS[record.kind]}「${from}」→「${record.name}」）`);
        }
      }
    }
    return moves.length > 0 ? [`次の市町村は同じ種類の別の圏域から移ります: ${moves.join('、')}`] : [];
  },
  async apply(db, staged, ctx, audit) {
    const ids = new Map([...ctx.existing].map(([key, a]) => [key, a.id]));
    // Staged rows are in file order, and a parent is on an earlier row or in the 台帳 already.
    for (const { record, before } of staged) {
      const saved = ctx.existing.get(areaKey(record.kind, record.name));
      const parentKind = PARENT_KIND[record.kind];
      // A parent the file leaves as it was is kept by id, whatever its kind.
      const parentId =
        saved && before?.parent === record.parent ? saved.parentId : record.parent && parentKind ? ids.get(areaKey(parentKind, record.parent))! : null;
      let id = saved?.id;
      if (!before || before.parent !== record.parent || before.sortOrder !== record.sortOrder) {
        id = (await write.saveArea(db, { id, kind: record.kind, name: record.name, parentId, sortOrder: record.sortOrder }, audit)).id;
        ids.set(areaKey(record.kind, record.name), id);
      }
      if (JSON.stringify(record.municipalities) !== JSON.stringify(before?.municipalities ?? [])) {
        const codes = record.municipalities.map((label) => ctx.municipalities.codeOf.get(label)!);
        await write.setAreaMembers(db, id!, record.kind, codes, audit);
      }
    }
  },
};

/* ── 医師会 ───────────────────────────────────────────────── */

interface AssociationRecord {
  name: string;
  kind: AssociationKind;
  municipalities: string[];
}

interface AssociationCtx {
  municipalities: MunicipalityRefs;
  existing: Map<string, AssociationRecord & { id: number }>;
}

export const associationImport: ImportKindSpec<AssociationRecord, AssociationCtx> = {
  label: '医師会',
  columns: [
    { key: 'name', header: '医師会名', aliases: ['名称', '医師会'], required: true, example: '新潟市医師会', parse: (c) => parseText(c, 60) },
    {
      key: 'kind',
      header: '区分',
      aliases: ['種別', '種類'],
      example: '郡市医師会',
      parse: (c) => (c === '' ? undefined : parseChoice(c, ASSOCIATION_KIND_LABELS, { 都道府県医師会: 'prefectural', 地区医師会: 'county', 郡市区医師会: 'county' })),
    },
    { key: 'municipalities', header: '対象市町村', aliases: ['構成市町村', '担当市町村', '区域'], example: '新潟市', parse: (c, ctx) => parseMunicipalityList(c, ctx.municipalities) },
  ],
  async prepare(db) {
    const [rows, municipalities] = [await associations(db), await municipalityRefs(db)];
    return {
      municipalities,
      existing: new Map(rows.map((a) => [a.name, { id: a.id, name: a.name, kind: a.kind, municipalities: municipalityLabels(a.municipalityCodes, municipalities) }])),
    };
  },
  build(cells, ctx) {
    const name = cells.name as string;
    const kind = chosen(cells.kind as AssociationKind | undefined, ctx.existing.get(name)?.kind, '区分（県医師会・郡市医師会）を入力してください', 'kind');
    return { name, kind, municipalities: cells.municipalities as string[] };
  },
  key: (r) => ({ key: r.name, label: '医師会名', column: 'name', shown: r.name }),
  display: (r) => r.name,
  existing: (r, ctx) => withoutId(ctx.existing.get(r.name)),
  fields: [
    { key: 'kind', label: '区分', show: (v) => ASSOCIATION_KIND_LABELS[v as AssociationKind] },
    { key: 'municipalities', label: '対象市町村', show: showList },
  ],
  async apply(db, staged, ctx, audit) {
    for (const { record } of staged) {
      const municipalityCodes = record.municipalities.map((label) => ctx.municipalities.codeOf.get(label)!);
      await write.saveAssociation(db, { id: ctx.existing.get(record.name)?.id, name: record.name, kind: record.kind, municipalityCodes }, audit);
    }
  },
};

/* ── センター ─────────────────────────────────────────────── */

interface CenterRecord {
  name: string;
  role: CenterRole;
  /** Name of the operating 医師会 ('' = none). */
  operator: string;
  entrustedTo: string;
  subsidyClass: SubsidyClass;
  municipalities: string[];
  startDate: IsoDate | null;
  contact: string;
}

interface CenterCtx {
  municipalities: MunicipalityRefs;
  existing: Map<string, CenterRecord & { id: number }>;
  /** searchKey(name) → the 医師会 */
  associations: Map<string, { id: number; name: string }>;
}

export const centerImport: ImportKindSpec<CenterRecord, CenterCtx> = {
  label: 'センター',
  columns: [
    { key: 'name', header: 'センター名', aliases: ['名称', 'センター'], required: true, example: '新潟市医師会在宅医療推進センター', parse: (c) => parseText(c, 80) },
    {
      key: 'role',
      header: '区分',
      aliases: ['種別', '役割'],
      example: '地域',
      parse: (c) => (c === '' ? undefined : parseChoice(c, CENTER_ROLE_LABELS, { 基幹センター: 'core', 地域センター: 'regional' })),
    },
    {
      key: 'operator',
      header: '運営主体',
      aliases: ['運営医師会', '医師会'],
      example: '新潟市医師会',
      parse: (c, ctx) => {
        if (c === '') return '';
        const found = ctx.associations.get(searchKey(c));
        if (!found) throw new CellError(`医師会「${c}」は台帳にありません。先に医師会を登録するか、名前を確かめてください`);
        return found.name;
      },
    },
    { key: 'entrustedTo', header: '病院への委託', aliases: ['委託先', '委託先病院', '委託先の病院'], example: '', parse: (c) => parseText(c, 80) },
    {
      key: 'subsidyClass',
      header: '補助区分',
      aliases: ['基準額の区分'],
      example: '大規模郡市医師会',
      parse: (c) => (c === '' ? undefined : parseChoice(c, SUBSIDY_CLASS_LABELS, { 大規模: 'large_county', その他: 'other_county' })),
    },
    { key: 'municipalities', header: '対象市町村', aliases: ['担当市町村', '構成市町村'], example: '新潟市', parse: (c, ctx) => parseMunicipalityList(c, ctx.municipalities) },
    { key: 'startDate', header: '開始日', aliases: ['設置日', '開設日'], example: '令和2年4月1日', parse: (c) => (c === '' ? null : parseDate(c)) },
    { key: 'contact', header: '連絡先', aliases: ['電話番号', '電話'], example: '025-000-0000', parse: (c) => parseText(c, 200) },
  ],
  async prepare(db) {
    const [rows, municipalities, operators] = [await centerRows(db, 0), await municipalityRefs(db), await associations(db)];
    return {
      municipalities,
      existing: new Map(
        rows.map((c) => [
          c.name,
          {
            id: c.id,
            name: c.name,
            role: c.role,
            operator: c.operatorName ?? '',
            entrustedTo: c.entrustedTo,
            subsidyClass: c.subsidyClass,
            municipalities: municipalityLabels(c.municipalityCodes, municipalities),
            startDate: c.startDate,
            contact: c.contact,
          },
        ]),
      ),
      associations: new Map(operators.map((a) => [searchKey(a.name), { id: a.id, name: a.name }])),
    };
  },
  build(cells, ctx) {
    const name = cells.name as string;
    const before = ctx.existing.get(name);
    return {
      name,
      role: chosen(cells.role as CenterRole | undefined, before?.role, '区分（基幹・地域）を入力してください', 'role'),
      operator: cells.operator as string,
      entrustedTo: cells.entrustedTo as string,
      subsidyClass: chosen(
        cells.subsidyClass as SubsidyClass | undefined,
        before?.subsidyClass,
        `補助区分（${Object.values(SUBSIDY_CLASS_LABELS).join('・')}）を入力してください`,
        'subsidyClass',
      ),
      municipalities: cells.municipalities as string[],
      startDate: cells.startDate as IsoDate | null,
      contact: cells.contact as string,
    };
  },
  key: (r) => ({ key: r.name, label: 'センター名', column: 'name', shown: r.name }),
  display: (r) => r.name,
  existing: (r, ctx) => withoutId(ctx.existing.get(r.name)),
  fields: [
    { key: 'role', label: '区分', show: (v) => CENTER_ROLE_LABELS[v as CenterRole] },
    { key: 'operator', label: '運営主体' },
    { key: 'entrustedTo', label: '病院への委託' },
    { key: 'subsidyClass', label: '補助区分', show: (v) => SUBSIDY_CLASS_LABELS[v as SubsidyClass] },
    { key: 'municipalities', label: '対象市町村', show: showList },
    { key: 'startDate', label: '開始日', show: (v) => (v ? formatWareki(v as IsoDate) : '（空）') },
    { key: 'contact', label: '連絡先' },
  ],
  async apply(db, staged, ctx, audit) {
    const operatorIds = new Map([...ctx.associations.values()].map((a) => [a.name, a.id]));
    for (const { record } of staged) {
      await write.saveCenter(
        db,
        {
          id: ctx.existing.get(record.name)?.id,
          name: record.name,
          role: record.role,
          operatorAssociationId: record.operator ? operatorIds.get(record.operator)! : null,
          entrustedTo: record.entrustedTo,
          municipalityCodes: record.municipalities.map((label) => ctx.municipalities.codeOf.get(label)!),
          startDate: record.startDate,
          contact: record.contact,
          subsidyClass: record.subsidyClass,
        },
        audit,
      );
    }
  },
};

/* ── 在宅医療・介護連携推進事業 ─────────────────────────────── */

const ITEM_KANA = 'アイウエオカキク';

/** (ア) 地域の医療・介護の資源の把握 for 'a'; a municipality's own item as its code. */
export function linkageItemText(item: string): string {
  return LINKAGE_ITEMS.find((i) => i.code === item)?.label ?? item;
}

const itemShort = (item: string) => {
  const i = LINKAGE_ITEMS.findIndex((x) => x.code === item);
  return i < 0 ? item : `(${ITEM_KANA[i]})`;
};

/** (ア), ア, a or the item's label; anything else is a municipality's own item. */
function parseLinkageItem(cell: string, ctx: LinkageCtx): string {
  const v = cell.normalize('NFKC').trim();
  const kana = /^\(([アイウエオカキク])\)/.exec(v)?.[1] ?? /^([アイウエオカキク])$/.exec(v)?.[1];
  if (kana) return LINKAGE_ITEMS[ITEM_KANA.indexOf(kana)]!.code;
  if (/^[a-h]$/i.test(v)) return v.toLowerCase();
  const byLabel = LINKAGE_ITEMS.find((i) => searchKey(i.label.slice(4)) === searchKey(v));
  if (byLabel) return byLabel.code;
  const local = parseText(cell, 20);
  ctx.localItems.add(local);
  return local;
}

/** 令和5年度, R5, 2023 or 2023年度 → 2023. */
function parseLinkageFiscalYear(cell: string): number {
  const year = parseFiscalYearCell(cell);
  if (year === null) throw new CellError('年度を入力してください（例: 令和5年度、R5、2023）');
  return year;
}

interface LinkageRecord {
  fiscalYear: number;
  municipalityCode: string;
  municipalityName: string;
  item: string;
  mode: LinkageMode;
  /** Name of the center entrusted ('' = none). */
  center: string;
  entrustedBody: string;
  jointWith: string[];
  note: string;
}

interface LinkageCtx {
  municipalities: MunicipalityRefs;
  /** searchKey(name) → the center */
  centers: Map<string, { id: number; name: string }>;
  existing: Map<string, LinkageRecord>;
  /** year|code → the items saved for that municipality and year */
  saved: Map<string, LinkageItem[]>;
  present: Set<string>;
  localItems: Set<string>;
}

const linkageKey = (r: { fiscalYear: number; municipalityCode: string; item: string }) => `${r.fiscalYear}|${r.municipalityCode}|${r.item}`;

const LINKAGE_COLUMNS: readonly ImportColumn<LinkageCtx>[] = [
  { key: 'fiscalYear', header: '年度', required: true, example: '令和5年度', parse: parseLinkageFiscalYear },
  { key: 'municipalityCode', header: '団体コード', aliases: ['市町村コード', '市区町村コード', '全国地方公共団体コード'], required: true, example: '151009', parse: parseLocalGovCode },
  { key: 'municipalityName', header: '市町村名', aliases: ['市区町村名'], example: '新潟市', parse: (c) => c.trim() },
  { key: 'item', header: '事業項目', aliases: ['項目'], required: true, example: '(ア)', parse: parseLinkageItem },
  {
    key: 'mode',
    header: '実施方法',
    aliases: ['実施形態'],
    example: '委託',
    parse: (c) => (c === '' ? undefined : parseChoice(c, LINKAGE_MODE_LABELS, { 共同: 'joint', 共同実施: 'joint' })),
  },
  {
    key: 'center',
    header: '委託先センター',
    example: '新潟市医師会在宅医療推進センター',
    parse: (c, ctx) => {
      if (c === '') return '';
      const found = ctx.centers.get(searchKey(c));
      if (!found) throw new CellError(`センター「${c}」は台帳にありません。先にセンターを登録するか、名前を確かめてください`);
      return found.name;
    },
  },
  { key: 'entrustedBody', header: '委託先団体', aliases: ['委託先（センター以外）'], example: '', parse: (c) => parseText(c, 80) },
  { key: 'jointWith', header: '共同実施の市町村', aliases: ['共同実施市町村', '共同実施'], example: '', parse: (c, ctx) => parseMunicipalityList(c, ctx.municipalities) },
  { key: 'note', header: '備考', example: '', parse: (c) => parseText(c, 500) },
];

export const linkageImport: ImportKindSpec<LinkageRecord, LinkageCtx> = {
  label: '在宅医療・介護連携推進事業',
  columns: LINKAGE_COLUMNS,
  async prepare(db, table) {
    const municipalities = await municipalityRefs(db);
    const centers = await db.selectFrom('center').select(['id', 'name']).execute();
    const centerNames = new Map(centers.map((c) => [c.id, c.name]));
    const rows = await db.selectFrom('linkageItem').selectAll().execute();
    const saved = new Map<string, LinkageItem[]>();
    const existing = new Map<string, LinkageRecord>();
    for (const r of rows) {
      const item: LinkageItem = { ...r, mode: r.mode as LinkageMode, jointWith: JSON.parse(r.jointWith) as string[] };
      pushTo(saved, `${r.fiscalYear}|${r.municipalityCode}`, item);
      existing.set(linkageKey(item), {
        fiscalYear: item.fiscalYear,
        municipalityCode: item.municipalityCode,
        municipalityName: municipalities.names.get(item.municipalityCode) ?? '',
        item: item.item,
        mode: item.mode,
        center: item.centerId === null ? '' : (centerNames.get(item.centerId) ?? ''),
        entrustedBody: item.entrustedBody,
        jointWith: municipalityLabels(item.jointWith, municipalities),
        note: item.note,
      });
    }
    return {
      municipalities,
      centers: new Map(centers.map((c) => [searchKey(c.name), c])),
      existing,
      saved,
      present: columnsIn(table, LINKAGE_COLUMNS),
      localItems: new Set(),
    };
  },
  build(cells, ctx) {
    const municipalityCode = cells.municipalityCode as string;
    const municipalityName = ctx.municipalities.names.get(municipalityCode);
    if (!municipalityName) throw new RowError(`団体コード「${municipalityCode}」の市区町村が台帳にありません。先に市区町村を登録してください`, 'municipalityCode');
    const written = cells.municipalityName as string;
    if (written !== '' && searchKey(written) !== searchKey(municipalityName)) {
      throw new RowError(`団体コード「${municipalityCode}」は「${municipalityName}」です。市町村名「${written}」と合わないので、どちらかを直してください`, 'municipalityName');
    }
    const fiscalYear = cells.fiscalYear as number;
    const item = cells.item as string;
    const before = ctx.existing.get(linkageKey({ fiscalYear, municipalityCode, item }));
    // The rules below span columns; one the file leaves out keeps what the 台帳 has.
    const given = <K extends 'center' | 'entrustedBody' | 'jointWith'>(key: K, empty: LinkageRecord[K]): LinkageRecord[K] =>
      ctx.present.has(key) ? (cells[key] as LinkageRecord[K]) : (before?.[key] ?? empty);
    const mode = chosen(cells.mode as LinkageMode | undefined, before?.mode, '実施方法（直営・委託・広域）を入力してください', 'mode');
    const center = given('center', '');
    const entrustedBody = given('entrustedBody', '');
    const jointWith = given('jointWith', []);
    // saveLinkage drops a 委託先 or 共同実施 the mode does not use; say so rather than lose it.
    if (mode !== 'entrusted' && (center !== '' || entrustedBody !== '')) {
      throw new RowError(`実施方法が「${LINKAGE_MODE_LABELS[mode]}」の項目に委託先は書けません。実施方法を「委託」にするか、委託先を空欄にしてください`, center !== '' ? 'center' : 'entrustedBody');
    }
    if (mode !== 'joint' && jointWith.length > 0) {
      throw new RowError(`実施方法が「${LINKAGE_MODE_LABELS[mode]}」の項目に共同実施の市町村は書けません。実施方法を「広域」にするか、空欄にしてください`, 'jointWith');
    }
    const check = linkageItemSchema.safeParse({
      item,
      mode,
      centerId: center === '' ? null : ctx.centers.get(searchKey(center))!.id,
      entrustedBody,
      jointWith: jointWith.map((label) => ctx.municipalities.codeOf.get(label)!),
      note: cells.note as string,
    });
    if (!check.success) throw new RowError(check.error.issues[0]!.message, String(check.error.issues[0]!.path[0] ?? ''));
    return { fiscalYear, municipalityCode, municipalityName, item, mode, center, entrustedBody, jointWith, note: cells.note as string };
  },
  key: (r) => ({
    key: linkageKey(r),
    label: '年度・団体コード・事業項目',
    column: 'item',
    shown: `${formatFiscalYear(fiscalYear(r.fiscalYear))} ${r.municipalityCode} ${itemShort(r.item)}`,
  }),
  display: (r) => `${r.municipalityName} ${linkageItemText(r.item)}`,
  existing: (r, ctx) => ctx.existing.get(linkageKey(r)),
  fields: [
    { key: 'mode', label: '実施方法', show: (v) => LINKAGE_MODE_LABELS[v as LinkageMode] },
    { key: 'center', label: '委託先センター' },
    { key: 'entrustedBody', label: '委託先団体' },
    { key: 'jointWith', label: '共同実施の市町村', show: showList },
    { key: 'note', label: '備考' },
  ],
  notes(_staged, ctx) {
    if (ctx.localItems.size === 0) return [];
    return [`次の事業項目は(ア)〜(ク)にないため、市町村独自の項目として取り込みます: ${[...ctx.localItems].join('、')}`];
  },
  async apply(db, staged, ctx, audit) {
    // saveLinkage replaces a municipality's items of a year, so each municipality-year is saved once, keeping the items the file does not name.
    const groups = new Map<string, LinkageRecord[]>();
    for (const { record } of staged) pushTo(groups, `${record.fiscalYear}|${record.municipalityCode}`, record);
    for (const [group, records] of groups) {
      const items = new Map((ctx.saved.get(group) ?? []).map(({ municipalityCode: _m, fiscalYear: _y, ...item }) => [item.item, item]));
      for (const r of records) {
        items.set(r.item, {
          item: r.item,
          mode: r.mode,
          centerId: r.center === '' ? null : ctx.centers.get(searchKey(r.center))!.id,
          entrustedBody: r.entrustedBody,
          jointWith: r.jointWith.map((label) => ctx.municipalities.codeOf.get(label)!),
          note: r.note,
        });
      }
      const { municipalityCode, fiscalYear: year } = records[0]!;
      await write.saveLinkage(db, municipalityCode, year, [...items.values()].sort((a, b) => (a.item < b.item ? -1 : 1)), audit);
    }
  },
};

/* ── 積極的役割を担う医療機関の指定 ─────────────────────────── */

type RequirementKey = 'r1' | 'r2' | 'r3' | 'r4' | 'r5';
const REQUIREMENT_KEYS = ['r1', 'r2', 'r3', 'r4', 'r5'] as const satisfies readonly RequirementKey[];

type DesignationRecord = {
  institution: InstitutionRef;
  areaId: number;
  area: string;
  designatedOn: IsoDate;
  partners: InstitutionRef[];
  stations: InstitutionRef[];
} & Record<RequirementKey, boolean>;

interface DesignationCtx {
  institutions: InstitutionRefs;
  /** searchKey(name) → the 在宅医療圏 */
  areas: Map<string, { id: number; name: string }>;
  existing: Map<string, DesignationRecord & { id: number }>;
  present: Set<string>;
}

const designationKey = (institutionId: number, areaId: number) => `${institutionId}@${areaId}`;

/** Where each field of designationSaveSchema is in the file. */
const DESIGNATION_SCHEMA_COLUMNS: Record<string, string> = {
  institutionId: 'institution',
  areaId: 'area',
  designatedOn: 'designatedOn',
  partnerInstitutionIds: 'partners',
  partnerStationIds: 'stations',
};

const DESIGNATION_COLUMNS: readonly ImportColumn<DesignationCtx>[] = [
  {
    key: 'institution',
    header: '医療機関',
    aliases: ['医療機関名', '医療機関コード', '名称'],
    required: true,
    example: '〇〇訪問診療クリニック（新潟市）',
    parse: (c, ctx) => {
      const found = findInstitution(c.normalize('NFKC').trim(), ctx.institutions);
      if (!found) throw new CellError(`医療機関「${c}」は台帳にありません。名称か医療機関コードを確かめてください`);
      if (found.kind === 'nursing_station') throw new CellError('訪問看護ステーションは「積極的役割を担う医療機関」に指定できません');
      return { id: found.id, label: found.label };
    },
  },
  {
    key: 'area',
    header: '在宅医療圏',
    aliases: ['在宅医療圏名', '圏域'],
    required: true,
    example: '新潟',
    parse: (c, ctx) => {
      const found = ctx.areas.get(searchKey(c));
      if (!found) throw new CellError(`在宅医療圏「${c}」は台帳にありません。先に圏域を登録するか、名前を確かめてください`);
      return found;
    },
  },
  { key: 'designatedOn', header: '指定日', aliases: ['指定年月日'], example: '令和6年4月1日', parse: (c) => (c === '' ? null : parseDate(c)) },
  ...DESIGNATION_REQUIREMENTS.map((r, i) => ({
    key: REQUIREMENT_KEYS[i]!,
    header: r.label.slice(0, 1),
    aliases: [`要件${r.no}`, `${r.required ? '必須' : '任意'}要件${r.no}`, r.label],
    example: r.required ? '○' : '',
    parse: parseFlag,
  })),
  {
    key: 'partners',
    header: '連携している医療機関',
    aliases: ['連携医療機関'],
    example: '△△内科医院（新潟市）、☆☆病院（新潟市）',
    parse: (c, ctx) =>
      parseInstitutionList(c, ctx.institutions, (found) => {
        if (found.kind === 'nursing_station') {
          throw new CellError(`「${found.label}」は訪問看護ステーションです。連携している医療機関には病院・診療所を書き、訪問看護ステーションは「連携している訪問看護事業所」に書いてください`);
        }
      }),
  },
  {
    key: 'stations',
    header: '連携している訪問看護事業所',
    aliases: ['連携訪問看護事業所', '連携している訪問看護ステーション'],
    example: '〇〇訪問看護ステーション（新潟市）',
    parse: (c, ctx) => parseInstitutionList(c, ctx.institutions, () => undefined),
  },
];

export const designationImport: ImportKindSpec<DesignationRecord, DesignationCtx> = {
  label: '積極的役割を担う医療機関の指定',
  columns: DESIGNATION_COLUMNS,
  async prepare(db, table) {
    const institutions = await institutionRefs(db);
    const areas = await db.selectFrom('area').select(['id', 'name']).where('kind', '=', 'home_care').execute();
    const refsOf = (ids: number[]) => sortRefs(ids.map((id) => ({ id, label: institutionLabel(id, institutions) })));
    return {
      institutions,
      areas: new Map(areas.map((a) => [searchKey(a.name), a])),
      existing: new Map(
        (await designationRows(db)).map((d) => [
          designationKey(d.institutionId, d.areaId),
          {
            id: d.id,
            institution: { id: d.institutionId, label: institutionLabel(d.institutionId, institutions) },
            areaId: d.areaId,
            area: d.areaName,
            designatedOn: d.designatedOn,
            ...(Object.fromEntries(REQUIREMENT_KEYS.map((k, i) => [k, d.requirements[i]])) as Record<RequirementKey, boolean>),
            partners: refsOf(d.partnerInstitutionIds),
            stations: refsOf(d.partnerStationIds),
          },
        ]),
      ),
      present: columnsIn(table, DESIGNATION_COLUMNS),
    };
  },
  build(cells, ctx) {
    const institution = cells.institution as InstitutionRef;
    const area = cells.area as { id: number; name: string };
    const before = ctx.existing.get(designationKey(institution.id, area.id));
    // The requirement rule spans columns; one the file leaves out keeps what the 台帳 has.
    const given = <K extends RequirementKey | 'partners' | 'stations'>(key: K, empty: DesignationRecord[K]): DesignationRecord[K] =>
      ctx.present.has(key) ? (cells[key] as DesignationRecord[K]) : (before?.[key] ?? empty);
    const requirements = REQUIREMENT_KEYS.map((k) => given(k, false)) as [boolean, boolean, boolean, boolean, boolean];
    const designatedOn = chosen((cells.designatedOn as IsoDate | null) ?? undefined, before?.designatedOn, '指定日を入力してください', 'designatedOn');
    const partners = given('partners', []);
    const stations = given('stations', []);
    const check = designationSaveSchema.safeParse({
      institutionId: institution.id,
      areaId: area.id,
      designatedOn,
      requirements,
      partnerInstitutionIds: partners.map((p) => p.id),
      partnerStationIds: stations.map((s) => s.id),
    });
    if (!check.success) {
      const [field, index] = check.error.issues[0]!.path;
      const column = field === 'requirements' ? REQUIREMENT_KEYS[Number(index)] : DESIGNATION_SCHEMA_COLUMNS[String(field)];
      throw new RowError(check.error.issues[0]!.message, column);
    }
    return {
      institution,
      areaId: area.id,
      area: area.name,
      designatedOn,
      ...(Object.fromEntries(REQUIREMENT_KEYS.map((k, i) => [k, requirements[i]])) as Record<RequirementKey, boolean>),
      partners,
      stations,
    };
  },
  key: (r) => ({ key: designationKey(r.institution.id, r.areaId), label: '医療機関と在宅医療圏', column: 'institution', shown: `${r.institution.label}、${r.area}` }),
  display: (r) => r.institution.label,
  existing(r, ctx) {
    const found = ctx.existing.get(designationKey(r.institution.id, r.areaId));
    if (!found) return undefined;
    const { id: _id, ...record } = found;
    return record;
  },
  fields: [
    { key: 'designatedOn', label: '指定日', show: (v) => formatWareki(v as IsoDate) },
    ...DESIGNATION_REQUIREMENTS.map((r, i) => ({ key: REQUIREMENT_KEYS[i]!, label: r.label })),
    { key: 'partners', label: '連携している医療機関', show: showRefs },
    { key: 'stations', label: '連携している訪問看護事業所', show: showRefs },
  ],
  async apply(db, staged, ctx, audit) {
    for (const { record } of staged) {
      await write.saveDesignation(
        db,
        {
          id: ctx.existing.get(designationKey(record.institution.id, record.areaId))?.id,
          institutionId: record.institution.id,
          areaId: record.areaId,
          designatedOn: record.designatedOn,
          requirements: REQUIREMENT_KEYS.map((k) => record[k]) as [boolean, boolean, boolean, boolean, boolean],
          partnerInstitutionIds: record.partners.map((p) => p.id),
          partnerStationIds: record.stations.map((s) => s.id),
        },
        audit,
      );
    }
  },
};
