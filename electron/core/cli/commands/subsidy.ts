/**
 * `renkei subsidy calc`: the year's calculation as JSON, from the database
 * (--fy) or from a file holding the 要綱 and each center's amounts, without
 * any database (--input). A problem in the file is named by the file and its
 * JSON path.
 */
import { RenkeiError } from '@shared/contract';
import { calculateFile } from '../../subsidy';
import { type Command, dbOption, fiscalYearOption, print, withCore } from '../command';

export const subsidyCommands: Record<string, Command> = {
  subsidy: {
    summary: '補助金の交付額を算定し、すべての列を JSON で表示する（calc）',
    usage: 'renkei subsidy calc --input ファイル.json | renkei subsidy calc --fy 2023 [--db PATH]',
    options: { ...dbOption, input: { type: 'string' }, fy: { type: 'string' } },
    positionals: true,
    async run({ values, positionals }) {
      if (positionals[0] !== 'calc') {
        const slip = positionals[0] === undefined ? '' : `「${positionals[0]}」というサブコマンドはありません。`;
        throw new RenkeiError('bad_request', `${slip}サブコマンド calc を指定してください（例: renkei subsidy calc --input 算定.json）`);
      }
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
