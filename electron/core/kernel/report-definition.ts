/**
 * What a report is to the engine: a typed definition that reads through the
 * core and builds a ReportDoc. Each domain writes its own (home/reports.ts,
 * masters/reports.ts, …) and offers them on its face; the report domain's
 * catalog lists them, and its engine prints, writes and packs them all the
 * same way. It lives in the kernel, beside the printer port, so a domain's
 * reports need nothing of the report domain, which in turn reads them all.
 */
import type { ReportInfo, Settings } from '@shared/contract';
import type { IsoDate } from '@shared/dates';
import type { FiscalYear } from '@shared/fiscal-year';
import { bureauAddressee, regionalBureauOf } from '@shared/report/bureaus';
import type { ReportBlock, ReportDoc, ReportHeader } from '@shared/report/model';
import type { CoreServices } from './context';
import type { Db } from './db/schema';
import { readSettings } from './settings';

export interface ReportContext {
  db: Db;
  core: CoreServices;
  settings: Settings;
  /** The prefecture of the 台帳, if set. */
  prefecture: { code: string; name: string } | null;
}

export interface ReportRequest {
  /** Present when the definition needs a 年度. */
  fy: FiscalYear | null;
  /** The document's date, or the day a list is as of (defaults to today). */
  date: IsoDate;
  /** The one record the report is about (ReportParams.subject), or null for the definition's default. */
  subject: number | null;
}

/** The body of a report; the engine adds its name and parameters. */
export interface ReportBody {
  title: string;
  subtitle?: string;
  header: ReportHeader;
  blocks: ReportBlock[];
}

export interface ReportDefinition extends Omit<ReportInfo, 'name' | 'fiscalYears' | 'dataSince'> {
  /** For a yearly report: the 年度 that have data, newest first. */
  fiscalYears?(db: Db): Promise<number[]>;
  /** For a list as of a day that may be empty: the first day it has rows for, null when none (ReportInfo.dataSince). */
  dataSince?(db: Db): Promise<IsoDate | null>;
  /** Reads records only the prefecture's people may (the 文書番号台帳), in a section the association may otherwise read. */
  prefectureOnly?: boolean;
  /**
   * Reads what the report needs and lays it out. Throws a RenkeiError
   * 'not_found' with a Japanese message when there is nothing to report, so
   * no empty document is ever printed.
   */
  build(ctx: ReportContext, request: ReportRequest): Promise<ReportBody>;
}

/**
 * Told before each letter of a set is made: how many are made of how many, and whose is next. A batch's job
 * reports it and, cancelled, throws there.
 */
export type SetProgress = (done: number, total: number, addressee: string) => Promise<void>;

/**
 * A set of letters of one kind, one per addressee (the subsidy's letters to
 * each center): each is its own document with its own 文書番号, 宛先 and date,
 * printed one after another into one PDF and a sheet each in one workbook.
 */
export interface DocumentSetDefinition {
  title: string;
  section: ReportInfo['section'];
  orientation: ReportInfo['orientation'];
  /** The letters of the year for the centers named (all with one when none are). Throws 'not_found' when there is none. */
  build(ctx: ReportContext, request: { fy: FiscalYear; centerIds: readonly number[] }, progress: SetProgress): Promise<ReportBody[]>;
}

export async function reportContext(db: Db, core: CoreServices): Promise<ReportContext> {
  return {
    db,
    core,
    settings: await readSettings(db),
    prefecture: (await db.selectFrom('prefecture').select(['code', 'name']).executeTakeFirst()) ?? null,
  };
}

/** The 知事 as letters name them: the title in 設定 (else 「新潟県知事」 from the 台帳's prefecture) and the name when set. */
export function governorLine(ctx: ReportContext): string {
  const title = ctx.settings.governorTitle || (ctx.prefecture ? `${ctx.prefecture.name}知事` : '');
  return [title, ctx.settings.governorName].filter(Boolean).join('　');
}

/** 提出者: as set in 設定, else the 知事 (「新潟県知事　花角　英世」). */
export function submitterLines(ctx: ReportContext): string[] {
  const submitter = ctx.settings.submitter || governorLine(ctx);
  return [submitter, ctx.settings.personInCharge ? `（担当：${ctx.settings.personInCharge}）` : ''].filter(Boolean);
}

/** 宛先: the bureau in 設定, else the one the prefecture reports to. */
export function addressee(ctx: ReportContext): string | undefined {
  const bureau = ctx.settings.regionalBureau || (ctx.prefecture ? regionalBureauOf(ctx.prefecture.code) : null);
  return bureau ? bureauAddressee(bureau) : undefined;
}

/** The header of an attachment (別紙): its date and who made it, under the prefecture's name and section. */
export function attachmentHeader(ctx: ReportContext, date: IsoDate, options: Partial<ReportHeader> = {}): ReportHeader {
  const { organization } = ctx.settings;
  const prefecture = ctx.prefecture?.name ?? '';
  const maker = organization.startsWith(prefecture) ? organization : `${prefecture} ${organization}`.trim();
  return { date, ...(maker ? { submitter: [maker] } : {}), ...options };
}

export function withName(name: string, body: ReportBody, params: ReportDoc['params'], orientation: ReportDoc['orientation']): ReportDoc {
  return { name, orientation, params, ...body };
}
