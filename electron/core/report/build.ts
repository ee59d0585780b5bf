/** From a report's name and parameters to its document, checked: an unknown name or a missing 年度 is refused here. */
import { RenkeiError, type ReportInfo, type ReportParams, type Role } from '@shared/contract';
import { isoDateOfLocal } from '@shared/dates';
import type { ReportDoc } from '@shared/report/model';
import type { SectionId } from '@shared/sections';
import type { CoreServices } from '../kernel/context';
import type { Db } from '../kernel/db/schema';
import { type ReportContext, reportContext, withName } from '../kernel/report-definition';
import { REPORTS } from './catalog';

/** The sections whose reports the association's secretariat may read (its centers' records); the rest read 基金, 会議 or the whole database. */
const ASSOCIATION_SECTIONS: readonly SectionId[] = ['masters', 'subsidy', 'survey'];

/** The catalog, narrowed to what `role` may read; with a database, each yearly report's years with data and each dated list's first day. */
export async function reportInfos(db?: Db, role?: Role): Promise<ReportInfo[]> {
  const infos: ReportInfo[] = [];
  for (const [name, { build: _build, fiscalYears, dataSince, prefectureOnly, ...info }] of Object.entries(REPORTS)) {
    if (role === 'assoc' && (prefectureOnly || !ASSOCIATION_SECTIONS.includes(info.section))) continue;
    infos.push({
      name,
      ...info,
      fiscalYears: db && fiscalYears ? await fiscalYears(db) : [],
      ...(db && dataSince ? { dataSince: await dataSince(db) } : {}),
    });
  }
  return infos;
}

export function definitionOf(name: string) {
  const definition = REPORTS[name];
  if (!definition) throw new RenkeiError('not_found', `「${name}」という帳票はありません（renkei report list で一覧）`);
  return definition;
}

export async function buildReport(ctx: ReportContext, name: string, params: ReportParams, today: Date): Promise<ReportDoc> {
  const definition = definitionOf(name);
  if (definition.needsFiscalYear && params.fy === undefined) {
    throw new RenkeiError('validation', `「${definition.title}」は年度ごとの帳票です。年度を指定してください。`, { path: ['fy'] });
  }
  const date = params.date ?? isoDateOfLocal(today);
  const fy = definition.needsFiscalYear ? params.fy! : null;
  const subject = params.subject ?? null;
  const body = await definition.build(ctx, { fy, date, subject });
  const recorded: ReportDoc['params'] = { date, ...(fy !== null ? { fy } : {}), ...(subject !== null ? { subject } : {}) };
  return withName(name, body, recorded, definition.orientation);
}

export async function buildReportFor(db: Db, core: CoreServices, name: string, params: ReportParams): Promise<ReportDoc> {
  return buildReport(await reportContext(db, core), name, params, core.clock());
}
