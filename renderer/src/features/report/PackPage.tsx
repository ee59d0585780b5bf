/**
 * 厚生局提出資料一式: pick the 年度, the date, the 文書番号 and the reports; the
 * core writes the cover, the PDFs, the workbooks and a manifest to a folder,
 * as a job: the screen shows which report it is making, and 中止 stops it
 * before the folder is written.
 * The selection is remembered in this browser and offered again next time: a
 * remembered tick-box is no change of the data, so 元に戻す and the audit log
 * leave it alone.
 */
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { Link } from 'react-router';
import { useMutation, useQuery } from '@renderer/api/hooks';
import { DateField } from '@renderer/components/DateField';
import { ErrorNotice } from '@renderer/components/ErrorNotice';
import { Field, fieldError } from '@renderer/components/Field';
import { FiscalYearSelect } from '@renderer/components/FiscalYearSelect';
import { JobCancelled, JobProgress, useJob, wasCancelled } from '@renderer/components/JobProgress';
import { MissingCharactersNotice } from '@renderer/components/MissingCharactersNotice';
import { PageHeader } from '@renderer/components/PageHeader';
import { saveFile } from '@renderer/lib/files';
import { readStoredList, storeList } from '@renderer/lib/stored';
import type { PackResult, ReportInfo } from '@shared/contract';
import type { FiscalYear } from '@shared/fiscal-year';
import { formatBytes } from '@shared/format';
import { missingData, reportsWithData } from '@shared/report/pick';
import { SECTIONS } from '@shared/sections';
import { defaultFiscalYear, parseDateText, today } from './params';

const PICK_KEY = 'renkei.packReports';

const SECTION_LABELS: Record<string, string> = Object.fromEntries(SECTIONS.map((s) => [s.id, s.label]));

function pageRange(first: number, pages: number): string {
  return pages > 1 ? `${first}〜${first + pages - 1}` : String(first);
}

function PackResultView({ result }: { result: PackResult }) {
  // The result opens below the form, often out of sight: bring it into view and put focus on it.
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    heading.current?.scrollIntoView({ block: 'start', behavior: 'smooth' });
    heading.current?.focus({ preventScroll: true });
  }, [result]);
  return (
    <section className="card" aria-labelledby="pack-result-heading">
      <h2 id="pack-result-heading" ref={heading} tabIndex={-1}>
        {result.warnings.length > 0 ? '作成しました（〓 と印刷された字があります）' : '作成しました'}
      </h2>
      <MissingCharactersNotice warnings={result.warnings} testId="pack-warnings" />
      <dl className="kv">
        <dt>保存先フォルダ</dt>
        <dd className="mono" data-testid="pack-dir">
          {result.dir}
        </dd>
      </dl>
      <h3 className="pack-result__subhead">ファイル（{result.files.length}件）</h3>
      <div className="table-wrap">
        <table className="table" aria-label="作成したファイル">
          <thead>
            <tr>
              <th>ファイル名</th>
              <th className="num">サイズ</th>
              <th>SHA-256</th>
              <th aria-label="操作" />
            </tr>
          </thead>
          <tbody>
            {result.files.map((f, i) => {
              const download = result.downloads.find((d) => d.fileName === f.fileName) ?? result.downloads[i];
              return (
                <tr key={f.path}>
                  <td className="mono" title={f.path}>
                    {f.fileName}
                  </td>
                  <td className="num">{formatBytes(f.bytes)}</td>
                  <td className="mono nowrap" title={f.sha256}>
                    {f.sha256.slice(0, 12)}…
                  </td>
                  <td className="num">
                    {download && (
                      <button
                        data-view
                        type="button"
                        className="button button--secondary button--small"
                        onClick={() => saveFile(download)}
                        aria-label={`${f.fileName}を保存`}
                      >
                        保存
                      </button>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <h3 className="pack-result__subhead">目次（PDF のページ）</h3>
      <div className="table-wrap">
        <table className="table" aria-label="資料の目次">
          <thead>
            <tr>
              <th>資料名</th>
              <th className="num">ページ</th>
            </tr>
          </thead>
          <tbody>
            {result.contents.map((c) => (
              <tr key={c.name}>
                <td>{c.title}</td>
                <td className="num">{pageRange(c.firstPage, c.pages)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function PackForm({ reports }: { reports: ReportInfo[] }) {
  const [fy, setFy] = useState<FiscalYear>(() => defaultFiscalYear(reports));
  const [date, setDate] = useState<string>(today);
  const [documentNumber, setDocumentNumber] = useState('');
  // The day the lists as of a day are read on: the date typed, today while it cannot be read.
  const asOf = parseDateText(date) ?? today();
  // The reports the officer picked (here or in an earlier pack); until then, the ones with data for the 年度 and the
  // day as they stand, so the ticks follow a change of year (QA: the pack of 令和5年度 kept the ticks of the new year
  // it opened on, leaving out its 補助金 reports).
  const [picked, setPicked] = useState<Set<string> | null>(() => {
    const known = readStoredList(PICK_KEY).filter((name) => reports.some((r) => r.name === name));
    return known.length > 0 ? new Set(known) : null;
  });
  const selected = picked ?? new Set(reportsWithData(reports, fy, asOf));
  const pack = useMutation('report.pack');
  const job = useJob();
  const [result, setResult] = useState<PackResult | undefined>();
  const working = pack.pending;
  const error = pack.error;
  const cancelled = wasCancelled(error);

  const toggle = (name: string) => {
    const next = new Set(selected);
    if (!next.delete(name)) next.add(name);
    setPicked(next);
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    // A date that cannot be read (its field says why, and reports no date) is not today's: the field is shown again.
    const unread = e.currentTarget.querySelector<HTMLInputElement>('input:invalid');
    if (unread) return unread.focus();
    setResult(undefined);
    // In the order of the list, whatever order they were ticked in.
    const chosen = reports.filter((r) => selected.has(r.name)).map((r) => r.name);
    storeList(PICK_KEY, chosen);
    const made = await job.run((options) =>
      pack.run(
        {
          fy,
          reports: chosen,
          ...(parseDateText(date) ? { date } : {}),
          ...(documentNumber.trim() ? { documentNumber: documentNumber.trim() } : {}),
        },
        options,
      ),
    );
    if (made) setResult(made);
  };

  return (
    <div className="stack">
      <form className="card stack" onSubmit={submit} aria-label="提出資料の条件">
        <div className="toolbar pack-form__fields">
          <Field label="年度" hint="各帳票の対象の年度です">
            {(p) => <FiscalYearSelect {...p} value={fy} onChange={setFy} />}
          </Field>
          <Field label="作成日" hint="文書の日付として印字します">
            {(p) => <DateField {...p} value={date} onChange={setDate} required />}
          </Field>
          <Field label="文書番号（任意）" hint="例: 新医薬第123号" error={fieldError(pack.error?.error, 'documentNumber')}>
            {(p) => <input {...p} value={documentNumber} onChange={(e) => setDocumentNumber(e.target.value)} maxLength={40} />}
          </Field>
        </div>
        <fieldset className="checklist" disabled={working}>
          <legend>
            含める帳票{' '}
            <span className="muted">
              （{selected.size} / {reports.length}件）
            </span>
          </legend>
          <div className="actions checklist__bulk">
            <button
              type="button"
              className="button button--secondary button--small"
              onClick={() => setPicked(new Set(reports.map((r) => r.name)))}
            >
              すべて選択
            </button>
            <button type="button" className="button button--secondary button--small" onClick={() => setPicked(new Set())}>
              すべて解除
            </button>
          </div>
          <ul className="plain-list checklist__items">
            {reports.map((r) => {
              const missing = missingData(r, fy, asOf);
              return (
                <li key={r.name}>
                  <label className="check">
                    <input type="checkbox" checked={selected.has(r.name)} onChange={() => toggle(r.name)} />
                    <span>
                      {r.title} <span className="badge badge--gray">{SECTION_LABELS[r.section]}</span>
                      {missing && <span className="badge badge--error">{missing}</span>}
                    </span>
                  </label>
                </li>
              );
            })}
          </ul>
          {fieldError(pack.error?.error, 'reports') && (
            <span className="field__error" role="alert">
              {fieldError(pack.error?.error, 'reports')}
            </span>
          )}
        </fieldset>
        <div className="actions">
          <button type="submit" className="button" disabled={working || selected.size === 0} aria-busy={working} data-view>
            {working ? `作成中…（${selected.size}件の帳票）` : '作成する'}
          </button>
          {selected.size === 0 && <span className="muted">帳票を1つ以上選んでください。</span>}
        </div>
        <JobProgress job={job} label="作成を始めています" counted />
        {/* Where the bar was, in sight of the 中止 just pressed. */}
        {cancelled && (
          <JobCancelled>
            中止しました。フォルダもファイルも作っていません。年度などを確かめて、もう一度「作成する」を押してください。
          </JobCancelled>
        )}
      </form>
      {error && !cancelled && !fieldError(error.error, 'documentNumber') && !fieldError(error.error, 'reports') && (
        <ErrorNotice title="作成できませんでした。" error={error} />
      )}
      {result && <PackResultView result={result} />}
    </div>
  );
}

export function PackPage() {
  const list = useQuery('report.list', {});
  return (
    <>
      <p className="back-link">
        <Link to="/report">← 帳票の一覧</Link>
      </p>
      <PageHeader
        title="厚生局提出資料一式を作成"
        lead="選んだ帳票を表紙・目次つきの PDF と Excel にまとめ、フォルダに書き出します。提出者・担当者・宛先は設定画面で変えられます。"
        actions={
          <Link to="/settings" className="button button--secondary button--small">
            提出者・担当者の設定
          </Link>
        }
      />
      {list.error && <ErrorNotice error={list.error} />}
      {!list.data && !list.error && <p className="muted">読み込み中…</p>}
      {list.data && <PackForm reports={list.data} />}
    </>
  );
}
