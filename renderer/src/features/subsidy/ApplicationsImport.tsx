/**
 * A year's 交付申請 from one workbook: the template with the year's columns
 * and a row per center, the file chosen, every row previewed with its
 * computed 申請額, then all of it or nothing.
 */

import { useApi, useMutation } from '@renderer/api/hooks';
import { FileImportPanel } from '@renderer/components/FileImportPanel';
import { useErrorToast, useToast } from '@renderer/components/Toast';
import { type FiscalYear, formatFiscalYear } from '@shared/fiscal-year';
import { formatImportCounts } from '@shared/format';

export function ApplicationsImport({ fiscalYear, onDone }: { fiscalYear: FiscalYear; onDone(): void }) {
  const { client } = useApi();
  const toast = useToast();
  const commit = useMutation('subsidy.import.commit');
  useErrorToast(commit.error);
  const year = formatFiscalYear(fiscalYear);
  return (
    <FileImportPanel
      title={`${year}の交付申請を Excel で取り込む`}
      template={{ label: 'テンプレートを書き出す', file: () => client.call('subsidy.import.template', { fiscalYear }) }}
      preview={(file, options) => client.call('subsidy.import.preview', { fiscalYear, ...file }, options)}
      commit={async (file, excludeRows, options) => {
        const result = await commit.run({ fiscalYear, ...file, excludeRows }, options);
        if (!result) return;
        toast(`${year}の交付申請を取り込みました（${formatImportCounts(result, '差し替え')}）`, 'success');
        onDone();
      }}
      committing={commit.pending}
      onClose={onDone}
      className="subsidy-import"
    >
      1行に1センター。センター名（または台帳の番号）・申請日と、要綱の事業ごとの総事業費・寄付金その他収入額・対象経費（ＩＣＴは種目ごと）を入力します。
      まだ決定されていない申請は、取り込んだ金額で差し替えます。列の見出しはテンプレートのとおりにしてください。記入のない行は取り込みません。
    </FileImportPanel>
  );
}
