/**
 * A year's 交付申請 from one workbook: the template with the year's columns
 * and a row per center, the file chosen, every row previewed with its
 * computed 申請額, then all of it or nothing.
 */
import { useState } from 'react';
import type { ImportPreview } from '../../../../shared/contract';
import { type FiscalYear, formatFiscalYear } from '../../../../shared/fiscal-year';
import { formatNumber } from '../../../../shared/format';
import { OpFailure } from '../../api/client';
import { useApi, useMutation } from '../../api/hooks';
import { Field } from '../../components/Field';
import { ImportPreviewPanel } from '../../components/ImportPreviewPanel';
import { useErrorToast, useToast } from '../../components/Toast';
import { readAsBase64, saveFile } from '../../lib/files';

export function ApplicationsImport({ fiscalYear, onDone }: { fiscalYear: FiscalYear; onDone(): void }) {
  const { client } = useApi();
  const toast = useToast();
  const [file, setFile] = useState<{ name: string; data: string }>();
  const [preview, setPreview] = useState<ImportPreview>();
  const [readError, setReadError] = useState<string>();
  const [reading, setReading] = useState(false);
  const commit = useMutation('subsidy.import.commit');
  useErrorToast(commit.error);
  const year = formatFiscalYear(fiscalYear);

  const choose = async (chosen: File | undefined) => {
    setPreview(undefined);
    setReadError(undefined);
    if (!chosen) return;
    setReading(true);
    try {
      const data = await readAsBase64(chosen);
      setFile({ name: chosen.name, data });
      setPreview(await client.call('subsidy.import.preview', { fiscalYear, fileName: chosen.name, data }));
    } catch (error) {
      setReadError(error instanceof OpFailure ? error.message : String(error));
    } finally {
      setReading(false);
    }
  };
  const doCommit = async (excludeRows: number[]) => {
    if (!file) return;
    const result = await commit.run({ fiscalYear, fileName: file.name, data: file.data, excludeRows });
    if (result) {
      toast(`${year}の交付申請を取り込みました（新規 ${formatNumber(result.created)}・差し替え ${formatNumber(result.updated)}・除外 ${formatNumber(result.excluded)}）`, 'success');
      onDone();
    }
  };

  return (
    <div className="stack subsidy-import">
      <section className="card" aria-labelledby="subsidy-import-title">
        <div className="card__head">
          <h2 id="subsidy-import-title">{year}の交付申請を Excel で取り込む</h2>
          <button type="button" className="button button--secondary button--small" onClick={onDone}>
            閉じる
          </button>
        </div>
        <p className="muted">
          1行に1センター。センター名（または台帳の番号）・申請日と、要綱の事業ごとの総事業費・寄付金その他の収入額・対象経費（ＩＣＴは種目ごと）を入力します。
          まだ決定されていない申請は、取り込んだ金額で差し替えます。列の見出しはテンプレートのとおりにしてください。
        </p>
        <div className="toolbar" style={{ marginBottom: 0 }}>
          <button
            type="button"
            className="button button--secondary"
            onClick={() => void client.call('subsidy.import.template', { fiscalYear }).then(saveFile, (e: Error) => toast(e.message, 'error'))}
          >
            テンプレートを書き出す
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
