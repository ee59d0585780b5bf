/**
 * The fund's files: the plan's project list from a workbook, the way officers
 * keep it in Excel: one row per project with its 区分, 事業主体, period,
 * content and its money in the chosen budget version. Projects are matched by 事業番号; 事業主体 that
 * are a 医師会 or 市町村 are looked up in the 台帳. The same columns are what
 * the list is written out with, so a list can go out, be edited and come back.
 */
import { type FileOut, type ImportPreview, type ImportResult, RenkeiError } from '@shared/contract';
import { FUND_SIDE_LABELS, type FundProject, type FundSide, OPERATOR_KIND_LABELS, type OperatorKind } from '@shared/contract/fund';
import { type FiscalYear, fiscalYear, formatFiscalYear } from '@shared/fiscal-year';
import { formatYen } from '@shared/format';
import { checkPublicPrivateSplit, splitFund } from '@shared/fund/split';
import { type Yen, yen } from '@shared/money';
import { searchKey } from '@shared/text/normalize';
import type { AuditRecord, MutationContext } from '../kernel/context';
import type { Db, Reader, Trx } from '../kernel/db/schema';
import { associations } from '../masters';
import { CellError, parseChoice, parseFiscalYearCell, parseText, parseYen } from '../tabular/fields';
import {
  commitImport,
  type ImportColumn,
  type ImportKindSpec,
  importTemplate,
  previewImport,
  RowError,
  type Staged,
} from '../tabular/import-engine';
import type { Table } from '../tabular/read';
import { writeXlsx, XLSX_MIME } from '../tabular/write';
import { categories, projects, versionLines, versionSummary } from './read';
import { latestVersion, saveAmounts, saveProject } from './write';

export interface ProjectRecord {
  number: string;
  name: string;
  categoryCode: string;
  operatorKind: OperatorKind;
  operatorName: string;
  startFy: FiscalYear;
  endFy: FiscalYear | null;
  content: string;
  fundAmount: Yen;
  otherAmount: Yen;
  publicAmount: Yen;
  privateAmount: Yen;
  entrustedAmount: Yen;
}

/** A stored project with its line in the version, as the importer compares it. */
interface Existing {
  project: FundProject;
  record: ProjectRecord;
  inVersion: boolean;
}

interface Ctx {
  side: FundSide;
  versionId: number;
  /** By 事業番号. */
  existing: Map<string, Existing>;
  /** 区分 by code and by its name. */
  categoryOf: Map<string, string>;
  associationIds: Map<string, number>;
  municipalityCodes: Map<string, string>;
}

const PUBLIC_OPERATORS: readonly OperatorKind[] = ['prefecture', 'municipality'];

/** The 区分 cell as people write it: Ⅱ, 区分Ⅱ, II, 2, Ⅰ-1, or the 区分's name. */
function categoryKey(text: string): string {
  const v = text
    .normalize('NFKC')
    .trim()
    .replace(/^区分/, '')
    .replace(/[‐－―ー]/g, '-');
  const roman: Record<string, string> = {
    I: 'Ⅰ',
    II: 'Ⅱ',
    III: 'Ⅲ',
    IV: 'Ⅳ',
    V: 'Ⅴ',
    VI: 'Ⅵ',
    '1': 'Ⅰ',
    '2': 'Ⅱ',
    '3': 'Ⅲ',
    '4': 'Ⅳ',
    '5': 'Ⅴ',
    '6': 'Ⅵ',
  };
  const m = /^([IVX]+|\d)(-\d)?$/i.exec(v);
  return m ? `${roman[m[1]!.toUpperCase()] ?? m[1]}${m[2] ?? ''}` : searchKey(v);
}

const yenColumn = (key: keyof ProjectRecord & string, header: string, example: string, aliases: string[] = []): ImportColumn<Ctx> => ({
  key,
  header,
  aliases,
  example,
  width: 14,
  parse: parseYen,
});

/** The workbook's columns, in the order the list is written out. */
const COLUMNS: readonly ImportColumn<Ctx>[] = [
  { key: 'number', header: '事業番号', aliases: ['番号', 'No', 'No.'], required: true, example: 'Ⅱ-1', parse: (c) => parseText(c, 20) },
  { key: 'name', header: '事業名', required: true, example: '在宅医療推進センター整備事業', width: 36, parse: (c) => parseText(c, 200) },
  {
    key: 'categoryCode',
    header: '区分',
    aliases: ['事業区分'],
    required: true,
    example: 'Ⅱ',
    parse: (c, ctx) => {
      const code = ctx.categoryOf.get(categoryKey(c));
      if (!code) throw new CellError(`区分「${c}」は区分の一覧にありません（例: Ⅰ-1、Ⅱ、区分Ⅳ）`);
      return code;
    },
  },
  {
    key: 'operatorKind',
    header: '事業主体の種類',
    aliases: ['主体の種類'],
    example: '医師会',
    parse: (c) =>
      c === ''
        ? undefined
        : parseChoice(c, OPERATOR_KIND_LABELS, { 都道府県: 'prefecture', 市町村等: 'municipality', 市区町村: 'municipality' }),
  },
  {
    key: 'operatorName',
    header: '事業主体',
    aliases: ['事業主体名', '実施主体'],
    example: '新潟県医師会',
    width: 24,
    parse: (c) => parseText(c, 100),
  },
  { key: 'startFy', header: '開始年度', aliases: ['事業開始年度'], required: true, example: '令和5年度', parse: parseFiscalYearCell },
  { key: 'endFy', header: '終了年度', aliases: ['事業終了年度'], example: '（空欄は継続）', parse: parseFiscalYearCell },
  {
    key: 'content',
    header: '事業の内容',
    aliases: ['内容', '事業内容'],
    example: '在宅医療推進センターの運営に対する補助',
    width: 40,
    parse: (c) => parseText(c, 4000),
  },
  yenColumn('fundAmount', '基金充当額（円）', '84,586,000', ['基金充当額', '基金']),
  yenColumn('otherAmount', 'その他（円）', '0', ['その他']),
  yenColumn('publicAmount', '公（円）', '', ['公']),
  yenColumn('privateAmount', '民（円）', '56,390,666', ['民']),
  yenColumn('entrustedAmount', 'うち受託事業等（円）', '', ['うち受託事業等', '受託事業等']),
];

const showYen = (v: unknown) => formatYen(v as Yen);

/** The fields compared with a stored project, as the preview shows a change. */
const FIELDS: ImportKindSpec<ProjectRecord, Ctx>['fields'] = [
  { key: 'name', label: '事業名' },
  { key: 'categoryCode', label: '区分' },
  { key: 'operatorKind', label: '事業主体の種類', show: (v) => OPERATOR_KIND_LABELS[v as OperatorKind] },
  { key: 'operatorName', label: '事業主体' },
  { key: 'startFy', label: '開始年度', show: (v) => formatFiscalYear(v as FiscalYear) },
  { key: 'endFy', label: '終了年度', show: (v) => (v === null ? '継続' : formatFiscalYear(v as FiscalYear)) },
  { key: 'content', label: '事業の内容' },
  { key: 'fundAmount', label: '基金充当額', show: showYen },
  { key: 'otherAmount', label: 'その他', show: showYen },
  { key: 'publicAmount', label: '公', show: showYen },
  { key: 'privateAmount', label: '民', show: showYen },
  { key: 'entrustedAmount', label: 'うち受託事業等', show: showYen },
];

/** What rows are checked against: the 区分 by code and name, the 台帳's 医師会 and 市町村, the side's projects in the version. */
async function prepare(db: Reader, side: FundSide, versionId: number): Promise<Ctx> {
  const categoryOf = new Map<string, string>();
  for (const c of await categories(db)) {
    categoryOf.set(categoryKey(c.code), c.code);
    categoryOf.set(searchKey(c.label), c.code);
  }
  const municipalities = await db.selectFrom('municipality').select(['code', 'name']).execute();
  return {
    side,
    versionId,
    categoryOf,
    associationIds: new Map((await associations(db)).map((a) => [searchKey(a.name), a.id])),
    municipalityCodes: new Map(municipalities.map((m) => [searchKey(m.name), m.code])),
    existing: await existingProjects(db, side, versionId),
  };
}

/** The 事業主体 named in the 台帳 when it is a 医師会 or 市町村. */
function checkOperator(operatorKind: OperatorKind, operatorName: string, ctx: Ctx): void {
  if (operatorKind === 'association' && operatorName !== '' && !ctx.associationIds.has(searchKey(operatorName))) {
    throw new RowError(`医師会「${operatorName}」が台帳にありません。台帳の医師会の名前で書いてください`, 'operatorName');
  }
  if (operatorKind === 'municipality' && operatorName !== '' && !ctx.municipalityCodes.has(searchKey(operatorName))) {
    throw new RowError(`市町村「${operatorName}」が台帳にありません`, 'operatorName');
  }
}

/**
 * The 公/民 split of the 国 share: a project wholly 公 or wholly 民 keeps to
 * its side as its 国 share changes; both blank, the 事業主体 decides.
 */
function publicPrivate(cells: Record<string, unknown>, operatorKind: OperatorKind): { publicAmount: Yen; privateAmount: Yen } {
  const { national } = splitFund(cells.fundAmount as Yen);
  let publicAmount = cells.publicAmount as Yen;
  let privateAmount = cells.privateAmount as Yen;
  if (publicAmount === 0 || privateAmount === 0) {
    const toPublic = publicAmount > 0 || (privateAmount === 0 && PUBLIC_OPERATORS.includes(operatorKind));
    publicAmount = toPublic ? national : yen(0);
    privateAmount = toPublic ? yen(0) : national;
  }
  const problem = checkPublicPrivateSplit(national, { publicAmount, privateAmount, entrustedAmount: cells.entrustedAmount as Yen })[0];
  if (problem) throw new RowError(problem.message, 'publicAmount');
  return { publicAmount, privateAmount };
}

/** A row as a project record, the kind of 事業主体 kept from the stored project when the row leaves it blank. */
function buildRecord(cells: Record<string, unknown>, ctx: Ctx): ProjectRecord {
  const operatorKind =
    (cells.operatorKind as OperatorKind | undefined) ?? ctx.existing.get(cells.number as string)?.record.operatorKind ?? 'prefecture';
  const operatorName = cells.operatorName as string;
  checkOperator(operatorKind, operatorName, ctx);
  const startFy = cells.startFy as FiscalYear;
  const endFy = cells.endFy as FiscalYear | null;
  if (endFy !== null && endFy < startFy)
    throw new RowError(`終了年度（${formatFiscalYear(endFy)}）が開始年度（${formatFiscalYear(startFy)}）より前です`, 'endFy');
  const { publicAmount, privateAmount } = publicPrivate(cells, operatorKind);
  return {
    number: cells.number as string,
    name: cells.name as string,
    categoryCode: cells.categoryCode as string,
    operatorKind,
    operatorName,
    startFy,
    endFy,
    content: cells.content as string,
    fundAmount: cells.fundAmount as Yen,
    otherAmount: cells.otherAmount as Yen,
    publicAmount,
    privateAmount,
    entrustedAmount: cells.entrustedAmount as Yen,
  };
}

/** Saves each project, then all their amounts in the version at once (checked together, as on the screen). */
async function applyRecords(db: Trx, staged: Staged<ProjectRecord>[], ctx: Ctx, audit: (record: AuditRecord) => void): Promise<void> {
  const lines = [];
  for (const { record } of staged) {
    // No version is named (the import read every project in this transaction), so the clock only words a refusal that cannot come.
    const saved = await saveProject(db, projectInput(ctx, record, ctx.existing.get(record.number)?.project), audit, new Date());
    lines.push({
      projectId: saved.id,
      fundAmount: record.fundAmount,
      otherAmount: record.otherAmount,
      publicAmount: record.publicAmount,
      privateAmount: record.privateAmount,
      entrustedAmount: record.entrustedAmount,
      split: null,
    });
  }
  if (lines.length > 0) await saveAmounts(db, { versionId: ctx.versionId, lines }, audit);
}

export function fundProjectImport(side: FundSide, versionId: number): ImportKindSpec<ProjectRecord, Ctx> {
  return {
    label: '基金の事業',
    columns: COLUMNS,
    prepare: (db) => prepare(db, side, versionId),
    build: buildRecord,
    key: (r) => ({ key: r.number, label: '事業番号', column: 'number', shown: r.number }),
    display: (r) => r.name,
    existing: (r, ctx) => ctx.existing.get(r.number)?.record,
    fields: FIELDS,
    apply: (db, staged, ctx, audit) => applyRecords(db, staged, ctx, audit),
    notes(staged, ctx) {
      const added = staged.filter((s) => !ctx.existing.has(s.record.number)).length;
      return added > 0 ? [`新しい事業 ${added} 件を登録し、選んだ版に金額を入れます`] : [];
    },
  };
}

/** What saveProject takes: the row's fields, the 台帳 link of its 事業主体, and a stored project's indicators kept. */
function projectInput(ctx: Ctx, r: ProjectRecord, stored: FundProject | undefined) {
  const { fundAmount: _f, otherAmount: _o, publicAmount: _p, privateAmount: _pr, entrustedAmount: _e, ...fields } = r;
  return {
    ...(stored ? { id: stored.id } : {}),
    ...fields,
    side: ctx.side,
    associationId: r.operatorKind === 'association' ? (ctx.associationIds.get(searchKey(r.operatorName)) ?? null) : null,
    municipalityCode: r.operatorKind === 'municipality' ? (ctx.municipalityCodes.get(searchKey(r.operatorName)) ?? null) : null,
    indicators: stored?.indicators ?? [],
  };
}

async function existingProjects(db: Reader, side: FundSide, versionId: number): Promise<Map<string, Existing>> {
  const version = await versionSummary(db, versionId);
  if (version.side !== side)
    throw new RenkeiError(
      'validation',
      `選んだ版は${FUND_SIDE_LABELS[version.side]}の版です。${FUND_SIDE_LABELS[side]}の版を選んでください。`,
    );
  const lines = new Map((await versionLines(db, versionId)).map((l) => [l.projectId, l.amounts]));
  const zero = yen(0);
  return new Map(
    (await projects(db, side)).map((p) => {
      const line = lines.get(p.id);
      const record: ProjectRecord = {
        number: p.number,
        name: p.name,
        categoryCode: p.categoryCode,
        operatorKind: p.operatorKind,
        operatorName: p.operatorName,
        startFy: p.startFy,
        endFy: p.endFy,
        content: p.content,
        fundAmount: line?.fundAmount ?? zero,
        otherAmount: line?.otherAmount ?? zero,
        publicAmount: line?.publicAmount ?? zero,
        privateAmount: line?.privateAmount ?? zero,
        entrustedAmount: line?.entrustedAmount ?? zero,
      };
      return [p.number, { project: p, record, inVersion: line !== undefined }];
    }),
  );
}

/** The version's project list in the import's columns, for editing in Excel and bringing back. */
export async function projectListRows(db: Reader, side: FundSide, versionId: number): Promise<Record<string, string | number>[]> {
  return [...(await existingProjects(db, side, versionId)).values()]
    .filter((e) => e.inVersion)
    .map(({ record: r }) => ({
      ...r,
      operatorKind: OPERATOR_KIND_LABELS[r.operatorKind],
      startFy: formatFiscalYear(r.startFy),
      endFy: r.endFy === null ? '' : formatFiscalYear(r.endFy),
    }));
}

const KIND = 'fund.projects';

/** What importing the workbook would do to the side's projects and the version, row by row. */
export async function previewProjects(db: Db, input: { side: FundSide; versionId: number }, table: Table): Promise<ImportPreview> {
  return previewImport(db, fundProjectImport(input.side, input.versionId), table, KIND);
}

/** Imports the workbook into the version, which must be the year's latest; all rows or none. */
export async function commitProjects(
  { db, audit, bulkInsert }: MutationContext,
  input: { side: FundSide; versionId: number; excludeRows: number[] },
  table: Table,
): Promise<ImportResult> {
  await latestVersion(db, input.versionId);
  return commitImport(db, fundProjectImport(input.side, input.versionId), table, input.excludeRows, audit, bulkInsert);
}

/** The version's project list as a workbook in the import's columns. */
export async function projectWorkbook(db: Db, input: { side: FundSide; versionId: number }): Promise<FileOut> {
  const version = await versionSummary(db, input.versionId);
  const sheets = importTemplate(
    fundProjectImport(input.side, input.versionId),
    '事業一覧',
    await projectListRows(db, input.side, input.versionId),
  );
  return {
    fileName: `基金事業一覧_${FUND_SIDE_LABELS[input.side]}_${formatFiscalYear(fiscalYear(version.fiscalYear))}_${version.label}.xlsx`,
    mimeType: XLSX_MIME,
    data: (await writeXlsx(sheets)).toString('base64'),
  };
}
