/**
 * 取り込み: choose what and which file, see every row as new / changed /
 * unchanged / error with its row and column, exclude error rows explicitly,
 * then commit all at once (or nothing).
 */
import { useState } from 'react';
import { Link } from 'react-router';
import { IMPORT_KIND_LABELS, IMPORT_KINDS, type ImportKind, type ImportPreview } from '../../../../shared/contract';
import { formatNumber } from '../../../../shared/format';
import { useApi, useMutation } from '../../api/hooks';
import { OpFailure } from '../../api/client';
import { Field } from '../../components/Field';
import { ImportPreviewPanel } from '../../components/ImportPreviewPanel';
import { useErrorToast, useToast } from '../../components/Toast';
import { readAsBase64, saveFile } from '../../lib/files';

export function ImportPage() {
  const { client } = useApi();
  const toast = useToast();
  const [kind, setKind] = useState<ImportKind>('municipalities');
  const [file, setFile] = useState<{ name: string; data: string } | null>(null);
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [reading, setReading] = useState(false);
  const [readError, setReadError] = useState<string | null>(null);
  const commit = useMutation('masters.import.commit');
  useErrorToast(commit.error);

  const choose = async (chosen: File | undefined, as: ImportKind = kind) => {
    setPreview(null);
    setReadError(null);
    if (!chosen) return;
    setReading(true);
    try {
      const data = await readAsBase64(chosen);
      setFile({ name: chosen.name, data });
      setPreview(await client.call('masters.import.preview', { kind: as, fileName: chosen.name, data }));
    } catch (error) {
      setReadError(error instanceof OpFailure ? error.message : String(error));
    } finally {
      setReading(false);
    }
  };

  const doCommit = async (excludeRows: number[]) => {
    if (!file || !preview) return;
    const result = await commit.run({ kind, fileName: file.name, data: file.data, excludeRows });
    if (result) {
      toast(`取り込みました（新規 ${formatNumber(result.created)}・更新 ${formatNumber(result.updated)}・除外 ${formatNumber(result.excluded)}）`, 'success');
      setPreview(null);
      setFile(null);
    }
  };

  return (
    <div className="stack">
      <section className="card">
        <h2>1. 取り込む内容とファイル</h2>
        <div className="toolbar" style={{ marginBottom: 0 }}>
          <Field label="取り込む台帳">
            {(p) => (
              <select
                {...p}
                value={kind}
                onChange={(e) => {
                  setKind(e.target.value as ImportKind);
                  setPreview(null);
                  setFile(null);
                }}
              >
                {IMPORT_KINDS.map((k) => (
                  <option key={k} value={k}>
                    {IMPORT_KIND_LABELS[k]}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label="ファイル（.xlsx・.csv）" hint="Excel のブック、または Excel で保存した CSV（Shift_JIS・UTF-8）">
            {(p) => <input {...p} type="file" accept=".xlsx,.csv,.txt" onChange={(e) => void choose(e.target.files?.[0])} />}
          </Field>
          <button type="button" className="button button--secondary" onClick={() => void client.call('masters.import.template', { kind }).then(saveFile, (e: Error) => toast(e.message, 'error'))}>
            テンプレートをダウンロード
          </button>
        </div>
        {reading && <p className="muted">読み込んでいます…</p>}
        {readError && (
          <div className="notice notice--error" role="alert" style={{ marginTop: '1rem' }}>
            {readError}
          </div>
        )}
      </section>

      {preview && <ImportPreviewPanel preview={preview} heading="2. 内容の確認" committing={commit.pending} onCommit={(rows) => void doCommit(rows)} />}
      <p>
        <Link to="/masters">← 台帳に戻る</Link>
      </p>
    </div>
  );
}
