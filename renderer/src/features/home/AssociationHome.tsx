/**
 * 医師会・事務局's ホーム: its 医師会's centers with, for the 年度, what each has
 * entered of the subsidy (交付申請, 実績報告) and received (交付決定), and the
 * survey rounds still waiting for their answers — each a link to the screen
 * where it is done. Only what the association may read: no 基金.
 */
import { useState } from 'react';
import { Link } from 'react-router';
import { useQuery } from '@renderer/api/hooks';
import { ErrorNotice } from '@renderer/components/ErrorNotice';
import { Field } from '@renderer/components/Field';
import { PageHeader } from '@renderer/components/PageHeader';
import type { AssociationHome, AssociationRound } from '@shared/contract';
import { type IsoDate, parseIsoDate } from '@shared/dates';
import { fiscalYear, formatFiscalYear } from '@shared/fiscal-year';
import { formatNumber, formatYen } from '@shared/format';
import { yen } from '@shared/money';
import { SUBSIDY_STATUS_LABELS } from '@shared/subsidy/lifecycle';
import { formatWareki } from '@shared/wareki';

const UPCOMING_SHOWN = 4;

const wareki = (date: string) => formatWareki(parseIsoDate(date as IsoDate));

function CentersCard({ home }: { home: AssociationHome }) {
  const yearPath = `/subsidy/${home.fiscalYear}`;
  return (
    <section className="card home-card" aria-labelledby="assoc-centers">
      <h2 id="assoc-centers">センターと補助金の手続き</h2>
      {!home.rules && (
        <p className="muted">
          {formatFiscalYear(fiscalYear(home.fiscalYear))}の要綱はまだ登録されていません。県が登録すると交付申請を入力できます。
        </p>
      )}
      {home.centers.length === 0 ? (
        <p className="muted">
          この医師会が運営するセンターは台帳にありません。県の担当者に台帳の「運営する医師会」を確認してもらってください。
        </p>
      ) : (
        <div className="table-wrap">
          <table className="table" aria-label="センターごとの補助金の手続き" data-testid="assoc-centers">
            <thead>
              <tr>
                <th>センター</th>
                <th>交付申請</th>
                <th>交付決定</th>
                <th>実績報告</th>
                <th>状況</th>
              </tr>
            </thead>
            <tbody>
              {home.centers.map((c) => (
                <tr key={c.id}>
                  <td>
                    <Link to={`${yearPath}/centers/${c.id}`}>{c.name}</Link>
                    {c.areaName && <div className="muted home-names">{c.areaName}</div>}
                  </td>
                  <td className="nowrap">
                    {c.applied === null ? <span className="badge badge--error">未入力</span> : formatYen(yen(c.applied))}
                  </td>
                  <td className="nowrap">
                    {c.decided === null ? (
                      <span className="badge badge--gray">未決定</span>
                    ) : (
                      <>
                        {formatYen(yen(c.decided))}
                        {c.decidedOn && <div className="muted home-names">{wareki(c.decidedOn)} 受領</div>}
                      </>
                    )}
                  </td>
                  <td className="nowrap">
                    {c.reported ? (
                      <span className="badge">入力済み</span>
                    ) : c.decided === null ? (
                      <span className="muted">—</span>
                    ) : (
                      <span className="badge badge--error">未入力</span>
                    )}
                  </td>
                  <td>{SUBSIDY_STATUS_LABELS[c.status]}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function RoundLine({ round, today }: { round: AssociationRound; today: IsoDate }) {
  const days = Math.round((Date.parse(`${round.referenceDate}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);
  return (
    <li>
      <Link to={`/survey/rounds/${round.roundId}`} className="home-list__count">
        {formatNumber(round.targets - round.missing.length)}
        <small>/ {formatNumber(round.targets)} 提出</small>
      </Link>
      <div>
        <div>{round.title}</div>
        <div className="muted home-names">
          基準日 {wareki(round.referenceDate)}
          {days > 0 && `（あと ${formatNumber(days)} 日）`}
          {round.missing.length > 0 && `・未提出: ${round.missing.map((m) => m.name).join('、')}`}
        </div>
      </div>
    </li>
  );
}

function SurveysCard({ home }: { home: AssociationHome }) {
  const today = home.today as IsoDate;
  const due = home.surveys.filter((r) => r.referenceDate <= today && r.missing.length > 0);
  const done = home.surveys.filter((r) => r.referenceDate <= today && r.missing.length === 0);
  const ahead = home.surveys.filter((r) => r.referenceDate > today);
  return (
    <section className="card home-card" aria-labelledby="assoc-surveys">
      <h2 id="assoc-surveys">調査・活動実績の提出</h2>
      {home.surveys.length === 0 && (
        <p className="muted">{formatFiscalYear(fiscalYear(home.fiscalYear))}にセンターへの調査はありません。</p>
      )}
      {home.surveys.length > 0 && (
        <>
          <h3 className="home-subhead">提出待ち</h3>
          {due.length === 0 ? (
            <p className="muted">提出待ちの調査はありません。</p>
          ) : (
            <ul className="home-list" data-testid="assoc-due">
              {due.map((r) => (
                <RoundLine key={r.roundId} round={r} today={today} />
              ))}
            </ul>
          )}
          {ahead.length > 0 && (
            <>
              <h3 className="home-subhead">これから</h3>
              <ul className="home-list">
                {ahead.slice(0, UPCOMING_SHOWN).map((r) => (
                  <RoundLine key={r.roundId} round={r} today={today} />
                ))}
              </ul>
              {ahead.length > UPCOMING_SHOWN && <p className="muted home-foot">ほか {formatNumber(ahead.length - UPCOMING_SHOWN)} 回</p>}
            </>
          )}
          <p className="muted home-foot">
            提出済み {formatNumber(done.length)} 回 ／ 基準日を過ぎた {formatNumber(done.length + due.length)} 回
          </p>
        </>
      )}
    </section>
  );
}

export function AssociationHomePage() {
  const [asked, setAsked] = useState<number>();
  const query = useQuery('app.associationHome', asked === undefined ? {} : { fiscalYear: asked });
  const home = query.data;
  return (
    <>
      <PageHeader
        title="ホーム"
        lead={
          home?.association
            ? `今日は ${wareki(home.today)}。${home.association.name}のセンターについて、${formatFiscalYear(fiscalYear(home.fiscalYear))}に対応が必要なことです。`
            : 'センターについて、今年度に対応が必要なことです。'
        }
      />
      {query.error && <ErrorNotice error={query.error} />}
      {home && (
        <>
          <div className="toolbar">
            <Field label="年度">
              {(p) => (
                <select {...p} name="fiscalYear" value={home.fiscalYear} onChange={(e) => setAsked(Number(e.target.value))}>
                  {home.years.map((y) => (
                    <option key={y} value={y}>
                      {formatFiscalYear(fiscalYear(y))}
                      {y === home.currentFiscalYear ? '（今年度）' : ''}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          </div>
          <div className="grid home-grid home-grid--association">
            <CentersCard home={home} />
            <SurveysCard home={home} />
          </div>
        </>
      )}
    </>
  );
}
