/**
 * 独自様式 out: a registered 様式 filled for a 年度 (and a center) as an .xlsx
 * the officer prints from Excel with the workbook's own page setup, and the
 * example 様式 to start from.
 */
import { RenkeiError } from '@shared/contract';
import type { FileOut } from '@shared/contract/common';
import { fiscalYear, formatFiscalYear } from '@shared/fiscal-year';
import { fileNamePart } from '@shared/text/file-name';
import type { QueryContext } from '../kernel/context';
import { workbookBytes, XLSX_MIME } from '../tabular/write';
import { exampleTemplate } from './demo';
import { templateSummary, templateValues, templateVersion } from './read';
import { fillTemplate, loadTemplateWorkbook, refusal, scanTemplate } from './workbook';

export async function fillFile(
  input: { id: number; version?: number; fiscalYear: number; centerId?: number },
  { db, core }: Pick<QueryContext, 'db' | 'core'>,
): Promise<FileOut> {
  const summary = await templateSummary(db, input.id);
  if (summary.disabled) throw new RenkeiError('refused', `様式「${summary.name}」は使用停止中です。「再開」してから差し込んでください。`);
  const version = await templateVersion(db, input.id, input.version);
  const values = await templateValues(db, core, input.fiscalYear);
  const year = formatFiscalYear(fiscalYear(input.fiscalYear));

  let index: number | null = null;
  if (input.centerId !== undefined) {
    index = values.centerIds.indexOf(input.centerId);
    if (index < 0) throw new RenkeiError('not_found', `${year}の補助金の対象に、選んだセンターはありません。`, { path: ['centerId'] });
  } else if (summary.perCenter) {
    throw new RenkeiError(
      'validation',
      `様式「${summary.name}」はセンターごとの様式です（センターの項目が「{{#各センター}}」の外にあります）。センターを選んでください。`,
      { path: ['centerId'] },
    );
  }
  const center = index === null ? null : values.centers[index]!;
  const workbook = await loadTemplateWorkbook(Buffer.from(version.content, 'base64'), version.fileName);
  // A version registered before a check was added (formulas over the block, say) is refused as registering it now would be.
  const { problems } = scanTemplate(workbook);
  if (problems.length > 0) {
    throw refusal(
      problems,
      `様式「${summary.name}」の第${version.version}版には差し込めません。様式を直し、同じ名前で登録し直してから（新しい版になります）差し込んでください。`,
    );
  }
  fillTemplate(workbook, { common: values.common, centers: center ? [center] : values.centers, center });
  const bytes = await workbookBytes(workbook);
  const parts = [summary.name, year, ...(center ? [String(center.センター名!.value)] : [])];
  return { fileName: `${parts.map(fileNamePart).join('_')}.xlsx`, mimeType: XLSX_MIME, data: bytes.toString('base64') };
}

export async function exampleFile(): Promise<FileOut> {
  return { fileName: '見本_交付決定一覧.xlsx', mimeType: XLSX_MIME, data: (await exampleTemplate()).toString('base64') };
}
