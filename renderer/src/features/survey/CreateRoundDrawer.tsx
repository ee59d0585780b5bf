/**
 * A new round of a survey: which survey (its newest version), the 年度 and
 * 基準日, an optional name, and the targets — every one of the survey's kind
 * in 台帳 to start with, any of them taken out by unticking.
 */
import { type FormEvent, useRef, useState } from 'react';
import { useMutation, useQuery } from '@renderer/api/hooks';
import { DateField } from '@renderer/components/DateField';
import { Drawer, DrawerFooter } from '@renderer/components/Drawer';
import { Field, FormErrorNotice, fieldError, useFocusFirstError } from '@renderer/components/Field';
import { currentFiscalYear, FiscalYearSelect } from '@renderer/components/FiscalYearSelect';
import { pathNow, useMover } from '@renderer/components/Navigation';
import { Options } from '@renderer/components/Options';
import { useToast } from '@renderer/components/Toast';
import type { SurveyDefinitionSummary } from '@shared/contract/survey';
import type { IsoDate } from '@shared/dates';
import { allowedDates, type FiscalYear, fiscalYearStart, formatFiscalYear, isInFiscalYear } from '@shared/fiscal-year';
import { formatNumber } from '@shared/format';
import { INSTITUTION_KIND_LABELS } from '@shared/masters/model';
import { SURVEY_TARGET_KIND_LABELS } from '@shared/survey/definition';
import { matchesSearch } from '@shared/text/normalize';
import { roundPath } from './labels';
import { withToggled } from './selection';
import { TargetName } from './TargetName';

const FORM_ID = 'survey-round-form';

export function CreateRoundDrawer({
  definitions,
  initialDefinitionId,
  onClose,
}: {
  definitions: SurveyDefinitionSummary[];
  initialDefinitionId: number;
  onClose(): void;
}) {
  const [definitionId, setDefinitionId] = useState(initialDefinitionId);
  const [fy, setFy] = useState<FiscalYear>(currentFiscalYear());
  const [referenceDate, setReferenceDate] = useState<string>(fiscalYearStart(currentFiscalYear()));
  const [title, setTitle] = useState('');
  const [excluded, setExcluded] = useState<Set<string>>(new Set());
  const [search, setSearch] = useState('');
  const detail = useQuery('survey.definitions.get', { id: definitionId });
  const def = detail.data?.id === definitionId ? detail.data.definition : undefined;
  const targets = useQuery('survey.targets.list', {
    targetKind: def?.targetKind ?? 'center',
    institutionKinds: def?.institutionKinds ?? [],
  });
  const all = def ? (targets.data ?? []) : [];
  const shown = all.filter((t) => matchesSearch(search, [t.name, t.municipalityName ?? '', t.code ?? '']));
  const chosen = all.filter((t) => !excluded.has(t.id));
  const create = useMutation('survey.rounds.create');
  const mover = useMover();
  const toast = useToast();
  const error = create.error?.error;
  const formRef = useRef<HTMLFormElement>(null);
  useFocusFirstError(formRef, create.error);
  const kind = def ? SURVEY_TARGET_KIND_LABELS[def.targetKind] : '対象';
  const kindDetail =
    def && def.institutionKinds.length > 0 ? `（${def.institutionKinds.map((k) => INSTITUTION_KIND_LABELS[k]).join('・')}）` : '';

  const chooseYear = (next: FiscalYear) => {
    setFy(next);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(referenceDate) || !isInFiscalYear(referenceDate as IsoDate, next))
      setReferenceDate(fiscalYearStart(next));
  };
  const setShown = (on: boolean) =>
    setExcluded((s) => {
      const next = new Set(s);
      for (const t of shown) {
        if (on) next.delete(t.id);
        else next.add(t.id);
      }
      return next;
    });

  const submit = async (e?: FormEvent) => {
    e?.preventDefault();
    const from = pathNow();
    const created = await create.run({
      definitionId,
      fiscalYear: fy,
      referenceDate,
      title,
      ...(excluded.size > 0 ? { targetIds: chosen.map((t) => t.id) } : {}),
    });
    if (created) {
      toast(`${formatFiscalYear(fy)}の回を作成しました（送り先 ${formatNumber(created.targets.length)} 件）`, 'success');
      mover.goIfStill(from, roundPath(created.id));
    }
  };

  return (
    <Drawer
      title="調査の回を作成"
      onClose={onClose}
      formId={FORM_ID}
      className="survey-round-drawer"
      footer={
        <DrawerFooter
          formId={FORM_ID}
          onCancel={onClose}
          saving={create.pending || chosen.length === 0}
          submitLabel="回を作成する"
          hint="Ctrl+S で作成"
        />
      }
    >
      <form ref={formRef} id={FORM_ID} className="form-grid" onSubmit={(e) => void submit(e)} aria-label="調査の回">
        <div className="span-2">
          <Field label="調査" hint="調査の最新の版で作成します" error={fieldError(error, 'definitionId')}>
            {(p) => (
              <select
                {...p}
                value={definitionId}
                onChange={(e) => {
                  setDefinitionId(Number(e.target.value));
                  setExcluded(new Set());
                }}
              >
                <Options items={definitions} value={(d) => d.id} label={(d) => `${d.name}（第${d.version}版）`} />
              </select>
            )}
          </Field>
        </div>
        <Field label="年度" hint="4月1日から翌年3月31日まで" error={fieldError(error, 'fiscalYear')}>
          {(p) => <FiscalYearSelect {...p} value={fy} onChange={chooseYear} />}
        </Field>
        <Field label="基準日" hint="年度の中の日。回答はこの日時点で記入してもらいます" error={fieldError(error, 'referenceDate')}>
          {(p) => (
            <DateField
              {...p}
              value={referenceDate}
              min={allowedDates(fy, 'surveyReference').from}
              max={allowedDates(fy, 'surveyReference').to}
              onChange={setReferenceDate}
            />
          )}
        </Field>
        <div className="span-2">
          <Field
            label="回の名前（任意）"
            hint={`空欄なら「${formatFiscalYear(fy)} ${def?.name ?? '調査名'}」と表示します`}
            error={fieldError(error, 'title')}
          >
            {(p) => <input {...p} value={title} maxLength={100} onChange={(e) => setTitle(e.target.value)} />}
          </Field>
        </div>
        <fieldset className="span-2 checklist survey-targets-pick" aria-describedby="survey-targets-count">
          <legend>
            送り先の{kind}
            {kindDetail}
          </legend>
          <div className="survey-targets-pick__head">
            <strong id="survey-targets-count" data-testid="survey-targets-count">
              {formatNumber(chosen.length)} / {formatNumber(all.length)} 件に送ります
            </strong>
            <span className="muted">台帳の{kind}すべてが最初から選ばれています。送らないものはチェックを外してください。</span>
          </div>
          <div className="toolbar survey-targets-pick__tools">
            <Field label="絞り込み" hint="名前・市町村（かな・半角どれでも）">
              {(p) => <input {...p} type="search" value={search} onChange={(e) => setSearch(e.target.value)} />}
            </Field>
            <button type="button" className="button button--secondary button--small" onClick={() => setShown(true)}>
              表示中をすべて選ぶ
            </button>
            <button type="button" className="button button--secondary button--small" onClick={() => setShown(false)}>
              表示中をすべて外す
            </button>
          </div>
          {targets.loading && all.length === 0 && <p className="muted">読み込み中…</p>}
          {def && !targets.loading && all.length === 0 && (
            <p className="notice">
              台帳に{kind}
              {kindDetail}がありません。先に台帳へ登録してください。
            </p>
          )}
          <ul className="plain-list survey-targets-pick__list">
            {shown.map((t) => (
              <li key={t.id}>
                <label className="check">
                  <input
                    type="checkbox"
                    checked={!excluded.has(t.id)}
                    onChange={(e) => setExcluded((s) => withToggled(s, t.id, !e.target.checked))}
                  />
                  <span>
                    <TargetName target={t} />
                  </span>
                </label>
              </li>
            ))}
          </ul>
          {fieldError(error, 'targetIds') && (
            <span className="field__error" role="alert">
              {fieldError(error, 'targetIds')}
            </span>
          )}
        </fieldset>
        <FormErrorNotice error={error} fields={['definitionId', 'fiscalYear', 'referenceDate', 'targetIds', 'title']} className="span-2" />
      </form>
    </Drawer>
  );
}
