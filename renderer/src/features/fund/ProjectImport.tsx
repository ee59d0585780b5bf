/**
 * The version's project list through Excel: write it out, edit it (or fill
 * the same columns from another workbook), then bring it back — a preview of
 * every row first, then all of it or nothing.
 */
import { useState } from 'react';
import type { FundSide, FundVersionSummary } from '../../../../shared/contract/fund';
import type { ImportPreview } from '../../../../shared/contract';
import { type FiscalYear, formatFiscalYear } from '../../../../shared/fiscal-year';
import { formatNumber } from '../../../../shared/format';
import { OpFailure } from '../../api/client';
import { useApi, useMutation } from '../../api/hooks';
import { Field } from '../../components/Field';
import { ImportPreviewPanel } from '../../components/ImportPreviewPanel';
import { useErrorToast, useToast } from '../../components/Toast';
import { readAsBase64, saveFile } from '../../lib/files';

export function ProjectImport({ side, fiscalYear, version, onDone }: { side: FundSide; fiscalYear: FiscalYear; version: FundVersionSummary; onDone(): void }) {
  const { client } = useApi();
  const toast = useToast();
  const [file, setFile] = useState<{ name: string; data: string }>();
  const [preview, setPreview] = useState<ImportPreview>();
  const [readError, setReadError] = useState<string>();
  const [reading, setReading] = useState(false);
  const commit = useMutation('fund.import.commit');
  useErrorToast(commit.error);
  const target = `${formatFiscalYear(fiscalYear)}「${version.label}」`;

  const choose = async (chosen: File | undefined) => {
    setPreview(undefined);
    setReadError(undefined);
    if (!chosen) return;
    setReading(true);
    try {
      const data = await readAsBase64(chosen);
      setFile({ name: chosen.name, data });
      setPreview(await client.call('fund.import.preview', { side, versionId: version.id, fileName: chosen.name, data }));
    } catch (error) {
      setReadError(error instanceof OpFailure ? error.message : String(error));
    } finally {
      setReading(false);
    }
  };
  const doCommit = async (excludeRows: number[]) => {
    if (!file) return;
    const result = await commit.run({ side, versionId: version.id, fileName: file.name, data: file.data, excludeRows });
    if (result) {
      toast(`${target}に取り込みました（新規 ${formatNumber(result.created)}・更新 ${formatNumber(result.updated)}・除外 ${formatNumber(result.excluded)}）`, 'success');
      onDone();
    }
  };

  return (
    <div className="stack fund-import">
      <section className="card" aria-labelledby="fund-import-title">
        <div className="card__head">
          <h2 id="fund-import-title">事業一覧を Excel で取り込む — {target}</h2>
          <button type="button" className="button button--secondary button--small" onClick={onDone}>
            閉じる
          </button>
        </div>
        <p className="muted">
          事業番号で既存の事業と照合し、事業名・区分・事業主体・期間・内容と、この版の金額（円）を更新します。新しい番号の事業は登録してこの版に加えます。
          国・県は基金充当額 × 2/3（1円未満切り捨て）とその残り。公・民が空欄なら、事業主体が県・市町村なら公、それ以外は民になります。
        </p>
        <div className="toolbar" style={{ marginBottom: 0 }}>
          <button
            type="button"
            className="button button--secondary"
            onClick={() => void client.call('fund.import.workbook', { side, versionId: version.id }).then(saveFile, (e: Error) => toast(e.message, 'error'))}
          >
            この版の事業一覧を書き出す
          </button>
          <Field label="取り込むファイル（.xlsx・.csv）">{(p) => <input {...p} type="file" accept=".xlsx,.csv,.txt" onChange={(e) => void choose(e.target.files?.[0])} />}</Field>
        </div>
        {reading && <p className="muted">読み込んでいます…</p>}
        {readError && (
          <div className="notice notice--error" role="alert" style={{ marginTop: '1rem' }}>
            {readError}
          </div>
        )}
      </section>
      {preview && <ImportPreviewPanel preview={preview} heading="内容の確認" committing={commit.pending} onCommit={(rows) => void doCommit(rows)} />}
    </div>
  );
}
