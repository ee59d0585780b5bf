/** 帳票: every report as a card with its first page, grouped by section, and the way to the 提出資料一式. */
import { useMemo } from 'react';
import { Link } from 'react-router';
import { useQuery } from '@renderer/api/hooks';
import { Breakable } from '@renderer/components/Breakable';
import { ErrorNotice } from '@renderer/components/ErrorNotice';
import { PageHeader } from '@renderer/components/PageHeader';
import type { ReportInfo } from '@shared/contract';
import { SECTIONS } from '@shared/sections';
import { ReportTabs } from './ReportTabs';
import { type Thumbnail, useThumbnails } from './thumbnails';

const ORIENTATION_LABELS = { portrait: 'A4縦', landscape: 'A4横' } as const;

function viewPath(name: string): string {
  return `/report/view/${encodeURIComponent(name)}`;
}

function ThumbnailFrame({ report, thumbnail }: { report: ReportInfo; thumbnail: Thumbnail | undefined }) {
  const paper = `report-thumb__paper report-thumb__paper--${report.orientation}`;
  if (thumbnail?.state === 'ready') {
    return (
      <Link to={viewPath(report.name)} className="report-thumb" tabIndex={-1}>
        <img className={paper} src={thumbnail.url} alt={`${report.title}の1ページ目`} />
      </Link>
    );
  }
  if (thumbnail?.state === 'empty') {
    const section = SECTIONS.find((s) => s.id === report.section);
    return (
      <div className="report-thumb">
        <div className={`${paper} report-thumb__paper--empty`}>
          {/* A list whose first 指定 is after today: there is data, from a later day. */}
          {/* Broken between phrases, never inside one (見本が出ま/す): the boxes are narrow. */}
          {report.dataSince ? (
            <span>
              <Breakable parts={['今日の日付の', 'データがありません']} />
              <br />
              <Breakable parts={['（プレビューで', '日付を選ぶと', '表示できます）']} />
            </span>
          ) : (
            <span>
              データがありません
              {section && (
                <>
                  <br />
                  <Breakable parts={[`（${section.label}の`, '画面で', '入力すると', '見本が出ます）']} />
                </>
              )}
            </span>
          )}
        </div>
      </div>
    );
  }
  if (thumbnail?.state === 'failed') {
    return (
      <div className="report-thumb">
        <div className={`${paper} report-thumb__paper--message`}>
          <span>
            <strong>見本を作れませんでした</strong>
            <br />
            {thumbnail.message}
          </span>
        </div>
      </div>
    );
  }
  return (
    <div className="report-thumb" aria-busy="true">
      <div className={`${paper} report-thumb__paper--waiting`}>
        <span>{thumbnail?.state === 'loading' ? '作成中…' : '順番待ち'}</span>
      </div>
    </div>
  );
}

function ReportCard({ report, thumbnail }: { report: ReportInfo; thumbnail: Thumbnail | undefined }) {
  const headingId = `report-${report.name.replace(/[^\w-]/g, '-')}`;
  return (
    <article className="report-card" aria-labelledby={headingId}>
      <ThumbnailFrame report={report} thumbnail={thumbnail} />
      <div className="report-card__body">
        <h3 id={headingId}>{report.title}</h3>
        <p className="report-card__desc">{report.description}</p>
        <div className="report-card__foot">
          <span className="chips">
            <span className="badge badge--gray">{ORIENTATION_LABELS[report.orientation]}</span>
            {report.needsFiscalYear && <span className="badge badge--gray">年度別</span>}
          </span>
          <Link to={viewPath(report.name)} className="button button--secondary button--small" aria-label={`${report.title}をプレビュー`}>
            プレビュー
          </Link>
        </div>
      </div>
    </article>
  );
}

export function ReportsPage() {
  const list = useQuery('report.list', {});
  const groups = useMemo(
    () => SECTIONS.map((s) => ({ ...s, reports: (list.data ?? []).filter((r) => r.section === s.id) })).filter((g) => g.reports.length > 0),
    [list.data],
  );
  // Thumbnails come in the order the cards are shown, top to bottom.
  const ordered = useMemo(() => (list.data ? groups.flatMap((g) => g.reports) : undefined), [list.data, groups]);
  const thumbnails = useThumbnails(ordered);
  return (
    <>
      <PageHeader
        title="帳票"
        lead="表示・保存・印刷できる帳票の一覧です。見本は1ページ目を、年度別の帳票はデータのある最新の年度で、今日の日付で作成しています。"
        actions={
          <>
            <Link to="/report/decks" className="button button--secondary">
              会議資料（スライド）
            </Link>
            <Link to="/report/pack" className="button">
              厚生局提出資料一式を作成
            </Link>
          </>
        }
      />
      <ReportTabs />
      {list.error && <ErrorNotice error={list.error} />}
      {list.loading && !list.data && <p className="muted">読み込み中…</p>}
      {list.data?.length === 0 && <p className="empty">帳票はまだありません。</p>}
      <div className="stack">
        {groups.map((g) => (
          <section key={g.id} aria-labelledby={`report-section-${g.id}`}>
            <h2 id={`report-section-${g.id}`} className="report-section__title">
              {g.label}
            </h2>
            <div className="report-gallery">
              {g.reports.map((r) => (
                <ReportCard key={r.name} report={r} thumbnail={thumbnails[r.name]} />
              ))}
            </div>
          </section>
        ))}
      </div>
    </>
  );
}
