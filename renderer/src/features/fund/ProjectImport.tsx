/**
 * The version's project list through Excel: write it out, edit it (or fill
 * the same columns from another workbook), then bring it back — a preview of
 * every row first, then all of it or nothing.
 */

import { useApi, useMutation } from '@renderer/api/hooks';
import { FileImportPanel } from '@renderer/components/FileImportPanel';
import { useErrorToast, useToast } from '@renderer/components/Toast';
import type { FundSide, FundVersionSummary } from '@shared/contract/fund';
import { type FiscalYear, formatFiscalYear } from '@shared/fiscal-year';
import { formatImportCounts } from '@shared/format';

export function ProjectImport({
  side,
  fiscalYear,
  version,
  beforeCommit,
  onDone,
}: {
  side: FundSide;
  fiscalYear: FiscalYear;
  version: FundVersionSummary;
  /** Asked before the rows are written: false stops the import (the officer chose to keep what is on screen). */
  beforeCommit(): Promise<boolean>;
  onDone(): void;
}) {
  const { client } = useApi();
  const toast = useToast();
  const commit = useMutation('fund.import.commit');
  useErrorToast(commit.error);
  const target = `${formatFiscalYear(fiscalYear)}「${version.label}」`;
  return (
    <FileImportPanel
      title={`事業一覧を Excel で取り込む — ${target}`}
      template={{ label: 'この版の事業一覧を書き出す', file: () => client.call('fund.import.workbook', { side, versionId: version.id }) }}
      preview={(file, options) => client.call('fund.import.preview', { side, versionId: version.id, ...file }, options)}
      commit={async (file, excludeRows, options) => {
        if (!(await beforeCommit())) return;
        const result = await commit.run({ side, versionId: version.id, ...file, excludeRows }, options);
        if (!result) return;
        toast(`${target}に取り込みました（${formatImportCounts(result)}）`, 'success');
        onDone();
      }}
      committing={commit.pending}
      onClose={onDone}
      className="fund-import"
    >
      事業番号で既存の事業と照合し、事業名・区分・事業主体・期間・内容と、この版の金額（円）を更新します。新しい番号の事業は登録してこの版に加えます。
      国・県は基金充当額 × 2/3（1円未満切り捨て）とその残り。公・民が空欄なら、事業主体が県・市町村なら公、それ以外は民になります。
    </FileImportPanel>
  );
}
