/**
 * One report: its parameters (年度, 作成日 or 基準日), the PDF as it prints,
 * page by page, and saving it as PDF or Excel. The address keeps the
 * parameters (?fy=2025&date=2025-04-01), so a link can open a report as of a day.
 */
import { type FormEvent, useEffect, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { OpFailure } from '@renderer/api/client';
import { useApi, useQuery } from '@renderer/api/hooks';
import { DateField } from '@renderer/components/DateField';
import { ErrorNotice } from '@renderer/components/ErrorNotice';
import { Field } from '@renderer/components/Field';
import { FiscalYearSelect } from '@renderer/components/FiscalYearSelect';
import { MissingCharactersNotice } from '@renderer/components/MissingCharactersNotice';
import { PageHeader } from '@renderer/components/PageHeader';
import { useCan } from '@renderer/components/Permitted';
import { useErrorToast } from '@renderer/components/Toast';
import { saveFile } from '@renderer/lib/files';
import type { RenderedReport, ReportInfo, ReportParams } from '@shared/contract';
import type { FiscalYear } from '@shared/fiscal-year';
import { PdfViewer } from './PdfViewer';
import { defaultFiscalYear, paramsFor, parseDateText, parseFiscalYearText, today } from './params';
import { closePdf, openPdf, type PdfDocument, type PdfPage, pagesOf } from './pdf';

interface Shown {
  file: RenderedReport;
  doc: PdfDocument;
  pages: PdfPage[];
}

function asFailure(error: unknown): OpFailure {
  if (error instanceof OpFailure) return error;
  const detail = error instanceof Error ? error.message : String(error);
  return new OpFailure({
    code: 'internal',
    message: `PDF を画面に表示できませんでした（${detail}）。「PDF を保存」で保存すると開ける場合があります。`,
  });
}

/** The PDF for `params`, made again each time `request` changes (「表示」 asks anew even for the same parameters). */
function useRenderedPdf(name: string, request: { params: ReportParams; seq: number }) {
  const { client } = useApi();
  const [shown, setShown] = useState<Shown | undefined>();
  const [error, setError] = useState<OpFailure | undefined>();
  const [loading, setLoading] = useState(true);

  useEffect(() => {
    let live = true;
    setLoading(true);
    setError(undefined);
    void (async () => {
      let doc: PdfDocument | undefined;
      try {
        const file = await client.call('report.render', { name, params: request.params, format: 'pdf' });
        if (!live) return;
        doc = await openPdf(file.data);
        const pages = await pagesOf(doc);
        if (!live) {
          closePdf(doc);
          return;
        }
        setShown({ file, doc, pages });
      } catch (e) {
        if (doc) closePdf(doc);
        if (!live) return;
        // Pages made with other parameters would pass for these ones: take them away.
        setShown(undefined);
        setError(asFailure(e));
      } finally {
        if (live) setLoading(false);
      }
    })();
    return () => {
      live = false;
    };
  }, [client, name, request]);

  // The document on screen is closed when another replaces it and when the screen closes.
  const doc = shown?.doc;
  useEffect(
    () => () => {
      if (doc) closePdf(doc);
    },
    [doc],
  );

  return { shown, error, loading };
}

function ReportView({ report }: { report: ReportInfo }) {
  const { client } = useApi();
  const [search, setSearch] = useSearchParams();
  const [fy, setFy] = useState<FiscalYear>(() => parseFiscalYearText(search.get('fy')) ?? defaultFiscalYear([report]));
  const [date, setDate] = useState<string>(() => parseDateText(search.get('date')) ?? today());
  const paramsNow = () => paramsFor(report, fy, parseDateText(date) ?? undefined);
  const [request, setRequest] = useState(() => ({ params: paramsNow(), seq: 0 }));
  const { shown, error, loading } = useRenderedPdf(report.name, request);
  const [excelPending, setExcelPending] = useState(false);
  const [saveError, setSaveError] = useState<OpFailure | undefined>();
  useErrorToast(saveError);

  // What the form asks differs from what is shown: saving would save the shown one under the form's year.
  const changed = JSON.stringify(paramsNow()) !== JSON.stringify(request.params);

  const show = (e: FormEvent) => {
    e.preventDefault();
    // A date that cannot be read (its field says why, and reports no date) is not today's: the field is shown again.
    const unread = e.currentTarget.querySelector<HTMLInputElement>('input:invalid');
    if (unread) return unread.focus();
    setRequest((r) => ({ params: paramsNow(), seq: r.seq + 1 }));
    setSearch(
      {
        ...(report.needsFiscalYear ? { fy: String(fy) } : {}),
        ...(parseDateText(date) ? { date } : {}),
      },
      { replace: true },
    );
  };

  const saveExcel = async () => {
    setExcelPending(true);
    setSaveError(undefined);
    try {
      saveFile(await client.call('report.render', { name: report.name, params: request.params, format: 'xlsx' }));
    } catch (e) {
      setSaveError(asFailure(e));
    } finally {
      setExcelPending(false);
    }
  };

  return (
    <>
      <p className="back-link">
        <Link to="/report">← 帳票の一覧</Link>
      </p>
      <PageHeader title={report.title} lead={report.description} />
      <form className="toolbar" onSubmit={show} aria-label="帳票の条件">
        {report.needsFiscalYear && (
          <Field label="年度">{(p) => <FiscalYearSelect {...p} value={fy} onChange={setFy} withData={report.fiscalYears} />}</Field>
        )}
        <Field label={report.dateMeaning}>{(p) => <DateField {...p} value={date} onChange={setDate} required />}</Field>
        <button type="submit" className="button" disabled={loading} data-view>
          表示
        </button>
        <span className="report-params__status" role="status" aria-live="polite">
          {loading ? '作成中…' : changed && shown ? '条件を変えました。「表示」を押すと、その条件で保存できます。' : ''}
        </span>
        <span className="actions report-params__save">
          <button
            data-view
            type="button"
            className="button button--secondary"
            disabled={!shown || loading || changed}
            onClick={() => shown && saveFile(shown.file)}
          >
            PDF を保存
          </button>
          <button
            data-view
            type="button"
            className="button button--secondary"
            disabled={excelPending || changed}
            onClick={() => void saveExcel()}
            aria-busy={excelPending}
          >
            {excelPending ? 'Excel を作成中…' : 'Excel で保存'}
          </button>
        </span>
      </form>
      {error && <ErrorNotice title="帳票を作成できませんでした。" error={error} />}
      {!error && !shown && (
        <div className="pdf-backdrop pdf-backdrop--empty" aria-busy="true">
          作成中…
        </div>
      )}
      {shown && (
        <MissingCharactersNotice
          warnings={shown.file.warnings}
          lead="この PDF には 〓 と印刷された字があります。"
          testId="report-warnings"
        />
      )}
      {shown && <PdfViewer pages={shown.pages} busy={loading} label={`${report.title}のプレビュー`} />}
    </>
  );
}

export function ReportViewPage() {
  const { name = '' } = useParams();
  const list = useQuery('report.list', {});
  const report = list.data?.find((r) => r.name === name);
  // The 帳票 section's own: a role without it (医師会・事務局) lists only some reports.
  const can = useCan();
  const wholeCatalog = can('report.pack');
  return (
    <>
      {list.error && <ErrorNotice error={list.error} />}
      {list.loading && !list.data && <p className="muted">読み込み中…</p>}
      {list.data &&
        !report &&
        (wholeCatalog ? (
          <div className="notice notice--error" role="alert">
            <strong>帳票「{name}」は見つかりません。</strong> <Link to="/report">帳票の一覧</Link>から選んでください。
          </div>
        ) : (
          // The association's list leaves out the prefecture's reports (and it has no 帳票 menu): a link to one ends here.
          <div className="notice notice--error" role="alert">
            <strong>この帳票は県の担当者のみ使えます。</strong> 必要なときは県の担当者に依頼してください。
            <Link to="/">ホーム</Link>に戻る
          </div>
        ))}
      {report && <ReportView key={report.name} report={report} />}
    </>
  );
}
