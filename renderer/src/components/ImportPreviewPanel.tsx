/**
 * The second step of every import: each row of the file as new / changed /
 * unchanged / error with its row and column, error rows excluded explicitly,
 * and one button that commits all of it or nothing.
 */
import { useState } from 'react';
import type { ImportPreview, ImportRowResult } from '@shared/contract';
import { formatNumber } from '@shared/format';

const STATUS_LABELS = { new: '新規', changed: '変更', unchanged: '変更なし', error: 'エラー' } as const;

function RowDetail({ row, freed }: { row: ImportRowResult; freed: boolean }) {
  if (row.status === 'error') {
    return (
      <ul className="plain-list">
        {row.errors.map((e, i) => (
          <li key={i} className="field__error">
            {e.column && `${e.column}列`}
            {e.header && `「${e.header}」`} {e.message}
          </li>
        ))}
        {freed && <li>{row.duplicateOf}行目を除外したので、この行を取り込みます</li>}
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

/**
 * The error rows that no longer stop the commit with these rows excluded: a row
 * whose one fault is saying something else about the record of an earlier row,
 * once that row is excluded (the first such row kept of each; the others still
 * differ from it).
 */
function freedRows(rows: readonly ImportRowResult[], excluded: ReadonlySet<number>): Set<number> {
  const freed = new Set<number>();
  const taken = new Set<number>();
  for (const row of rows) {
    const first = row.duplicateOf;
    if (first === undefined || !excluded.has(first) || excluded.has(row.rowNumber) || taken.has(first)) continue;
    taken.add(first);
    freed.add(row.rowNumber);
  }
  return freed;
}

export function ImportPreviewPanel({
  preview,
  heading,
  committing,
  onCommit,
  onLeaveOutside,
  leavingOutside,
}: {
  preview: ImportPreview;
  /** e.g. 「2. 内容の確認」; the file name follows it. */
  heading: string;
  committing: boolean;
  onCommit(excludeRows: number[]): void;
  /** Asks the preview again with the rows outside the 台帳's own (preview.outside) left out or taken; no choice without it. */
  onLeaveOutside?(leaveOut: boolean): void;
  /** What was last asked of onLeaveOutside, shown at once while the preview asked comes (the preview's own by default). */
  leavingOutside?: boolean;
}) {
  const [excluded, setExcluded] = useState<Set<number>>(new Set());
  // Rows are in file order, so a row's first duplicate is met before any later one.
  const freed = freedRows(preview.rows, excluded);
  const blocking = preview.errorRows.filter((n) => !excluded.has(n) && !freed.has(n)).length;
  const shownErrors = preview.rows.filter((r) => r.status === 'error').length;
  const shownOthers = preview.rows.length - shownErrors;
  const toApply =
    preview.counts.new +
    preview.counts.changed +
    freed.size -
    preview.rows.filter((r) => excluded.has(r.rowNumber) && (r.status === 'new' || r.status === 'changed')).length;
  const excludeErrors = () => setExcluded((s) => new Set([...s, ...preview.errorRows.filter((n) => !freed.has(n))]));
  const toggle = (rowNumber: number) =>
    setExcluded((s) => {
      const next = new Set(s);
      if (next.has(rowNumber)) next.delete(rowNumber);
      else next.add(rowNumber);
      return next;
    });

  return (
    <section className="card" aria-labelledby="preview-heading">
      <div className="card__head">
        <h2 id="preview-heading">
          {heading} — {preview.fileName}
        </h2>
        <span className="muted">{preview.source}</span>
      </div>
      {preview.caution && (
        <p className="notice" role="status" data-testid="import-caution">
          {preview.caution}
        </p>
      )}
      <p className="chips" data-testid="import-counts">
        <span className="badge">新規 {formatNumber(preview.counts.new)}</span>
        <span className="badge">変更 {formatNumber(preview.counts.changed)}</span>
        <span className="badge badge--gray">変更なし {formatNumber(preview.counts.unchanged)}</span>
        <span className={`badge${preview.counts.error ? ' badge--error' : ' badge--gray'}`}>
          エラー {formatNumber(preview.counts.error)}
        </span>
        {preview.outside?.leftOut && (
          <span className="badge badge--gray">
            除外（{preview.outside.own}以外） {formatNumber(preview.outside.rows)}
          </span>
        )}
      </p>
      {preview.notes.length > 0 && (
        <ul className="plain-list muted">
          {preview.notes.map((n) => (
            <li key={n}>・{n}</li>
          ))}
        </ul>
      )}
      {preview.outside && onLeaveOutside && (
        <div className="notice import-outside" data-testid="import-outside">
          <label className="check">
            <input type="checkbox" checked={leavingOutside ?? preview.outside.leftOut} onChange={(e) => onLeaveOutside(e.target.checked)} />
            {preview.outside.own}の行だけを取り込む（他の都道府県の {formatNumber(preview.outside.rows)} 行は除外）
          </label>
        </div>
      )}
      {preview.counts.error > 0 && (
        <div className="notice notice--error" role="alert" style={{ margin: '1rem 0' }}>
          エラーのある行が {formatNumber(preview.counts.error)}{' '}
          行あります。ファイルを直して選び直すか、取り込まない行として除外してください。
          <div className="actions" style={{ marginTop: '0.5rem' }}>
            <button type="button" className="button button--secondary button--small" onClick={excludeErrors}>
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
              <th style={{ minWidth: '8em' }}>名称</th>
              <th>内容</th>
              <th>除外</th>
            </tr>
          </thead>
          <tbody>
            {preview.rows.map((row) => (
              <tr key={row.rowNumber} className={excluded.has(row.rowNumber) ? 'row-excluded' : undefined}>
                <td className="num">{row.rowNumber}</td>
                <td className="nowrap">
                  <span className={`badge${row.status === 'error' ? ' badge--error' : row.status === 'unchanged' ? ' badge--gray' : ''}`}>
                    {STATUS_LABELS[row.status]}
                  </span>
                </td>
                <td className="mono nowrap">{row.key}</td>
                <td>{row.label}</td>
                <td>
                  <RowDetail row={row} freed={freed.has(row.rowNumber)} />
                </td>
                <td>
                  <input
                    type="checkbox"
                    aria-label={`${row.rowNumber}行目を除外`}
                    checked={excluded.has(row.rowNumber)}
                    onChange={() => toggle(row.rowNumber)}
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {preview.rows.length < preview.totalRows && (
        <p className="muted">
          全 {formatNumber(preview.totalRows)} 行のうち、
          {shownErrors < preview.counts.error ? `エラーの行の先頭 ${formatNumber(shownErrors)} 行` : 'エラーの行すべて'}と、
          {shownOthers < preview.totalRows - preview.counts.error ? `ほかの行の先頭 ${formatNumber(shownOthers)} 行` : 'ほかの行すべて'}
          を表示しています。
          {shownErrors < preview.counts.error &&
            `表示していないエラーの行 ${formatNumber(preview.counts.error - shownErrors)} 行も「エラーの行をすべて除外」で除外されます。`}
        </p>
      )}
      <div className="actions" style={{ marginTop: '1rem' }}>
        <button
          type="button"
          className="button"
          disabled={blocking > 0 || committing || toApply <= 0}
          onClick={() => onCommit([...excluded])}
        >
          {committing ? '取り込み中…' : `${formatNumber(Math.max(toApply, 0))} 件を取り込む`}
        </button>
        <span className="muted">
          {blocking > 0
            ? `除外していないエラーの行が ${formatNumber(blocking)} 行あります`
            : 'すべて取り込むか、何も取り込まないかのどちらかです（途中で失敗しても一部だけ書き込まれることはありません）'}
        </span>
      </div>
    </section>
  );
}
