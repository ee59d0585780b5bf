/** The 台帳 import of 積極的役割を担う医療機関の指定: designations with their requirements and partners. */

import { CellError, parseDate, parseFlag } from '@core/tabular/fields';
import { type ImportColumn, type ImportKindSpec, RowError } from '@core/tabular/import-engine';
import { designationSaveSchema } from '@shared/contract/masters';
import type { IsoDate } from '@shared/dates';
import { DESIGNATION_REQUIREMENTS } from '@shared/masters/model';
import { searchKey } from '@shared/text/normalize';
import { formatWareki } from '@shared/wareki';
import { designationRows } from '../../read';
import * as write from '../../write';
import {
  chosen,
  columnsIn,
  findInstitution,
  type InstitutionRef,
  type InstitutionRefs,
  institutionLabel,
  institutionRefs,
  parseInstitutionList,
  showRefs,
  sortRefs,
} from './refs';

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
    example: '〇〇訪問診療クリニック（〇〇市）',
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
    example: '〇〇',
    parse: (c, ctx) => {
      const found = ctx.areas.get(searchKey(c));
      if (!found) throw new CellError(`在宅医療圏「${c}」は台帳にありません。先に圏域を登録するか、名前を確かめてください`);
      return found;
    },
  },
  {
    key: 'designatedOn',
    header: '指定日',
    aliases: ['指定年月日'],
    example: '令和6年4月1日',
    parse: (c) => (c === '' ? null : parseDate(c)),
  },
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
    example: '△△内科医院（〇〇市）、☆☆病院（〇〇市）',
    parse: (c, ctx) =>
      parseInstitutionList(c, ctx.institutions, (found) => {
        if (found.kind === 'nursing_station') {
          throw new CellError(
            `「${found.label}」は訪問看護ステーションです。連携している医療機関には病院・診療所を書き、訪問看護ステーションは「連携している訪問看護事業所」に書いてください`,
          );
        }
      }),
  },
  {
    key: 'stations',
    header: '連携している訪問看護事業所',
    aliases: ['連携訪問看護事業所', '連携している訪問看護ステーション'],
    example: '〇〇訪問看護ステーション（〇〇市）',
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
    const designatedOn = chosen(
      (cells.designatedOn as IsoDate | null) ?? undefined,
      before?.designatedOn,
      '指定日を入力してください',
      'designatedOn',
    );
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
  key: (r) => ({
    key: designationKey(r.institution.id, r.areaId),
    label: '医療機関と在宅医療圏',
    column: 'institution',
    shown: `${r.institution.label}、${r.area}`,
  }),
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
