/** The 台帳 import of 市区町村: 団体コード, name, type, the areas it belongs to. */

import { CellError, parseChoice, parseFlag, parseLocalGovCode, parseText } from '@core/tabular/fields';
import { type ImportKindSpec, RowError } from '@core/tabular/import-engine';
import type { Municipality } from '@shared/contract/masters';
import { AREA_KIND_LABELS, type AreaKind, MUNICIPALITY_TYPES, type MunicipalityType } from '@shared/masters/model';
import { municipalityRows } from '../../read';
import * as write from '../../write';
import { codeOfOtherPrefecture, type HomePrefecture, homePrefecture, municipalityCodeExample, otherPrefectures } from './prefecture';

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
  home: HomePrefecture | null;
}

const typeFromName = (name: string): MunicipalityType | undefined => MUNICIPALITY_TYPES.find((t) => name.endsWith(t));

export const municipalityImport: ImportKindSpec<MunicipalityRecord, MunicipalityCtx> = {
  label: '市区町村',
  columns: [
    {
      key: 'code',
      header: '団体コード',
      aliases: ['全国地方公共団体コード', '市区町村コード', '市町村コード', 'lgcode'],
      required: true,
      example: municipalityCodeExample,
      parse: (c, ctx) => parseLocalGovCode(c, ctx.home?.code ?? null),
    },
    {
      key: 'name',
      header: '市区町村名',
      aliases: ['市町村名', '市区町村', '名称', 'city'],
      required: true,
      example: '〇〇市',
      parse: (c) => parseText(c, 40),
    },
    {
      key: 'kana',
      header: 'よみがな',
      aliases: ['よみ', 'ふりがな', 'フリガナ', 'citykana'],
      example: 'まるまるし',
      parse: (c) => parseText(c, 80),
    },
    {
      key: 'type',
      header: '種別',
      aliases: ['区分'],
      example: '市',
      parse: (c) => (c === '' ? undefined : parseChoice(c, { 市: '市', 町: '町', 村: '村', 区: '区' } as Record<MunicipalityType, string>)),
    },
    { key: 'designatedCity', header: '政令市', aliases: ['政令指定都市'], example: '○', parse: parseFlag },
    { key: 'coreCity', header: '中核市', example: '', parse: parseFlag },
    ...IMPORTED_AREA_KINDS.map((kind) => ({
      key: kind,
      header: AREA_KIND_LABELS[kind],
      example: kind === 'insurer' ? '' : '〇〇',
      parse: (c: string) => parseText(c, 40),
    })),
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
      home: await homePrefecture(db),
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
  // A code that cannot be read is no prefecture's: its row is checked, and its error shown.
  outside: otherPrefectures(
    (text, home) => {
      try {
        return codeOfOtherPrefecture(parseLocalGovCode(text('code'), home.code), home);
      } catch (error) {
        if (error instanceof CellError) return false;
        throw error;
      }
    },
    (home) => `団体コードの都道府県番号が${home.code}以外`,
  ),
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
        {
          code: record.code,
          name: record.name,
          kana: record.kana,
          type: record.type,
          designatedCity: record.designatedCity,
          coreCity: record.coreCity,
          areas,
          isNew: !ctx.existing.has(record.code),
        },
        audit,
      );
    }
  },
};
