/**
 * 会議資料: the decks (newest first), a new one, and 会議用に持ち出す — the
 * read-only copy of the database for a meeting, on a laptop without network.
 */
import { useState } from 'react';
import { Link } from 'react-router';
import { useMutation, useQuery } from '@renderer/api/hooks';
import { ErrorNotice } from '@renderer/components/ErrorNotice';
import { FileTarget } from '@renderer/components/FileTarget';
import { useMover } from '@renderer/components/Navigation';
import { PageHeader } from '@renderer/components/PageHeader';
import { may, useRole } from '@renderer/components/Permitted';
import { useReadOnly } from '@renderer/components/ReadOnly';
import { useToast } from '@renderer/components/Toast';
import { COPY_LEAVE_OUT_LABELS } from '@shared/contract/deck';
import { parseIsoDate } from '@shared/dates';
import { formatBytes, formatTimestamp } from '@shared/format';
import { formatWareki } from '@shared/wareki';
import './deck.css';

function MeetingCopy() {
  const take = useMutation('deck.meetingCopy');
  const toast = useToast();
  const [leaveOut, setLeaveOut] = useState(false);

  const write = async (target: string) => {
    const done = await take.run({ path: target, leaveOut: leaveOut ? ['institution_answers'] : [] });
    if (done)
      toast(
        `会議用のコピー（${formatWareki(parseIsoDate(done.asOf))}時点、${formatBytes(done.sizeBytes)}）を書き出しました: ${done.path}`,
        'success',
      );
    return done !== undefined;
  };

  return (
    <section className="card" aria-labelledby="meeting-copy-heading">
      <h2 id="meeting-copy-heading">会議用に持ち出す</h2>
      <p className="deck-copy__lead">
        今の内容をそのまま1つのファイルに書き出します。会議のノート PC で Renkei から開くと<strong>閲覧専用</strong>
        になり、帳票もスライドも表示できますが、変更はできません。ネットワークがなくても開けます。
      </p>
      <label className="check">
        <input type="checkbox" checked={leaveOut} onChange={(e) => setLeaveOut(e.target.checked)} data-testid="copy-leave-out" />
        {COPY_LEAVE_OUT_LABELS.institution_answers}を含めない（外部の委員がいる会議向け。医療機関向け調査の集計も表示されなくなります）
      </label>
      <FileTarget
        pickLabel="保存先を選んで書き出す…"
        submitLabel="書き出す"
        hint="この PC 上のパス。USBメモリなどにも書き出せます。"
        placeholder="例: E:\会議用\運営会議_2024-02-15.sqlite"
        pending={take.pending}
        error={take.error?.message}
        onTarget={write}
      />
    </section>
  );
}

export function DecksPage() {
  const decks = useQuery('deck.list', {});
  const mover = useMover();
  const readOnly = useReadOnly();
  const role = useRole();
  // Only 県・担当 saves a deck; the prefecture's people take a meeting copy.
  const mayCreate = !readOnly && role !== undefined && may(role, 'deck.save');
  const mayCopy = !readOnly && role !== undefined && may(role, 'deck.meetingCopy');
  return (
    <div className="stack">
      <PageHeader
        title="会議資料（スライド）"
        lead="協議の場・運営会議で映す資料です。集計は開くたびに最新の数字で表示します。"
        actions={
          mayCreate && (
            <button type="button" className="button" onClick={() => mover.go('/report/decks/new')}>
              新しい資料を作る
            </button>
          )
        }
      />
      {decks.error && <ErrorNotice error={decks.error} />}
      <section className="card" aria-labelledby="decks-heading">
        <h2 id="decks-heading">資料の一覧</h2>
        {decks.data && decks.data.length === 0 ? (
          <p>まだ資料はありません。「新しい資料を作る」から始めてください。</p>
        ) : (
          <table className="table" data-testid="deck-list">
            <thead>
              <tr>
                <th scope="col">資料の名前</th>
                <th scope="col">会議</th>
                <th scope="col">スライド</th>
                <th scope="col">更新</th>
              </tr>
            </thead>
            <tbody>
              {decks.data?.map((d) => (
                <tr key={d.id}>
                  <td>
                    <Link to={`/report/decks/${d.id}`}>{d.title}</Link>
                  </td>
                  <td>{d.meeting ? <Link to={`/meeting/${d.meeting.fiscalYear}/m/${d.meeting.id}`}>{d.meeting.title}</Link> : '―'}</td>
                  <td className="num">{d.slides} 枚</td>
                  <td>{formatTimestamp(d.updatedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      {mayCopy && <MeetingCopy />}
    </div>
  );
}
