/**
 * The fund's files: the plan's project list from a workbook, the way officers
 * keep it in Excel: one row per project with its 区分, 事業主体, period,
 * content, the national 個票's fields (目標, 対象区域, 期間 as dates, ニーズ,
 * the first アウトカム and アウトプット指標, 備考) and its money in the chosen
 * budget version. Projects are matched by 事業番号; 事業主体 that
 * are a 医師会 or 市町村 are looked up in the 台帳. The same columns are what
 * the list is written out with, so a list can go out, be edited and come back.
 */
import { z } from 'zod';
import { type FileOut, type ImportPreview, type ImportResult, lazySchema, RenkeiError } from '@shared/contract';
import {
  FUND_SIDE_LABELS,
  FUND_SIDES,
  type FundIndicator,
  type FundProject,
  type FundSide,
  type FundVersionSummary,
  type IndicatorKind,
  OPERATOR_KIND_LABELS,
  type OperatorKind,
} from '@shared/contract/fund';
import type { IsoDate } from '@shared/dates';
import { type FiscalYear, fiscalYear, formatFiscalYear } from '@shared/fiscal-year';
import { formatYen } from '@shared/format';
import { checkPublicPrivateSplit, publicPrivateOf, splitFund } from '@shared/fund/split';
import { type Yen, yen } from '@shared/money';
import { formatHundredths } from '@shared/numbers';
import { searchKey } from '@shared/text/normalize';
import { formatWareki } from '@shared/wareki';
import type { AuditRecord, MutationContext } from '../kernel/context';
import type { Db, Reader, Trx } from '../kernel/db/schema';
import type { Job } from '../kernel/jobs/job';
import type { UploadedFile } from '../kernel/jobs/offload';
import { readUpload } from '../kernel/jobs/uploads';
import { associations, homePrefecture } from '../masters';
import { CellError, parseChoice, parseDate, parseFiscalYearCell, parseHundredths, parseText, parseYen } from '../tabular/fields';
import {
  commitImport,
  headerOf,
  type ImportColumn,
  type ImportKindSpec,
  importTemplate,
  previewImport,
  RowError,
  type Staged,
} from '../tabular/import-engine';
import type { Table, TableRows } from '../tabular/read';
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
  goal: string;
  targetArea: string;
  periodStart: IsoDate | null;
  periodEnd: IsoDate | null;
  needs: string;
  outcomeOutputLink: string;
  remarks: string;
  /** The first アウトカム指標: name, unit, 現状値 and 目標値 (hundredths) with their days. */
  outcomeLabel: string;
  outcomeUnit: string;
  outcomeBaseline: number | null;
  outcomeBaselineOn: IsoDate | null;
  outcomeTarget: number | null;
  outcomeTargetOn: IsoDate | null;
  /** The first アウトプット指標: name, unit and 目標値. */
  outputLabel: string;
  outputUnit: string;
  outputTarget: number | null;
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

const optionalDate = (c: string): IsoDate | null => (c.trim() === '' ? null : parseDate(c));
const textColumn = (
  key: keyof ProjectRecord & string,
  header: string,
  max: number,
  example: string,
  aliases: string[] = [],
): ImportColumn<Ctx> => ({
  key,
  header,
  aliases,
  example,
  width: max > 200 ? 40 : 20,
  parse: (c) => parseText(c, max),
});

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
    example: (prefecture) => `${prefecture?.name ?? '〇〇県'}医師会`,
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
  textColumn('goal', '事業の目標', 2000, '在宅医療に必要な連携を担う拠点を全圏域に整備する', ['目標']),
  textColumn('targetArea', '事業の対象となる区域', 200, '県全体', ['対象区域', '事業の対象となる医療介護総合確保区域']),
  { key: 'periodStart', header: '事業の期間（開始日）', aliases: ['開始日'], example: '令和5年4月1日', parse: optionalDate },
  { key: 'periodEnd', header: '事業の期間（終了日）', aliases: ['終了日'], example: '令和6年3月31日', parse: optionalDate },
  textColumn('needs', '背景にある医療・介護ニーズ', 4000, '在宅医療を必要とする高齢者の増加', ['ニーズ']),
  textColumn('outcomeLabel', 'アウトカム指標', 200, '訪問診療を受けた患者数'),
  textColumn('outcomeUnit', 'アウトカム指標の単位', 20, '人'),
  { key: 'outcomeBaseline', header: 'アウトカム指標の現状値', aliases: ['現状値'], example: '1,200', parse: parseHundredths },
  { key: 'outcomeBaselineOn', header: '現状値の時点', example: '令和4年10月1日', parse: optionalDate },
  { key: 'outcomeTarget', header: 'アウトカム指標の目標値', aliases: ['目標値'], example: '1,300', parse: parseHundredths },
  { key: 'outcomeTargetOn', header: '目標値の時点', example: '令和6年3月31日', parse: optionalDate },
  textColumn('outputLabel', 'アウトプット指標', 200, '在宅医療推進センターの設置数'),
  textColumn('outputUnit', 'アウトプット指標の単位', 20, '箇所'),
  { key: 'outputTarget', header: 'アウトプット指標の目標値', example: '17', parse: parseHundredths },
  textColumn('outcomeOutputLink', 'アウトカムとアウトプットの関連', 2000, 'センターが多職種連携を支えることで訪問診療が増える'),
  textColumn('remarks', '備考', 2000, ''),
  yenColumn('fundAmount', '基金充当額（円）', '84,586,000', ['基金充当額', '基金']),
  yenColumn('otherAmount', 'その他（円）', '0', ['その他']),
  yenColumn('publicAmount', '公（円）', '', ['公']),
  yenColumn('privateAmount', '民（円）', '56,390,666', ['民']),
  yenColumn('entrustedAmount', 'うち受託事業等（円）', '', ['うち受託事業等', '受託事業等']),
];

const showYen = (v: unknown) => formatYen(v as Yen);
const showDate = (v: unknown) => (v === null ? '（なし）' : formatWareki(v as IsoDate));
const showHundredths = (v: unknown) => formatHundredths(v as number | null);

/** The fields compared with a stored project, as the preview shows a change. */
const FIELDS: ImportKindSpec<ProjectRecord, Ctx>['fields'] = [
  { key: 'name', label: '事業名' },
  { key: 'categoryCode', label: '区分' },
  { key: 'operatorKind', label: '事業主体の種類', show: (v) => OPERATOR_KIND_LABELS[v as OperatorKind] },
  { key: 'operatorName', label: '事業主体' },
  { key: 'startFy', label: '開始年度', show: (v) => formatFiscalYear(v as FiscalYear) },
  { key: 'endFy', label: '終了年度', show: (v) => (v === null ? '継続' : formatFiscalYear(v as FiscalYear)) },
  { key: 'content', label: '事業の内容' },
  { key: 'goal', label: '事業の目標' },
  { key: 'targetArea', label: '事業の対象となる区域' },
  { key: 'periodStart', label: '事業の期間（開始日）', show: showDate },
  { key: 'periodEnd', label: '事業の期間（終了日）', show: showDate },
  { key: 'needs', label: '背景にある医療・介護ニーズ' },
  { key: 'outcomeLabel', label: 'アウトカム指標' },
  { key: 'outcomeUnit', label: 'アウトカム指標の単位' },
  { key: 'outcomeBaseline', label: 'アウトカム指標の現状値', show: showHundredths },
  { key: 'outcomeBaselineOn', label: '現状値の時点', show: showDate },
  { key: 'outcomeTarget', label: 'アウトカム指標の目標値', show: showHundredths },
  { key: 'outcomeTargetOn', label: '目標値の時点', show: showDate },
  { key: 'outputLabel', label: 'アウトプット指標' },
  { key: 'outputUnit', label: 'アウトプット指標の単位' },
  { key: 'outputTarget', label: 'アウトプット指標の目標値', show: showHundredths },
  { key: 'outcomeOutputLink', label: 'アウトカムとアウトプットの関連' },
  { key: 'remarks', label: '備考' },
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
  const inLedger = operatorKind === 'association' ? ctx.associationIds : operatorKind === 'municipality' ? ctx.municipalityCodes : null;
  if (inLedger && operatorName === '' && inLedger.size > 0) {
    const label = OPERATOR_KIND_LABELS[operatorKind];
    throw new RowError(
      `事業主体の種類が「${label}」ですが、事業主体が空です。「事業主体」に台帳の${label}の名前を書いてください`,
      'operatorName',
    );
  }
  if (inLedger && operatorName !== '' && !inLedger.has(searchKey(operatorName))) {
    const label = OPERATOR_KIND_LABELS[operatorKind];
    throw new RowError(`${label}「${operatorName}」が台帳にありません。台帳の${label}の名前で書いてください`, 'operatorName');
  }
}

/** The row's 公/民 split of the 国 share by the rule the year view follows too (publicPrivateOf), checked. */
function publicPrivate(cells: Record<string, unknown>, operatorKind: OperatorKind): { publicAmount: Yen; privateAmount: Yen } {
  const { national } = splitFund(cells.fundAmount as Yen);
  const written = { publicAmount: cells.publicAmount as Yen, privateAmount: cells.privateAmount as Yen };
  const { publicAmount, privateAmount } = publicPrivateOf(national, written, operatorKind);
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
  const periodStart = cells.periodStart as IsoDate | null;
  const periodEnd = cells.periodEnd as IsoDate | null;
  if (periodStart !== null && periodEnd !== null && periodEnd < periodStart)
    throw new RowError(`事業の期間の終了日（${formatWareki(periodEnd)}）が開始日（${formatWareki(periodStart)}）より前です`, 'periodEnd');
  const outcomeLabel = cells.outcomeLabel as string;
  if (outcomeLabel === '' && (cells.outcomeBaseline !== null || cells.outcomeTarget !== null))
    throw new RowError('アウトカム指標の値がありますが、指標の名前が空です。「アウトカム指標」に名前を書いてください', 'outcomeLabel');
  const outputLabel = cells.outputLabel as string;
  if (outputLabel === '' && cells.outputTarget !== null)
    throw new RowError(
      'アウトプット指標の目標値がありますが、指標の名前が空です。「アウトプット指標」に名前を書いてください',
      'outputLabel',
    );
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
    goal: cells.goal as string,
    targetArea: cells.targetArea as string,
    periodStart,
    periodEnd,
    needs: cells.needs as string,
    outcomeOutputLink: cells.outcomeOutputLink as string,
    remarks: cells.remarks as string,
    outcomeLabel,
    outcomeUnit: cells.outcomeUnit as string,
    outcomeBaseline: cells.outcomeBaseline as number | null,
    outcomeBaselineOn: cells.outcomeBaselineOn as IsoDate | null,
    outcomeTarget: cells.outcomeTarget as number | null,
    outcomeTargetOn: cells.outcomeTargetOn as IsoDate | null,
    outputLabel,
    outputUnit: cells.outputUnit as string,
    outputTarget: cells.outputTarget as number | null,
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

/**
 * A project's indicators with the row's first アウトカム and アウトプット指標 in
 * place of the stored first of each kind (its 実績値 kept); a blank name
 * removes it, and the other indicators stay as they are.
 */
function mergedIndicators(r: ProjectRecord, stored: readonly FundIndicator[]): FundIndicator[] {
  const row: Record<IndicatorKind, Omit<FundIndicator, 'actual' | 'kind'> | null> = {
    outcome: r.outcomeLabel
      ? {
          label: r.outcomeLabel,
          unit: r.outcomeUnit,
          baseline: r.outcomeBaseline,
          baselineOn: r.outcomeBaselineOn,
          target: r.outcomeTarget,
          targetOn: r.outcomeTargetOn,
        }
      : null,
    output: r.outputLabel
      ? { label: r.outputLabel, unit: r.outputUnit, baseline: null, baselineOn: null, target: r.outputTarget, targetOn: null }
      : null,
  };
  const out: FundIndicator[] = [];
  const placed = new Set<IndicatorKind>();
  for (const indicator of stored) {
    if (placed.has(indicator.kind)) {
      out.push(indicator);
      continue;
    }
    placed.add(indicator.kind);
    const fromRow = row[indicator.kind];
    if (!fromRow) continue;
    const baseline = indicator.kind === 'output' ? { baseline: indicator.baseline, baselineOn: indicator.baselineOn } : {};
    out.push({ ...indicator, ...fromRow, ...baseline });
  }
  for (const kind of ['outcome', 'output'] as const) {
    const fromRow = row[kind];
    if (!placed.has(kind) && fromRow) out.push({ kind, ...fromRow, actual: null });
  }
  return out;
}

/** What saveProject takes: the row's fields, the 台帳 link of its 事業主体, and the indicators with the row's put in. */
function projectInput(ctx: Ctx, r: ProjectRecord, stored: FundProject | undefined) {
  const {
    fundAmount: _f,
    otherAmount: _o,
    publicAmount: _p,
    privateAmount: _pr,
    entrustedAmount: _e,
    outcomeLabel: _ol,
    outcomeUnit: _ou,
    outcomeBaseline: _ob,
    outcomeBaselineOn: _obo,
    outcomeTarget: _ot,
    outcomeTargetOn: _oto,
    outputLabel: _pl,
    outputUnit: _pu,
    outputTarget: _pt,
    ...fields
  } = r;
  return {
    ...(stored ? { id: stored.id } : {}),
    ...fields,
    side: ctx.side,
    associationId: r.operatorKind === 'association' ? (ctx.associationIds.get(searchKey(r.operatorName)) ?? null) : null,
    municipalityCode: r.operatorKind === 'municipality' ? (ctx.municipalityCodes.get(searchKey(r.operatorName)) ?? null) : null,
    indicators: mergedIndicators(r, stored?.indicators ?? []),
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
      const outcome = p.indicators.find((i) => i.kind === 'outcome');
      const output = p.indicators.find((i) => i.kind === 'output');
      const record: ProjectRecord = {
        number: p.number,
        name: p.name,
        categoryCode: p.categoryCode,
        operatorKind: p.operatorKind,
        operatorName: p.operatorName,
        startFy: p.startFy,
        endFy: p.endFy,
        content: p.content,
        goal: p.goal,
        targetArea: p.targetArea,
        periodStart: p.periodStart,
        periodEnd: p.periodEnd,
        needs: p.needs,
        outcomeOutputLink: p.outcomeOutputLink,
        remarks: p.remarks,
        outcomeLabel: outcome?.label ?? '',
        outcomeUnit: outcome?.unit ?? '',
        outcomeBaseline: outcome?.baseline ?? null,
        outcomeBaselineOn: outcome?.baselineOn ?? null,
        outcomeTarget: outcome?.target ?? null,
        outcomeTargetOn: outcome?.targetOn ?? null,
        outputLabel: output?.label ?? '',
        outputUnit: output?.unit ?? '',
        outputTarget: output?.target ?? null,
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
      periodStart: r.periodStart === null ? '' : formatWareki(r.periodStart),
      periodEnd: r.periodEnd === null ? '' : formatWareki(r.periodEnd),
      outcomeBaselineOn: r.outcomeBaselineOn === null ? '' : formatWareki(r.outcomeBaselineOn),
      outcomeTargetOn: r.outcomeTargetOn === null ? '' : formatWareki(r.outcomeTargetOn),
      outcomeBaseline: formatHundredths(r.outcomeBaseline),
      outcomeTarget: formatHundredths(r.outcomeTarget),
      outputTarget: formatHundredths(r.outputTarget),
    }));
}

const KIND = 'fund.projects';

/** The first line of a written list's mark (MARK_SHEET); the second says where it came from (ListOrigin). */
const MARK_FORMAT = 'renkei.fund.projects/1';
const listOrigin = lazySchema(() => z.object({ side: z.enum(FUND_SIDES), fiscalYear: z.number().int(), version: z.string() }));
type ListOrigin = z.infer<typeof listOrigin>;

function markOfList(side: FundSide, version: FundVersionSummary): string[] {
  const origin: ListOrigin = { side, fiscalYear: version.fiscalYear, version: version.label };
  return [MARK_FORMAT, JSON.stringify(origin)];
}

function originOf(mark: readonly string[] | null | undefined): ListOrigin | null {
  if (mark?.[0] !== MARK_FORMAT) return null;
  try {
    return listOrigin.parse(JSON.parse(mark[1] ?? ''));
  } catch {
    return null;
  }
}

/**
 * Where a list Renkei wrote came from, against the version it is brought into. Another side's or 年度's list is
 * refused, as 補助金's exchange files are: its projects and money are not this year's. Another 版 of the same 年度 is
 * said before 取り込む (the caution), not refused: bringing an earlier 版's figures back can be meant. A list without
 * the mark (made by hand, or before lists were marked) is taken as it is.
 */
async function checkOrigin(db: Reader, versionId: number, table: Table<TableRows>): Promise<string | undefined> {
  const origin = originOf(table.mark);
  if (!origin) return undefined;
  const target = await versionSummary(db, versionId);
  const from = FUND_SIDE_LABELS[origin.side];
  if (origin.side !== target.side) {
    throw new RenkeiError(
      'validation',
      `「${table.fileName}」は${from}の事業一覧です。${FUND_SIDE_LABELS[target.side]}の版には取り込めません。${from}の画面で取り込んでください。`,
    );
  }
  const year = formatFiscalYear(fiscalYear(origin.fiscalYear));
  // Another 年度's list (last year's as the start of this year's 当初) is said, not refused: the mark is hidden from the officer.
  const into =
    origin.fiscalYear !== target.fiscalYear ? `${formatFiscalYear(fiscalYear(target.fiscalYear))} ${target.label}` : target.label;
  if (origin.fiscalYear === target.fiscalYear && origin.version === target.label) return undefined;
  return `このファイルは${year} ${origin.version} の版から書き出したものです（取り込み先：${into}）。取り込むと、${into}の金額がこのファイルの金額になります。`;
}

/** A project list read, its header row found by the columns (past a title above it, or a cover sheet before it). */
export const readProjectUpload = (file: UploadedFile, job: Job) => readUpload(file, job, headerOf(COLUMNS));

/** What importing the workbook would do to the side's projects and the version, row by row. */
export async function previewProjects(
  { db, job }: { db: Db; job: Job },
  input: { side: FundSide; versionId: number },
  table: Table<TableRows>,
): Promise<ImportPreview> {
  const caution = await checkOrigin(db, input.versionId, table);
  const preview = await previewImport(db, fundProjectImport(input.side, input.versionId), table, KIND, job);
  return caution === undefined ? preview : { ...preview, caution };
}

/** Imports the workbook into the version, which must be the year's latest; all rows or none. */
export async function commitProjects(
  { db, audit, bulkInsert, job }: MutationContext,
  input: { side: FundSide; versionId: number; excludeRows: number[] },
  table: Table<TableRows>,
): Promise<ImportResult> {
  await latestVersion(db, input.versionId);
  await checkOrigin(db, input.versionId, table);
  return commitImport(db, fundProjectImport(input.side, input.versionId), table, input.excludeRows, audit, bulkInsert, job);
}

/** The version's project list as a workbook in the import's columns. */
export async function projectWorkbook(db: Db, input: { side: FundSide; versionId: number }): Promise<FileOut> {
  const version = await versionSummary(db, input.versionId);
  const sheets = importTemplate(
    fundProjectImport(input.side, input.versionId),
    '事業一覧',
    await projectListRows(db, input.side, input.versionId),
    await homePrefecture(db),
  );
  return {
    fileName: `基金事業一覧_${FUND_SIDE_LABELS[input.side]}_${formatFiscalYear(fiscalYear(version.fiscalYear))}_${version.label}.xlsx`,
    mimeType: XLSX_MIME,
    data: (await writeXlsx(sheets, { mark: markOfList(input.side, version) })).toString('base64'),
  };
}
