/**
 * A meeting's 会議資料（スライド）: the decks saved with it, each to open,
 * present full screen or print as a 4-up handout, and 「作る」 for a new one
 * that is saved with this meeting (the deck screens live under 帳票).
 */
import { useState } from 'react';
import { Link } from 'react-router';
import { OpFailure } from '@renderer/api/client';
import { useApi, useQuery } from '@renderer/api/hooks';
import { ErrorNotice } from '@renderer/components/ErrorNotice';
import { useMover } from '@renderer/components/Navigation';
import { Editing } from '@renderer/components/ReadOnly';
import { useErrorToast, useToast } from '@renderer/components/Toast';
import { saveFile } from '@renderer/lib/files';
import { formatTimestamp } from '@shared/format';

/** `meetingTitle`: the meeting as its page names it (第4回 運営会議), for what 「作る」 says it makes. */
export function MeetingDecks({ meetingId, meetingTitle }: { meetingId: number; meetingTitle: string }) {
  const decks = useQuery('deck.list', { meetingId });
  const { client } = useApi();
  const mover = useMover();
  const toast = useToast();
  const [printing, setPrinting] = useState<number | null>(null);
  const [printError, setPrintError] = useState<OpFailure | undefined>();
  useErrorToast(printError);

  const present = async (id: number) => {
    // Full screen needs the user's own click; asked here, before the page changes.
    await document.documentElement.requestFullscreen?.().catch(() => undefined);
    mover.go(`/present/${id}`);
  };
  const handout = async (id: number) => {
    setPrinting(id);
    setPrintError(undefined);
    try {
      const file = await client.call('deck.handout', { id, perPage: 4 });
      saveFile(file);
      toast(`配布資料（A4 ${file.pages}枚、4枚割付）を保存しました: ${file.fileName}`, 'success');
    } catch (error) {
      setPrintError(error instanceof OpFailure ? error : new OpFailure({ code: 'internal', message: String(error) }));
    } finally {
      setPrinting(null);
    }
  };

  return (
    <section className="card meeting-section" aria-labelledby="meeting-decks">
      <div className="meeting-section__head">
        <h3 id="meeting-decks">会議資料（スライド）</h3>
        <Editing>
          <Link
            to={`/report/decks/new?meeting=${meetingId}`}
            className="button button--secondary button--small"
            data-edit
            aria-label={`${meetingTitle}の資料を作る`}
          >
            作る
          </Link>
        </Editing>
      </div>
      {decks.error && <ErrorNotice error={decks.error} />}
      {decks.data?.length === 0 && (
        <p className="muted">この会議の資料はまだありません。「作る」で、映す資料を集計から組み立てられます。</p>
      )}
      {decks.data && decks.data.length > 0 && (
        <table className="table meeting-decks" data-testid="meeting-decks">
          <thead>
            <tr>
              <th scope="col">資料の名前</th>
              <th scope="col">スライド</th>
              <th scope="col">更新</th>
              <th scope="col">発表・配布</th>
            </tr>
          </thead>
          <tbody>
            {decks.data.map((d) => (
              <tr key={d.id}>
                <td>
                  <Link to={`/report/decks/${d.id}`}>{d.title}</Link>
                </td>
                <td className="num">{d.slides} 枚</td>
                <td>{formatTimestamp(d.updatedAt)}</td>
                <td className="meeting-decks__actions">
                  <button
                    type="button"
                    className="button button--small"
                    disabled={d.slides === 0}
                    onClick={() => void present(d.id)}
                    aria-label={`「${d.title}」を発表（全画面）`}
                  >
                    発表
                  </button>
                  <button
                    type="button"
                    className="button button--secondary button--small"
                    disabled={d.slides === 0 || printing !== null}
                    onClick={() => void handout(d.id)}
                    aria-label={`「${d.title}」の配布資料（PDF、4枚割付）`}
                  >
                    {printing === d.id ? '作成中…' : '配布資料（PDF）'}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
