/**
 * `renkei subsidy calc`: the year's calculation as JSON, from the database
 * (--fy) or from a file holding the 要綱 and each center's amounts, without
 * any database (--input). A problem in the file is named by the file and its
 * JSON path.
 */
import fs from 'node:fs';
import { RenkeiError } from '@shared/contract';
import type { SubsidyYearCalculation } from '@shared/contract/subsidy';
import { SubsidyInputError } from '@shared/subsidy/compute';
import { calcFileSchema, computeYear, jsonPath } from '@shared/subsidy/year';
import { type Command, dbOption, fiscalYearOption, print, withCore } from '../command';

function calculateFile(file: string): SubsidyYearCalculation {
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

export const subsidyCommands: Record<string, Command> = {
  subsidy: {
    summary: '補助金の交付額を算定し、すべての列を JSON で表示する（calc）',
    usage: 'renkei subsidy calc --input FILE.json | renkei subsidy calc --fy 2023 [--db PATH]',
    options: { ...dbOption, input: { type: 'string' }, fy: { type: 'string' } },
    positionals: true,
    async run({ values, positionals }) {
      if (positionals[0] !== 'calc')
        throw new RenkeiError('bad_request', 'サブコマンド calc を指定してください（例: renkei subsidy calc --input 算定.json）');
      if (values.input !== undefined) {
        print(JSON.stringify(calculateFile(String(values.input)), null, 2));
        return;
      }
      const fy = fiscalYearOption(values.fy);
      if (fy === undefined)
        throw new RenkeiError('bad_request', '--input で JSON ファイルを指定するか、--fy で年度を指定してください（例: --fy 2023）');
      await withCore(values, async (core) => print(JSON.stringify(await core.call('subsidy.calc', { fiscalYear: fy }), null, 2)));
    },
  },
};
