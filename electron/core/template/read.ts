/**
 * Reading 独自様式: the registered 様式 with their versions, one version's
 * workbook, and the values a 様式 is filled with — the same figures the
 * built-in documents print, taken through the other domains' faces.
 */
import type { Selectable } from 'kysely';
import { RenkeiError } from '@shared/contract';
import type { TemplatePlaceholderUse, TemplateSummary } from '@shared/contract/template';
import { isoDateOfLocal } from '@shared/dates';
import { fiscalYear, formatFiscalYear } from '@shared/fiscal-year';
import { SUBSIDY_CLASS_LABELS } from '@shared/masters/model';
import { SUBSIDY_STATUS_LABELS } from '@shared/subsidy/lifecycle';
import type { TemplateValue } from '@shared/template/vocabulary';
import type { CoreServices } from '../kernel/context';
import type { Db, Reader, TemplateVersionTable } from '../kernel/db/schema';
import { type ReportContext, reportContext, submitterLines } from '../kernel/report-definition';
import { noRulesError, recipientOf, subsidyLetters, yearResult } from '../subsidy';
import type { TemplateData } from './workbook';

export async function templateSummaries(db: Reader): Promise<TemplateSummary[]> {
  const templates = await db.selectFrom('template').selectAll().orderBy('name').execute();
  const out: TemplateSummary[] = [];
  for (const t of templates) out.push(await summaryOf(db, t));
  return out;
}

export async function templateSummary(db: Reader, id: number): Promise<TemplateSummary> {
  const template = await db.selectFrom('template').selectAll().where('id', '=', id).executeTakeFirst();
  if (!template) throw new RenkeiError('not_found', 'この様式はありません。一覧を開き直してください。');
  return summaryOf(db, template);
}

async function summaryOf(db: Reader, t: { id: number; name: string; disabled: number }): Promise<TemplateSummary> {
  const versions = await db
    .selectFrom('templateVersion')
    .select(['version', 'fileName', 'byteSize', 'note', 'createdAt', 'createdBy', 'placeholders'])
    .where('templateId', '=', t.id)
    .orderBy('version', 'desc')
    .execute();
  const newest = versions[0]!;
  const placeholders = JSON.parse(newest.placeholders) as { uses: TemplatePlaceholderUse[]; perCenter: boolean };
  return {
    id: t.id,
    name: t.name,
    disabled: t.disabled === 1,
    version: newest.version,
    fileName: newest.fileName,
    perCenter: placeholders.perCenter,
    placeholders: placeholders.uses,
    versions: versions.map(({ placeholders: _, ...v }) => v),
  };
}

/** One version of a 様式 (the newest unless named), with its workbook. */
export async function templateVersion(db: Reader, id: number, version?: number): Promise<Selectable<TemplateVersionTable>> {
  let query = db.selectFrom('templateVersion').selectAll().where('templateId', '=', id);
  query = version === undefined ? query.orderBy('version', 'desc') : query.where('version', '=', version);
  const row = await query.executeTakeFirst();
  if (!row) throw new RenkeiError('not_found', version === undefined ? 'この様式はありません。' : `この様式に第${version}版はありません。`);
  return row;
}

const text = (value: string | null): TemplateValue => ({ kind: 'text', value });
const amount = (value: number | null): TemplateValue => ({ kind: 'yen', value });

/**
 * The values for a 年度: the common ones (年度, 発信者, the 補助金's totals) and
 * one set per center of the 補助金, as its 交付決定一覧 shows them.
 */
export async function templateValues(
  db: Db,
  core: CoreServices,
  year: number,
): Promise<Omit<TemplateData, 'center'> & { centerIds: number[] }> {
  const ctx = await reportContext(db, core);
  const { settings, prefecture } = ctx;
  const subsidy = await yearResult(db, year);
  // Without a 要綱 there is no 補助金 that year: an empty document would look filled, so it is refused.
  if (!subsidy.rules) throw noRulesError(year);
  const operating = subsidy.rules?.programs.find((p) => p.kind === 'operating');
  const common: Record<string, TemplateValue> = {
    年度: text(formatFiscalYear(fiscalYear(year))),
    作成日: { kind: 'date', value: isoDateOfLocal(core.clock()) },
    都道府県名: text(prefecture?.name ?? ''),
    発信者: text(submitterLines(ctx)[0] ?? ''),
    担当課: text(settings.organization),
    担当者: text(settings.personInCharge),
    センター数: { kind: 'count', value: subsidy.rows.length },
    申請額合計: amount(subsidy.totals.applied),
    交付決定額合計: amount(subsidy.totals.decided),
    確定額合計: amount(subsidy.totals.final),
  };
  const notices = await decisionNotices(ctx, year);
  const recipients = await Promise.all(subsidy.rows.map((row) => recipientOf(db, row.center.id, settings.associationPresidents)));
  // Only the letter of the decision in force: a change not yet notified leaves the number blank, not the first decision's.
  const noticeOf = (row: (typeof subsidy.rows)[number]) => {
    const notice = notices.get(row.center.id);
    return notice && notice.on === row.decidedOn ? notice : undefined;
  };
  const centers = subsidy.rows.map((row, i) => ({
    センター名: text(row.center.name),
    医師会名: text(recipients[i]!.association),
    宛先: text(recipients[i]!.addressee),
    // The 補助区分 as the 要綱 words it, else the 台帳's name for it.
    補助区分: text(
      operating?.rows.find((r) => r.class === row.center.subsidyClass)?.label ?? SUBSIDY_CLASS_LABELS[row.center.subsidyClass],
    ),
    二次医療圏: text(row.center.areaName ?? ''),
    状況: text(SUBSIDY_STATUS_LABELS[row.status]),
    申請額: amount(row.applied),
    交付決定額: amount(row.decided),
    決定日: { kind: 'date', value: row.decidedOn } satisfies TemplateValue,
    指令番号: text(row.orderNo),
    文書番号: text(noticeOf(row)?.number ?? ''),
    通知日: { kind: 'date', value: noticeOf(row)?.date ?? null } satisfies TemplateValue,
    概算払額: amount(row.paid),
    確定額: amount(row.final),
    返還額: amount(row.refundDue),
  }));
  return { common, centers, centerIds: subsidy.rows.map((r) => r.center.id) };
}

/**
 * Each center's latest 交付決定 as the letter that told it: the 文書番号 and date the register gave the
 * 交付決定通知書 (or the 変更交付決定通知書 of a later change), as the letters print them.
 */
async function decisionNotices(ctx: ReportContext, fiscalYear: number): Promise<Map<number, { number: string; date: string; on: string }>> {
  const out = new Map<number, { number: string; date: string; on: string }>();
  for (const kind of ['decision', 'change_decision'] as const) {
    for (const letter of await subsidyLetters(ctx, { fiscalYear, kind, centerIds: [] })) {
      const known = out.get(letter.center.id);
      if (!known || letter.step.datedOn >= known.on)
        out.set(letter.center.id, { number: letter.documentNumber, date: letter.date, on: letter.step.datedOn });
    }
  }
  return out;
}
