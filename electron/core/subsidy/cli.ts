/**
 * `renkei subsidy calc --input FILE.json`: the year's calculation from a file
 * holding the 要綱 and each center's amounts, without any database. A problem
 * is named by the file and its JSON path.
 */
import fs from 'node:fs';
import { RenkeiError } from '@shared/contract';
import type { SubsidyYearCalculation } from '@shared/contract/subsidy';
import { SubsidyInputError } from '@shared/subsidy/compute';
import { calcFileSchema, computeYear, jsonPath } from '@shared/subsidy/year';

export function calculateFile(file: string): SubsidyYearCalculation {
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new RenkeiError(code ? 'io' : 'bad_request', code ? `ファイル「${file}」を読めません（${code}）` : `「${file}」は JSON として読めません（${(error as Error).message}）`);
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
