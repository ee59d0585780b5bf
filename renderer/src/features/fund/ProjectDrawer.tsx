/**
 * A 基金 project's detail in a side drawer: number, name, 区分, 事業主体 (linked
 * to the 台帳's 医師会 or 市町村 where it is one), period, the national 個票's
 * fields (期間 as dates, 対象区域, 目標, ニーズ, 内容, 関連, 備考) and indicators; for a saved project also its money across 年度 and versions,
 * its spending and its 事後評価 in the chosen 年度.
 * Ctrl+S saves, Escape closes — neither over 事後評価 typing not saved nor over an 執行 typed but not
 * added (each has its own button): Ctrl+S then saves the project, stays under its name as saved and says
 * what is left to save. A new project saved while a version is shown joins that version with zero amounts,
 * ready to be filled in the year table.
 */
import { type FormEvent, useRef, useState } from 'react';
import { useApi, useMutation, useQuery } from '@renderer/api/hooks';
import { ConfirmDialog } from '@renderer/components/ConfirmDialog';
import { ConflictNotice, isVersionConflict } from '@renderer/components/ConflictNotice';
import { DateField } from '@renderer/components/DateField';
import { Drawer, DrawerFooter } from '@renderer/components/Drawer';
import { Field, FormErrorNotice, fieldError, useFocusFirstError } from '@renderer/components/Field';
import { FiscalYearSelect } from '@renderer/components/FiscalYearSelect';
import { Options } from '@renderer/components/Options';
import { useToast } from '@renderer/components/Toast';
import { type FundProject, type FundSide, OPERATOR_KIND_LABELS, OPERATOR_KINDS, type OperatorKind } from '@shared/contract/fund';
import type { IsoDate } from '@shared/dates';
import { type FiscalYear, fiscalYear } from '@shared/fiscal-year';
import { categoryHeading } from '@shared/fund/categories';
import { zeroLine } from './amountLine';
import { EvaluationSection } from './EvaluationSection';
import { type IndicatorDraft, IndicatorRows, indicatorDrafts, readIndicators } from './IndicatorRows';
import type { MoneyUnit } from './money';
import { ProjectHistory } from './ProjectHistory';
import { SpendingList } from './SpendingList';

interface Draft {
  number: string;
  name: string;
  categoryCode: string;
  operatorKind: OperatorKind;
  /** The free-text 事業主体名 (県, 民間); for a 医師会 or 市町村 the name comes from the 台帳. */
  operatorName: string;
  /** Select values: an association id or a municipality code, '' for none chosen. */
  associationId: string;
  municipalityCode: string;
  startFy: FiscalYear;
  /** '' = 継続 (no end). */
  endFy: string;
  content: string;
  goal: string;
  targetArea: string;
  needs: string;
  outcomeOutputLink: string;
  remarks: string;
  /** ISO dates, '' for none (the plan then prints its 年度). */
  periodStart: string;
  periodEnd: string;
}

type SheetText = 'goal' | 'targetArea' | 'needs' | 'outcomeOutputLink' | 'remarks';

function draftOf(project: FundProject | null, fy: FiscalYear): Draft {
  return {
    number: project?.number ?? '',
    name: project?.name ?? '',
    categoryCode: project?.categoryCode ?? '',
    operatorKind: project?.operatorKind ?? 'prefecture',
    operatorName: project?.operatorName ?? '',
    associationId: project?.associationId ? String(project.associationId) : '',
    municipalityCode: project?.municipalityCode ?? '',
    startFy: (project?.startFy as FiscalYear | undefined) ?? fy,
    endFy: project?.endFy ? String(project.endFy) : '',
    content: project?.content ?? '',
    goal: project?.goal ?? '',
    targetArea: project?.targetArea ?? '',
    needs: project?.needs ?? '',
    outcomeOutputLink: project?.outcomeOutputLink ?? '',
    remarks: project?.remarks ?? '',
    periodStart: project?.periodStart ?? '',
    periodEnd: project?.periodEnd ?? '',
  };
}

export function ProjectDrawer({
  project,
  side,
  fiscalYear: fy,
  versionId,
  unit,
  onClose,
}: {
  /** null for a new project. */
  project: FundProject | null;
  side: FundSide;
  fiscalYear: FiscalYear;
  /** The version on screen, which a new project joins. */
  versionId: number | undefined;
  unit: MoneyUnit;
  onClose(): void;
}) {
  const [draft, setDraft] = useState(() => draftOf(project, fy));
  // The project as last read or saved in this drawer (its version goes with the next save, its name heads the drawer):
  // a save that leaves the drawer open, or 再読み込み after a conflict, replaces it.
  const [shown, setShown] = useState(project);
  const { client } = useApi();
  const [indicators, setIndicators] = useState<IndicatorDraft[]>(() => indicatorDrafts(project?.indicators ?? []));
  const [indicatorProblem, setIndicatorProblem] = useState<Exclude<ReturnType<typeof readIndicators>, { indicators: unknown }>>();
  const [confirmDelete, setConfirmDelete] = useState(false);
  /** The 事後評価 below holds typing not saved (it has its own save button). */
  const [evaluationDirty, setEvaluationDirty] = useState(false);
  /** The 執行 form below holds an entry typed but not added (it has its own button). */
  const [spendingDirty, setSpendingDirty] = useState(false);
  const categories = useQuery('fund.categories.list', {});
  const associations = useQuery('masters.associations.list', {});
  const municipalities = useQuery('masters.municipalities.list', {});
  const areas = useQuery('masters.areas.list', { kind: 'secondary' });
  const save = useMutation('fund.projects.save');
  const addToVersion = useMutation('fund.amounts.save');
  const remove = useMutation('fund.projects.delete');
  const toast = useToast();
  const error = save.error?.error;
  const formRef = useRef<HTMLFormElement>(null);
  useFocusFirstError(formRef, indicatorProblem ?? save.error);
  const operatorName = (): string => {
    if (draft.operatorKind === 'association') return associations.data?.find((a) => String(a.id) === draft.associationId)?.name ?? '';
    if (draft.operatorKind === 'municipality') return municipalities.data?.find((m) => m.code === draft.municipalityCode)?.name ?? '';
    return draft.operatorName;
  };

  const submit = async (e?: FormEvent) => {
    e?.preventDefault();
    const read = readIndicators(indicators);
    if (!('indicators' in read)) {
      setIndicatorProblem(read);
      return;
    }
    setIndicatorProblem(undefined);
    const saved = await save.run({
      ...(project ? { id: project.id, version: shown?.version } : {}),
      side,
      number: draft.number,
      name: draft.name,
      categoryCode: draft.categoryCode,
      operatorKind: draft.operatorKind,
      operatorName: operatorName(),
      associationId: draft.operatorKind === 'association' && draft.associationId ? Number(draft.associationId) : null,
      municipalityCode: draft.operatorKind === 'municipality' && draft.municipalityCode ? draft.municipalityCode : null,
      startFy: draft.startFy,
      endFy: draft.endFy === '' ? null : fiscalYear(Number(draft.endFy)),
      content: draft.content,
      goal: draft.goal,
      targetArea: draft.targetArea,
      needs: draft.needs,
      outcomeOutputLink: draft.outcomeOutputLink,
      remarks: draft.remarks,
      periodStart: draft.periodStart === '' ? null : (draft.periodStart as IsoDate),
      periodEnd: draft.periodEnd === '' ? null : (draft.periodEnd as IsoDate),
      indicators: read.indicators,
    });
    if (!saved) return;
    const left = [
      evaluationDirty && '事後評価はまだ保存されていません。「事後評価を保存」を押して保存してください',
      spendingDirty && '入力中の執行はまだ追加されていません。「執行を追加」を押して追加してください',
    ].filter((said) => said !== false);
    if (project && left.length > 0) {
      // Closing would throw that typing away: the drawer stays, its next save naming the version just saved.
      setShown(saved);
      toast(`${saved.name}を保存しました。${left.join('。')}`, 'info');
      return;
    }
    if (!project && versionId !== undefined) {
      const added = await addToVersion.run({ versionId, lines: [zeroLine(saved.id)] });
      if (!added) {
        toast(`${saved.name}を保存しましたが、表示中の版に加えられませんでした: ${addToVersion.error?.message ?? ''}`, 'error');
        onClose();
        return;
      }
    }
    toast(
      !project && versionId !== undefined
        ? `${saved.name}を保存し、表示中の版に加えました。表で金額を入力してください`
        : `${saved.name}を保存しました`,
      'success',
    );
    onClose();
  };
  const doDelete = async () => {
    setConfirmDelete(false);
    if ((await remove.run({ id: project!.id, version: shown?.version ?? project!.version })) !== undefined) {
      toast(`${named!.name}を削除しました`, 'success');
      onClose();
    }
  };
  const set =
    (key: 'number' | 'name' | 'categoryCode' | 'operatorName' | 'associationId' | 'municipalityCode' | 'endFy' | 'content' | SheetText) =>
    (e: React.ChangeEvent<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>) =>
      setDraft({ ...draft, [key]: e.target.value });
  // A project deleted by another since (再読み込み found none) keeps the name it was opened with.
  const named = shown ?? project;
  const title = named ? `${named.number} ${named.name}` : '事業を追加';
  const operatorError = fieldError(error, 'operatorName') ?? fieldError(error, 'associationId') ?? fieldError(error, 'municipalityCode');

  return (
    <Drawer
      title={title}
      onClose={onClose}
      formId="fund-project-form"
      className="fund-drawer"
      sectionDirty={evaluationDirty}
      footer={
        <DrawerFooter
          formId="fund-project-form"
          onDelete={project ? () => setConfirmDelete(true) : undefined}
          onCancel={onClose}
          saving={save.pending || addToVersion.pending}
        />
      }
    >
      {remove.error && (
        <div className="notice notice--error" role="alert">
          {remove.error.message}
        </div>
      )}
      <form ref={formRef} id="fund-project-form" className="form-grid" onSubmit={submit} aria-label="事業">
        <Field label="事業番号" hint="例: Ⅱ-3" error={fieldError(error, 'number')}>
          {(p) => <input {...p} value={draft.number} onChange={set('number')} />}
        </Field>
        <Field label="区分" error={fieldError(error, 'categoryCode')}>
          {(p) => (
            <select {...p} value={draft.categoryCode} onChange={set('categoryCode')}>
              <option value="">（選んでください）</option>
              <Options items={categories.data} value={(c) => c.code} label={(c) => categoryHeading(c)} />
            </select>
          )}
        </Field>
        <div className="span-2">
          <Field label="事業名" error={fieldError(error, 'name')}>
            {(p) => <input {...p} value={draft.name} onChange={set('name')} />}
          </Field>
        </div>
        <Field label="事業主体の種類" error={fieldError(error, 'operatorKind')}>
          {(p) => (
            <select
              {...p}
              value={draft.operatorKind}
              onChange={(e) => setDraft({ ...draft, operatorKind: e.target.value as OperatorKind })}
            >
              {OPERATOR_KINDS.map((k) => (
                <option key={k} value={k}>
                  {OPERATOR_KIND_LABELS[k]}
                </option>
              ))}
            </select>
          )}
        </Field>
        {draft.operatorKind === 'association' ? (
          <Field label="医師会" hint="台帳の医師会から選びます" error={operatorError}>
            {(p) => (
              <select {...p} value={draft.associationId} onChange={set('associationId')}>
                <option value="">（選んでください）</option>
                <Options items={associations.data} value={(a) => a.id} label={(a) => a.name} />
              </select>
            )}
          </Field>
        ) : draft.operatorKind === 'municipality' ? (
          <Field label="市町村" hint="台帳の市町村から選びます" error={operatorError}>
            {(p) => (
              <select {...p} value={draft.municipalityCode} onChange={set('municipalityCode')}>
                <option value="">（選んでください）</option>
                <Options items={municipalities.data} value={(m) => m.code} label={(m) => m.name} />
              </select>
            )}
          </Field>
        ) : (
          <Field
            label="事業主体名"
            hint={draft.operatorKind === 'prefecture' ? '例: 県（医務課）。空欄でもかまいません' : '例: 〇〇病院'}
            error={operatorError}
          >
            {(p) => <input {...p} value={draft.operatorName} onChange={set('operatorName')} />}
          </Field>
        )}
        <Field label="開始年度" error={fieldError(error, 'startFy')}>
          {(p) => <FiscalYearSelect {...p} value={draft.startFy} onChange={(y) => setDraft({ ...draft, startFy: y })} />}
        </Field>
        <Field label="終了年度" hint="空欄は継続" error={fieldError(error, 'endFy')}>
          {(p) =>
            draft.endFy === '' ? (
              <select {...p} value="" onChange={(e) => setDraft({ ...draft, endFy: e.target.value === '' ? '' : String(draft.startFy) })}>
                <option value="">継続</option>
                <option value="set">年度を指定する</option>
              </select>
            ) : (
              <div className="fund-drawer__end">
                <FiscalYearSelect
                  {...p}
                  value={fiscalYear(Number(draft.endFy))}
                  onChange={(y) => setDraft({ ...draft, endFy: String(y) })}
                />
                <button
                  data-edit
                  type="button"
                  className="button button--secondary button--small"
                  onClick={() => setDraft({ ...draft, endFy: '' })}
                >
                  継続にする
                </button>
              </div>
            )
          }
        </Field>
        <Field label="事業の期間（開始日）" hint="空欄は計画の年度の4月1日" error={fieldError(error, 'periodStart')}>
          {(p) => <DateField {...p} value={draft.periodStart} onChange={(v) => setDraft({ ...draft, periodStart: v })} />}
        </Field>
        <Field label="事業の期間（終了日）" hint="空欄は計画の年度の3月31日" error={fieldError(error, 'periodEnd')}>
          {(p) => <DateField {...p} value={draft.periodEnd} onChange={(v) => setDraft({ ...draft, periodEnd: v })} />}
        </Field>
        <div className="span-2">
          <Field label="事業の対象となる区域" hint="例: 県全域、県央区域（二次医療圏の名前）" error={fieldError(error, 'targetArea')}>
            {(p) => <input {...p} list="fund-target-areas" value={draft.targetArea} onChange={set('targetArea')} />}
          </Field>
          <datalist id="fund-target-areas">
            <option value="県全域" />
            {areas.data?.map((a) => (
              <option key={a.id} value={`${a.name}区域`} />
            ))}
          </datalist>
        </div>
        <div className="span-2">
          <Field label="事業の目標" error={fieldError(error, 'goal')}>
            {(p) => <textarea {...p} rows={2} value={draft.goal} onChange={set('goal')} />}
          </Field>
        </div>
        <div className="span-2">
          <Field label="背景にある医療・介護ニーズ" error={fieldError(error, 'needs')}>
            {(p) => <textarea {...p} rows={2} value={draft.needs} onChange={set('needs')} />}
          </Field>
        </div>
        <div className="span-2">
          <Field label="事業の内容" error={fieldError(error, 'content')}>
            {(p) => <textarea {...p} rows={4} value={draft.content} onChange={set('content')} />}
          </Field>
        </div>
        <IndicatorRows drafts={indicators} onChange={setIndicators} error={error} localError={indicatorProblem} />
        <div className="span-2">
          <Field label="アウトカムとアウトプットの関連" error={fieldError(error, 'outcomeOutputLink')}>
            {(p) => <textarea {...p} rows={2} value={draft.outcomeOutputLink} onChange={set('outcomeOutputLink')} />}
          </Field>
        </div>
        <div className="span-2">
          <Field label="備考" error={fieldError(error, 'remarks')}>
            {(p) => <textarea {...p} rows={2} value={draft.remarks} onChange={set('remarks')} />}
          </Field>
        </div>
        <ConflictNotice
          error={error}
          className="span-2"
          unsaved={[`事業名: ${draft.name}`, `事業の内容: ${draft.content}`, `備考: ${draft.remarks}`].join('\n')}
          onReload={async () => {
            const fresh = (await client.call('fund.projects.list', { side })).find((p) => p.id === project?.id) ?? null;
            setShown(fresh);
            setDraft(draftOf(fresh, fy));
            setIndicators(indicatorDrafts(fresh?.indicators ?? []));
            save.reset();
          }}
        />
        <FormErrorNotice
          error={isVersionConflict(error) ? undefined : error}
          fields={[
            'indicators',
            'associationId',
            'categoryCode',
            'content',
            'endFy',
            'municipalityCode',
            'name',
            'number',
            'operatorKind',
            'operatorName',
            'startFy',
            'goal',
            'targetArea',
            'needs',
            'outcomeOutputLink',
            'remarks',
            'periodStart',
            'periodEnd',
          ]}
          className="span-2"
        />
      </form>
      {project && <ProjectHistory projectId={project.id} unit={unit} />}
      {project && <SpendingList side={side} fiscalYear={fy} projectId={project.id} onDirty={setSpendingDirty} />}
      {project && (
        <EvaluationSection projectId={project.id} fiscalYear={fy} indicators={(shown ?? project).indicators} onDirty={setEvaluationDirty} />
      )}
      {confirmDelete && named && (
        <ConfirmDialog
          title={`${named.name}を削除しますか？`}
          confirmLabel="削除する"
          danger
          onConfirm={doDelete}
          onCancel={() => setConfirmDelete(false)}
        >
          <p>すべての年度・版の金額も消えます。執行が記録されている事業は削除できません（先に執行を削除してください）。</p>
        </ConfirmDialog>
      )}
    </Drawer>
  );
}
