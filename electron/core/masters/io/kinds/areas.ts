/** The 台帳 import of 圏域: areas of each kind with their parent and member municipalities. */

import { parseChoice, parseCount, parseText } from '@core/tabular/fields';
import { type ImportKindSpec, RowError } from '@core/tabular/import-engine';
import { AREA_KIND_LABELS, type AreaKind } from '@shared/masters/model';
import { searchKey } from '@shared/text/normalize';
import { areaSummaries } from '../../read';
import * as write from '../../write';
import { type MunicipalityRefs, municipalityLabels, municipalityRefs, parseMunicipalityList, showList } from './refs';

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
    { key: 'name', header: '圏域名', aliases: ['名称', '圏域'], required: true, example: '〇〇', parse: (c) => parseText(c, 40) },
    { key: 'parent', header: '上位の圏域', aliases: ['上位圏域'], example: '', parse: (c) => parseText(c, 40) },
    { key: 'sortOrder', header: '表示順', aliases: ['並び順', '順番'], example: '1', parse: (c) => parseCount(c, 9999) },
    {
      key: 'municipalities',
      header: '構成市町村',
      aliases: ['構成市区町村', '市町村'],
      example: '〇〇市、△△市、☆☆町',
      parse: (c, ctx) => parseMunicipalityList(c, ctx.municipalities),
    },
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
      if (!parentKind)
        throw new RowError(
          `${AREA_KIND_LABELS[kind]}には上位の圏域を設定できません（上位の圏域を持つのは二次医療圏と在宅医療圏です）`,
          'parent',
        );
      const found = ctx.names.get(`${parentKind}:${searchKey(parentName)}`);
      if (!found) {
        throw new RowError(
          `上位の圏域「${parentName}」は${AREA_KIND_LABELS[parentKind]}にありません。先に登録するか、このファイルのより上の行に書いてください`,
          'parent',
        );
      }
      parent = found;
    }
    const municipalities = cells.municipalities as string[];
    for (const label of municipalities) {
      const other = ctx.claimed.get(`${kind}:${ctx.municipalities.codeOf.get(label)}`);
      if (other !== undefined && other !== name) {
        throw new RowError(
          `「${label}」はこのファイルの${AREA_KIND_LABELS[kind]}「${other}」にも入っています。市町村は種類ごとに1つの圏域にしか入れません`,
          'municipalities',
        );
      }
    }
    for (const label of municipalities) ctx.claimed.set(`${kind}:${ctx.municipalities.codeOf.get(label)}`, name);
    ctx.names.set(`${kind}:${searchKey(name)}`, name);
    const sortOrder = (cells.sortOrder as number | null) ?? before?.sortOrder ?? ctx.nextSortOrder++;
    return { kind, name, parent, sortOrder, municipalities };
  },
  key: (r) => ({
    key: areaKey(r.kind, r.name),
    label: '圏域の種類と圏域名',
    column: 'name',
    shown: `${AREA_KIND_LABELS[r.kind]} ${r.name}`,
  }),
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
        saved && before?.parent === record.parent
          ? saved.parentId
          : record.parent && parentKind
            ? ids.get(areaKey(parentKind, record.parent))!
            : null;
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
