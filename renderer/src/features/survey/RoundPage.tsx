/**
 * One round of a survey: its name, version, 年度 and 基準日, with two tabs —
 * 回答状況 (the tracker, the forms going out and coming back, the answers
 * typed in) and 集計結果 (the results and 前回比). A round nobody answered
 * can be deleted here.
 */
import { useState } from 'react';
import { Link, NavLink, useOutletContext, useParams } from 'react-router';
import { useMutation, useQuery } from '@renderer/api/hooks';
import { ConfirmDialog } from '@renderer/components/ConfirmDialog';
import { ErrorNotice } from '@renderer/components/ErrorNotice';
import { useMover } from '@renderer/components/Navigation';
import { PageHeader } from '@renderer/components/PageHeader';
import { useCan } from '@renderer/components/Permitted';
import { ScreenOutlet } from '@renderer/components/ScreenOutlet';
import { useErrorToast, useToast } from '@renderer/components/Toast';
import { roundTitle, type SurveyRoundDetail } from '@shared/contract/survey';
import { formatNumber } from '@shared/format';
import { SURVEY_TARGET_KIND_LABELS } from '@shared/survey/definition';
import { roundLabel, roundPath } from './labels';

/** The round the tabs under RoundPage show. */
export function useRound(): SurveyRoundDetail {
  return useOutletContext<SurveyRoundDetail>();
}

export function RoundPage() {
  const id = Number(useParams().roundId);
  const round = useQuery('survey.rounds.get', { id });
  const remove = useMutation('survey.rounds.delete');
  const [confirmDelete, setConfirmDelete] = useState(false);
  const can = useCan();
  const mover = useMover();
  const toast = useToast();
  useErrorToast(remove.error);
  const r = round.data;

  const doDelete = async () => {
    setConfirmDelete(false);
    if (r && (await remove.run({ id: r.id }))) {
      toast(`${roundTitle(r)}を削除しました`, 'success');
      // From any of the round's tabs: the round is gone.
      mover.goIfStill(roundPath(r.id), '/survey');
    }
  };

  return (
    <>
      <p className="back-link">
        <Link to="/survey">← 調査の一覧</Link>
      </p>
      {round.error && <ErrorNotice error={round.error} />}
      {!r && !round.error && <p className="muted">読み込み中…</p>}
      {r && (
        <>
          <PageHeader
            title={roundTitle(r)}
            lead={
              <>
                {r.definitionName}（第{r.version}版）・{roundLabel(r)}・送り先の{SURVEY_TARGET_KIND_LABELS[r.targetKind]}{' '}
                {formatNumber(r.tracker.targets)}件
              </>
            }
            actions={
              r.tracker.returned === 0 &&
              can('survey.rounds.delete') && (
                <button data-edit type="button" className="button button--secondary button--small" onClick={() => setConfirmDelete(true)}>
                  この回を削除…
                </button>
              )
            }
          />
          <nav className="tabs" aria-label="回の画面">
            <NavLink to={roundPath(r.id)} end className="tab">
              回答状況<small data-testid="survey-tab-tracker">{r.tracker.label}</small>
            </NavLink>
            <NavLink to={roundPath(r.id, 'results')} className="tab">
              集計結果<small>有効 {formatNumber(r.tracker.valid)}件</small>
            </NavLink>
          </nav>
          <ScreenOutlet depth={2} context={r} />
          {confirmDelete && (
            <ConfirmDialog
              title={`${roundTitle(r)}を削除しますか？`}
              confirmLabel="削除する"
              danger
              onConfirm={() => void doDelete()}
              onCancel={() => setConfirmDelete(false)}
            >
              <p>回答はまだありません。送付の記録と送り先の一覧も消えます（監査ログには残ります）。</p>
            </ConfirmDialog>
          )}
        </>
      )}
    </>
  );
}
