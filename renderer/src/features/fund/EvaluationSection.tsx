/**
 * 事後評価 inside the project drawer, in the national sheet's fields: 実施状況,
 * whether the アウトカム指標 could be observed (else the 代替的な指標), 有効性・
 * 効率性 and その他, for one 年度 (saved on its own, apart from the project
 * form), beside a read-only table of the indicators and whether each met its target.
 * The form holds the version it read; a save over a newer one is refused with 再読み込み.
 */
import { useLayoutEffect, useRef, useState } from 'react';
import { useApi, useMutation, useQuery } from '@renderer/api/hooks';
import { ConflictNotice, isVersionConflict } from '@renderer/components/ConflictNotice';
import { Field, FormErrorNotice, fieldError, useFocusFirstError } from '@renderer/components/Field';
import { useSavedDraft } from '@renderer/components/savedDraft';
import { useToast } from '@renderer/components/Toast';
import { type FundEvaluation, type FundIndicator, INDICATOR_KIND_LABELS } from '@shared/contract/fund';
import { type FiscalYear, formatFiscalYear } from '@shared/fiscal-year';
import { indicatorAchieved } from '@shared/fund/indicators';
import { formatHundredths } from '@shared/numbers';

type EvaluationText = 'implementation' | 'outcomeNote' | 'alternativeIndicator' | 'effectiveness' | 'efficiency' | 'assessment';

/** The national 事後評価's fields, in the sheet's order, with what each asks for. */
const TEXT_FIELDS: readonly { key: EvaluationText; label: string; hint: string; rows: number }[] = [
  { key: 'implementation', label: '事業の実施状況', hint: '年度に行ったこと（回数・箇所・人数など）', rows: 3 },
  { key: 'outcomeNote', label: '観察できた指標の値・観察できなかった理由', hint: '例: 12医師会（令和6年3月31日）', rows: 2 },
  { key: 'alternativeIndicator', label: '代替的な指標', hint: '観察できなかったとき、代わりに見た指標とその値', rows: 2 },
  { key: 'effectiveness', label: '(1) 事業の有効性', hint: '目標の達成にどう役立ったか', rows: 3 },
  { key: 'efficiency', label: '(2) 事業の効率性', hint: '費用を抑えた工夫など', rows: 3 },
  { key: 'assessment', label: 'その他', hint: '', rows: 3 },
];

/** What the officer fills in: the text fields and アウトカム指標の観察. */
const EDITED = [...TEXT_FIELDS.map((f) => f.key), 'outcomeObserved'] as const;

function EvaluationForm({
  initial,
  stored,
  onDirty,
}: {
  initial: FundEvaluation;
  stored: FundEvaluation | undefined;
  onDirty?(dirty: boolean): void;
}) {
  // The 事後評価 as last read or saved (its version goes with the save), and the text typed over it.
  const form = useSavedDraft(initial, ({ version: _, ...text }) => text);
  const { draft, setDraft } = form;
  // The 事後評価 as stored: as this form's save returned it, or a newer reading (the reading after a save comes a moment later).
  const savedHere = form.record;
  const newest = !stored || (savedHere.version ?? 0) > (stored.version ?? 0) ? savedHere : stored;
  // Typing the stored 事後評価 does not hold yet: the drawer asks before closing over it (told before the screen
  // is drawn, so an Escape the moment a save's message shows does not ask about what was just saved).
  const dirty = EDITED.some((key) => draft[key] !== newest[key]);
  useLayoutEffect(() => onDirty?.(dirty), [dirty, onDirty]);
  const { client } = useApi();
  const save = useMutation('fund.evaluation.save');
  const toast = useToast();
  const error = save.error?.error;
  const formRef = useRef<HTMLDivElement>(null);
  useFocusFirstError(formRef, save.error);
  const submit = async () => {
    const saved = await form.save((sent, from) => save.run({ ...sent, version: from.version }));
    if (saved) {
      toast('事後評価を保存しました', 'success');
    }
  };
  const text = ({ key, label, hint, rows }: (typeof TEXT_FIELDS)[number]) => (
    <Field key={key} label={label} hint={hint || undefined} error={fieldError(error, key)}>
      {(p) => <textarea {...p} rows={rows} value={draft[key]} onChange={(e) => setDraft({ ...draft, [key]: e.target.value })} />}
    </Field>
  );
  return (
    <div ref={formRef} className="fund-evaluation__form">
      {text(TEXT_FIELDS[0]!)}
      <Field label="アウトカム指標の観察" error={fieldError(error, 'outcomeObserved')}>
        {(p) => (
          <select
            {...p}
            value={draft.outcomeObserved === null ? '' : draft.outcomeObserved ? 'yes' : 'no'}
            onChange={(e) => setDraft({ ...draft, outcomeObserved: e.target.value === '' ? null : e.target.value === 'yes' })}
          >
            <option value="">（未記入）</option>
            <option value="yes">観察できた</option>
            <option value="no">観察できなかった</option>
          </select>
        )}
      </Field>
      {TEXT_FIELDS.slice(1).map(text)}
      <ConflictNotice
        error={error}
        unsaved={TEXT_FIELDS.filter((f) => draft[f.key] !== '')
          .map((f) => `${f.label}: ${draft[f.key]}`)
          .join('\n')}
        onReload={async () => {
          form.take(await client.call('fund.evaluation.get', { projectId: draft.projectId, fiscalYear: draft.fiscalYear }));
          save.reset();
        }}
      />
      <FormErrorNotice
        error={isVersionConflict(error) ? undefined : error}
        fields={[...TEXT_FIELDS.map((f) => f.key), 'outcomeObserved']}
      />
      <div>
        <button data-edit type="button" className="button button--secondary" disabled={save.pending} onClick={submit}>
          事後評価を保存
        </button>
      </div>
    </div>
  );
}

export function EvaluationSection({
  projectId,
  fiscalYear,
  indicators,
  onDirty,
}: {
  projectId: number;
  fiscalYear: FiscalYear;
  indicators: readonly FundIndicator[];
  /** Told whether the form holds typing not saved. */
  onDirty?(dirty: boolean): void;
}) {
  const evaluation = useQuery('fund.evaluation.get', { projectId, fiscalYear });
  // The text is loaded once; later reloads (after any save on screen) leave what is being typed alone.
  const [loaded, setLoaded] = useState<FundEvaluation>();
  if (loaded === undefined && evaluation.data) setLoaded(evaluation.data);
  const heading = `事後評価（${formatFiscalYear(fiscalYear)}）`;
  return (
    <section className="fund-evaluation" aria-label={heading}>
      <h3>{heading}</h3>
      {evaluation.error && (
        <div className="notice notice--error" role="alert">
          {evaluation.error.message}
        </div>
      )}
      <div className="fund-evaluation__body">
        {loaded === undefined ? (
          <p className="muted">{evaluation.error ? '' : '読み込み中…'}</p>
        ) : (
          <EvaluationForm key={`${projectId}-${fiscalYear}`} initial={loaded} stored={evaluation.data} onDirty={onDirty} />
        )}
        <div className="table-wrap">
          <table className="table fund-evaluation__table" aria-label="指標の達成状況">
            <thead>
              <tr>
                <th>指標</th>
                <th>単位</th>
                <th className="num">基準値</th>
                <th className="num">目標値</th>
                <th className="num">実績値</th>
                <th>達成</th>
              </tr>
            </thead>
            <tbody>
              {indicators.length === 0 && (
                <tr>
                  <td colSpan={6} className="empty">
                    指標はまだありません。
                  </td>
                </tr>
              )}
              {indicators.map((i, at) => (
                <tr key={at}>
                  <th scope="row">
                    <span className="fund-evaluation__kind">{INDICATOR_KIND_LABELS[i.kind]}</span>
                    {i.label}
                  </th>
                  <td>{i.unit}</td>
                  <td className="num">{formatHundredths(i.baseline)}</td>
                  <td className="num">{formatHundredths(i.target)}</td>
                  <td className="num">{formatHundredths(i.actual)}</td>
                  <td className="fund-evaluation__met" data-field="achieved">
                    {indicatorAchieved(i) ? '○' : ''}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>
    </section>
  );
}
