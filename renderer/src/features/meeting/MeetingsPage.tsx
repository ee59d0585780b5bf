/**
 * A 年度's meetings, one table per body (回, date, place, attendance, what
 * was recorded), and every action item not yet 完了 beside them, so what is
 * owed to the next meeting is in view. Enter or a click opens a meeting.
 */
import { Link } from 'react-router';
import { useQuery } from '@renderer/api/hooks';
import { DataTable } from '@renderer/components/DataTable';
import { ErrorNotice } from '@renderer/components/ErrorNotice';
import { useMover } from '@renderer/components/Navigation';
import type { ActionItem, MeetingSummary } from '@shared/contract/meeting';
import type { FiscalYear } from '@shared/fiscal-year';
import { ACTION_STATUS_LABELS } from '@shared/meeting/records';
import { formatWarekiWithWeekday } from '@shared/wareki';
import { meetingPath } from './paths';

/**
 * The 会場 as the words it wraps between: a narrow column breaks 「新潟県医師会館 大会議室（デモ）」 at its space, never
 * inside 「（デモ）」; the 「・」 before オンライン stays at the end of a line, where Japanese text keeps it.
 * @example placeWords({ place: '新潟県庁 講堂', online: true }) // ['新潟県庁', '講堂・', 'オンライン']
 */
function placeWords(m: { place: string; online: boolean }): string[] {
  const words = m.place.split(/[\s\u3000]+/).filter(Boolean);
  if (!m.online) return words.length > 0 ? words : ['―'];
  return [...words.map((w, i) => (i === words.length - 1 ? `${w}・` : w)), 'オンライン'];
}

function Place({ meeting }: { meeting: { place: string; online: boolean } }) {
  const words = placeWords(meeting);
  return (
    <>
      {words.map((w, i) => (
        // A space where the 会場 has one; none after the 「・」 of オンライン.
        <span key={i}>
          {i > 0 && !words[i - 1]!.endsWith('・') ? ' ' : ''}
          <span className="meeting-venue__word">{w}</span>
        </span>
      ))}
    </>
  );
}

function OpenActions({ items }: { items: ActionItem[] }) {
  return (
    <section className="card meeting-open" aria-labelledby="meeting-open-title">
      <h2 id="meeting-open-title">
        未完了の対応事項 <span className="badge">{items.length}件</span>
      </h2>
      {items.length === 0 ? (
        <p className="muted">未完了の対応事項はありません。</p>
      ) : (
        <ul className="meeting-open__list">
          {items.map((a) => (
            <li key={a.id}>
              <span className={`meeting-status meeting-status--${a.status}`}>{ACTION_STATUS_LABELS[a.status]}</span>
              <span className="meeting-open__content">{a.content}</span>
              <span className="muted meeting-open__meta">
                <Link to={meetingPath.meeting(a.meetingFiscalYear, a.meetingId)}>{a.meetingTitle}</Link>
                {a.owner && `・${a.owner}`}
                {a.dueOn && (
                  <>
                    ・<span className="meeting-open__due">期限 {formatWarekiWithWeekday(a.dueOn)}</span>
                  </>
                )}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

export function MeetingsPage({ fy }: { fy: FiscalYear }) {
  const mover = useMover();
  const bodies = useQuery('meeting.bodies.list', {});
  const list = useQuery('meeting.list', { fiscalYear: fy });
  const open = useQuery('meeting.actions.open', { fiscalYear: fy });
  const groups = (bodies.data ?? [])
    .map((b) => ({ body: b, meetings: (list.data ?? []).filter((m) => m.bodyId === b.id) }))
    .filter((g) => g.meetings.length > 0);

  return (
    <div className="meeting-page">
      <div className="meeting-page__main">
        <div className="actions meeting-page__actions">
          <Link data-edit to={meetingPath.meeting(fy, 'new')} className="button">
            会議を記録
          </Link>
          <span className="muted">一覧の行で Enter を押すと会議を開きます。</span>
        </div>
        {list.error && <ErrorNotice error={list.error} />}
        {list.data && groups.length === 0 && (
          <p className="empty-state">この年度の会議はまだ記録されていません。「会議を記録」から始めてください。</p>
        )}
        {groups.map(({ body, meetings }) => (
          <section key={body.id} className="meeting-body-group">
            <h2>
              {body.name} <span className="muted meeting-body-group__count">{meetings.length}回</span>
            </h2>
            <DataTable<MeetingSummary>
              label={`${body.name}の会議`}
              rows={meetings}
              rowKey={(m) => m.id}
              onActivate={(m) => mover.go(meetingPath.meeting(fy, m.id))}
              columns={[
                { key: 'number', header: '回', cell: (m) => `第${m.number}回`, nowrap: true, width: '5rem' },
                { key: 'heldOn', header: '開催日', cell: (m) => formatWarekiWithWeekday(m.heldOn), nowrap: true },
                { key: 'time', header: '時間', cell: (m) => (m.startTime ? `${m.startTime}～${m.endTime}` : '―'), nowrap: true },
                { key: 'place', header: '会場', cell: (m) => <Place meeting={m} /> },
                { key: 'attending', header: '出席／委員', cell: (m) => `${m.attending}／${m.members}名`, numeric: true, nowrap: true },
                { key: 'agenda', header: '議題', cell: (m) => `${m.agendaCount}件`, numeric: true },
                { key: 'decisions', header: '決定', cell: (m) => `${m.decisionCount}件`, numeric: true },
                {
                  key: 'open',
                  header: '未完了',
                  cell: (m) => (m.openActions > 0 ? <span className="badge badge--error">{m.openActions}件</span> : '―'),
                  numeric: true,
                },
              ]}
            />
          </section>
        ))}
      </div>
      <OpenActions items={open.data ?? []} />
    </div>
  );
}
