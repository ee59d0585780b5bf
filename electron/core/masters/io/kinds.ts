/**
 * The 台帳 kinds that import from files: their columns as users head them in
 * Excel (with the other names people use), how a row becomes a record, and
 * how records are written (through masters/write.ts, or in bulk for the
 * 100,000-row institution lists, still with an audit entry per record).
 */
import type { ImportKind } from '@shared/contract/masters-io';
import type { IsoDate } from '@shared/dates';
import { formatNumber } from '@shared/format';
import {
  AREA_KIND_LABELS,
  type AreaKind,
  INSTITUTION_KIND_LABELS,
  type Institution,
  type InstitutionKind,
  type Municipality,
  MUNICIPALITY_TYPES,
  type MunicipalityType,
} from '@shared/masters/model';
import { searchKey } from '@shared/text/normalize';
import { municipalityRows } from '../read';
import * as write from '../write';
import { institutionRow } from '../write';
import { CellError, parseChoice, parseCount, parseDate, parseFlag, parseHundredths, parseLocalGovCode, parseText } from '@core/tabular/fields';
import { type ImportKindSpec, RowError, withoutId } from '@core/tabular/import-engine';
import { areaImport, associationImport, centerImport, designationImport, linkageImport } from './kinds-more';

/* ── 市区町村 ─────────────────────────────────────────────── */

const IMPORTED_AREA_KINDS = ['secondary', 'home_care', 'health_center', 'insurer'] as const satisfies readonly AreaKind[];

interface MunicipalityRecord extends Municipality {
  /** Area name per kind; '' = none. */
  secondary: string;
  home_care: string;
  health_center: string;
  insurer: string;
}

interface MunicipalityCtx {
  existing: Map<string, MunicipalityRecord>;
  areaIds: Map<string, number>;
}

const typeFromName = (name: string): MunicipalityType | undefined =>
  MUNICIPALITY_TYPES.find((t) => name.endsWith(t));

export const municipalityImport: ImportKindSpec<MunicipalityRecord, MunicipalityCtx> = {
  label: '市区町村',
  columns: [
    { key: 'code', header: '団体コード', aliases: ['全国地方公共団体コード', '市区町村コード', '市町村コード', 'lgcode'], required: true, example: '151009', parse: parseLocalGovCode },
    { key: 'name', header: '市区町村名', aliases: ['市町村名', '市区町村', '名称', 'city'], required: true, example: '新潟市', parse: (c) => parseText(c, 40) },
    { key: 'kana', header: 'よみがな', aliases: ['よみ', 'ふりがな', 'フリガナ', 'citykana'], example: 'にいがたし', parse: (c) => parseText(c, 80) },
    {
      key: 'type',
      header: '種別',
      aliases: ['区分'],
      example: '市',
      parse: (c) => (c === '' ? undefined : parseChoice(c, { 市: '市', 町: '町', 村: '村', 区: '区' } as Record<MunicipalityType, string>)),
    },
    { key: 'designatedCity', header: '政令市', aliases: ['政令指定都市'], example: '○', parse: parseFlag },
    { key: 'coreCity', header: '中核市', example: '', parse: parseFlag },
    ...IMPORTED_AREA_KINDS.map((kind) => ({ key: kind, header: AREA_KIND_LABELS[kind], example: kind === 'insurer' ? '' : '新潟', parse: (c: string) => parseText(c, 40) })),
  ],
  async prepare(db) {
    const rows = await municipalityRows(db);
    const areas = await db.selectFrom('area').select(['id', 'kind', 'name']).execute();
    return {
      existing: new Map(
        rows.map((r) => [
          r.code,
          {
            code: r.code,
            name: r.name,
            kana: r.kana,
            type: r.type,
            designatedCity: r.designatedCity,
            coreCity: r.coreCity,
            secondary: r.areas.secondary?.name ?? '',
            home_care: r.areas.home_care?.name ?? '',
            health_center: r.areas.health_center?.name ?? '',
            insurer: r.areas.insurer?.name ?? '',
          },
        ]),
      ),
      areaIds: new Map(areas.map((a) => [`${a.kind}:${a.name}`, a.id])),
    };
  },
  build(cells) {
    const name = cells.name as string;
    const type = (cells.type as MunicipalityType | undefined) ?? typeFromName(name);
    if (!type) throw new RowError(`「${name}」の種別（市・町・村・区）が空欄で、名前からも判断できません`, 'type');
    return {
      code: cells.code as string,
      name,
      kana: cells.kana as string,
      type,
      designatedCity: cells.designatedCity as boolean,
      coreCity: cells.coreCity as boolean,
      secondary: cells.secondary as string,
      home_care: cells.home_care as string,
      health_center: cells.health_center as string,
      insurer: cells.insurer as string,
    };
  },
  key: (r) => ({ key: r.code, label: '団体コード', column: 'code', shown: r.code }),
  display: (r) => r.name,
  existing: (r, ctx) => ctx.existing.get(r.code),
  fields: [
    { key: 'name', label: '市区町村名' },
    { key: 'kana', label: 'よみがな' },
    { key: 'type', label: '種別' },
    { key: 'designatedCity', label: '政令市' },
    { key: 'coreCity', label: '中核市' },
    ...IMPORTED_AREA_KINDS.map((kind) => ({ key: kind, label: AREA_KIND_LABELS[kind] })),
  ],
  notes(staged, ctx) {
    const created = new Set<string>();
    for (const { record } of staged) {
      for (const kind of IMPORTED_AREA_KINDS) {
        const name = record[kind];
        if (name && !ctx.areaIds.has(`${kind}:${name}`)) created.add(`${AREA_KIND_LABELS[kind]}「${name}」`);
      }
    }
    return created.size > 0 ? [`新しい圏域を作成します: ${[...created].join('、')}`] : [];
  },
  async apply(db, staged, ctx, audit) {
    for (const { record } of staged) {
      const areas: Partial<Record<AreaKind, number | null>> = {};
      for (const kind of IMPORTED_AREA_KINDS) {
        const name = record[kind];
        if (!name) {
          areas[kind] = null;
          continue;
        }
        let id = ctx.areaIds.get(`${kind}:${name}`);
        if (id === undefined) {
          id = (await write.saveArea(db, { kind, name, parentId: null, sortOrder: ctx.areaIds.size + 1 }, audit)).id;
          ctx.areaIds.set(`${kind}:${name}`, id);
        }
        areas[kind] = id;
      }
      await write.saveMunicipality(
        db,
        { code: record.code, name: record.name, kana: record.kana, type: record.type, designatedCity: record.designatedCity, coreCity: record.coreCity, areas, isNew: !ctx.existing.has(record.code) },
        audit,
      );
    }
  },
};

/* ── 人口 ─────────────────────────────────────────────────── */

interface PopulationRecord {
  municipalityCode: string;
  municipalityName: string;
  baseDate: IsoDate;
  total: number;
  age65: number;
  age75: number;
  age85: number;
  areaCentiKm2: number | null;
}

interface PopulationCtx {
  names: Map<string, string>;
  existing: Map<string, PopulationRecord>;
}

const requiredCount = (label: string) => (cell: string) => {
  const n = parseCount(cell);
  if (n === null) throw new CellError(`「${label}」が空です`);
  return n;
};

export const populationImport: ImportKindSpec<PopulationRecord, PopulationCtx> = {
  label: '人口',
  columns: [
    { key: 'municipalityCode', header: '団体コード', aliases: ['全国地方公共団体コード', '市区町村コード', '市町村コード'], required: true, example: '151009', parse: parseLocalGovCode },
    { key: 'baseDate', header: '基準日', aliases: ['調査日', '時点'], required: true, example: '2020-10-01', parse: parseDate },
    { key: 'total', header: '総人口', aliases: ['人口'], required: true, example: '789275', parse: requiredCount('総人口') },
    { key: 'age65', header: '65歳以上人口', aliases: ['65歳以上'], required: true, example: '232000', parse: requiredCount('65歳以上人口') },
    { key: 'age75', header: '75歳以上人口', aliases: ['75歳以上'], required: true, example: '118000', parse: requiredCount('75歳以上人口') },
    { key: 'age85', header: '85歳以上人口', aliases: ['85歳以上'], required: true, example: '42000', parse: requiredCount('85歳以上人口') },
    { key: 'areaCentiKm2', header: '面積（㎢）', aliases: ['面積', '面積(km2)', '面積（km2）'], example: '726.45', parse: parseHundredths },
  ],
  async prepare(db) {
    const names = new Map((await db.selectFrom('municipality').select(['code', 'name']).execute()).map((m) => [m.code, m.name]));
    const rows = await db.selectFrom('population').selectAll().execute();
    return {
      names,
      existing: new Map(rows.map((r) => [`${r.municipalityCode} ${r.baseDate}`, { ...r, baseDate: r.baseDate as IsoDate, municipalityName: names.get(r.municipalityCode) ?? '' }])),
    };
  },
  build(cells, ctx) {
    const code = cells.municipalityCode as string;
    const name = ctx.names.get(code);
    if (!name) throw new RowError(`団体コード「${code}」の市区町村が台帳にありません。先に市区町村を登録してください`, 'municipalityCode');
    const r = { ...(cells as Omit<PopulationRecord, 'municipalityName'>), municipalityName: name };
    if (r.age65 > r.total) throw new RowError('65歳以上人口が総人口を超えています', 'age65');
    if (r.age75 > r.age65) throw new RowError('75歳以上人口が65歳以上人口を超えています', 'age75');
    if (r.age85 > r.age75) throw new RowError('85歳以上人口が75歳以上人口を超えています', 'age85');
    return r;
  },
  key: (r) => ({ key: `${r.municipalityCode} ${r.baseDate}`, label: '団体コードと基準日', column: 'municipalityCode', shown: `${r.municipalityCode} ${r.baseDate}` }),
  display: (r) => `${r.municipalityName}（${r.baseDate}）`,
  existing: (r, ctx) => ctx.existing.get(`${r.municipalityCode} ${r.baseDate}`),
  fields: [
    { key: 'total', label: '総人口', show: (v) => formatNumber(v as number) },
    { key: 'age65', label: '65歳以上人口', show: (v) => formatNumber(v as number) },
    { key: 'age75', label: '75歳以上人口', show: (v) => formatNumber(v as number) },
    { key: 'age85', label: '85歳以上人口', show: (v) => formatNumber(v as number) },
    { key: 'areaCentiKm2', label: '面積（㎢）', show: (v) => (v === null ? '（空）' : ((v as number) / 100).toFixed(2)) },
  ],
  async apply(db, staged, _ctx, audit) {
    for (const { record } of staged) {
      const { municipalityName: _name, ...figure } = record;
      await write.savePopulation(db, figure, audit);
    }
  },
};

/* ── 医療機関・訪問看護ステーション ─────────────────────────── */

type InstitutionRecord = Omit<Institution, 'id'>;

interface InstitutionCtx {
  byCode: Map<string, InstitutionRecord & { id: number }>;
  byNameAndPlace: Map<string, InstitutionRecord & { id: number }>;
  municipalityByName: Map<string, string>;
  municipalityNames: Map<string, string>;
  /** Longest first, for matching the start of an address. */
  namesForAddress: [string, string][];
  inferredKinds: number;
  placedByAddress: number;
}

function inferKind(name: string): InstitutionKind {
  if (/訪問看護/.test(name)) return 'nursing_station';
  return /病院/.test(name) ? 'hospital' : 'clinic';
}

const placeKey = (name: string, municipalityCode: string | null) => `${searchKey(name)}|${municipalityCode ?? ''}`;

export const institutionImport: ImportKindSpec<InstitutionRecord, InstitutionCtx> = {
  label: '医療機関・訪問看護ステーション',
  columns: [
    {
      key: 'code',
      header: '医療機関コード',
      aliases: ['コード', '医療機関コード（10桁）', '医療機関コード(9桁)', '医療機関コード（9桁）', '事業所番号'],
      example: '1510000001',
      parse: (c) => {
        const v = c.normalize('NFKC').replace(/[-\s]/g, '');
        if (v === '') return null;
        if (!/^\d{7,10}$/.test(v)) throw new CellError(`「${c}」は7〜10桁の数字ではありません`);
        return v;
      },
    },
    { key: 'name', header: '名称', aliases: ['医療機関名', '医療機関名称', '施設名', '事業所名'], required: true, example: '〇〇訪問診療クリニック', parse: (c) => parseText(c, 100) },
    {
      key: 'kind',
      header: '種別',
      aliases: ['施設種別'],
      example: '診療所',
      parse: (c) =>
        c === '' ? undefined : parseChoice(c, INSTITUTION_KIND_LABELS, { 訪問看護: 'nursing_station', 訪看: 'nursing_station', クリニック: 'clinic', 医院: 'clinic' }),
    },
    { key: 'municipality', header: '市区町村', aliases: ['市区町村コード', '市町村', '所在市町村', '団体コード'], example: '新潟市', parse: (c) => c.trim() },
    { key: 'address', header: '所在地', aliases: ['住所', '所在地住所'], example: '新潟市中央区…', parse: (c) => parseText(c, 200) },
    { key: 'homeCareSupport', header: '在宅療養支援', aliases: ['在宅療養支援診療所', '在宅療養支援病院', '在支診', '在支病'], example: '○', parse: parseFlag },
    { key: 'enhanced', header: '機能強化型', example: '', parse: parseFlag },
    { key: 'beds', header: '病床数', aliases: ['病床', '許可病床数'], example: '', parse: (c) => parseCount(c, 5000) },
  ],
  async prepare(db) {
    const municipalities = await db.selectFrom('municipality').select(['code', 'name']).execute();
    const existing = await db.selectFrom('institution').select(['id', 'code', 'name', 'kind', 'municipalityCode', 'address', 'homeCareSupport', 'enhanced', 'beds']).execute();
    const records = existing.map((r) => ({ ...r, kind: r.kind as InstitutionKind, homeCareSupport: r.homeCareSupport === 1, enhanced: r.enhanced === 1 }));
    return {
      byCode: new Map(records.filter((r) => r.code).map((r) => [r.code!, r])),
      byNameAndPlace: new Map(records.map((r) => [placeKey(r.name, r.municipalityCode), r])),
      municipalityByName: new Map(municipalities.map((m) => [searchKey(m.name), m.code])),
      municipalityNames: new Map(municipalities.map((m) => [m.code, m.name])),
      namesForAddress: municipalities.map((m) => [m.name, m.code] as [string, string]).sort((a, b) => b[0].length - a[0].length),
      inferredKinds: 0,
      placedByAddress: 0,
    };
  },
  build(cells, ctx) {
    const name = cells.name as string;
    const address = cells.address as string;
    let kind = cells.kind as InstitutionKind | undefined;
    if (!kind) {
      kind = inferKind(name);
      ctx.inferredKinds += 1;
    }
    const place = cells.municipality as string;
    let municipalityCode: string | null = null;
    if (place !== '') {
      const normalized = place.normalize('NFKC');
      municipalityCode = /^\d{6}$/.test(normalized) ? normalized : (ctx.municipalityByName.get(searchKey(place)) ?? null);
      if (!municipalityCode || !ctx.municipalityNames.has(municipalityCode)) {
        throw new RowError(`市区町村「${place}」は台帳にありません`, 'municipality');
      }
    } else if (address !== '') {
      // Addresses of towns and villages begin with the 郡; the municipality follows it.
      const bare = address.normalize('NFKC').replace(/^.{1,6}?郡/, '');
      const hit = ctx.namesForAddress.find(([n]) => bare.startsWith(n) || address.startsWith(n));
      if (hit) {
        municipalityCode = hit[1];
        ctx.placedByAddress += 1;
      }
    }
    const beds = cells.beds as number | null;
    if (kind === 'nursing_station' && beds) throw new RowError('訪問看護ステーションに病床数は入力できません', 'beds');
    return { code: cells.code as string | null, name, kind, municipalityCode, address, homeCareSupport: cells.homeCareSupport as boolean, enhanced: cells.enhanced as boolean, beds };
  },
  // Without a code, the same name in the same municipality is the same institution.
  key: (r) =>
    r.code
      ? { key: r.code, label: '医療機関コード', column: 'code', shown: r.code }
      : { key: placeKey(r.name, r.municipalityCode), label: '名称と市区町村', column: 'name', shown: `${r.name}、${r.municipalityCode ?? '市区町村なし'}` },
  display: (r) => r.name,
  existing: (r, ctx) => withoutId(r.code ? ctx.byCode.get(r.code) : ctx.byNameAndPlace.get(placeKey(r.name, r.municipalityCode))),
  fields: [
    { key: 'code', label: '医療機関コード' },
    { key: 'name', label: '名称' },
    { key: 'kind', label: '種別', show: (v) => INSTITUTION_KIND_LABELS[v as InstitutionKind] },
    { key: 'municipalityCode', label: '市区町村', column: 'municipality' },
    { key: 'address', label: '所在地' },
    { key: 'homeCareSupport', label: '在宅療養支援' },
    { key: 'enhanced', label: '機能強化型' },
    { key: 'beds', label: '病床数' },
  ],
  notes(_staged, ctx) {
    const notes: string[] = [];
    if (ctx.inferredKinds > 0) notes.push(`${formatNumber(ctx.inferredKinds)} 行は種別が空欄のため、名称から推定しました（「病院」→病院、「訪問看護」→訪問看護ステーション、それ以外→診療所）`);
    if (ctx.placedByAddress > 0) notes.push(`${formatNumber(ctx.placedByAddress)} 行は市区町村を所在地から判定しました`);
    return notes;
  },
  async apply(db, staged, ctx, audit, bulkInsert) {
    const fresh: InstitutionRecord[] = [];
    for (const { record, before } of staged) {
      if (!before) {
        fresh.push(record);
        continue;
      }
      const id = (record.code ? ctx.byCode.get(record.code) : ctx.byNameAndPlace.get(placeKey(record.name, record.municipalityCode)))!.id;
      await write.saveInstitution(db, { id, ...record }, audit);
    }
    // New rows in bulk: a 100,000-row list would take minutes one saveInstitution at a time.
    const ids = await bulkInsert(
      'institution',
      fresh.map((r) => institutionRow(r, r.municipalityCode ? ctx.municipalityNames.get(r.municipalityCode) : undefined)),
    );
    ids.forEach((id, i) => audit({ entity: 'institution', entityId: id, before: null, after: { id, ...fresh[i]! } }));
  },
};

/** Each kind's spec; the engine is generic, so the map is typed loosely here and only here. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const IMPORT_SPECS: Record<ImportKind, ImportKindSpec<any, any>> = {
  municipalities: municipalityImport,
  populations: populationImport,
  institutions: institutionImport,
  areas: areaImport,
  associations: associationImport,
  centers: centerImport,
  linkage: linkageImport,
  designations: designationImport,
};
