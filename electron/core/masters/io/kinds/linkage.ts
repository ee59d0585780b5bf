/** The 台帳 import of 在宅医療・介護連携推進事業: each municipality's items by 年度, how each is run and with whom. */

import { CellError, parseChoice, parseFiscalYearCell, parseLocalGovCode, parseText } from '@core/tabular/fields';
import { type ImportColumn, type ImportKindSpec, RowError } from '@core/tabular/import-engine';
import { type LinkageItem, linkageItemSchema } from '@shared/contract/masters';
import { fiscalYear, formatFiscalYear } from '@shared/fiscal-year';
import { LINKAGE_ITEMS, LINKAGE_MODE_LABELS, type LinkageMode } from '@shared/masters/model';
import { searchKey } from '@shared/text/normalize';
import * as write from '../../write';
import { municipalityCodeExample } from './prefecture';
import {
  chosen,
  columnsIn,
  type MunicipalityRefs,
  municipalityLabels,
  municipalityRefs,
  parseMunicipalityList,
  pushTo,
  showList,
} from './refs';

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
  {
    key: 'municipalityCode',
    header: '団体コード',
    aliases: ['市町村コード', '市区町村コード', '全国地方公共団体コード'],
    required: true,
    example: municipalityCodeExample,
    parse: (c, ctx) => parseLocalGovCode(c, ctx.municipalities.prefecture),
  },
  { key: 'municipalityName', header: '市町村名', aliases: ['市区町村名'], example: '〇〇市', parse: (c) => c.trim() },
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
    example: '〇〇市医師会在宅医療推進センター',
    parse: (c, ctx) => {
      if (c === '') return '';
      const found = ctx.centers.get(searchKey(c));
      if (!found) throw new CellError(`センター「${c}」は台帳にありません。先にセンターを登録するか、名前を確かめてください`);
      return found.name;
    },
  },
  { key: 'entrustedBody', header: '委託先団体', aliases: ['委託先（センター以外）'], example: '', parse: (c) => parseText(c, 80) },
  {
    key: 'jointWith',
    header: '共同実施の市町村',
    aliases: ['共同実施市町村', '共同実施'],
    example: '',
    parse: (c, ctx) => parseMunicipalityList(c, ctx.municipalities),
  },
  { key: 'note', header: '備考', example: '', parse: (c) => parseText(c, 500) },
];

export const linkageImport: ImportKindSpec<LinkageRecord, LinkageCtx> = {
  label: '在宅医療・介護連携推進事業',
  columns: LINKAGE_COLUMNS,
  nameColumn: 'municipalityName',
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
    if (!municipalityName)
      throw new RowError(
        `団体コード「${municipalityCode}」の市区町村が台帳にありません。先に市区町村を登録してください`,
        'municipalityCode',
      );
    const written = cells.municipalityName as string;
    if (written !== '' && searchKey(written) !== searchKey(municipalityName)) {
      throw new RowError(
        `団体コード「${municipalityCode}」は「${municipalityName}」です。市町村名「${written}」と合わないので、どちらかを直してください`,
        'municipalityName',
      );
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
      throw new RowError(
        `実施方法が「${LINKAGE_MODE_LABELS[mode]}」の項目に委託先は書けません。実施方法を「委託」にするか、委託先を空欄にしてください`,
        center !== '' ? 'center' : 'entrustedBody',
      );
    }
    if (mode !== 'joint' && jointWith.length > 0) {
      throw new RowError(
        `実施方法が「${LINKAGE_MODE_LABELS[mode]}」の項目に共同実施の市町村は書けません。実施方法を「広域」にするか、空欄にしてください`,
        'jointWith',
      );
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
      const items = new Map(
        (ctx.saved.get(group) ?? []).map(({ municipalityCode: _m, fiscalYear: _y, version: _v, ...item }) => [item.item, item]),
      );
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
      await write.saveLinkage(
        db,
        municipalityCode,
        year,
        [...items.values()].sort((a, b) => (a.item < b.item ? -1 : 1)),
        audit,
      );
    }
  },
};
