/**
 * 調査: each survey definition (the two shipped ones and any the user made)
 * with its versions and questions, and its rounds — 年度, 基準日 and
 * 「31 / 33 回答」 — opening a round's page; creating a round, the way to
 * its 調査票's editor, a new survey (a copy or a blank one), and deleting one
 * of the officer's own that no round uses.
 */
import { useState } from 'react';
import { Link } from 'react-router';
import { useMutation, useQuery } from '@renderer/api/hooks';
import { ConfirmDialog } from '@renderer/components/ConfirmDialog';
import { type Column, DataTable } from '@renderer/components/DataTable';
import { ErrorNotice } from '@renderer/components/ErrorNotice';
import { useMover } from '@renderer/components/Navigation';
import { PageHeader } from '@renderer/components/PageHeader';
import { useCan } from '@renderer/components/Permitted';
import { useErrorToast, useToast } from '@renderer/components/Toast';
import { useUndoable } from '@renderer/components/Undo';
import { roundTitle, type SurveyDefinitionSummary, type SurveyRoundSummary } from '@shared/contract/survey';
import type { IsoDate } from '@shared/dates';
import { fiscalYear, formatFiscalYear } from '@shared/fiscal-year';
import { formatNumber, formatTimestamp } from '@shared/format';
import { formatHundredths } from '@shared/numbers';
import { QUESTION_TYPE_LABELS, type Question, SURVEY_TARGET_KIND_LABELS } from '@shared/survey/definition';
import { formatWareki } from '@shared/wareki';
import { CreateRoundDrawer } from './CreateRoundDrawer';
import { definitionEditPath, roundPath } from './labels';
import { NewDefinitionDrawer } from './NewDefinitionDrawer';

/** What a question allows, in a few words: 「0〜99人」「会長・副会長・…」. */
function allowed(q: Question): string {
  switch (q.type) {
    case 'integer':
    case 'decimal': {
      const show = (v: number) => (q.type === 'decimal' ? formatHundredths(v) : formatNumber(v));
      const range =
        q.min !== null || q.max !== null ? `${q.min !== null ? show(q.min) : ''}〜${q.max !== null ? show(q.max) : ''}${q.unit}` : q.unit;
      return range;
    }
    case 'choice':
    case 'multi':
      return q.choices.map((c) => c.label).join('・');
    case 'table':
      return `${q.columns.map((c) => c.label).join('・')}（${q.maxRows}行まで）`;
    case 'text':
      return `${formatNumber(q.maxLength)}文字まで`;
    case 'date':
      return '';
  }
}

function DefinitionDetails({ id, own }: { id: number; own: boolean }) {
  const detail = useQuery('survey.definitions.get', { id });
  const d = detail.data;
  if (!d) return detail.error ? <ErrorNotice error={detail.error} /> : null;
  return (
    <details className="survey-definition__details">
      <summary>
        設問（{d.definition.questions.length}問）と版（{d.versions.length}版）を見る
      </summary>
      <ol className="survey-definition__questions">
        {d.definition.questions.map((q) => (
          <li key={q.code}>
            <strong>{q.label}</strong>
            <span className="badge badge--gray">{QUESTION_TYPE_LABELS[q.type]}</span>
            {q.required && <span className="badge">必須</span>}
            <span className="muted"> {allowed(q)}</span>
          </li>
        ))}
      </ol>
      <table className="table survey-definition__versions" aria-label="版">
        <thead>
          <tr>
            <th>版</th>
            <th>作成</th>
            <th className="num">回</th>
            <th className="num">回答</th>
          </tr>
        </thead>
        <tbody>
          {d.versions.map((v) => (
            <tr key={v.versionId}>
              <td>第{v.version}版</td>
              <td>{formatTimestamp(v.createdAt)}</td>
              <td className="num">{formatNumber(v.rounds)}</td>
              <td className="num">{formatNumber(v.answers)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted">
        回のある版の調査票を編集すると新しい版になり、それまでの回と回答は元の版のまま残ります。
        {own && d.versions.some((v) => v.rounds > 0) && '回のある調査票は、回と回答を記録として残すため削除できません。'}
      </p>
    </details>
  );
}

function DefinitionCard({
  definition,
  rounds,
  onCreate,
  onDeleted,
}: {
  definition: SurveyDefinitionSummary;
  rounds: SurveyRoundSummary[];
  onCreate(): void;
  /** Deleted (after a confirm): the card goes at once, before the list is read again. */
  onDeleted(): void;
}) {
  const mover = useMover();
  const can = useCan();
  const toast = useToast();
  const remove = useMutation('survey.definitions.delete');
  useErrorToast(remove.error);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const undoable = useUndoable();
  const doDelete = async () => {
    setConfirmDelete(false);
    if (await remove.run({ id: definition.id, revision: definition.revision })) {
      onDeleted();
      toast(`調査票「${definition.name}」を削除しました`, 'success');
    }
  };
  const headingId = `survey-definition-${definition.id}`;
  const columns: Column<SurveyRoundSummary>[] = [
    { key: 'fy', header: '年度', nowrap: true, sortValue: (r) => r.fiscalYear, cell: (r) => formatFiscalYear(fiscalYear(r.fiscalYear)) },
    {
      key: 'date',
      header: '基準日',
      nowrap: true,
      sortValue: (r) => r.referenceDate,
      cell: (r) => formatWareki(r.referenceDate as IsoDate),
    },
    {
      key: 'title',
      header: '回',
      cell: (r) => (
        <Link to={roundPath(r.id)} onClick={(e) => e.stopPropagation()}>
          {roundTitle(r)}
        </Link>
      ),
    },
    { key: 'version', header: '版', nowrap: true, cell: (r) => `第${r.version}版` },
    { key: 'sent', header: '送付済み', numeric: true, cell: (r) => `${formatNumber(r.tracker.sent)} / ${formatNumber(r.tracker.targets)}` },
    {
      key: 'answers',
      header: '回答',
      numeric: true,
      sortValue: (r) => r.tracker.returned,
      cell: (r) => (
        <span data-testid={`survey-round-${r.id}-tracker`}>
          <strong>{r.tracker.label}</strong>
          {r.tracker.withErrors > 0 && <span className="badge badge--error survey-round__errors">要確認 {r.tracker.withErrors}</span>}
        </span>
      ),
    },
    {
      key: 'results',
      header: '',
      cell: (r) => (
        <Link to={roundPath(r.id, 'results')} className="button button--secondary button--small" onClick={(e) => e.stopPropagation()}>
          集計結果
        </Link>
      ),
    },
  ];
  return (
    <section className="card survey-definition" aria-labelledby={headingId}>
      <div className="card__head">
        <div>
          <h2 id={headingId}>{definition.name}</h2>
          <div className="chips survey-definition__chips">
            <span className="badge badge--gray">対象: {SURVEY_TARGET_KIND_LABELS[definition.targetKind]}</span>
            <span className="badge badge--gray">第{definition.version}版</span>
            <span className="badge badge--gray">回 {formatNumber(definition.rounds)}</span>
          </div>
        </div>
        <div className="actions">
          {can('survey.definitions.save') && (
            <Link data-edit to={definitionEditPath(definition.id)} className="button button--secondary">
              調査票を編集
            </Link>
          )}
          <button data-edit type="button" className="button button--secondary" onClick={onCreate}>
            ＋ この調査の回を作成
          </button>
          {definition.key === null && definition.rounds === 0 && can('survey.definitions.delete') && (
            <button data-edit type="button" className="button button--secondary" onClick={() => setConfirmDelete(true)}>
              調査票を削除…
            </button>
          )}
        </div>
      </div>
      <DataTable
        label={`${definition.name}の回`}
        columns={columns}
        rows={rounds}
        rowKey={(r) => r.id}
        onActivate={(r) => mover.go(roundPath(r.id))}
        empty="まだ回がありません。「この調査の回を作成」から始めてください。"
      />
      <DefinitionDetails id={definition.id} own={definition.key === null} />
      {confirmDelete && (
        <ConfirmDialog
          title={`調査票「${definition.name}」を削除しますか？`}
          confirmLabel="削除する"
          danger
          onConfirm={() => void doDelete()}
          onCancel={() => setConfirmDelete(false)}
        >
          <p>
            この調査票を使う回はまだありません。設問と版の記録が消えます（監査ログには残り
            {undoable ? '、「元に戻す」で戻せます' : 'ます。共有データベースでは元に戻せません'}）。
          </p>
        </ConfirmDialog>
      )}
    </section>
  );
}

export function SurveyPage() {
  const definitions = useQuery('survey.definitions.list', {});
  const rounds = useQuery('survey.rounds.list', {});
  /** The definition a new round starts from; undefined while the drawer is closed. */
  const [creating, setCreating] = useState<number>();
  const [starting, setStarting] = useState(false);
  // A survey just deleted, left out of the list as read before the deletion: its card would ask for it again (not found).
  const [deleted, setDeleted] = useState<{ id: number; from: SurveyDefinitionSummary[] }>();
  const can = useCan();
  const list = (definitions.data ?? []).filter((d) => !(deleted && deleted.from === definitions.data && deleted.id === d.id));
  // A survey's card shows its rounds once both lists are in: with the definitions alone it said 「まだ回がありません」
  // for a moment about a survey that has rounds.
  const roundList = rounds.data;
  return (
    <>
      <PageHeader
        title="調査"
        lead="人員配置・在宅医療提供体制の調査。回ごとに調査票を送り、回答を集めて、圏域別・前回と比べて集計します。"
        actions={
          <>
            <Link to="/survey/activity" className="button button--secondary">
              センター活動実績
            </Link>
            {can('survey.definitions.save') && (
              <button data-edit type="button" className="button button--secondary" onClick={() => setStarting(true)}>
                ＋ 新しい調査票を作る
              </button>
            )}
            {list.length > 0 && (
              <button data-edit type="button" className="button" onClick={() => setCreating(list[0]!.id)}>
                ＋ 回を作成
              </button>
            )}
          </>
        }
      />
      {definitions.error && <ErrorNotice error={definitions.error} />}
      {rounds.error && <ErrorNotice error={rounds.error} />}
      {(!definitions.data || !roundList) && !definitions.error && !rounds.error && <p className="muted">読み込み中…</p>}
      <div className="stack">
        {roundList &&
          list.map((d) => (
            <DefinitionCard
              key={d.id}
              definition={d}
              rounds={roundList.filter((r) => r.definitionId === d.id)}
              onCreate={() => setCreating(d.id)}
              onDeleted={() => setDeleted({ id: d.id, from: definitions.data! })}
            />
          ))}
      </div>
      {creating !== undefined && (
        <CreateRoundDrawer definitions={list} initialDefinitionId={creating} onClose={() => setCreating(undefined)} />
      )}
      {starting && <NewDefinitionDrawer definitions={list} onClose={() => setStarting(false)} />}
    </>
  );
}
