/** ホーム: which database is open, its size, the last backup and the records in each section. */
import { Link } from 'react-router';
import { BACKUP_REASON_LABELS } from '../../../../shared/contract';
import { formatBytes, formatNumber, formatTimestamp } from '../../../../shared/format';
import { SECTIONS } from '../../../../shared/sections';
import { useMutation, useQuery } from '../../api/hooks';
import { ErrorNotice } from '../../components/ErrorNotice';
import { PageHeader } from '../../components/PageHeader';
import { useErrorToast, useToast } from '../../components/Toast';

export function HomePage() {
  const summary = useQuery('app.summary', {});
  const backup = useMutation('backup.create');
  const toast = useToast();
  useErrorToast(backup.error);

  if (summary.error) return <ErrorNotice error={summary.error} />;
  const data = summary.data;

  const backupNow = async () => {
    const info = await backup.run({});
    if (info) toast(`バックアップを作成しました（${formatTimestamp(info.createdAt)}）`, 'success');
  };

  return (
    <>
      <PageHeader title="ホーム" lead="開いているデータベースと、各業務の登録状況です。" />
      <div className="grid grid--2">
        <section className="card" aria-labelledby="db-heading">
          <h2 id="db-heading">データベース</h2>
          {data && (
            <dl className="kv">
              <dt>ファイル</dt>
              <dd className="mono" data-testid="db-path">{data.database.path}</dd>
              <dt>サイズ</dt>
              <dd>{formatBytes(data.database.sizeBytes)}</dd>
              <dt>形式</dt>
              <dd>
                スキーマ {data.database.schemaVersion}（更新 {data.database.migrations} 件適用）
              </dd>
              <dt>プログラム</dt>
              <dd>Renkei {data.appVersion}</dd>
            </dl>
          )}
        </section>
        <section className="card" aria-labelledby="backup-heading">
          <div className="card__head">
            <h2 id="backup-heading">最新のバックアップ</h2>
            <button type="button" className="button button--secondary button--small" onClick={backupNow} disabled={backup.pending}>
              {backup.pending ? '作成中…' : '今すぐバックアップ'}
            </button>
          </div>
          {data &&
            (data.lastBackup ? (
              <dl className="kv">
                <dt>日時</dt>
                <dd data-testid="last-backup">{formatTimestamp(data.lastBackup.createdAt)}</dd>
                <dt>種類</dt>
                <dd>{BACKUP_REASON_LABELS[data.lastBackup.reason]}バックアップ</dd>
                <dt>サイズ</dt>
                <dd>{formatBytes(data.lastBackup.sizeBytes)}</dd>
              </dl>
            ) : (
              <p className="muted" data-testid="last-backup">
                まだバックアップはありません。起動時に1日1回、データベースの更新前にも自動で作成されます。
              </p>
            ))}
          <p className="muted" style={{ marginBottom: 0 }}>
            <Link to="/settings">バックアップの一覧と復元 →</Link>
          </p>
        </section>
      </div>

      <h2 style={{ margin: '2rem 0 1rem' }}>業務別の登録件数</h2>
      <div className="grid grid--sections">
        {SECTIONS.map((section) => {
          const count = data?.sections.find((s) => s.section === section.id)?.records;
          return (
            <Link key={section.id} to={`/${section.id}`} className="section-tile" data-testid={`tile-${section.id}`}>
              <div className="section-tile__label">{section.label}</div>
              <div className="section-tile__count">
                {count === undefined ? '—' : formatNumber(count)}
                <small>件</small>
              </div>
              <div className="section-tile__desc">{section.description}</div>
            </Link>
          );
        })}
      </div>
    </>
  );
}
