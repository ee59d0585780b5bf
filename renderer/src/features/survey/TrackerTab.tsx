/**
 * 回答状況: how many targets were sent a form, returned it, and returned it
 * without errors — 「16 / 17 回答」 — with the ones still missing named; the
 * forms out and back as files; and every target with its state, where forms
 * are marked as sent and answers typed in.
 */
import { useState } from 'react';
import { useMutation } from '@renderer/api/hooks';
import { type Column, DataTable } from '@renderer/components/DataTable';
import { Field } from '@renderer/components/Field';
import { useCan } from '@renderer/components/Permitted';
import { useErrorToast } from '@renderer/components/Toast';
import { saveFile } from '@renderer/lib/files';
import { ANSWER_SOURCE_LABELS, type AnswerStatus, type SurveyRoundTarget } from '@shared/contract/survey';
import { type IsoDate, isoDateOfLocal } from '@shared/dates';
import { formatNumber, formatTimestamp } from '@shared/format';
import { SURVEY_TARGET_KIND_LABELS } from '@shared/survey/definition';
import { matchesSearch } from '@shared/text/normalize';
import { formatWareki } from '@shared/wareki';
import { AnswerDrawer } from './AnswerDrawer';
import { STATUS_LABELS } from './labels';
import { ReturnedFiles } from './ReturnedFiles';
import { useRound } from './RoundPage';
import { SendPanel } from './SendPanel';
import { withToggled } from './selection';
import { TargetPlace } from './TargetName';

type Filter = 'all' | AnswerStatus | 'unsent';
const FILTER_LABELS: Record<Filter, string> = { all: 'すべて', missing: '未回答', valid: '回答済み', errors: '要確認', unsent: '未送付' };
const STATUS_BADGES: Record<AnswerStatus, string> = { missing: 'badge badge--gray', valid: 'badge', errors: 'badge badge--error' };

function Figure({ label, value, testId, tone }: { label: string; value: number; testId: string; tone?: 'alert' }) {
  return (
    <div className={`survey-figure${tone ? ` survey-figure--${tone}` : ''}`}>
      <dt>{label}</dt>
      <dd data-testid={testId}>{formatNumber(value)}</dd>
    </div>
  );
}

export function TrackerTab() {
  const round = useRound();
  const tracker = round.tracker;
  const kind = SURVEY_TARGET_KIND_LABELS[round.targetKind];
  const [answering, setAnswering] = useState<string>();
  const [filter, setFilter] = useState<Filter>('all');
  const [search, setSearch] = useState('');
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [sentOn, setSentOn] = useState<string>(isoDateOfLocal(new Date()));
  const can = useCan();
  const form = useMutation('survey.forms.file');
  useErrorToast(form.error);

  const shown = round.targets.filter(
    (t) =>
      (filter === 'all' || (filter === 'unsent' ? t.sentAt === null : t.status === filter)) &&
      matchesSearch(search, [t.name, t.municipalityName ?? '', t.code ?? '']),
  );
  const allShownSelected = shown.length > 0 && shown.every((t) => selected.has(t.id));

  // A form already sent downloads again (to look at, or send once more) without changing the day it went out: a new
  // day is recorded from 「調査票を送る」, where the day is chosen.
  const downloadForm = async (t: SurveyRoundTarget) => {
    const marking = t.sentAt === null ? { markSent: true, ...(sentOn ? { sentOn } : {}) } : { markSent: false };
    const file = await form.run({ roundId: round.id, targetId: t.id, ...marking });
    if (file) saveFile(file);
  };

  const columns: Column<SurveyRoundTarget>[] = [
    {
      key: 'pick',
      header: '選択',
      width: '3.5rem',
      cell: (t) => (
        <input
          type="checkbox"
          aria-label={`${t.name}を選ぶ`}
          checked={selected.has(t.id)}
          onClick={(e) => e.stopPropagation()}
          onChange={(e) => setSelected((s) => withToggled(s, t.id, e.target.checked))}
        />
      ),
    },
    {
      key: 'name',
      header: kind,
      sortValue: (t) => t.name,
      cell: (t) => (
        <>
          {t.name}
          {t.municipalityName && <span className="muted survey-target__place">{t.municipalityName}</span>}
        </>
      ),
    },
    {
      key: 'status',
      header: '回答',
      nowrap: true,
      sortValue: (t) => ['missing', 'errors', 'valid'].indexOf(t.status),
      cell: (t) => (
        <>
          <span className={STATUS_BADGES[t.status]}>{STATUS_LABELS[t.status]}</span>
          {t.warnings > 0 && <span className="survey-warning survey-target__warnings">注意 {t.warnings}</span>}
        </>
      ),
    },
    {
      key: 'sent',
      header: '送付日',
      nowrap: true,
      sortValue: (t) => t.sentAt ?? '',
      cell: (t) => (t.sentAt ? formatWareki(t.sentAt as IsoDate) : <span className="muted">未送付</span>),
    },
    {
      key: 'saved',
      header: '回答の保存',
      sortValue: (t) => t.savedAt ?? '',
      cell: (t) =>
        t.savedAt && (
          <>
            <span className="nowrap">{formatTimestamp(t.savedAt)}</span>
            {t.source && <span className="muted survey-target__place">{ANSWER_SOURCE_LABELS[t.source]}</span>}
          </>
        ),
    },
    {
      key: 'open',
      header: '',
      cell: (t) => (
        <span className="survey-target__actions">
          <button
            data-edit
            type="button"
            className="button button--secondary button--small"
            aria-label={`${t.name}の調査票をダウンロード`}
            title={
              t.sentAt === null
                ? 'この送り先の調査票（Excel）をダウンロードし、送付済みとして記録します'
                : `この送り先の調査票（Excel）をダウンロードします（送付日 ${formatWareki(t.sentAt as IsoDate)} はそのままです）`
            }
            disabled={form.pending}
            onClick={(e) => {
              e.stopPropagation();
              void downloadForm(t);
            }}
          >
            調査票
          </button>
          <button
            data-edit={t.status === 'missing' ? 'association' : undefined}
            type="button"
            className="button button--secondary button--small"
            aria-label={`${t.name}の回答を${t.status === 'missing' ? '入力' : '開く'}`}
            onClick={(e) => {
              e.stopPropagation();
              setAnswering(t.id);
            }}
          >
            {t.status === 'missing' ? '回答を入力' : '回答を開く'}
          </button>
        </span>
      ),
    },
  ];

  return (
    <div className="stack">
      <section className="card survey-tracker" aria-labelledby="survey-tracker-title">
        <div className="card__head">
          <h2 id="survey-tracker-title">回答状況</h2>
          <strong className="survey-tracker__label" data-testid="survey-tracker-label">
            {tracker.label}
          </strong>
        </div>
        <dl className="survey-figures">
          <Figure label={`送り先の${kind}`} value={tracker.targets} testId="survey-tracker-targets" />
          <Figure label="送付済み" value={tracker.sent} testId="survey-tracker-sent" />
          <Figure label="回収" value={tracker.returned} testId="survey-tracker-returned" />
          <Figure label="有効（集計に入る）" value={tracker.valid} testId="survey-tracker-valid" />
          <Figure
            label="要確認（誤りあり）"
            value={tracker.withErrors}
            testId="survey-tracker-errors"
            tone={tracker.withErrors > 0 ? 'alert' : undefined}
          />
          <Figure
            label="未回収"
            value={tracker.missing.length}
            testId="survey-tracker-missing"
            tone={tracker.missing.length > 0 ? 'alert' : undefined}
          />
        </dl>
        {tracker.withErrors > 0 && (
          <div className="survey-missing">
            <h3>要確認の回答（{formatNumber(tracker.withErrors)}件）</h3>
            <p className="muted survey-missing__note">誤りを残したまま保存された回答です。集計に入りません。問い合わせて直してください。</p>
            <ul className="plain-list survey-missing__list" aria-label="要確認の回答">
              {round.targets
                .filter((t) => t.status === 'errors')
                .map((t) => (
                  <li key={t.id}>
                    <button type="button" className="survey-link" onClick={() => setAnswering(t.id)}>
                      {t.name}
                    </button>
                    <TargetPlace target={t} />
                  </li>
                ))}
            </ul>
          </div>
        )}
        {tracker.missing.length > 0 ? (
          <div className="survey-missing">
            <h3>
              未回収の{kind}（{formatNumber(tracker.missing.length)}件）
            </h3>
            <ul className="plain-list survey-missing__list" aria-label={`未回収の${kind}`}>
              {tracker.missing.map((t) => (
                <li key={t.id}>
                  <button type="button" className="survey-link" onClick={() => setAnswering(t.id)} title="電話や紙で受けた回答を入力します">
                    {t.name}
                  </button>
                  <TargetPlace target={t} />
                </li>
              ))}
            </ul>
          </div>
        ) : (
          <p className="survey-missing">すべての{kind}から回答がありました。</p>
        )}
      </section>

      {/* Sending the forms is the prefecture's; the secretariat answers (and brings back returned workbooks). */}
      {can('survey.forms.zip') && (
        <SendPanel
          round={round}
          selected={round.targets.filter((t) => selected.has(t.id)).map((t) => t.id)}
          sentOn={sentOn}
          onSentOn={setSentOn}
          onDone={() => setSelected(new Set())}
        />
      )}
      <ReturnedFiles round={round} />

      <section className="card" aria-labelledby="survey-targets-title">
        <div className="card__head">
          <h2 id="survey-targets-title">送り先と回答</h2>
          <span className="muted">
            行を選ぶ（クリック・Enter）と回答を入力・確認できます。行の中のチェックボックスやボタンへは ← → で移動します
          </span>
        </div>
        <div className="toolbar">
          <Field label="表示">
            {(p) => (
              <select {...p} value={filter} onChange={(e) => setFilter(e.target.value as Filter)}>
                {(Object.keys(FILTER_LABELS) as Filter[]).map((f) => (
                  <option key={f} value={f}>
                    {FILTER_LABELS[f]}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label="検索" hint={`${kind}・市町村の名前（かな・半角どれでも）`}>
            {(p) => <input {...p} type="search" value={search} onChange={(e) => setSearch(e.target.value)} />}
          </Field>
        </div>
        <div className="actions survey-targets__bulk">
          <button
            type="button"
            className="button button--secondary button--small"
            disabled={shown.length === 0}
            onClick={() =>
              setSelected((s) =>
                allShownSelected
                  ? new Set([...s].filter((id) => !shown.some((t) => t.id === id)))
                  : new Set([...s, ...shown.map((t) => t.id)]),
              )
            }
          >
            {allShownSelected ? '表示中の選択を外す' : `表示中の ${formatNumber(shown.length)} 件を選ぶ`}
          </button>
          <span className="muted">
            {formatNumber(shown.length)} / {formatNumber(round.targets.length)} 件を表示
          </span>
        </div>
        <DataTable
          label="送り先と回答"
          columns={columns}
          rows={shown}
          rowKey={(t) => t.id}
          onActivate={(t) => setAnswering(t.id)}
          empty="この条件に当てはまる送り先はありません。"
        />
      </section>
      {answering !== undefined && <AnswerDrawer roundId={round.id} targetId={answering} onClose={() => setAnswering(undefined)} />}
    </div>
  );
}
