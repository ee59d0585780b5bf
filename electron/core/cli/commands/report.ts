/** `renkei report`: the list, one report or a set of letters as PDF or XLSX, and the pack for the 厚生局. */
import path from 'node:path';
import { RenkeiError } from '@shared/contract';
import { isoDateOfLocal, parseIsoDate } from '@shared/dates';
import { formatBytes } from '@shared/format';
import { reportsWithData } from '@shared/report/pick';
import { writeFileAtomic } from '../../kernel/output';
import { DOCUMENT_SETS, definitionOf, reportInfos } from '../../report';
import { type Command, dateOption, dbOption, fiscalYearOption, print, withCore } from '../command';

/**
 * What a PDF prints as 〓, told on stderr beside the file it was still written to: a script that saves the output
 * keeps the file's line, and the officer at the terminal sees what to change.
 */
function warnMissing(warnings: readonly string[]): void {
  for (const warning of warnings) process.stderr.write(`注意: ${warning}\n`);
}

export const reportCommands: Record<string, Command> = {
  report: {
    summary: '帳票を PDF・Excel に出力する（list で一覧、pack で厚生局提出資料一式）',
    usage: [
      'renkei report list',
      'renkei report [--db PATH] <帳票名> [--fy 年度] [--date 日付] --format pdf|xlsx --out ファイル',
      'renkei report [--db PATH] <文書名（subsidy.letter.decision など）> --fy 年度 --format pdf|xlsx --out ファイル',
      'renkei report [--db PATH] pack --fy 年度 --out フォルダー [--date 日付] [--reports 帳票名,…] [--document-number 文書番号]',
    ].join('\n       '),
    options: {
      ...dbOption,
      fy: { type: 'string' },
      date: { type: 'string' },
      format: { type: 'string' },
      out: { type: 'string' },
      reports: { type: 'string' },
      'document-number': { type: 'string' },
    },
    positionals: true,
    async run({ values, positionals }) {
      const [name] = positionals;
      if (!name) throw new RenkeiError('bad_request', '帳票名か list・pack を指定してください（renkei report list で一覧）');
      if (name === 'list') {
        for (const r of await reportInfos())
          print(`${r.name}\t${r.title}\t${r.needsFiscalYear ? '年度別' : '—'}\t${r.orientation === 'landscape' ? 'A4横' : 'A4縦'}`);
        for (const [setName, set] of Object.entries(DOCUMENT_SETS))
          print(`${setName}\t${set.title}（全センター分）\t年度別\t${set.orientation === 'landscape' ? 'A4横' : 'A4縦'}`);
        return;
      }
      const out = values.out as string | undefined;
      const fy = fiscalYearOption(values.fy);
      const date = dateOption(values.date);
      if (name === 'pack') {
        if (fy === undefined) throw new RenkeiError('bad_request', '--fy で年度を指定してください（例: --fy 2025）');
        if (!out) throw new RenkeiError('bad_request', '--out で書き出すフォルダーを指定してください');
        // Written by the core itself (report/direct): no browser is started.
        await withCore(values, async (core) => {
          // The reports named, or every report with data for the 年度 and the date.
          const reports = values.reports
            ? String(values.reports)
                .split(',')
                .map((r) => r.trim())
            : reportsWithData(await core.call('report.list', {}), fy, date ? parseIsoDate(date) : isoDateOfLocal(new Date()));
          const result = await core.call('report.pack', {
            fy,
            reports,
            outDir: path.resolve(out),
            ...(date ? { date } : {}),
            ...(values['document-number'] ? { documentNumber: String(values['document-number']) } : {}),
          });
          print(`厚生局提出資料一式を書き出しました: ${result.dir}`);
          for (const c of result.contents) print(`  ${String(c.firstPage).padStart(3)}ページ〜 ${c.title}（${c.pages}ページ）`);
          for (const f of result.files) print(`  ${f.fileName}\t${formatBytes(f.bytes)}\tSHA-256 ${f.sha256}`);
          for (const warning of result.warnings) print(`注意: ${warning}`);
        });
        return;
      }
      // A name that is no report is said first, not after the options it would have needed.
      const letters = DOCUMENT_SETS[name];
      if (!letters) definitionOf(name);
      const format = values.format as string | undefined;
      if (format !== 'pdf' && format !== 'xlsx') throw new RenkeiError('bad_request', '--format で pdf か xlsx を指定してください');
      if (!out) throw new RenkeiError('bad_request', '--out で書き出すファイルを指定してください');
      if (letters) {
        if (fy === undefined) throw new RenkeiError('bad_request', '--fy で年度を指定してください（例: --fy 2023）');
        // Every center's letter of the year, as the 補助金 screen's 「文書を作成（全センター）」 makes them.
        await withCore(values, async (core) => {
          const rendered = await core.call('report.set', { name, fy, format });
          await writeFileAtomic(out, Buffer.from(rendered.data, 'base64'));
          print(`書き出しました: ${path.resolve(out)}${rendered.pages ? `（${rendered.pages}ページ）` : ''}`);
          warnMissing(rendered.warnings);
        });
        return;
      }
      await withCore(values, async (core) => {
        const rendered = await core.call('report.render', {
          name,
          format,
          params: { ...(fy !== undefined ? { fy } : {}), ...(date ? { date } : {}) },
        });
        await writeFileAtomic(out, Buffer.from(rendered.data, 'base64'));
        print(`書き出しました: ${path.resolve(out)}${rendered.pages ? `（${rendered.pages}ページ）` : ''}`);
        warnMissing(rendered.warnings);
      });
    },
  },
};
