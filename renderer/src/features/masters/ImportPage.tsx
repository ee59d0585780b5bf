/**
 * 取り込み: choose what and which file, see every row as new / changed /
 * unchanged / error with its row and column, exclude error rows explicitly,
 * then commit all at once (or nothing).
 */
import { useState } from 'react';
import { Link } from 'react-router';
import { IMPORT_KIND_LABELS, IMPORT_KINDS, type ImportKind, type ImportPreview, type ImportRowResult } from '../../../../shared/contract';
import { formatNumber } from '../../../../shared/format';
import { useApi, useMutation } from '../../api/hooks';
import { OpFailure } from '../../api/client';
import { Field } from '../../components/Field';
import { useErrorToast, useToast } from '../../components/Toast';
import { readAsBase64, saveFile } from '../../lib/files';

const STATUS_LABELS = { new: '新規', changed: '変更', unchanged: '変更なし', error: 'エラー' } as const;

function RowDetail({ row }: { row: ImportRowResult }) {
  if (row.status === 'error') {
    return (
      <ul className="plain-list">
        {row.errors.map((e, i) => (
          <li key={i} className="field__error">
            {e.column && `${e.column}列`}
            {e.header && `「${e.header}」`} {e.message}
          </li>
        ))}
      </ul>
    );
  }
  if (row.status === 'changed') {
    return (
      <ul className="plain-list">
        {row.changes.map((c) => (
          <li key={c.field}>
            {c.field}: <span className="diff--before">{c.before}</span> → <span className="diff--after">{c.after}</span>
          </li>
        ))}
      </ul>
    );
  }
  return null;
}

export function ImportPage() {
  const { client } = useApi();
  const toast = useToast();
  const [kind, setKind] = useState<ImportKind>('municipalities');
  const [file, setFile] = useState<{ name: string; data: string } | null>(null);
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [excluded, setExcluded] = useState<Set<number>>(new Set());
  const [reading, setReading] = useState(false);
  const [readError, setReadError] = useState<string | null>(null);
  const commit = useMutation('masters.import.commit');
  useErrorToast(commit.error);

  const choose = async (chosen: File | undefined, as: ImportKind = kind) => {
    setPreview(null);
    setExcluded(new Set());
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

  const errorRows = preview?.rows.filter((r) => r.status === 'error') ?? [];
  const blocking = errorRows.filter((r) => !excluded.has(r.rowNumber)).length;
  const toApply = preview ? preview.counts.new + preview.counts.changed - preview.rows.filter((r) => excluded.has(r.rowNumber) && (r.status === 'new' || r.status === 'changed')).length : 0;

  const doCommit = async () => {
    if (!file || !preview) return;
    const result = await commit.run({ kind, fileName: file.name, data: file.data, excludeRows: [...excluded] });
    if (result) {
      toast(`取り込みました（新規 ${formatNumber(result.created)}・更新 ${formatNumber(result.updated)}・除外 ${formatNumber(result.excluded)}）`, 'success');
      setPreview(null);
      setFile(null);
      setExcluded(new Set());
    }
  };

  const toggle = (rowNumber: number) =>
    setExcluded((s) => {
      const next = new Set(s);
      if (next.has(rowNumber)) next.delete(rowNumber);
      else next.add(rowNumber);
      return next;
    });

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

      {preview && (
        <section className="card" aria-labelledby="preview-heading">
          <div className="card__head">
            <h2 id="preview-heading">2. 内容の確認 — {preview.fileName}</h2>
            <span className="muted">{preview.source}</span>
          </div>
          <p className="chips" data-testid="import-counts">
            <span className="badge">新規 {formatNumber(preview.counts.new)}</span>
            <span className="badge">変更 {formatNumber(preview.counts.changed)}</span>
            <span className="badge badge--gray">変更なし {formatNumber(preview.counts.unchanged)}</span>
            <span className={`badge${preview.counts.error ? ' badge--error' : ' badge--gray'}`}>エラー {formatNumber(preview.counts.error)}</span>
          </p>
          {preview.notes.length > 0 && (
            <ul className="plain-list muted">
              {preview.notes.map((n) => (
                <li key={n}>・{n}</li>
              ))}
            </ul>
          )}
          {errorRows.length > 0 && (
            <div className="notice notice--error" role="alert" style={{ margin: '1rem 0' }}>
              エラーのある行が {formatNumber(errorRows.length)} 行あります。ファイルを直して選び直すか、取り込まない行として除外してください。
              <div className="actions" style={{ marginTop: '0.5rem' }}>
                <button type="button" className="button button--secondary button--small" onClick={() => setExcluded(new Set(errorRows.map((r) => r.rowNumber)))}>
                  エラーの行をすべて除外
                </button>
              </div>
            </div>
          )}
          <div className="table-wrap">
            <table className="table" aria-label="取り込み内容">
              <thead>
                <tr>
                  <th>行</th>
                  <th>状態</th>
                  <th>キー</th>
                  <th>名称</th>
                  <th>内容</th>
                  <th>除外</th>
                </tr>
              </thead>
              <tbody>
                {preview.rows.map((row) => (
                  <tr key={row.rowNumber} className={excluded.has(row.rowNumber) ? 'row-excluded' : undefined}>
                    <td className="num">{row.rowNumber}</td>
                    <td className="nowrap">
                      <span className={`badge${row.status === 'error' ? ' badge--error' : row.status === 'unchanged' ? ' badge--gray' : ''}`}>{STATUS_LABELS[row.status]}</span>
                    </td>
                    <td className="mono nowrap">{row.key}</td>
                    <td>{row.label}</td>
                    <td>
                      <RowDetail row={row} />
                    </td>
                    <td>
                      <input type="checkbox" aria-label={`${row.rowNumber}行目を除外`} checked={excluded.has(row.rowNumber)} onChange={() => toggle(row.rowNumber)} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {preview.rows.length < preview.totalRows && (
            <p className="muted">全 {formatNumber(preview.totalRows)} 行のうち、エラーの行すべてと、ほかの先頭 {formatNumber(preview.rows.length - errorRows.length)} 行を表示しています。</p>
          )}
          <div className="actions" style={{ marginTop: '1rem' }}>
            <button type="button" className="button" disabled={blocking > 0 || commit.pending || toApply <= 0} onClick={doCommit}>
              {commit.pending ? '取り込み中…' : `${formatNumber(Math.max(toApply, 0))} 件を取り込む`}
            </button>
            <span className="muted">{blocking > 0 ? `除外していないエラーの行が ${blocking} 行あります` : 'すべて取り込むか、何も取り込まないかのどちらかです（途中で失敗しても一部だけ書き込まれることはありません）'}</span>
          </div>
        </section>
      )}
      <p>
        <Link to="/masters">← 台帳に戻る</Link>
      </p>
    </div>
  );
}
