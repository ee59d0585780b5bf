/**
 * ホーム: what needs the officer in the 年度 — 基金の執行率, centers waiting for
 * their next subsidy step (and what earlier years still have open), survey
 * responses still missing, dates ahead — each
 * count a link to its screen; on a new database, the first steps. Below, the
 * open database and its last backup. The association's secretariat has its own (AssociationHome.tsx).
 */
import { useState } from 'react';
import { Link } from 'react-router';
import { useApi, useMutation, useQuery } from '@renderer/api/hooks';
import { ConflictNotice, isVersionConflict } from '@renderer/components/ConflictNotice';
import { ErrorNotice } from '@renderer/components/ErrorNotice';
import { Field } from '@renderer/components/Field';
import { PageHeader } from '@renderer/components/PageHeader';
import { may, useRole } from '@renderer/components/Permitted';
import { useErrorToast, useToast } from '@renderer/components/Toast';
import type { HomeAgenda } from '@shared/contract';
import { BACKUP_REASON_LABELS } from '@shared/contract/backup-reasons';
import { type IsoDate, parseIsoDate } from '@shared/dates';
import { fiscalYear, formatFiscalYear } from '@shared/fiscal-year';
import { formatBytes, formatNumber, formatRate, formatTimestamp, formatYen } from '@shared/format';
import { FUND_SIDE_LABELS } from '@shared/fund/sides';
import { PREFECTURES } from '@shared/masters/prefectures';
import { yen } from '@shared/money';
import { regionalBureauOf } from '@shared/report/bureaus';
import type { SubsidyStatus } from '@shared/subsidy/lifecycle';
import { formatWareki } from '@shared/wareki';
import { AssociationHomePage } from './AssociationHome';

/** What a center in each state waits for, as the officer says it. */
const WAITING_LABELS: Record<Exclude<SubsidyStatus, 'closed'>, string> = {
  none: '交付申請待ち',
  applied: '交付決定待ち（申請済み・未決定）',
  change_applied: '変更交付決定待ち',
  decided: '実績報告待ち（交付決定済み）',
  reported: '額の確定待ち（実績報告済み）',
  settled: '返還・追加交付待ち（確定済み）',
};

const NAMES_SHOWN = 3;

function daysBetween(from: IsoDate, to: IsoDate): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

function FirstSteps({ setup }: { setup: HomeAgenda['setup'] }) {
  const demo = useMutation('app.demo.load');
  const savePrefecture = useMutation('masters.prefecture.save');
  const toast = useToast();
  const [code, setCode] = useState('');
  useErrorToast(demo.error);
  const { invalidate } = useApi();
  // A colleague who set the prefecture meanwhile is answered by the notice below, with a reload, not a toast.
  useErrorToast(isVersionConflict(savePrefecture.error?.error) ? undefined : savePrefecture.error);

  const loadDemo = async () => {
    const result = await demo.run({});
    if (result) toast(`デモの県（${result.prefecture}）を読み込みました（台帳・基金・補助金・調査）`, 'success');
  };
  const save = async () => {
    const chosen = PREFECTURES.find((p) => p.code === code);
    // The step shows only while no prefecture is set: what it read is "none yet" (version 0).
    if (chosen && (await savePrefecture.run({ code: chosen.code, name: chosen.name, version: 0 })))
      toast(`都道府県を「${chosen.name}」にしました`, 'success');
  };
  const bureau =
    setup.regionalBureau || (setup.prefecture ? regionalBureauOf(PREFECTURES.find((p) => p.name === setup.prefecture)?.code ?? '') : null);

  return (
    <section className="card home-first" aria-labelledby="first-heading">
      <h2 id="first-heading">はじめに</h2>
      <ol className="home-steps">
        {/* Not once the database is the officer's own (a prefecture, or their names in 設定): the demo goes into a new one. */}
        {setup.empty && setup.demo && (
          <li>
            <strong>試しに使ってみる:</strong> デモの県（新潟県：7医療圏・30市町村・17センターと、その基金・補助金・調査）を読み込みます。
            <div className="actions" data-edit>
              <button type="button" className="button" onClick={loadDemo} disabled={demo.pending}>
                {demo.pending ? '読み込み中…' : 'デモデータ（新潟県）を読み込む'}
              </button>
            </div>
          </li>
        )}
        <li className={setup.prefecture ? 'home-step--done' : undefined}>
          <strong>都道府県と宛先の地方厚生局:</strong>{' '}
          {setup.prefecture ? (
            <>
              {setup.prefecture}（宛先 {bureau ?? '未設定'}）。<Link to="/settings">宛先・提出者は設定で変えられます →</Link>
            </>
          ) : (
            <div className="actions home-prefecture" data-edit>
              <Field label="都道府県">
                {(p) => (
                  <select {...p} name="prefecture" value={code} onChange={(e) => setCode(e.target.value)}>
                    <option value="">選んでください</option>
                    {PREFECTURES.map((pref) => (
                      <option key={pref.code} value={pref.code}>
                        {pref.name}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
              <button type="button" className="button button--secondary" onClick={save} disabled={!code || savePrefecture.pending}>
                保存
              </button>
              <span className="muted">
                宛先の地方厚生局は都道府県から決まります（<Link to="/settings">設定</Link>で変更）。
              </span>
            </div>
          )}
          <ConflictNotice
            error={savePrefecture.error?.error}
            onReload={() => {
              savePrefecture.reset();
              invalidate();
            }}
          />
        </li>
        <li className={setup.municipalities > 0 ? 'home-step--done' : undefined}>
          <strong>台帳を Excel から取り込む:</strong>{' '}
          {setup.municipalities > 0 ? (
            <>市区町村 {formatNumber(setup.municipalities)} 件を登録済みです。</>
          ) : (
            <>
              市区町村・圏域・医師会・センター・医療機関の一覧を取り込みます。
              <Link data-edit to="/masters/import">
                台帳の取り込みへ →
              </Link>
            </>
          )}
        </li>
      </ol>
    </section>
  );
}

function FundCard({ agenda }: { agenda: HomeAgenda }) {
  return (
    <section className="card home-card" aria-labelledby="home-fund">
      <h2 id="home-fund">基金の執行率</h2>
      {agenda.fund.length === 0 && (
        <p className="muted">
          {formatFiscalYear(fiscalYear(agenda.fiscalYear))}の基金の計画はまだありません。
          <Link data-edit to="/fund">
            基金で当初予算を作成 →
          </Link>
        </p>
      )}
      {agenda.fund.map((f) => (
        <Link key={f.side} to="/fund" className="home-figure" data-testid={`home-fund-${f.side}`}>
          <span className="home-figure__label">
            {FUND_SIDE_LABELS[f.side]}（{f.versionLabel}）
          </span>
          <span className="home-figure__value">{formatRate(f.executionRate.numerator, f.executionRate.denominator)}</span>
          <span className="home-figure__note">
            執行 {formatYen(yen(f.spent))} ／ 総事業費 {formatYen(yen(f.totalCost))}
          </span>
        </Link>
      ))}
    </section>
  );
}

function SubsidyCard({ agenda }: { agenda: HomeAgenda }) {
  const s = agenda.subsidy;
  const yearPath = `/subsidy/${agenda.fiscalYear}`;
  return (
    <section className="card home-card" aria-labelledby="home-subsidy">
      <h2 id="home-subsidy">補助金の手続き待ち</h2>
      {!s && (
        <p className="muted">
          {formatFiscalYear(fiscalYear(agenda.fiscalYear))}の要綱・手続きはまだありません。
          <Link data-edit to={`${yearPath}/rules`}>
            要綱を登録 →
          </Link>
        </p>
      )}
      {s && (
        <>
          <ul className="home-list" data-testid="home-subsidy">
            {s.waiting.map((w) => (
              <li key={w.status}>
                <Link to={yearPath} className="home-list__count">
                  {formatNumber(w.centers.length)}
                  <small>センター</small>
                </Link>
                <div>
                  <div>{WAITING_LABELS[w.status]}</div>
                  <div className="muted home-names">
                    {w.centers.slice(0, NAMES_SHOWN).map((c, i) => (
                      <span key={c.id}>
                        {i > 0 && '、'}
                        <Link to={`${yearPath}/centers/${c.id}`}>{c.name}</Link>
                      </span>
                    ))}
                    {w.centers.length > NAMES_SHOWN && ` ほか${w.centers.length - NAMES_SHOWN}`}
                  </div>
                </div>
              </li>
            ))}
          </ul>
          <p className="muted home-foot">
            完了 {formatNumber(s.closed)} ／ {formatNumber(s.centers)} センター
          </p>
        </>
      )}
    </section>
  );
}

/** What an earlier year's centers still wait for, briefly: the year's list says the rest (未申請 and 確定済 are not listed). */
const EARLIER_LABELS: Record<Exclude<SubsidyStatus, 'closed'>, string> = {
  none: '交付申請待ち',
  settled: '返還・追加交付待ち',
  applied: '交付決定待ち',
  change_applied: '変更交付決定待ち',
  decided: '実績報告待ち',
  reported: '額の確定待ち',
};

/** 「返還待ち 2センター（628,000円）」, linking to the one center when there is one, to the year's list otherwise. */
function CentersLink({ fy, label, centers, amount }: { fy: number; label: string; centers: { id: number }[]; amount?: number }) {
  const to = centers.length === 1 ? `/subsidy/${fy}/centers/${centers[0]!.id}` : `/subsidy/${fy}`;
  const money = amount === undefined ? '' : `（${formatYen(yen(amount))}）`;
  return <Link to={to}>{`${label} ${formatNumber(centers.length)}センター${money}`}</Link>;
}

/** The years before the one shown that still have 補助金 open; drawn only when there is something. */
function EarlierCard({ agenda }: { agenda: HomeAgenda }) {
  if (agenda.earlier.length === 0) return null;
  return (
    <section className="card home-earlier" aria-labelledby="home-earlier">
      <h2 id="home-earlier">過去の補助金で残っている手続き</h2>
      <ul className="home-earlier__years" data-testid="home-earlier">
        {agenda.earlier.map((y) => (
          <li key={y.fiscalYear}>
            <strong>{formatFiscalYear(fiscalYear(y.fiscalYear))}</strong>
            <span className="home-earlier__items">
              {y.waiting.map((w) => (
                <CentersLink key={w.status} fy={y.fiscalYear} label={EARLIER_LABELS[w.status]} centers={w.centers} />
              ))}
              {y.refunds && <CentersLink fy={y.fiscalYear} label="返還待ち" centers={y.refunds.centers} amount={y.refunds.amount} />}
              {y.additional && (
                <CentersLink fy={y.fiscalYear} label="追加交付待ち" centers={y.additional.centers} amount={y.additional.amount} />
              )}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}

function SurveyCard({ agenda }: { agenda: HomeAgenda }) {
  return (
    <section className="card home-card" aria-labelledby="home-survey">
      <h2 id="home-survey">調査の回答状況</h2>
      {agenda.surveys.length === 0 && (
        <p className="muted">
          {formatFiscalYear(fiscalYear(agenda.fiscalYear))}の調査はありません。
          <Link data-edit to="/survey">
            調査を作成 →
          </Link>
        </p>
      )}
      <ul className="home-list" data-testid="home-surveys">
        {agenda.surveys.map((r) => (
          <li key={r.roundId}>
            <Link to={`/survey/rounds/${r.roundId}`} className="home-list__count">
              {formatNumber(r.returned)}
              <small>/ {formatNumber(r.targets)} 回答</small>
            </Link>
            <div>
              <div>{r.title}</div>
              <div className="muted">
                {r.returned < r.targets ? `未回答 ${formatNumber(r.targets - r.returned)}` : 'すべて回答済み'}
                {r.withErrors > 0 && `・要確認 ${formatNumber(r.withErrors)}`}
              </div>
              <progress className="home-progress" max={r.targets} value={r.returned} aria-label={`${r.title}の回答 ${r.label}`} />
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}

function UpcomingCard({ agenda }: { agenda: HomeAgenda }) {
  const today = parseIsoDate(agenda.today);
  return (
    <section className="card home-card" aria-labelledby="home-upcoming">
      <h2 id="home-upcoming">これからの日付</h2>
      {agenda.upcoming.length === 0 && <p className="muted">この年度にこれからの日付はありません。</p>}
      <ul className="home-dates">
        {agenda.upcoming.map((u) => {
          const date = parseIsoDate(u.date);
          const days = daysBetween(today, date);
          return (
            <li key={`${u.date}-${u.label}`}>
              <span className="home-dates__date">{formatWareki(date)}</span>
              <Link to={u.link}>{u.label}</Link>
              <span className="muted">{days === 0 ? '今日' : `あと ${formatNumber(days)} 日`}</span>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

/** 今すぐバックアップ: a backup made now, said in a toast (and a refusal in one). */
function useBackupNow() {
  const backup = useMutation('backup.create');
  const toast = useToast();
  useErrorToast(backup.error);
  const backupNow = async () => {
    const info = await backup.run({});
    if (info) toast(`バックアップを作成しました（${formatTimestamp(info.createdAt)}）`, 'success');
  };
  return { backupNow, pending: backup.pending };
}

/** The day's automatic backup failed at start-up: said at the top of the home, with what to do, until a backup is made. */
function BackupFailureNotice() {
  const failure = useQuery('app.summary', {}).data?.backupFailure;
  const role = useRole();
  const { backupNow, pending } = useBackupNow();
  if (!failure) return null;
  return (
    <div className="notice notice--error network-notice" role="alert" data-testid="backup-failure">
      <div>
        <strong>起動時の毎日の自動バックアップを作成できませんでした。</strong>
        <p>{failure}</p>
        <p>
          {'「今すぐバックアップ」で手動で作成してください。作成できないときは、データベースと同じ場所にあるバックアップのフォルダーを確かめてください。' +
            'バックアップが作成されるまで、この表示は消えません。'}
        </p>
      </div>
      {role && may(role, 'backup.create') && (
        <button data-edit type="button" className="button" onClick={backupNow} disabled={pending}>
          {pending ? '作成中…' : '今すぐバックアップ'}
        </button>
      )}
    </div>
  );
}

function DatabaseCards() {
  const summary = useQuery('app.summary', {});
  const session = useQuery('accounts.session', {}).data;
  const role = session?.role;
  // A shared database is on a server: no file, no size of its own to watch, and its backups are the server's (pg_dump).
  const shared = session?.shared;
  const backup = useBackupNow();
  const data = summary.data;
  if (summary.error) return <ErrorNotice error={summary.error} />;
  return (
    <div className="grid grid--2 home-db">
      <section className="card" aria-labelledby="db-heading">
        <h2 id="db-heading">データベース</h2>
        {data && (
          <dl className="kv">
            <dt>{shared ? '接続先' : 'ファイル'}</dt>
            <dd className="mono" data-testid="db-path">
              {data.database.path}
            </dd>
            {!shared && (
              <>
                <dt>サイズ</dt>
                <dd>{formatBytes(data.database.sizeBytes)}</dd>
              </>
            )}
            {/* No 形式: the schema's migration id means nothing to an officer (it is in 設定's サポート用の情報), and the
                sidebar names the version. */}
          </dl>
        )}
      </section>
      {shared ? (
        <section className="card" aria-labelledby="backup-heading">
          <h2 id="backup-heading">バックアップ</h2>
          <p data-testid="last-backup">
            共有データベースのバックアップは、サーバーの管理者がサーバーで取ります（pg_dump）。Renkei
            からは作成も復元もしません。以前の状態に戻したいときは、サーバーの管理者に相談してください。
          </p>
        </section>
      ) : session ? (
        <section className="card" aria-labelledby="backup-heading">
          <div className="card__head">
            <h2 id="backup-heading">最新のバックアップ</h2>
            {role && may(role, 'backup.create') && (
              <button
                data-edit
                type="button"
                className="button button--secondary button--small"
                onClick={backup.backupNow}
                disabled={backup.pending}
              >
                {backup.pending ? '作成中…' : '今すぐバックアップ'}
              </button>
            )}
          </div>
          {data &&
            (data.database.readOnlyCopy && !data.lastBackup ? (
              // A copy is not changed, so no backup is made of it at start or before an update.
              <p className="muted" data-testid="last-backup">
                会議用の閲覧専用コピーのため、自動のバックアップは作成しません。元のデータベースのバックアップをお使いください。
              </p>
            ) : data.lastBackup ? (
              <p>
                <span data-testid="last-backup">{formatTimestamp(data.lastBackup.createdAt)}</span>（
                {BACKUP_REASON_LABELS[data.lastBackup.reason]}バックアップ、
                {formatBytes(data.lastBackup.sizeBytes)}）
              </p>
            ) : (
              <p className="muted" data-testid="last-backup">
                まだバックアップはありません。起動時に1日1回、データベースの更新前にも自動で作成されます。
              </p>
            ))}
          <p className="muted card__end">
            <Link to="/settings">バックアップの一覧と復元 →</Link>
          </p>
        </section>
      ) : null}
    </div>
  );
}

/** The home of the role signed in: the secretariat's own (its centers), the prefecture's otherwise; nothing until the role is known. */
export function HomePage() {
  const role = useRole();
  if (!role) return <PageHeader title="ホーム" lead="読み込み中…" />;
  return role === 'assoc' ? <AssociationHomePage /> : <PrefectureHome />;
}

function PrefectureHome() {
  const [asked, setAsked] = useState<number>();
  const agenda = useQuery('app.home', asked === undefined ? {} : { fiscalYear: asked });
  const a = agenda.data;
  const needsSetup = a && (a.setup.prefecture === null || a.setup.municipalities === 0);
  const today = a ? formatWareki(parseIsoDate(a.today)) : '';

  return (
    <>
      <PageHeader
        title="ホーム"
        lead={
          a
            ? `今日は ${today}。${formatFiscalYear(fiscalYear(a.fiscalYear))}の、対応が必要なことです。`
            : '今年度の、対応が必要なことです。'
        }
      />
      <BackupFailureNotice />
      {agenda.error && <ErrorNotice error={agenda.error} />}
      {a && needsSetup && <FirstSteps setup={a.setup} />}
      {a && !a.setup.empty && (
        <>
          <div className="toolbar">
            <Field label="年度">
              {(p) => (
                <select {...p} name="fiscalYear" value={a.fiscalYear} onChange={(e) => setAsked(Number(e.target.value))}>
                  {a.years.map((y) => (
                    <option key={y} value={y}>
                      {formatFiscalYear(fiscalYear(y))}
                      {y === a.currentFiscalYear ? '（今年度）' : ''}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          </div>
          <EarlierCard agenda={a} />
          <div className="grid home-grid">
            <FundCard agenda={a} />
            <SubsidyCard agenda={a} />
            <SurveyCard agenda={a} />
            <UpcomingCard agenda={a} />
          </div>
        </>
      )}
      <DatabaseCards />
    </>
  );
}
