/**
 * 台帳's formal outputs on the report engine: seed 004's two tables of
 * 「在宅医療において積極的役割を担う医療機関」 as of a day (圏域別・詳細版 and
 * 機能別・概要版), and the year's 在宅医療・介護連携推進事業 by municipality.
 */
import { RenkeiError } from '@shared/contract';
import type { IsoDate } from '@shared/dates';
import { formatFiscalYear } from '@shared/fiscal-year';
import { DESIGNATION_REQUIREMENTS, LINKAGE_ITEMS, LINKAGE_MODE_LABELS, LINKAGE_MODES, type LinkageMode } from '@shared/masters/model';
import type { ReportColumn, ReportRow } from '@shared/report/model';
import { formatWareki } from '@shared/wareki';
import type { Db } from '../kernel/db/schema';
import { attachmentHeader, type ReportDefinition } from '../kernel/report-definition';
import { areaSummaries, designationRows, linkageItems, municipalityRows } from './read';

const DESIGNATIONS_TITLE = '「在宅医療において積極的役割を担う医療機関」一覧';

/** The day of the first designation, from which the two lists have rows; null when none is registered. */
async function firstDesignatedOn(db: Db): Promise<IsoDate | null> {
  const row = await db
    .selectFrom('designation')
    .select((eb) => eb.fn.min('designatedOn').as('first'))
    .executeTakeFirst();
  return (row?.first as IsoDate | null | undefined) ?? null;
}

/** The designations in force on a day, each with the areas it sits in. */
async function designationsAsOf(db: Db, asOf: IsoDate) {
  const [designations, areas, municipalities] = [await designationRows(db, asOf), await areaSummaries(db), await municipalityRows(db)];
  if (designations.length === 0) {
    const first = await firstDesignatedOn(db);
    throw new RenkeiError(
      'not_found',
      first === null
        ? '積極的役割を担う医療機関の指定がまだ登録されていません（台帳 › 積極的役割を担う医療機関）。指定を登録してから作成してください。'
        : `${formatWareki(asOf)}現在で有効な指定がありません（最初の指定は${formatWareki(first)}です）。日付を確かめてください。`,
    );
  }
  const areaById = new Map(areas.map((a) => [a.id, a]));
  const municipalityByCode = new Map(municipalities.map((m) => [m.code, m]));
  const institutionPlace = new Map(
    (await db.selectFrom('institution').select(['id', 'municipalityCode']).execute()).map((i) => [i.id, i.municipalityCode]),
  );
  return designations.map((d) => {
    const area = areaById.get(d.areaId)!;
    // The 第二次医療圏 is the home-care area's parent where the prefecture nests them (Hokkaido), else that of the institution's municipality.
    const secondary = area.parentId ? areaById.get(area.parentId) : undefined;
    const place = municipalityByCode.get(institutionPlace.get(d.institutionId) ?? '');
    const tertiary = secondary?.parentId ? areaById.get(secondary.parentId)?.name : place?.areas.tertiary?.name;
    return {
      designation: d,
      cells: {
        tertiary: tertiary ?? '',
        secondary: secondary?.name ?? place?.areas.secondary?.name ?? '',
        homeCare: area.name,
        members: area.municipalityCodes.map((c) => municipalityByCode.get(c)?.name ?? c).join('、'),
        institution: d.institutionName,
        partners: d.partnerInstitutionNames.join('、'),
        stations: d.partnerStationNames.join('、'),
      },
    };
  });
}

const placeColumns: ReportColumn[] = [
  { key: 'tertiary', header: '第三次医療圏', group: '圏域', format: 'text', width: 10 },
  { key: 'secondary', header: '第二次医療圏', group: '圏域', format: 'text', width: 10 },
  { key: 'homeCare', header: '在宅医療圏', group: '圏域', format: 'text', width: 10 },
];
const partnerColumns: ReportColumn[] = [
  { key: 'partners', header: '連携している医療機関', group: '連携先', format: 'text', width: 26 },
  { key: 'stations', header: '連携している訪問看護事業所', group: '連携先', format: 'text', width: 26 },
];

/** Drops the place columns no row fills (a prefecture without 第三次医療圏 prints none). */
function filledColumns(columns: ReportColumn[], rows: { cells: Record<string, unknown> }[]): ReportColumn[] {
  return columns.filter((c) => !placeColumns.includes(c) || rows.some((r) => r.cells[c.key] !== ''));
}

const quoted = (requirements: readonly { heading: string }[]) => requirements.map((r) => `「${r.heading}」`).join('');
const designationNotes = [
  `○は、在宅医療において積極的役割を担う医療機関として担う機能。${quoted(DESIGNATION_REQUIREMENTS.filter((r) => r.required))}は必須、${quoted(DESIGNATION_REQUIREMENTS.filter((r) => !r.required))}は任意。`,
  '圏域は、指定時の在宅医療圏とその第二次・第三次医療圏。',
];

/** Seed 004 numbers its tables 第●表 for the plan to fill in; Renkei prints them as the plan's two tables, in this order. */
const tableTitle = (no: number) => `第${no}表　${DESIGNATIONS_TITLE}`;

/** The area's cells only on the first row of its group, as seed 004 writes them. */
function areaOncePerGroup<T extends { cells: Record<string, string> }>(rows: readonly T[]): T[] {
  return rows.map((row, i) =>
    i > 0 && rows[i - 1]!.cells.homeCare === row.cells.homeCare
      ? { ...row, cells: { ...row.cells, tertiary: '', secondary: '', homeCare: '', members: '' } }
      : row,
  );
}

export const mastersReports: Record<string, ReportDefinition> = {
  'masters.designations.byArea': {
    title: `${DESIGNATIONS_TITLE}（圏域別・詳細版）`,
    section: 'masters',
    description: '在宅医療圏ごとに、構成市町村・医療機関・担う機能（○）・連携先を並べた詳細版（医療計画の別表）',
    orientation: 'landscape',
    needsFiscalYear: false,
    dateMeaning: '基準日',
    dataSince: firstDesignatedOn,
    async build(ctx, { date }) {
      const rows = await designationsAsOf(ctx.db, date);
      return {
        title: tableTitle(1),
        subtitle: '＜在宅医療圏別＞',
        header: attachmentHeader(ctx, date, { dateSuffix: '現在' }),
        blocks: [
          {
            type: 'table',
            columns: filledColumns(
              [
                ...placeColumns,
                { key: 'members', header: '構成市町村', group: '圏域', format: 'text', width: 18 },
                { key: 'institution', header: '医療機関名', format: 'text', width: 22 },
                ...DESIGNATION_REQUIREMENTS.map((r) => ({
                  key: `f${r.no}`,
                  header: r.heading,
                  group: '在宅医療の機能',
                  format: 'mark' as const,
                  width: 9,
                  align: 'center' as const,
                })),
                ...partnerColumns,
              ],
              rows,
            ),
            rows: areaOncePerGroup(rows).map((r) => ({
              kind: 'data',
              cells: { ...r.cells, ...Object.fromEntries(r.designation.requirements.map((met, i) => [`f${i + 1}`, met])) },
            })),
            notes: [...designationNotes, ...DESIGNATION_REQUIREMENTS.map((r) => `${r.heading}: ${r.label}`)],
          },
        ],
      };
    },
  },
  'masters.designations.byFunction': {
    title: `${DESIGNATIONS_TITLE}（機能別・概要版）`,
    section: 'masters',
    description: '担う機能（①〜⑤）ごとに、その機能を担う医療機関と連携先を並べた概要版',
    orientation: 'landscape',
    needsFiscalYear: false,
    dateMeaning: '基準日',
    dataSince: firstDesignatedOn,
    async build(ctx, { date }) {
      const rows = await designationsAsOf(ctx.db, date);
      const tableRows: ReportRow[] = DESIGNATION_REQUIREMENTS.flatMap((r, i) => {
        const serving = rows.filter((row) => row.designation.requirements[i]);
        // The function is named once, on the first of its rows, as seed 004 prints it.
        return [
          ...serving.map((row, n) => ({ kind: 'data' as const, cells: { function: n === 0 ? r.heading : '', ...row.cells } })),
          { kind: 'subtotal' as const, cells: { function: '計', institution: `${serving.length} 機関` } },
        ];
      });
      return {
        title: tableTitle(2),
        subtitle: '＜積極的役割の機能別＞',
        header: attachmentHeader(ctx, date, { dateSuffix: '現在' }),
        blocks: [
          {
            type: 'table',
            columns: filledColumns(
              [
                { key: 'function', header: '在宅医療の機能', format: 'text', width: 30 },
                ...placeColumns,
                { key: 'institution', header: '医療機関名', format: 'text', width: 22 },
                ...partnerColumns,
              ],
              rows,
            ),
            rows: tableRows,
            notes: designationNotes.slice(0, 1),
          },
        ],
      };
    },
  },
  'masters.linkage': {
    title: '在宅医療・介護連携推進事業の実施状況',
    section: 'masters',
    description: '市町村ごとの（ア）〜（ク）の実施方法（直営・委託・広域）と委託先、方法ごとの市町村数',
    orientation: 'landscape',
    needsFiscalYear: true,
    dateMeaning: '作成日',
    async fiscalYears(db) {
      return (await db.selectFrom('linkageItem').select('fiscalYear').distinct().orderBy('fiscalYear', 'desc').execute()).map(
        (r) => r.fiscalYear,
      );
    },
    async build(ctx, { fy, date }) {
      const items = await linkageItems(ctx.db, fy!);
      if (items.length === 0) {
        throw new RenkeiError(
          'not_found',
          `${formatFiscalYear(fy!)}の在宅医療・介護連携推進事業の記録がありません。年度を確かめるか、台帳で入力してください。`,
        );
      }
      const municipalities = (await municipalityRows(ctx.db)).filter((m) => items.some((i) => i.municipalityCode === m.code));
      const centerNames = new Map((await ctx.db.selectFrom('center').select(['id', 'name']).execute()).map((c) => [c.id, c.name]));
      const short: Record<LinkageMode, string> = { direct: '直', entrusted: '委', joint: '広' };
      const modeMark = (code: string, item: string) => {
        const mode = items.find((i) => i.municipalityCode === code && i.item === item)?.mode;
        return mode ? short[mode] : '';
      };
      const count = (item: string, mode: LinkageMode) => items.filter((i) => i.item === item && i.mode === mode).length;
      const itemKey = (code: string) => `item_${code}`;
      return {
        title: '在宅医療・介護連携推進事業の実施状況',
        subtitle: formatFiscalYear(fy!),
        header: attachmentHeader(ctx, date),
        blocks: [
          {
            type: 'table',
            columns: [
              { key: 'code', header: '団体コード', format: 'text', width: 8 },
              { key: 'name', header: '市町村', format: 'text', width: 12 },
              // Marks (直・委・広) in the rows, counts in the totals: a count column keeps the totals numbers a workbook can sum.
              ...LINKAGE_ITEMS.map((item) => ({
                key: itemKey(item.code),
                header: item.label.slice(0, 3),
                group: '実施方法',
                format: 'count' as const,
                width: 5,
                align: 'center' as const,
              })),
              { key: 'entrusted', header: '委託先', format: 'text', width: 30 },
            ],
            rows: [
              ...municipalities.map((m) => ({
                kind: 'data' as const,
                cells: {
                  code: m.code,
                  name: m.name,
                  ...Object.fromEntries(LINKAGE_ITEMS.map((item) => [itemKey(item.code), modeMark(m.code, item.code)])),
                  entrusted: [
                    ...new Set(
                      items
                        .filter((i) => i.municipalityCode === m.code && i.mode === 'entrusted')
                        .map((i) => (i.centerId !== null ? centerNames.get(i.centerId) : undefined) ?? i.entrustedBody)
                        .filter(Boolean),
                    ),
                  ].join('、'),
                },
              })),
              ...LINKAGE_MODES.map((mode) => ({
                kind: 'total' as const,
                cells: {
                  name: `${LINKAGE_MODE_LABELS[mode]}の市町村数`,
                  ...Object.fromEntries(LINKAGE_ITEMS.map((item) => [itemKey(item.code), count(item.code, mode)])),
                },
              })),
            ],
            notes: ['直＝直営、委＝委託、広＝広域（複数市町村による共同実施）。', ...LINKAGE_ITEMS.map((item) => item.label)],
          },
          {
            type: 'chart',
            title: '事業項目ごとの実施方法（市町村数）',
            kind: 'stackedBar',
            labels: LINKAGE_ITEMS.map((item) => item.label.slice(0, 3)),
            series: LINKAGE_MODES.map((mode) => ({
              label: LINKAGE_MODE_LABELS[mode],
              values: LINKAGE_ITEMS.map((item) => count(item.code, mode)),
            })),
            unit: '市町村',
            pageBreakBefore: true,
          },
        ],
      };
    },
  },
};
