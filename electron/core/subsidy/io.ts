/**
 * The subsidy's files. A year's 交付申請 from one workbook: one row per
 * center (its name or 台帳 number, the 年度, the 申請日, and the amounts per
 * program and 種目 in columns named after the year's 要綱). The columns
 * follow the 要綱, so the import is described per year for the shared engine,
 * which gives the preview, the row/column errors and the all-or-nothing
 * commit. And the CLI's calculation from a JSON file, without a database.
 */
import fs from 'node:fs';
import type { FileOut, ImportPreview, ImportResult } from '@shared/contract';
import { RenkeiError } from '@shared/contract';
import type { SubsidyCenter, SubsidyYearCalculation } from '@shared/contract/subsidy';
import type { IsoDate } from '@shared/dates';
import { dateRangeProblem, type FiscalYear, formatFiscalYear } from '@shared/fiscal-year';
import { formatYen } from '@shared/format';
import { yen } from '@shared/money';
import { computeSubsidy, SubsidyInputError, spendingProblem } from '@shared/subsidy/compute';
import { deriveState, SUBSIDY_STATUS_LABELS } from '@shared/subsidy/lifecycle';
import type { ProgramInput, SubsidyInputs, SubsidyRules } from '@shared/subsidy/rules';
import { calcFileSchema, computeYear, jsonPath } from '@shared/subsidy/year';
import { searchKey } from '@shared/text/normalize';
import type { MutationContext } from '../kernel/context';
import type { Reader } from '../kernel/db/schema';
import type { Job } from '../kernel/jobs/job';
import type { UploadedFile } from '../kernel/jobs/offload';
import { readUpload } from '../kernel/jobs/uploads';
import { CellError, parseDate, parseFiscalYearCell, parseFlag, parseYen } from '../tabular/fields';
import {
  commitImport as commitRows,
  headerOf,
  type ImportColumn,
  type ImportKindSpec,
  previewImport as previewRows,
  RowError,
  importTemplate as templateSheets,
} from '../tabular/import-engine';
import type { Table, TableRows } from '../tabular/read';
import { writeXlsx, XLSX_MIME } from '../tabular/write';
import { lifecycleSteps, readRules, subsidyCenters, yearSteps } from './read';
import { addStep, deleteLastStep, NO_OVERRIDE, type StepContext } from './write';

const KIND = 'subsidy.applications';

interface Application {
  centerId: number;
  center: string;
  datedOn: IsoDate;
  inputs: SubsidyInputs;
  amount: number;
}

interface Ctx {
  centers: SubsidyCenter[];
  /** A center's 交付申請 still open to replacement (no step after it), by center. */
  replaceable: Map<number, { stepId: number; record: Application }>;
  /** Why a center's application cannot be replaced by an import. */
  closed: Map<number, string>;
}

const amountCell = (cell: string): number | null => (cell.trim() === '' ? null : parseYen(cell));

/** The columns every year's file has: the center, 年度 and 申請日. */
const FIRST_COLUMNS: readonly ImportColumn<Ctx>[] = [
  {
    key: 'center',
    header: 'センター',
    aliases: ['センター名', 'センター番号'],
    required: true,
    example: '佐渡市在宅医療推進センター',
    width: 40,
    parse(cell, ctx) {
      const key = searchKey(cell);
      const found = ctx.centers.find((c) => searchKey(c.name) === key || String(c.id) === cell.normalize('NFKC').trim());
      if (!found) throw new CellError(`「${cell}」は台帳のセンターにありません（センター名か台帳の番号で入力してください）`);
      return found;
    },
  },
  { key: 'fiscalYear', header: '年度', example: '令和5年度', parse: parseFiscalYearCell },
  { key: 'datedOn', header: '申請日', aliases: ['交付申請日'], required: true, example: '2023-04-14', parse: parseDate },
];

/** An applications file read, its header row found by the columns every year's has (past a title, or a cover sheet). */
export const readApplicationsUpload = (file: UploadedFile, job: Job) => readUpload(file, job, headerOf(FIRST_COLUMNS));

/** The columns of the year's 要綱: the first ones, then each program's amounts and each 種目's. */
function columnsOf(rules: SubsidyRules): ImportColumn<Ctx>[] {
  const columns: ImportColumn<Ctx>[] = [...FIRST_COLUMNS];
  for (const p of rules.programs) {
    const amount = (key: string, label: string, example: string) =>
      columns.push({ key: `${p.code}.${key}`, header: `${p.name} ${label}`, example, width: 24, parse: amountCell });
    amount('totalCost', '総事業費', '5,000,000');
    amount('otherIncome', '寄付金その他の収入額', '0');
    if (p.kind === 'operating') amount('eligibleExpense', '対象経費の支出予定額', '4,600,000');
    else {
      columns.push({ key: `${p.code}.firstYear`, header: `${p.name} 初年度`, example: '○', parse: parseFlag });
      for (const row of p.rows) amount(`item.${row.item}`, `${row.label} 対象経費`, '0');
    }
  }
  return columns;
}

/** The programs a row has any amount for, as the inputs of a 交付申請. */
function inputsOf(rules: SubsidyRules, cells: Record<string, unknown>): SubsidyInputs {
  const value = (key: string) => cells[key] as number | null | undefined;
  const programs: ProgramInput[] = [];
  for (const p of rules.programs) {
    const base = { code: p.code, totalCost: value(`${p.code}.totalCost`) ?? 0, otherIncome: value(`${p.code}.otherIncome`) ?? 0 };
    if (p.kind === 'operating') {
      const eligible = value(`${p.code}.eligibleExpense`);
      if (value(`${p.code}.totalCost`) == null && eligible == null) continue;
      programs.push({ kind: 'operating', ...base, eligibleExpense: eligible ?? 0 });
    } else {
      const items = p.rows.flatMap((r) => {
        const v = value(`${p.code}.item.${r.item}`);
        return v == null ? [] : [{ item: r.item, eligibleExpense: v }];
      });
      if (value(`${p.code}.totalCost`) == null && items.length === 0) continue;
      programs.push({ kind: 'ict', ...base, firstYear: (cells[`${p.code}.firstYear`] as boolean | undefined) ?? false, items });
    }
  }
  return { programs };
}

function specOf(fiscalYear: FiscalYear, rules: SubsidyRules, step: StepContext | null): ImportKindSpec<Application, Ctx> {
  return {
    label: `${formatFiscalYear(fiscalYear)} 交付申請`,
    columns: columnsOf(rules),
    async prepare(db) {
      const centers = await subsidyCenters(db);
      const replaceable = new Map<number, { stepId: number; record: Application }>();
      const closed = new Map<number, string>();
      for (const [centerId, steps] of await yearSteps(db, fiscalYear)) {
        const only = steps[0]!;
        if (steps.length === 1 && only.kind === 'application' && only.inputs) {
          const center = centers.find((c) => c.id === centerId)!;
          replaceable.set(centerId, {
            stepId: only.id,
            record: { centerId, center: center.name, datedOn: only.datedOn as IsoDate, inputs: only.inputs, amount: only.amount },
          });
        } else closed.set(centerId, SUBSIDY_STATUS_LABELS[deriveState(lifecycleSteps(steps)).status]);
      }
      return { centers, replaceable, closed };
    },
    build(cells, ctx) {
      const center = cells.center as SubsidyCenter;
      const year = cells.fiscalYear as number | null | undefined;
      if (year != null && year !== fiscalYear) {
        throw new RowError(
          `${formatFiscalYear(year as FiscalYear)}の行です。${formatFiscalYear(fiscalYear)}の申請だけを取り込めます`,
          'fiscalYear',
        );
      }
      const badDate = dateRangeProblem(fiscalYear, 'subsidyStep', cells.datedOn as IsoDate, '申請日');
      if (badDate) throw new RowError(badDate, 'datedOn');
      const status = ctx.closed.get(center.id);
      if (status)
        throw new RowError(
          `「${center.name}」はすでに${status}です。取り込みでは変えられません（変えるときはセンターの画面で変更交付申請を入力してください）`,
          'center',
        );
      const inputs = inputsOf(rules, cells);
      if (inputs.programs.length === 0)
        throw new RowError('金額が1つも入力されていません。申請する事業の総事業費と対象経費を入力してください', 'center');
      const blank = inputs.programs.find((p) => cells[`${p.code}.totalCost`] == null);
      if (blank) {
        const name = rules.programs.find((p) => p.code === blank.code)!.name;
        throw new RowError(
          `「${center.name}」の${name}の総事業費が空欄です。対象経費を含む事業全体の経費（総事業費）を入力してください`,
          `${blank.code}.totalCost`,
        );
      }
      const spending = spendingProblem(rules, center, inputs);
      if (spending) {
        const [, at, field] = spending.path;
        throw new RowError(spending.message.replace(/。$/, ''), `${inputs.programs[at as number]!.code}.${field as string}`);
      }
      try {
        return {
          centerId: center.id,
          center: center.name,
          datedOn: cells.datedOn as IsoDate,
          inputs,
          amount: computeSubsidy(rules, center, inputs).total,
        };
      } catch (error) {
        if (error instanceof SubsidyInputError || error instanceof RangeError) throw new RowError(error.message, 'center');
        throw error;
      }
    },
    // The template lists every center: a row with only its name (and 年度) is one the officer did not fill.
    unfilled: (cells) => Object.entries(cells).every(([key, text]) => key === 'center' || key === 'fiscalYear' || text.trim() === ''),
    key: (r) => ({ key: String(r.centerId), label: 'センター', column: 'center', shown: r.center }),
    display: (r) => `${r.center}（申請額 ${formatYen(yen(r.amount))}）`,
    existing: (r, ctx) => ctx.replaceable.get(r.centerId)?.record,
    fields: [
      { key: 'datedOn', label: '申請日' },
      { key: 'amount', label: '申請額', column: 'center', show: (v) => formatYen(yen(v as number)) },
      {
        key: 'inputs',
        label: '金額',
        column: 'center',
        show: (v) => (v as SubsidyInputs).programs.map((p) => `${p.code} 総事業費 ${formatYen(yen(p.totalCost))}`).join('、'),
      },
    ],
    async apply(db, staged, ctx, audit) {
      if (!step) throw new Error('取り込みの書き込みには入力者が要ります');
      for (const { record } of staged) {
        const previous = ctx.replaceable.get(record.centerId);
        if (previous) await deleteLastStep(db, { id: previous.stepId, ...NO_OVERRIDE }, audit);
        await addStep(step, {
          centerId: record.centerId,
          fiscalYear,
          kind: 'application',
          datedOn: record.datedOn,
          orderNo: '',
          amount: null,
          inputs: record.inputs,
          reason: '',
          ...NO_OVERRIDE,
        });
      }
    },
  };
}

async function rulesFor(db: Reader, fiscalYear: FiscalYear): Promise<SubsidyRules> {
  const rules = await readRules(db, fiscalYear);
  if (!rules)
    throw new RenkeiError(
      'not_found',
      `${formatFiscalYear(fiscalYear)}の補助金の要綱がありません。先に要綱を作成してから取り込んでください。`,
    );
  return rules;
}

export async function importTemplate(db: Reader, fiscalYear: FiscalYear): Promise<FileOut> {
  const spec = specOf(fiscalYear, await rulesFor(db, fiscalYear), null);
  const year = formatFiscalYear(fiscalYear);
  const rows = (await subsidyCenters(db)).map((c) => ({ center: c.name, fiscalYear: year }));
  return {
    fileName: `${year}_交付申請_取り込み用.xlsx`,
    mimeType: XLSX_MIME,
    data: (await writeXlsx(templateSheets(spec, `${year}交付申請`, rows))).toString('base64'),
  };
}

export async function previewImport(
  { db, job }: { db: Reader; job: Job },
  fiscalYear: FiscalYear,
  table: Table<TableRows>,
): Promise<ImportPreview> {
  const spec = specOf(fiscalYear, await rulesFor(db, fiscalYear), null);
  return previewRows(db, spec, table, KIND, job);
}

/** Imports the year's applications, all rows or none: each a 交付申請 entered as on the center's screen. */
export async function commitImport(
  ctx: MutationContext,
  input: { fiscalYear: FiscalYear; excludeRows: number[] },
  table: Table<TableRows>,
): Promise<ImportResult> {
  const { db, audit, actor, core, bulkInsert, job } = ctx;
  const spec = specOf(input.fiscalYear, await rulesFor(db, input.fiscalYear), { db, audit, actor, now: core.clock() });
  return commitRows(db, spec, table, input.excludeRows, audit, bulkInsert, job);
}

/**
 * `renkei subsidy calc --input FILE.json`: the year's calculation from a file
 * holding the 要綱 and each center's amounts, without any database. A problem
 * is named by the file and its JSON path.
 */
export function calculateFile(file: string): SubsidyYearCalculation {
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new RenkeiError(
      code ? 'io' : 'bad_request',
      code ? `ファイル「${file}」を読めません（${code}）` : `「${file}」は JSON として読めません（${(error as Error).message}）`,
    );
  }
  const parsed = calcFileSchema.safeParse(raw);
  if (!parsed.success) {
    const lines = parsed.error.issues.slice(0, 10).map((i) => `「${file}」の ${jsonPath(i.path) || '（全体）'}: ${i.message}`);
    throw new RenkeiError('validation', `${lines.join('\n')}\nREADME の「補助金の算定（JSON）」の形式に合わせてください。`);
  }
  const { fiscalYear, rules, centers } = parsed.data;
  try {
    const year = computeYear(rules, centers);
    return { fiscalYear: fiscalYear ?? null, title: rules.title, centers: year.centers, total: year.total };
  } catch (error) {
    if (error instanceof SubsidyInputError) throw new RenkeiError('validation', `「${file}」の ${jsonPath(error.path)}: ${error.message}`);
    throw error;
  }
}
