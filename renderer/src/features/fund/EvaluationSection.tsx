/**
 * 事後評価 inside the project drawer: the officer's assessment of the project
 * in one 年度 (saved on its own, apart from the project form), beside a
 * read-only table of the project's indicators and whether each met its target.
 */
import { useRef, useState } from 'react';
import { useMutation, useQuery } from '@renderer/api/hooks';
import { Field, FormErrorNotice, fieldError, useFocusFirstError } from '@renderer/components/Field';
import { useToast } from '@renderer/components/Toast';
import { type FundIndicator, INDICATOR_KIND_LABELS } from '@shared/contract/fund';
import { type FiscalYear, formatFiscalYear } from '@shared/fiscal-year';
import { indicatorAchieved } from '@shared/fund/indicators';
import { formatHundredths } from '@shared/numbers';

function AssessmentForm({ projectId, fiscalYear, initial }: { projectId: number; fiscalYear: FiscalYear; initial: string }) {
  const [text, setText] = useState(initial);
  const save = useMutation('fund.evaluation.save');
  const toast = useToast();
  const error = save.error?.error;
  const formRef = useRef<HTMLDivElement>(null);
  useFocusFirstError(formRef, save.error);
  const submit = async () => {
    const saved = await save.run({ projectId, fiscalYear, assessment: text });
    if (saved) {
      setText(saved.assessment);
      toast('事後評価を保存しました', 'success');
    }
  };
  return (
    <div ref={formRef} className="fund-evaluation__form">
      <Field label="評価" hint="事業の実施状況と指標の達成について" error={fieldError(error, 'assessment')}>
        {(p) => <textarea {...p} rows={6} value={text} onChange={(e) => setText(e.target.value)} />}
      </Field>
      <FormErrorNotice error={error} fields={['assessment']} />
      <div>
        <button type="button" className="button button--secondary" disabled={save.pending} onClick={submit}>
          評価を保存
        </button>
      </div>
    </div>
  );
}

export function EvaluationSection({
  projectId,
  fiscalYear,
  indicators,
}: {
  projectId: number;
  fiscalYear: FiscalYear;
  indicators: readonly FundIndicator[];
}) {
  const evaluation = useQuery('fund.evaluation.get', { projectId, fiscalYear });
  // The text is loaded once; later reloads (after any save on screen) leave what is being typed alone.
  const [loaded, setLoaded] = useState<string>();
  if (loaded === undefined && evaluation.data) setLoaded(evaluation.data.assessment);
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
          <AssessmentForm key={`${projectId}-${fiscalYear}`} projectId={projectId} fiscalYear={fiscalYear} initial={loaded} />
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
